"""The Django side of the working-day calendar: the office's CalendarDay / CalendarYear rows
loaded into the pure `WorkCalendar` (core.domain.workdays).

Not cached at module level: several processes serve the site and the office may enter a
year's holidays at any time, so build it per request / per command (two small queries).
"""

from __future__ import annotations

from gongkai.core.domain.workdays import WorkCalendar
from gongkai.core.models import CalendarDay, CalendarYear


def work_calendar() -> WorkCalendar:
    """China's working-day calendar with the office's entries (节假日安排) on top."""
    holidays: dict = {}
    workdays: dict = {}
    for day in CalendarDay.objects.only("date", "is_workday", "name"):
        if day.is_workday:
            workdays[day.date] = day.name or "调休上班"
        else:
            holidays[day.date] = day.name or "节假日"
    years = CalendarYear.objects.values_list("year", flat=True)
    return WorkCalendar(extra_holidays=holidays, extra_workdays=workdays, known_years=list(years))
