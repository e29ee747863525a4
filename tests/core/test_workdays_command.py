"""`gongkai workdays …` and the calendar loaded from the office's CalendarDay/CalendarYear rows."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.calendar import work_calendar
from gongkai.core.models import CalendarDay, CalendarYear


def _run(*args: str) -> list[str]:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_add_prints_the_date_first_then_holidays_and_makeup_days():
    lines = _run("add", "2026-09-25", "20")
    assert lines[0] == "2026-10-29"
    assert "节假日 2026-10-01 国庆节（法定节假日）" in lines
    assert "调休上班 2026-10-10 国庆节（调休上班）" in lines


@pytest.mark.django_db
def test_between_prints_the_count_first():
    assert _run("between", "2026-09-25", "2026-10-29")[0] == "20"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026-12-20", "20"), "2027年的节假日安排尚未录入"),
        (("add", "2026-13-01", "3"), "start: “2026-13-01” 不是有效日期"),
        (("add", "2026-01-05", "-1"), "n: 工作日数不能为负"),
        (("between", "2026-01-05", "x"), "b: “x” 不是有效日期"),
    ],
)
def test_bad_input_is_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


@pytest.mark.django_db
def test_office_entered_year_is_used():
    CalendarYear.objects.create(year=2027, note="国办发明电〔2026〕X号")
    CalendarDay.objects.create(date=date(2027, 1, 1), is_workday=False, name="元旦")
    CalendarDay.objects.create(date=date(2027, 1, 9), is_workday=True, name="元旦调休")
    cal = work_calendar()
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.day_info(date(2027, 1, 9)).kind == "makeup_workday"
    assert _run("add", "2026-12-31", "1")[0] == "2027-01-04"
