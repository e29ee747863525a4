"""The registry of audit actions: one entry per code, with its Chinese label and where it shows.

Modelled on Wagtail's ``LogActionRegistry``: every app registers the actions its services
record (in ``<app>/audit_actions.py``, loaded from its ``AppConfig.ready``), and the admin,
the workbench inbox and the public history read labels and flags from here instead of
re-listing the strings. ``core.services.audit_record`` refuses a code that is not registered,
so a typo fails in the first test that reaches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str  # Chinese, as the admin, history pages and the inbox show it
    public: bool = False  # shown in a document's public history (沿革 / 处理记录)
    inbox: bool = False  # shown in the workbench inbox (报送情况通知) of the unit


class AuditActionRegistry:
    def __init__(self) -> None:
        self._actions: dict[str, AuditAction] = {}

    def register(self, code: str, label: str, *, public: bool = False,
                 inbox: bool = False) -> AuditAction:
        code = str(code)
        action = AuditAction(code, label, public, inbox)
        known = self._actions.get(code)
        if known is not None and known != action:
            raise ValueError(f"audit action {code!r} registered twice with different meanings")
        self._actions[code] = action
        return action

    def __contains__(self, code: object) -> bool:
        return str(code) in self._actions

    def get(self, code: str) -> AuditAction | None:
        return self._actions.get(str(code))

    def label(self, code: str) -> str:
        action = self._actions.get(str(code))
        return action.label if action else f"其他操作（{code}）"

    def codes(self, *, public: bool | None = None, inbox: bool | None = None) -> list[str]:
        return [a.code for a in self._actions.values()
                if (public is None or a.public == public) and (inbox is None or a.inbox == inbox)]

    def choices(self) -> list[tuple[str, str]]:
        return sorted(((a.code, a.label) for a in self._actions.values()), key=lambda c: c[0])

    def __iter__(self):
        return iter(self._actions.values())


registry = AuditActionRegistry()


def register_all(entries: Iterable[tuple]) -> None:
    """Register (code, label[, {"public": …, "inbox": …}]) tuples."""
    for entry in entries:
        code, label, *rest = entry
        registry.register(code, label, **(rest[0] if rest else {}))


def action_label(code: str) -> str:
    return registry.label(code)
