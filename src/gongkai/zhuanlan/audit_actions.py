"""Audit actions recorded by the 专栏 app."""

from gongkai.core.audit import register_all

register_all([
    ("column_contact_save", "修改单位联系方式"),
    ("column_guide_save", "修改政府信息公开指南"),
    ("column_guide_review", "审核政府信息公开指南"),
    ("column_rule_tag", "标记为政府信息公开制度"),
    ("column_rule_untag", "取消政府信息公开制度标记"),
    ("normative_register", "规范性文件统一登记"),
    ("normative_reregister", "规范性文件重新登记"),
    ("normative_file", "规范性文件备案"),
])
