"""时效性 as one rule table (documents/domain/validity.py)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.documents.domain.validity import (
    Event,
    ValidityError,
    in_force_on,
    transition,
    transition_allowed,
    validity_after,
)
from gongkai.documents.domain.vocab import RelationAction as A
from gongkai.documents.domain.vocab import Validity as V


@pytest.mark.parametrize(("current", "event", "expected"), [
    (V.NOT_YET, Event.TAKE_EFFECT, V.CURRENT),
    (V.CURRENT, Event.AMEND, V.AMENDED),
    (V.AMENDED, Event.AMEND, None),  # already 已被修改: nothing to move
    (V.CURRENT, Event.PARTLY_REPEAL, V.PARTLY_INVALID),
    (V.CURRENT, Event.INVALIDATE, V.INVALID),  # 宣布失效 → 失效
    (V.CURRENT, Event.REPEAL, V.REPEALED),  # 废止 → 废止, a different status
    (V.PARTLY_INVALID, Event.REPEAL, V.REPEALED),
    (V.CURRENT, Event.EXPIRE, V.INVALID),
    (V.REPEALED, Event.AMEND, None),  # final
    (V.INVALID, Event.REPEAL, None),
    (V.CURRENT, Event.TAKE_EFFECT, None),
])
def test_transition_table(current, event, expected):
    if expected is None:
        with pytest.raises(ValidityError):
            transition(current.value, event)
    else:
        assert transition(current.value, event) == expected


def test_a_manual_correction_may_leave_a_final_status():
    assert transition("废止", Event.CORRECT, to="现行有效") == V.CURRENT
    with pytest.raises(ValidityError, match="不在可选范围"):
        transition("废止", Event.CORRECT, to="有效")
    assert transition_allowed("废止", "现行有效", cause="manual")
    assert not transition_allowed("废止", "现行有效", cause="decision")


@pytest.mark.parametrize(("action", "expected"), [
    (A.AMEND, V.AMENDED), (A.PARTLY_REPEAL, V.PARTLY_INVALID), (A.INVALIDATE, V.INVALID),
    (A.REPEAL, V.REPEALED), (A.REPLACE, V.REPEALED), (A.CITE, None), (A.INTERPRET, None),
])
def test_what_a_decision_does_to_its_target(action, expected):
    assert validity_after(action) == expected


def test_in_force_on_reads_the_dated_events():
    events = [(date(2020, 1, 1), "已被修改"), (date(2023, 6, 1), "废止")]
    kw = {"initial": "现行有效", "published": date(2010, 3, 1)}
    assert in_force_on(events, date(2022, 1, 1), **kw) is True
    assert in_force_on(events, date(2023, 6, 1), **kw) is False
    assert in_force_on(events, date(2009, 1, 1), **kw) is False  # not yet published
    # imported as 废止 with no date: nobody knows since when
    assert in_force_on([], date(2022, 1, 1), initial="废止", published=date(2010, 3, 1)) is None
