"""The pure deadline model (条例 第三十条至第三十四条) on the real 2025–2026 calendar."""

from datetime import date, timedelta

import pytest

from gongkai.core.domain.workdays import WorkCalendar
from gongkai.core.errors import CalendarError
from gongkai.disclosure_requests.domain.deadline import (
    Channel,
    Pause,
    PauseKind,
    Timeline,
    correction_due,
    correction_notice_limit,
    receipt_date,
    reckon,
)
from gongkai.disclosure_requests.domain.errors import DeadlineError

D = date.fromisoformat


@pytest.mark.parametrize(
    "received, extend, expected, skipped_names, makeup",
    [
        # ordinary month: 20 working days, weekends only
        ("2026-03-02", 0, "2026-03-30", set(), []),
        # received on the Mid-Autumn holiday; 中秋 + 国庆 skipped, 10-10 (Saturday) is worked
        ("2026-09-25", 0, "2026-10-29", {"中秋", "国庆节"}, ["2026-10-10"]),
        # the same with the one extension of 20 working days
        ("2026-09-25", 20, "2026-11-26", {"中秋", "国庆节"}, ["2026-10-10"]),
        # received the day before the 调休 Sunday 2026-09-20, which counts
        ("2026-09-19", 0, "2026-10-22", {"中秋", "国庆节"}, ["2026-09-20", "2026-10-10"]),
        # year boundary: 元旦 2026-01-01..03 skipped, Sunday 2026-01-04 worked
        ("2025-12-15", 0, "2026-01-13", {"元旦"}, ["2026-01-04"]),
        # Spring Festival 2026: nine days off, two Saturdays worked
        ("2026-02-10", 0, "2026-03-16", {"春节"}, ["2026-02-14", "2026-02-28"]),
        # a shorter extension
        ("2026-03-02", 5, "2026-04-07", {"清明"}, []),
    ],
)
def test_answer_deadline_counts_working_days_after_receipt(cal, received, extend, expected, skipped_names, makeup):
    result = reckon(Timeline(D(received), extension_days=extend), cal)
    assert result.due == D(expected)
    names = {d.name for s in result.steps for d in s.skipped}
    assert names == skipped_names
    assert [d.date.isoformat() for s in result.steps for d in s.makeup] == makeup
    assert result.steps[0].article == "第三十一条"
    assert any(s.article == "第三十三条第一款" for s in result.steps)
    assert any(s.article == "第三十三条第二款" for s in result.steps) == bool(extend)


def test_deadline_agrees_with_work_calendar_every_day_of_2026(cal):
    """No pause, no correction: the due date is WorkCalendar.add_workdays(received, 20)."""
    day = D("2025-12-01")
    while day <= D("2026-11-30"):
        assert reckon(Timeline(day), cal).due == cal.add_workdays(day, 20).date, day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    "sent, corrected, expected",
    [
        # notice on the 5th working day (the 调休 Sunday 09-20 counts), corrected 09-30
        ("2026-09-24", "2026-09-30", "2026-11-03"),
        # notice on the last allowed day, the 7th working day
        ("2026-09-29", "2026-10-09", "2026-11-05"),
        # notice the day of receipt
        ("2026-09-18", "2026-09-18", "2026-10-22"),
    ],
)
def test_correction_restarts_the_clock_from_the_corrected_request(cal, sent, corrected, expected):
    result = reckon(Timeline(D("2026-09-18"), correction_sent=D(sent), correction_received=D(corrected)), cal)
    assert result.due == D(expected)
    assert result.clock_start == D(corrected)
    assert [s.kind for s in result.steps][:3] == ["receipt", "correction_notice", "correction_received"]


def test_correction_notice_after_seven_working_days_is_refused(cal):
    assert correction_notice_limit(cal, D("2026-09-18")) == D("2026-09-29")
    with pytest.raises(DeadlineError, match="第三十条.*最迟 2026-09-29") as exc:
        reckon(Timeline(D("2026-09-18"), correction_sent=D("2026-09-30")), cal)
    assert exc.value.field == "correction_sent"


def test_correction_limit_across_national_day(cal):
    # 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13
    assert correction_notice_limit(cal, D("2026-09-28")) == D("2026-10-13")


def test_awaiting_correction_stops_the_clock(cal):
    result = reckon(Timeline(D("2026-03-02"), correction_sent=D("2026-03-04")), cal)
    assert result.due is None and result.stopped
    assert result.steps[-1].kind == "awaiting_correction"


def test_correction_period_for_the_applicant(cal):
    assert correction_due(cal, D("2026-09-24"), 15) == D("2026-10-22")
    with pytest.raises(DeadlineError):
        correction_due(cal, D("2026-09-24"), 0)


@pytest.mark.parametrize(
    "pauses, expected, paused_days",
    [
        # a whole working week consulting a third party: five days more
        ([("2026-03-09", "2026-03-13")], "2026-04-07", 5),
        # a pause over a weekend only: nothing changes
        ([("2026-03-07", "2026-03-08")], "2026-03-30", 0),
        # FROM..TO inclusive: a single working day
        ([("2026-03-10", "2026-03-10")], "2026-03-31", 1),
        # two pauses (third party, then co-handling)
        ([("2026-03-09", "2026-03-10"), ("2026-03-16", "2026-03-18")], "2026-04-07", 5),
        # overlapping pauses do not count a day twice
        ([("2026-03-09", "2026-03-11"), ("2026-03-10", "2026-03-13")], "2026-04-07", 5),
    ],
)
def test_pauses_do_not_count(cal, pauses, expected, paused_days):
    kinds = [PauseKind.THIRD_PARTY, PauseKind.CO_HANDLING]
    timeline = Timeline(
        D("2026-03-02"),
        pauses=tuple(Pause(D(a), D(b), kinds[i % 2]) for i, (a, b) in enumerate(pauses)),
    )
    result = reckon(timeline, cal)
    assert result.due == D(expected)
    period = next(s for s in result.steps if s.kind == "answer_period")
    assert len(period.paused) == paused_days
    assert {s.article for s in result.steps if s.kind == "pause"} <= {"第三十二条", "第三十四条"}


