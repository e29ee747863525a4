"""Working days on China's official calendar (core.domain.workdays): pure, no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.domain.workdays import WorkCalendar
from gongkai.core.errors import CalendarError

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "is_workday", "kind", "name"),
    [
        (date(2026, 9, 24), True, "workday", ""),  # Thursday before 中秋
        (date(2026, 9, 25), False, "holiday", "中秋"),  # 中秋节 (Friday)
        (date(2026, 9, 27), False, "holiday", "中秋"),
        (date(2026, 9, 20), True, "makeup_workday", "国庆节"),  # Sunday worked for 国庆
        (date(2026, 10, 1), False, "holiday", "国庆节"),
        (date(2026, 10, 7), False, "holiday", "国庆节"),
        (date(2026, 10, 10), True, "makeup_workday", "国庆节"),  # Saturday worked
        (date(2026, 10, 11), False, "weekend", ""),
        (date(2026, 1, 1), False, "holiday", "元旦"),
        (date(2026, 1, 4), True, "makeup_workday", "元旦"),
        (date(2025, 12, 27), False, "weekend", ""),
    ],
)
def test_day_info_follows_the_official_2026_arrangement(day, is_workday, kind, name):
    info = CAL.day_info(day)
    assert (info.is_workday, info.kind, info.name) == (is_workday, kind, name)
    assert CAL.is_workday(day) is is_workday


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 2026 中秋 (9/25–27) + 国庆 (10/1–7), 调休 Saturday 10/10 counted.
        (date(2026, 9, 25), 20, date(2026, 10, 29)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 10, 9), 1, date(2026, 10, 10)),  # a make-up Saturday is a working day
        (date(2026, 9, 18), 5, date(2026, 9, 24)),  # Sunday 9/20 worked for 国庆
        # Year boundary: 元旦 2026 (1/1–3), 1/4 Sunday worked.
        (date(2025, 12, 25), 10, date(2026, 1, 9)),
        (date(2025, 12, 31), 1, date(2026, 1, 4)),
        # The day of receipt is not counted, even when it is a working day or a holiday.
        (date(2026, 11, 2), 1, date(2026, 11, 3)),
        (date(2026, 10, 1), 1, date(2026, 10, 8)),  # find_workday would say 10/9
        (date(2026, 11, 6), 1, date(2026, 11, 9)),  # Friday → Monday
        (date(2026, 11, 6), 0, date(2026, 11, 6)),
    ],
)
def test_add_workdays_counts_from_the_day_after_start(start, n, expected):
    assert CAL.add_workdays(start, n).date == expected


def test_add_workdays_lists_the_holidays_and_makeup_days_it_used():
    result = CAL.add_workdays(date(2026, 9, 25), 20)
    assert [d.date for d in result.holidays] == [
        date(2026, 9, 26), date(2026, 9, 27),
        *[date(2026, 10, day) for day in range(1, 8)],
    ]
    assert [d.date for d in result.makeup] == [date(2026, 10, 10)]
    assert [d.date for d in result.skipped if d.kind == "weekend"] == [
        date(2026, 10, 11), date(2026, 10, 17), date(2026, 10, 18),
        date(2026, 10, 24), date(2026, 10, 25),
    ]


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (date(2026, 9, 25), date(2026, 10, 29), 20),
        (date(2026, 9, 30), date(2026, 10, 8), 1),
        (date(2025, 12, 31), date(2026, 1, 4), 1),
        (date(2026, 11, 2), date(2026, 11, 2), 0),  # same day
        (date(2026, 11, 9), date(2026, 11, 2), 0),  # b before a
        (date(2026, 11, 2), date(2026, 11, 9), 5),
    ],
)
def test_workdays_between_counts_after_a_up_to_and_including_b(a, b, count):
    assert CAL.workdays_between(a, b).count == count


@given(
    start=st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30)),
    n=st.integers(min_value=0, max_value=60),
)
@settings(max_examples=60, deadline=None)
def test_add_and_between_agree(start, n):
    result = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, result.date).count == n
    if n:
        assert CAL.is_workday(result.date)
        assert CAL.workdays_between(start, result.date - timedelta(days=1)).count == n - 1


@pytest.mark.parametrize(
    "call",
    [
        lambda cal: cal.is_workday(date(2027, 1, 4)),
        lambda cal: cal.add_workdays(date(2026, 12, 20), 20),  # runs into 2027
        lambda cal: cal.workdays_between(date(2026, 12, 30), date(2027, 1, 5)),
    ],
)
def test_unknown_year_is_refused_not_guessed(call):
    with pytest.raises(CalendarError) as err:
        call(CAL)
    assert str(err.value) == ("2027年的节假日安排尚未录入，请在后台“节假日安排”中录入，"
                              "或用 gongkai calendar load 通知正文.txt --year 2027 读取国务院办公厅的通知后再计算")
    assert err.value.code == "calendar_unknown"


def _calendar_with_2027() -> WorkCalendar:
    # As the office would enter it (illustrative arrangement for 元旦 2027).
    return WorkCalendar(
        extra_holidays={date(2027, 1, 1): "元旦", date(2027, 1, 2): "元旦", date(2027, 1, 3): "元旦"},
        extra_workdays={date(2027, 1, 9): "元旦调休"},
        known_years=[2027],
    )


def test_office_entries_make_an_unknown_year_computable():
    cal = _calendar_with_2027()
    # 2026-12-25 (Fri) + 10: 12/28–31 (4), 1/4–8 (9), 1/9 Saturday worked (10).
    result = cal.add_workdays(date(2026, 12, 25), 10)
    assert result.date == date(2027, 1, 9)
    assert [d.date for d in result.holidays] == [date(2027, 1, d) for d in (1, 2, 3)]
    assert [(d.date, d.kind, d.name) for d in result.makeup] == [
        (date(2027, 1, 9), "makeup_workday", "元旦调休")
    ]
    assert cal.day_info(date(2027, 1, 16)).kind == "weekend"
    assert cal.day_info(date(2027, 3, 3)).kind == "workday"


def test_office_entries_do_not_make_other_unknown_years_computable():
    with pytest.raises(CalendarError, match="2028年"):
        _calendar_with_2027().is_workday(date(2028, 1, 3))


def test_office_entry_overrides_the_package_for_a_known_year():
    cal = WorkCalendar(extra_workdays={date(2026, 10, 7): "更正"})
    assert cal.is_workday(date(2026, 10, 7))
    assert not WorkCalendar().is_workday(date(2026, 10, 7))


def test_a_date_entered_both_as_holiday_and_workday_is_rejected():
    with pytest.raises(CalendarError, match="2027-01-01"):
        WorkCalendar(extra_holidays={date(2027, 1, 1): "元旦"}, extra_workdays={date(2027, 1, 1): "x"})


def test_calendar_is_immutable():
    with pytest.raises(AttributeError):
        CAL._known_years = frozenset({2030})


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        CAL.add_workdays(date(2026, 1, 5), -1)


@given(
    a=st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31)),
    span=st.integers(min_value=-5, max_value=800),
)
@settings(max_examples=60, deadline=None)
def test_count_workdays_matches_the_day_by_day_walk(a, span):
    b = min(a + timedelta(days=span), date(2026, 12, 31))
    assert CAL.count_workdays(a, b) == CAL.workdays_between(a, b).count


def test_count_workdays_refuses_an_unknown_year():
    with pytest.raises(CalendarError, match="2027年"):
        CAL.count_workdays(date(2026, 12, 30), date(2027, 1, 5))
