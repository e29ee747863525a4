"""Audit actions recorded by 征求意见 and 决策预公开."""

from gongkai.core.audit import register_all

register_all([
    ("catalog_save", "编制重大行政决策事项目录"),
    ("catalog_publish", "公布重大行政决策事项目录"),
    ("decision_item_save", "登记或修改决策事项"),
    ("consultation_create", "登记征求意见"),
    ("consultation_update", "修改征求意见"),
    ("consultation_publish", "发布征求意见", {"inbox": True}),
    ("consultation_open", "开始征求意见"),
    ("consultation_close", "结束征求意见", {"inbox": True}),
    ("comment_submit", "提交意见"),
    ("comment_enter", "录入来信、传真、邮件意见"),
    ("comment_moderate", "审核意见"),
    ("view_save", "归纳主要观点"),
    ("view_decide", "作出采纳决定"),
    ("comment_assign", "意见归入主要观点"),
    ("feedback_publish", "公布意见反馈情况", {"inbox": True}),
    ("final_document_link", "关联正式决策文件"),
    ("hearing_announce", "发布听证公告"),
    ("hearing_register", "报名参加听证"),
    ("hearing_select", "确定听证参加人"),
    ("hearing_record", "公布听证笔录"),
])
