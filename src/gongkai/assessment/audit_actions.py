"""Audit actions recorded by the assessment (考评)."""

from gongkai.core.audit import register_all

register_all([
    ("indicator_set_create", "新建指标体系"),
    ("indicator_set_update", "修改指标体系"),
    ("indicator_set_activate", "启用指标体系"),
    ("assessment_run", "运行考评"),
    ("assessment_manual_scores", "录入人工评分"),
    ("assessment_manual_import", "导入人工评分"),
    ("assessment_refresh", "重新计算考评"),
    ("assessment_publish", "发布考评通报"),
    ("assessment_delete", "删除考评草稿"),
    ("assessment_appeal_window", "开放考评申诉"),
    ("assessment_appeal_lodge", "提出考评申诉"),
    ("assessment_appeal_decide", "复核考评申诉"),
    ("assessment_rectification_open", "下达整改"),
    ("assessment_rectification_close", "报送整改情况"),
])

register_all([
    ("assessment_evidence_add", "上传评分依据材料"),
    ("assessment_evidence_remove", "删除评分依据材料"),
])
