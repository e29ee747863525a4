"""A deadline reaching into a year whose holidays nobody entered never blocks the work: the
due date is provisional (暂定) on weekends only, shown as such, and recomputed when the office
enters the year; the office is warned from 1 October."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.core.domain.workdays import WorkCalendar


def test_receiving_late_in_the_year_records_a_provisional_date_then_recomputes(
        client, handlers, file_request, django_capture_on_commit_callbacks):
    from gongkai.core.domain.holidays import HolidayEntry as CalendarEntry
    from gongkai.core.services import calendar_year_load
    from gongkai.disclosure_requests import services
    from gongkai.disclosure_requests.models import DisclosureRequest

    req = file_request(submitted=date(2026, 12, 18))
    req = services.request_receive(request=req, channel="online", actor=handlers["stats"],
                                   confirmed_on=date(2026, 12, 18))
    assert req.due_provisional and req.due_on == date(2027, 1, 15)
    client.force_login(handlers["stats"])
    assert "暂定" in client.get(f"/requests/manage/{req.pk}/").content.decode()
    assert "（暂定）" in client.get("/requests/manage/").content.decode()

    entries = [CalendarEntry(date(2027, 1, 1), False, "元旦")]
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_load(year=2027, entries=entries, note="国办发明电〔2026〕测试")
    req = DisclosureRequest.objects.get(pk=req.pk)
    assert not req.due_provisional and req.due_on == date(2027, 1, 18)


def test_the_office_is_warned_from_october(db):
    from gongkai.core.selectors import calendar_next_year_warning

    cal = WorkCalendar()
    assert calendar_next_year_warning(today=date(2026, 9, 30), calendar=cal) == ""
    warning = calendar_next_year_warning(today=date(2026, 10, 1), calendar=cal)
    assert "2027年节假日安排尚未录入" in warning and "暂定" in warning
    known = WorkCalendar(known_years=[2027])
    assert calendar_next_year_warning(today=date(2026, 10, 1), calendar=known) == ""
    assert timezone.localdate()  # the dashboard uses today's date


def test_the_warning_mail_goes_out_from_1_october(db, make_user, unit_tree, settings, monkeypatch):
    """From 1 October the office is mailed about next year's holidays although 1 January is more
    than CALENDAR_WARNING_DAYS away; the mail says deadlines are 暂定 meanwhile."""
    from datetime import date

    from django.core import mail
    from django.utils import timezone

    from gongkai.core import tasks
    from gongkai.core.calendar import work_calendar

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CALENDAR_WARNING_DAYS = 30
    office = make_user("warn_office", unit_tree["city"], "office")
    office.email = "office@example.cn"
    office.save()
    calendar = work_calendar()
    year = next(y for y in range(2026, 2100) if not _knows(calendar, date(y + 1, 1, 1)) and _knows(calendar, date(y, 10, 1)))
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(year, 10, 1))
    result = tasks.calendar_warning.__wrapped__(None, None) if hasattr(tasks.calendar_warning, "__wrapped__") \
        else tasks.calendar_warning(None, None)
    assert year + 1 in result["unknown_years"]
    assert len(mail.outbox) == 1 and "暂定" in mail.outbox[0].body


def _knows(calendar, d):
    from gongkai.core.errors import CalendarError

    try:
        calendar.day_info(d)
    except CalendarError:
        return False
    return True


def test_a_correction_period_reaching_into_an_unknown_year_does_not_block(file_request, handlers, cal):
    from datetime import date

    from gongkai.disclosure_requests import services as s

    req = file_request(submitted=date(2026, 12, 21))
    req = s.request_receive(request=req, channel="in_person", actor=handlers["stats"], calendar=cal)
    req = s.request_correction_send(request=req, sent_on=date(2026, 12, 23), text="请写明年份",
                                    actor=handlers["stats"], calendar=cal)
    assert req.correction_due_on == date(2027, 1, 13)  # 15 working days, weekends only (暂定)


def test_provisional_assist_and_fee_deadlines_are_recomputed_too(
        handlers, unit_tree, file_request, django_capture_on_commit_callbacks):
    """A 协办 asked and a fee notice sent in late December have 暂定 limits (2027 unknown); once
    2027 is entered they are recomputed like the answer due dates."""
    from gongkai.core.domain.holidays import HolidayEntry as CalendarEntry
    from gongkai.core.services import calendar_year_load
    from gongkai.disclosure_requests import services
    from gongkai.disclosure_requests.models import AssistTask, FeeNotice

    first = services.request_receive(request=file_request(submitted=date(2026, 12, 14)), channel="online",
                                     actor=handlers["stats"], confirmed_on=date(2026, 12, 14))
    task = services.request_assist_ask(request=first, unit=unit_tree["district"], question="是否同意公开？",
                                       asked_on=date(2026, 12, 21), actor=handlers["stats"])
    assert task.due_provisional and task.due_on == date(2027, 1, 11)  # weekends only
    second = services.request_receive(request=file_request(submitted=date(2026, 12, 15)), channel="online",
                                      actor=handlers["stats"], confirmed_on=date(2026, 12, 15))
    notice = services.request_fee_notice(request=second, mode="by_volume", count=60, sent_on=date(2026, 12, 21),
                                         payment_method="转账", actor=handlers["stats"])
    assert notice.pay_by_provisional
    entries = [CalendarEntry(date(2027, 1, 1), False, "元旦")]
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_load(year=2027, entries=entries, note="国办发明电〔2026〕测试")
    task, notice_after = AssistTask.objects.get(pk=task.pk), FeeNotice.objects.get(pk=notice.pk)
    assert not task.due_provisional and task.due_on == date(2027, 1, 12)  # 元旦 is not a working day
    assert not notice_after.pay_by_provisional and notice_after.pay_by == notice.pay_by + (date(2027, 1, 2) - date(2027, 1, 1))
