from django import template

from gongkai.documents.domain.vocab import STATE_LABELS, State

register = template.Library()

ACTION_LABELS = {
    "document_create": "登记", "document_update": "修改", "document_submit": "报送",
    "review_return": "退回", "review_secrecy_pass": "保密审查通过", "review_approve": "审核批准",
    "document_publish": "发布", "document_publish_direct": "直接发布", "document_withhold": "不予公开",
    "document_withdraw": "撤回", "document_reopen": "重新办理",
}


@register.filter
def state_label(value: str) -> str:
    try:
        return STATE_LABELS[State(value)]
    except ValueError:
        return value or ""


@register.filter
def action_label(value: str) -> str:
    return ACTION_LABELS.get(value, value)
