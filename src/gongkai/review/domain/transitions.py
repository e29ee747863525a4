"""The submission and review state machine (DESIGN §3.2), as one table.

草稿 draft → 已报送 submitted → 保密审查通过 secrecy_cleared → 已审核 approved → 已发布 published.
Any reviewer step may return (退回) the document to draft with a reason; a returned draft is
submitted again with `submit` (the audit log shows it was a re-submission). 不予公开 documents
are registered with their legal ground (条例第十四、十五、十六条) and never published. A
published document can be withdrawn (撤回) with a reason; a withheld or withdrawn one can be
reopened (重新办理) to draft, e.g. when the ground for withholding lapses.

Posts follow 武政办〔2014〕180号: 综合管理 (submitter), 保密审查 (secrecy_reviewer), 审核批准
(approver, naming the 负责人), 信息发布 (publisher or the office); the old `reviewer` role holds
both review posts. The two-person rule keeps every forward step with a different person. The roles are core.domain.roles.Role values. Pure Python.
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
    RECALL = "recall"  # 撤回报送 (before review)
    RECONFIRM = "reconfirm"  # 复审维持不予公开


ACTION_LABELS: dict[Action, str] = {
    Action.SUBMIT: "报送",
    Action.RETURN: "退回",
    Action.SECRECY_PASS: "保密审查通过",
    Action.APPROVE: "审核批准",
    Action.PUBLISH: "发布",
    Action.WITHHOLD: "不予公开",
    Action.WITHDRAW: "撤回",
    Action.REOPEN: "重新办理",
    Action.RECALL: "撤回报送",
    Action.RECONFIRM: "复审维持不予公开",
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
    needs_responsible: bool = False  # 审核批准 names the approving 负责人


def _r(sources: Iterable[State], target: State, roles: Iterable[str], **kw: bool) -> Rule:
    return Rule(frozenset(sources), target, frozenset(roles), **kw)


# Who holds which post (武政办〔2014〕180号). `reviewer` is the first version's single review
# role and holds both review posts; the two-person rule still stops it acting twice in a row.
SECRECY_POST = frozenset({"secrecy_reviewer", "reviewer"})  # 保密审查
APPROVAL_POST = frozenset({"approver", "reviewer"})  # 审核批准
PUBLICATION_POST = frozenset({"publisher", "reviewer", "office"})  # 信息发布

RULES: dict[Action, Rule] = {
    Action.SUBMIT: _r({State.DRAFT}, State.SUBMITTED, {"submitter"}),
    # 撤回报送: the submitter takes back a submission before anyone has reviewed it.
    Action.RECALL: _r({State.SUBMITTED}, State.DRAFT, {"submitter"}),
    Action.RETURN: _r(REVIEWING, State.DRAFT, SECRECY_POST | APPROVAL_POST | {"publisher"},
                      needs_reason=True),
    Action.SECRECY_PASS: _r({State.SUBMITTED}, State.SECRECY_CLEARED, SECRECY_POST),
    Action.APPROVE: _r({State.SECRECY_CLEARED}, State.APPROVED, APPROVAL_POST,
                       needs_responsible=True),
    Action.PUBLISH: _r({State.APPROVED}, State.PUBLISHED, PUBLICATION_POST),
    # The 公开属性 is decided at registration: a document registered 不予公开 passes both
    # reviews like any other and is then recorded as withheld instead of published.
    Action.WITHHOLD: _r({State.APPROVED}, State.WITHHELD, PUBLICATION_POST, needs_ground=True),
    Action.WITHDRAW: _r({State.PUBLISHED}, State.WITHDRAWN, PUBLICATION_POST, needs_reason=True),
    Action.REOPEN: _r({State.WITHHELD, State.WITHDRAWN}, State.DRAFT, {"submitter", "office"},
                      needs_reason=True),
    # 条例 第十八条: 不予公开 decisions are reviewed periodically; 维持 keeps the decision.
    Action.RECONFIRM: _r({State.WITHHELD}, State.WITHHELD, APPROVAL_POST | {"office"},
                         needs_reason=True),
}

# The forward steps the two-person rule (两人分办) separates: nobody takes a step on a document
# whose previous step (the one that brought it to its current state) they took themselves.
GUARDED_ACTIONS = frozenset({Action.SECRECY_PASS, Action.APPROVE, Action.PUBLISH,
                             Action.WITHHOLD})


def two_person_conflict(*, action: str, actor_id: int | None,
                        previous_actor_id: int | None, previous_action: str = "") -> str | None:
    """Why `actor_id` may not take `action` under the two-person rule, or None.

    `previous_actor_id` is whoever took the step that brought the document to its current
    state (None for a machine submission or no record); `previous_action` is its label."""
    if Action(action) not in GUARDED_ACTIONS or actor_id is None or previous_actor_id is None:
        return None
    if actor_id != previous_actor_id:
        return None
    step = f"“{previous_action}”" if previous_action else "上一环节"
    return (f"同一人不能办理同一文件的相邻两个环节：您已办理{step}，"
            f"“{ACTION_LABELS[Action(action)]}”须由他人办理")


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
    responsible: str = "",
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
    if rule.needs_responsible and not (responsible or "").strip():
        raise ReviewError("审核批准须写明批准的负责人", code="responsible_required",
                          field="responsible")
    if act is Action.WITHHOLD and disclosure != Disclosure.WITHHELD.value:
        raise ReviewError(
            f"公开属性登记为“{disclosure}”，应予发布；如认为不应公开，请退回报送人修改公开属性",
            code="invalid_transition", field="disclosure")
    if act is Action.PUBLISH and disclosure == Disclosure.WITHHELD.value:
        raise ReviewError("公开属性为“不予公开”的文件不能发布", code="invalid_transition",
                          field="disclosure")
    return rule.target


def allowed_actions(*, state: str, roles: frozenset[str] | set[str],
                    disclosure: str = "") -> list[Action]:
    """The actions a holder of `roles` could take from `state` (for buttons). With the
    document's 公开属性 given, a 不予公开 document offers 不予公开 instead of 发布."""
    try:
        current = State(state)
    except ValueError:
        return []
    out = [a for a, rule in RULES.items() if current in rule.sources and rule.roles & set(roles)]
    if disclosure == Disclosure.WITHHELD.value:
        return [a for a in out if a is not Action.PUBLISH]
    if disclosure:
        return [a for a in out if a is not Action.WITHHOLD]
    return out
