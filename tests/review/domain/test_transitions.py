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
    Action.WITHHOLD: {A: W},
    Action.WITHDRAW: {P: X},
    Action.REOPEN: {W: D, X: D},
    Action.RECALL: {S: D},
    Action.RECONFIRM: {W: W},
}
ROLE_FOR = {Action.SUBMIT: "submitter", Action.REOPEN: "submitter", Action.RECALL: "submitter"}
ARGS = {"reason": "理由：附件缺失", "ground": "第十四条", "responsible": "王主任"}


def _args(action):
    # withholding applies to documents registered 不予公开 (the 公开属性 is set at registration)
    return {**ARGS, "disclosure": "不予公开"} if action == Action.WITHHOLD else ARGS


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_and_action(state, action):
    role = ROLE_FOR.get(action, "reviewer")
    expected = EXPECTED[action].get(state)
    if expected is None:
        with pytest.raises(ReviewError) as err:
            transition(state=state, action=action, roles={role}, **_args(action))
        assert err.value.code == "invalid_transition"
    else:
        assert transition(state=state, action=action, roles={role}, **_args(action)) == expected


def test_table_covers_every_action():
    assert set(EXPECTED) == set(RULES) == set(Action)


ROLES = ["submitter", "reviewer", "secrecy_reviewer", "approver", "publisher", "office",
         "evaluator", "admin"]
REVIEWERS = {"reviewer", "secrecy_reviewer", "approver", "publisher"}
WHO = {
    Action.SUBMIT: {"submitter"},
    Action.RETURN: REVIEWERS,
    Action.SECRECY_PASS: {"reviewer", "secrecy_reviewer"},
    Action.APPROVE: {"reviewer", "approver"},
    Action.PUBLISH: {"reviewer", "publisher", "office"},
    Action.WITHHOLD: {"reviewer", "publisher", "office"},
    Action.WITHDRAW: {"reviewer", "publisher", "office"},
    Action.REOPEN: {"submitter", "office"},
    Action.RECALL: {"submitter"},
    Action.RECONFIRM: {"reviewer", "approver", "office"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_who_may_do_each_action(role, action):
    source = next(iter(EXPECTED[action]))
    if role in WHO[action]:
        assert transition(state=source, action=action, roles={role}, **_args(action))
    else:
        with pytest.raises(AccessDenied) as err:
            transition(state=source, action=action, roles={role}, **_args(action))
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
        (Action.WITHHOLD, A, "reviewer", {"disclosure": "不予公开"}, "ground_required", "ground"),
        (Action.WITHHOLD, A, "reviewer", {"disclosure": "不予公开", "ground": "第十三条"},
         "ground_required", "ground"),
        # the 公开属性 is decided at registration: a 主动公开 document goes back to the unit
        (Action.WITHHOLD, A, "publisher", {"ground": "第十五条"}, "invalid_transition",
         "disclosure"),
        (Action.APPROVE, C, "approver", {"responsible": " "}, "responsible_required",
         "responsible"),
        (Action.RECONFIRM, W, "approver", {}, "reason_required", "reason"),
        (Action.PUBLISH, A, "reviewer", {"disclosure": "不予公开"}, "invalid_transition", "disclosure"),
        ("frobnicate", S, "reviewer", {}, "invalid_transition", "action"),
        (Action.APPROVE, "lost", "reviewer", {"responsible": "王主任"}, "invalid_transition",
         "state"),
    ],
)
def test_missing_reason_ground_or_bad_input_is_refused(action, state, role, kwargs, code, field):
    with pytest.raises(ReviewError) as err:
        transition(state=state, action=action, roles={role}, **kwargs)
    assert (err.value.code, err.value.field) == (code, field)


@pytest.mark.parametrize("ground", ["第十四条", "第十五条", "第十六条"])
def test_each_legal_ground_allows_withholding(ground):
    assert transition(state=A, action="withhold", roles={"publisher"}, ground=ground,
                      disclosure="不予公开") == W


def test_refusal_message_names_state_and_action():
    with pytest.raises(ReviewError, match="文件当前状态为“已发布”，不能执行“保密审查通过”"):
        transition(state=P, action="secrecy_pass", roles={"reviewer"})


@pytest.mark.parametrize(
    ("state", "roles", "actions"),
    [
        (D, {"submitter"}, [Action.SUBMIT]),
        (S, {"reviewer"}, [Action.RETURN, Action.SECRECY_PASS]),
        (S, {"secrecy_reviewer"}, [Action.RETURN, Action.SECRECY_PASS]),
        (S, {"approver"}, [Action.RETURN]),
        (C, {"approver"}, [Action.RETURN, Action.APPROVE]),
        (C, {"secrecy_reviewer"}, [Action.RETURN]),
        (A, {"reviewer", "office"}, [Action.RETURN, Action.PUBLISH]),
        (P, {"office"}, [Action.WITHDRAW]),
        (S, {"submitter"}, [Action.RECALL]),
        ("nonsense", {"reviewer"}, []),
    ],
)
def test_allowed_actions_for_buttons(state, roles, actions):
    assert allowed_actions(state=state, roles=roles, disclosure="主动公开") == actions


def test_a_document_registered_withheld_offers_withholding_not_publishing():
    assert allowed_actions(state=A, roles={"publisher"}, disclosure="不予公开") == [
        Action.RETURN, Action.WITHHOLD]


@pytest.mark.parametrize(
    ("action", "actor", "previous", "refused"),
    [
        (Action.SECRECY_PASS, 1, 1, True),  # submitted it, may not clear it
        (Action.APPROVE, 2, 2, True),
        (Action.PUBLISH, 3, 3, True),
        (Action.WITHHOLD, 3, 3, True),
        (Action.SECRECY_PASS, 2, 1, False),
        (Action.APPROVE, 1, 2, False),  # non-consecutive steps may share a person
        (Action.RETURN, 1, 1, False),  # sending back is never blocked
        (Action.SECRECY_PASS, 1, None, False),  # machine submission (API token)
    ],
)
def test_two_person_rule(action, actor, previous, refused):
    from gongkai.review.domain.transitions import two_person_conflict

    message = two_person_conflict(action=action, actor_id=actor, previous_actor_id=previous,
                                  previous_action="报送")
    assert (message is not None) is refused
    if refused:
        assert "同一人不能办理同一文件的相邻两个环节" in message and "“报送”" in message
