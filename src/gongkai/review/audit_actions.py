"""Audit actions recorded by the review app: the review steps, gap notes, API tokens."""

from gongkai.core.audit import register_all

register_all([
    ("document_submit", "报送", {"inbox": True}),
    ("review_return", "退回", {"inbox": True}),
    ("review_secrecy_pass", "保密审查通过", {"inbox": True}),
    ("review_approve", "审核批准", {"inbox": True}),
    ("document_publish", "发布", {"inbox": True, "public": True}),
    ("document_withhold", "不予公开", {"inbox": True}),
    ("document_withdraw", "撤回", {"inbox": True, "public": True}),
    ("document_reopen", "重新办理", {"inbox": True}),
    ("document_recall", "撤回报送", {"inbox": True}),
    ("withheld_reconfirm", "复审维持不予公开", {"inbox": True}),
    ("document_dates_explain", "填写日期说明"),
    ("document_draft_delete", "删除草稿"),
    ("attachment_add", "添加附件"),
    ("attachment_replace", "替换附件"),
    ("attachment_remove", "删除附件"),
    ("review_policy_set", "修改审核规则"),
    ("gap_note_create", "说明空号"),
    ("gap_note_update", "修改空号说明"),
    ("gap_notes_save", "批量说明空号"),
    ("api_token_create", "创建接口令牌"),
    ("api_token_revoke", "吊销接口令牌"),
])
