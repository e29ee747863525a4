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


def calendar_gaps(*, days: int = 60, today=None) -> list[int]:
    """Years the calendar does not know among the next `days` days (empty when all known)."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.core.errors import CalendarError

    today = today or timezone.localdate()
    calendar = work_calendar()
    unknown: list[int] = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        if day.year in unknown:
            continue
        try:
            calendar.day_info(day)
        except CalendarError:
            unknown.append(day.year)
    return unknown


def calendar_warning_notify(years: list[int]) -> int:
    """Mail the administrators and the office that a year's 节假日安排 must be entered."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.db.models import Q

    from gongkai.core.models import User

    recipients = sorted({
        email for email in User.objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(groups__name="office")).exclude(email="").values_list(
            "email", flat=True)
    })
    if not recipients:
        return 0
    listed = "、".join(f"{y}年" for y in years)
    send_mail(
        f"请录入{listed}节假日安排",
        f"{listed}的节假日安排尚未录入（每年10月1日起提醒下一年度，未来 "
        f"{getattr(settings, 'CALENDAR_WARNING_DAYS', 60)} 天内的年份也会提醒）。"
        "平台尚不知道这些年份的节假日和调休安排，跨入这些年份的办理期限和时效只能暂按周末计算（标为“暂定”），"
        "录入后自动重新计算。\n"
        "请在国务院办公厅发布通知后，在“管理后台 → 节假日安排”录入，"
        "或运行 gongkai calendar load 通知.txt --year 年份。",
        None, recipients,
    )
    return len(recipients)
