"""The reporting schedule of seed 08: plan by 2月8日, each quarter's progress by the 20th of the
next quarter's first month, holidays handled by the rule the office chose."""

from datetime import date

import pytest

from gongkai.supervision.domain.schedule import RoundKind, ShiftRule, progress_due, schedule, shift


@pytest.mark.parametrize(("quarter", "due"), [
    (1, date(2024, 4, 20)), (2, date(2024, 7, 20)), (3, date(2024, 10, 20)), (4, date(2025, 1, 20)),
])
def test_progress_is_due_the_20th_of_the_next_quarters_first_month(quarter, due):
    assert progress_due(2024, quarter) == due


def test_a_quarter_outside_one_to_four_is_refused():
    with pytest.raises(ValueError, match="季度须为1至4"):
        progress_due(2024, 5)


def _weekdays(d: date) -> bool:
    return d.weekday() < 5


def test_a_saturday_due_date_moves_by_the_rule():
    saturday = date(2024, 4, 20)
    assert shift(saturday, ShiftRule.KEEP, _weekdays) == saturday
    assert shift(saturday, ShiftRule.NEXT_WORKDAY, _weekdays) == date(2024, 4, 22)
    assert shift(saturday, ShiftRule.PREVIOUS_WORKDAY, _weekdays) == date(2024, 4, 19)


def test_seed_08_schedule_has_the_plan_and_four_quarters():
    rounds = schedule(2024, plan_due=date(2024, 2, 8), rule=ShiftRule.NEXT_WORKDAY, is_workday=_weekdays)
    assert [r.kind for r in rounds] == [RoundKind.PLAN] + [RoundKind.PROGRESS] * 4
    assert rounds[0].due == date(2024, 2, 8) and rounds[0].label == "2024年办理方案"
    assert rounds[1].label == "2024年第一季度完成情况" and rounds[1].due == date(2024, 4, 22)
    assert rounds[-1].due == date(2025, 1, 20)


def test_the_first_reported_quarter_is_data():
    rounds = schedule(2024, plan_due=None, first_quarter=2)
    assert [r.quarter for r in rounds] == [2, 3, 4]
