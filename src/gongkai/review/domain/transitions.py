"""The submission and review state machine (DESIGN §3.2), as one table.

草稿 draft → 已报送 submitted → 保密审查通过 secrecy_cleared → 已审核 approved → 已发布 published.
Any reviewer step may return (退回) the document to draft with a reason; a returned draft is
submitted again with `submit` (the audit log shows it was a re-submission). 不予公开 documents
are registered with their legal ground (条例第十四、十五、十六条) and never published. A
published document can be withdrawn (撤回) with a reason; a withheld or withdrawn one can be
reopened (重新办理) to draft, e.g. when the ground for withholding lapses.

Posts follow 武政办〔2014〕180号: 综合管理 (submitter), 保密审查 and 审核批准 (reviewer),
信息发布 (reviewer or the office). The roles are core.domain.roles.Role values. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.domain.errors import AccessDenied
from gongkai.documents.domain.vocab import STATE_LABELS, Disclosure, State
from gongkai.review.errors import ReviewError


class Action(StrEnum):
    SUBMIT = "submit"  # 报送
    RETURN = "return"  # 退回
    SECRECY_PASS = "secrecy_pass"  # 保密审查通过
    APPROVE = "approve"  # 审核批准
    PUBLISH = "publish"  # 发布
    WITHHOLD = "withhold"  # 不予公开
    WITHDRAW = "withdraw"  # 撤回
    REOPEN = "reopen"  # 重新办理


ACTION_LABELS: dict[Action, str] = {
    Action.SUBMIT: "报送",
    Action.RETURN: "退回",
    Action.SECRECY_PASS: "保密审查通过",
    Action.APPROVE: "审核批准",
    Action.PUBLISH: "发布",
    Action.WITHHOLD: "不予公开",
    Action.WITHDRAW: "撤回",
    Action.REOPEN: "重新办理",
}


class LegalGround(StrEnum):
    """Grounds for 不予公开 in the 条例 (2019)."""

    ART14 = "第十四条"  # 国家秘密, 法律法规禁止公开, 危及国家安全/公共安全/经济安全/社会稳定
    ART15 = "第十五条"  # 商业秘密, 个人隐私 (unless the third party agrees / public interest)
    ART16 = "第十六条"  # 内部事务信息, 过程性信息, 行政执法案卷


LEGAL_GROUND_LABELS: dict[LegalGround, str] = {
    LegalGround.ART14: "条例第十四条（国家秘密、法律法规禁止公开、危及“三安全一稳定”）",
    LegalGround.ART15: "条例第十五条（商业秘密、个人隐私）",
    LegalGround.ART16: "条例第十六条（内部事务信息、过程性信息、行政执法案卷）",
}

REVIEWING = frozenset({State.SUBMITTED, State.SECRECY_CLEARED, State.APPROVED})


@dataclass(frozen=True)
class Rule:
    sources: frozenset[State]
    target: State
    roles: frozenset[str]
    needs_reason: bool = False
    needs_ground: bool = False


def _r(sources: Iterable[State], target: State, roles: Iterable[str], **kw: bool) -> Rule:
    return Rule(frozenset(sources), target, frozenset(roles), **kw)


RULES: dict[Action, Rule] = {
    Action.SUBMIT: _r({State.DRAFT}, State.SUBMITTED, {"submitter"}),
    Action.RETURN: _r(REVIEWING, State.DRAFT, {"reviewer"}, needs_reason=True),
    Action.SECRECY_PASS: _r({State.SUBMITTED}, State.SECRECY_CLEARED, {"reviewer"}),
    Action.APPROVE: _r({State.SECRECY_CLEARED}, State.APPROVED, {"reviewer"}),
    Action.PUBLISH: _r({State.APPROVED}, State.PUBLISHED, {"reviewer", "office"}),
    Action.WITHHOLD: _r(REVIEWING, State.WITHHELD, {"reviewer"}, needs_reason=True,
                        needs_ground=True),
    Action.WITHDRAW: _r({State.PUBLISHED}, State.WITHDRAWN, {"reviewer", "office"},
                        needs_reason=True),
    Action.REOPEN: _r({State.WITHHELD, State.WITHDRAWN}, State.DRAFT, {"submitter", "office"},
                      needs_reason=True),
}

# Metadata may be edited only while the unit holds the document.
EDITABLE_STATES = frozenset({State.DRAFT})


def transition(
    *,
    state: str,
    action: str,
    roles: frozenset[str] | set[str],
    reason: str = "",
    ground: str = "",
    disclosure: str = Disclosure.PROACTIVE.value,
) -> State:
    """The state after `action`, or ReviewError saying why not.

    Checks in order: the action exists, the role may take it, the state allows it, the
    reason / legal ground it needs are given, and a 不予公开 document is never published.
    """
    try:
        act = Action(action)
    except ValueError:
        raise ReviewError(f"未知操作 “{action}”", code="invalid_transition", field="action") from None
    rule = RULES[act]
    label = ACTION_LABELS[act]
    if not (rule.roles & set(roles)):
        raise AccessDenied(f"您的角色不能执行“{label}”")
    try:
        current = State(state)
    except ValueError:
        raise ReviewError(f"未知状态 “{state}”", code="invalid_transition", field="state") from None
    if current not in rule.sources:
        raise ReviewError(
            f"文件当前状态为“{STATE_LABELS[current]}”，不能执行“{label}”",
            code="invalid_transition",
        )
    if rule.needs_reason and not (reason or "").strip():
        raise ReviewError(f"“{label}”须填写理由", code="reason_required", field="reason")
    if rule.needs_ground:
        try:
            LegalGround(ground)
        except ValueError:
            raise ReviewError(
                "不予公开须选择法律依据（条例第十四条、第十五条或第十六条）",
                code="ground_required", field="ground",
            ) from None
    if act is Action.PUBLISH and disclosure == Disclosure.WITHHELD.value:
        raise ReviewError("公开属性为“不予公开”的文件不能发布", code="invalid_transition",
                          field="disclosure")
    return rule.target


def allowed_actions(*, state: str, roles: frozenset[str] | set[str]) -> list[Action]:
    """The actions a holder of `roles` could take from `state` (for buttons)."""
    try:
        current = State(state)
    except ValueError:
        return []
    return [a for a, rule in RULES.items() if current in rule.sources and rule.roles & set(roles)]
