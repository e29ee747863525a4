from django import template

from gongkai.core.audit import registry as audit_registry
from gongkai.documents.domain.vocab import STATE_LABELS, State

register = template.Library()



@register.filter
def state_label(value: str) -> str:
    try:
        return STATE_LABELS[State(value)]
    except ValueError:
        return value or ""


@register.filter
def action_label(value: str) -> str:
    return audit_registry.label(value)
