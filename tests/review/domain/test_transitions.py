"""The review state machine: every state × every action, as one table."""

from __future__ import annotations

import pytest

from gongkai.core.domain.errors import AccessDenied
from gongkai.documents.domain.vocab import State
from gongkai.review.domain.transitions import (
    RULES,
    Action,
    allowed_actions,
    transition,
)
from gongkai.review.errors import ReviewError

D, S, C, A, P, W, X = (State.DRAFT, State.SUBMITTED, State.SECRECY_CLEARED, State.APPROVED,
                       State.PUBLISHED, State.WITHHELD, State.WITHDRAWN)

# action → {from state: to state}; every pair not listed is refused.
EXPECTED: dict[Action, dict[State, State]] = {
    Action.SUBMIT: {D: S},
    Action.RETURN: {S: D, C: D, A: D},
    Action.SECRECY_PASS: {S: C},
    Action.APPROVE: {C: A},
    Action.PUBLISH: {A: P},
    Action.WITHHOLD: {S: W, C: W, A: W},
    Action.WITHDRAW: {P: X},
    Action.REOPEN: {W: D, X: D},
}
ROLE_FOR = {Action.SUBMIT: "submitter", Action.REOPEN: "submitter"}
ARGS = {"reason": "理由：附件缺失", "ground": "第十四条"}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_and_action(state, action):
    role = ROLE_FOR.get(action, "reviewer")
    expected = EXPECTED[action].get(state)
    if expected is None:
        with pytest.raises(ReviewError) as err:
            transition(state=state, action=action, roles={role}, **ARGS)
        assert err.value.code == "invalid_transition"
    else:
        assert transition(state=state, action=action, roles={role}, **ARGS) == expected


def test_table_covers_every_action():
    assert set(EXPECTED) == set(RULES) == set(Action)


ROLES = ["submitter", "reviewer", "office", "evaluator", "admin"]
WHO = {
    Action.SUBMIT: {"submitter"},
    Action.RETURN: {"reviewer"},
    Action.SECRECY_PASS: {"reviewer"},
    Action.APPROVE: {"reviewer"},
    Action.PUBLISH: {"reviewer", "office"},
    Action.WITHHOLD: {"reviewer"},
    Action.WITHDRAW: {"reviewer", "office"},
    Action.REOPEN: {"submitter", "office"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_who_may_do_each_action(role, action):
    source = next(iter(EXPECTED[action]))
    if role in WHO[action]:
        assert transition(state=source, action=action, roles={role}, **ARGS)
    else:
        with pytest.raises(AccessDenied) as err:
            transition(state=source, action=action, roles={role}, **ARGS)
        assert err.value.code == "forbidden"


def test_no_roles_may_do_nothing():
    with pytest.raises(AccessDenied, match="您的角色不能执行“报送”"):
        transition(state="draft", action="submit", roles=set())


@pytest.mark.parametrize(
    ("action", "state", "role", "kwargs", "code", "field"),
    [
        (Action.RETURN, S, "reviewer", {"reason": "  "}, "reason_required", "reason"),
        (Action.WITHDRAW, P, "office", {}, "reason_required", "reason"),
        (Action.REOPEN, W, "submitter", {"reason": ""}, "reason_required", "reason"),
        (Action.WITHHOLD, S, "reviewer", {"reason": "涉及国家秘密"}, "ground_required", "ground"),
        (Action.WITHHOLD, S, "reviewer", {"reason": "涉及国家秘密", "ground": "第十三条"},
         "ground_required", "ground"),
        (Action.WITHHOLD, S, "reviewer", {"ground": "第十五条"}, "reason_required", "reason"),
        (Action.PUBLISH, A, "reviewer", {"disclosure": "不予公开"}, "invalid_transition", "disclosure"),
        ("frobnicate", S, "reviewer", {}, "invalid_transition", "action"),
        (Action.APPROVE, "lost", "reviewer", {}, "invalid_transition", "state"),
    ],
)
def test_missing_reason_ground_or_bad_input_is_refused(action, state, role, kwargs, code, field):
    with pytest.raises(ReviewError) as err:
        transition(state=state, action=action, roles={role}, **kwargs)
    assert (err.value.code, err.value.field) == (code, field)


@pytest.mark.parametrize("ground", ["第十四条", "第十五条", "第十六条"])
def test_each_legal_ground_allows_withholding(ground):
    assert transition(state=C, action="withhold", roles={"reviewer"}, reason="涉密",
                      ground=ground) == W


def test_refusal_message_names_state_and_action():
    with pytest.raises(ReviewError, match="文件当前状态为“已发布”，不能执行“保密审查通过”"):
        transition(state=P, action="secrecy_pass", roles={"reviewer"})


@pytest.mark.parametrize(
    ("state", "roles", "actions"),
    [
        (D, {"submitter"}, [Action.SUBMIT]),
        (S, {"reviewer"}, [Action.RETURN, Action.SECRECY_PASS, Action.WITHHOLD]),
        (A, {"reviewer", "office"}, [Action.RETURN, Action.PUBLISH, Action.WITHHOLD]),
        (P, {"office"}, [Action.WITHDRAW]),
        (S, {"submitter"}, []),
        ("nonsense", {"reviewer"}, []),
    ],
)
def test_allowed_actions_for_buttons(state, roles, actions):
    assert allowed_actions(state=state, roles=roles) == actions
