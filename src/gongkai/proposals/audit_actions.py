"""Audit actions recorded by 建议提案办理 (proposals)."""

from gongkai.core.audit import register_all

register_all([
    ("proposal_register", "登记建议提案"),
    ("proposal_extend", "建议提案延期办理"),
    ("proposal_co_opinion", "报送会办意见"),
    ("proposal_reply", "答复建议提案"),
    ("proposal_feedback", "登记代表委员反馈"),
    ("proposal_reply_publish", "公开建议提案答复全文"),
    ("proposal_summary_publish", "公开建议提案办理情况"),
])