def test_open_pause_leaves_the_due_date_open(cal):
    result = reckon(Timeline(D("2026-03-02"), pauses=(Pause(D("2026-03-09"), None),)), cal)
    assert result.due is None
    assert "尚未恢复" in result.steps[-1].text


def test_pause_during_the_extension_moves_it_too(cal):
    plain = reckon(Timeline(D("2026-03-02"), extension_days=10), cal)
    paused = reckon(Timeline(D("2026-03-02"), extension_days=10,
                             pauses=(Pause(D("2026-04-01"), D("2026-04-02")),)), cal)
    assert plain.due == D("2026-04-14")
    assert paused.due == D("2026-04-16")


@pytest.mark.parametrize(
    "timeline, field",
    [
        (Timeline(D("2026-03-02"), extension_days=21), "extend"),
        (Timeline(D("2026-03-02"), extension_days=-1), "extend"),
        (Timeline(D("2026-03-02"), correction_received=D("2026-03-05")), "correction_sent"),
        (Timeline(D("2026-03-02"), correction_sent=D("2026-03-01")), "correction_sent"),
        (Timeline(D("2026-03-02"), correction_sent=D("2026-03-04"), correction_received=D("2026-03-03")),
         "correction_received"),
        (Timeline(D("2026-03-02"), pauses=(Pause(D("2026-03-10"), D("2026-03-09")),)), "pause"),
        (Timeline(D("2026-03-02"), pauses=(Pause(D("2026-03-01"), D("2026-03-09")),)), "pause"),
        # extension decided after the 20 days ran out (base due 2026-03-30)
        (Timeline(D("2026-03-02"), extension_days=5, extension_decided=D("2026-03-31")), "extend"),
    ],
)
def test_impossible_timelines_name_the_field(cal, timeline, field):
    with pytest.raises(DeadlineError) as exc:
        reckon(timeline, cal)
    assert exc.value.field == field


def test_unknown_year_refuses_and_office_entries_fix_it():
    with pytest.raises(CalendarError, match="2027年的节假日安排尚未录入"):
        reckon(Timeline(D("2026-12-20")), WorkCalendar())
    office = WorkCalendar(extra_holidays={D("2027-01-01"): "元旦"}, known_years=[2027])
    # 12-21..12-31 (9 working days), 01-01 holiday, 01-04..01-15 (10), 01-18 → 20th
    assert reckon(Timeline(D("2026-12-20")), office).due == D("2027-01-18")


@pytest.mark.parametrize(
    "channel, kwargs, expected",
    [
        (Channel.IN_PERSON, {"submitted_on": D("2026-03-02")}, "2026-03-02"),
        (Channel.REGISTERED_MAIL, {"submitted_on": D("2026-03-02"), "signed_on": D("2026-03-05")}, "2026-03-05"),
        (Channel.ORDINARY_MAIL, {"confirmed_on": D("2026-03-06")}, "2026-03-06"),
        (Channel.ONLINE, {"submitted_on": D("2026-03-01"), "confirmed_on": D("2026-03-02")}, "2026-03-02"),
        (Channel.FAX, {"confirmed_on": D("2026-03-03")}, "2026-03-03"),
    ],
)
def test_receipt_date_by_channel(channel, kwargs, expected):
    assert receipt_date(channel, **kwargs) == D(expected)


@pytest.mark.parametrize(
    "channel, kwargs, field, says",
    [
        (Channel.IN_PERSON, {}, "submitted_on", "第三十一条：当面提交的"),
        (Channel.REGISTERED_MAIL, {"submitted_on": D("2026-03-02")}, "signed_on", "第三十一条：以邮寄方式"),
        (Channel.ONLINE, {"submitted_on": D("2026-03-02")}, "confirmed_on", "第三十一条：以平常信函、互联网渠道"),
        (Channel.ONLINE, {"submitted_on": D("2026-03-02"), "confirmed_on": D("2026-03-01")}, "confirmed_on",
         "不能早于申请提交之日"),
        ("pigeon", {}, "channel", "未知的提交方式: pigeon"),
    ],
)
def test_receipt_date_missing_or_wrong(channel, kwargs, field, says):
    with pytest.raises(DeadlineError) as exc:
        receipt_date(channel, **kwargs)
    assert exc.value.field == field
    assert says in exc.value.message  # each case names its own rule (no vacuous `or`)


def test_an_unknown_year_gives_a_provisional_due_date_on_weekends_only():
    from gongkai.disclosure_requests.domain.deadline import reckon_provisional

    result = reckon_provisional(Timeline(D("2026-12-20")), WorkCalendar(), CalendarError)
    # 12-21..12-31 (9 working days), then weekdays only: 01-01 counts, 01-04..01-15 (10) → 01-15
    assert result.provisional and result.unknown_years == (2027,)
    assert result.due == D("2027-01-15")
    known = reckon_provisional(Timeline(D("2026-03-02")), WorkCalendar(), CalendarError)
    assert not known.provisional and known.unknown_years == ()
