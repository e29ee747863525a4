"""Serial gaps and timeliness: pure domain rules."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.domain.workdays import WorkCalendar
from gongkai.review.domain.serials import missing_serials, serial_ranges, series_gaps
from gongkai.review.domain.timeliness import Status, assess


@pytest.mark.parametrize(
    ("serials", "missing"),
    [
        ([151, 153], [152]),
        ([153, 151, 151, 156], [152, 154, 155]),
        ([1, 2, 3], []),
        ([7], []),
        ([], []),
        ([0, 2, 4], [3]),  # 0 is not a serial
    ],
)
def test_missing_serials_between_lowest_and_highest(serials, missing):
    assert missing_serials(serials) == missing


def test_serial_ranges_compress_runs():
    assert serial_ranges([160, 151, 152, 153]) == [(151, 153), (160, 160)]


def test_series_gaps_group_by_prefix_and_year():
    records = [
        ("武政办", 2014, 151), ("武政办", 2014, 153), ("武政办", 2015, 1), ("武政办", 2015, 2),
        ("武政", 2014, 1), ("武政", 2014, 4), ("", 2014, 9), ("武政", None, 3),
    ]
    result = series_gaps(records)
    assert [(g.series.prefix, g.series.year, g.missing) for g in result] == [
        ("武政", 2014, [2, 3]), ("武政办", 2014, [152]),
    ]
    assert result[1].series.doc_number(152) == "武政办〔2014〕152号"
    assert (result[1].lowest, result[1].highest, result[1].present) == (151, 153, 2)


CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("publish", "submitted", "published", "today", "submission", "publication"),
    [
        # 2026 中秋+国庆: 20 working days after 9/25 is 10/29.
        (date(2026, 9, 25), date(2026, 10, 29), date(2026, 10, 29), date(2026, 11, 20),
         (Status.ON_TIME, 20), (Status.ON_TIME, 20)),
        (date(2026, 9, 25), date(2026, 10, 29), date(2026, 10, 30), date(2026, 11, 20),
         (Status.ON_TIME, 20), (Status.LATE, 21)),
        (date(2026, 9, 25), None, None, date(2026, 10, 20), (Status.PENDING, 13), (Status.PENDING, 13)),
        (date(2026, 9, 25), date(2026, 9, 28), None, date(2026, 11, 2),
         (Status.ON_TIME, 1), (Status.OVERDUE, 22)),
        (date(2026, 12, 1), None, None, date(2026, 11, 26), (Status.PENDING, 0), (Status.PENDING, 0)),
        # Deadline Friday 11/27; Saturday 11/28 uses no further working day but is late.
        (date(2026, 10, 30), date(2026, 11, 27), date(2026, 11, 28), date(2026, 12, 10),
         (Status.ON_TIME, 20), (Status.LATE, 20)),
    ],
)
def test_assess_counts_working_days_against_the_limit(publish, submitted, published, today,
                                                      submission, publication):
    t = assess(CAL, publish_date=publish, submitted_on=submitted, published_on=published,
               today=today, limit=20)
    assert (t.submission.status, t.submission.workdays) == submission
    assert (t.publication.status, t.publication.workdays) == publication


def test_deadline_is_the_20th_working_day_and_unknown_past_the_calendar():
    t = assess(CAL, publish_date=date(2026, 9, 25), submitted_on=None, published_on=None,
               today=date(2026, 9, 26))
    assert t.deadline == date(2026, 10, 29)
    late_dec = assess(CAL, publish_date=date(2026, 12, 20), submitted_on=None, published_on=None,
                      today=date(2026, 12, 22))
    assert late_dec.deadline is None  # runs into 2027, which the calendar does not know
    assert late_dec.submission.status == Status.PENDING


def test_unknown_year_and_missing_date_are_reported_not_guessed():
    t = assess(CAL, publish_date=date(2026, 12, 20), submitted_on=date(2027, 1, 20),
               published_on=None, today=date(2027, 1, 21))
    assert t.submission.status == Status.UNKNOWN
    assert "2027年" in t.submission.note
    none = assess(CAL, publish_date=None, submitted_on=None, published_on=None,
                  today=date(2026, 1, 5))
    assert none.submission.status == Status.UNKNOWN and not none.is_late


def test_withheld_documents_need_no_publication():
    t = assess(CAL, publish_date=date(2026, 3, 2), submitted_on=date(2026, 3, 3), published_on=None,
               today=date(2026, 11, 2), publication_required=False)
    assert t.publication.status == Status.NOT_REQUIRED and not t.is_late


def test_past_a_known_deadline_is_late_even_if_the_count_runs_into_an_unknown_year():
    t = assess(CAL, publish_date=date(2026, 11, 2), submitted_on=None, published_on=None,
               today=date(2027, 2, 1))
    assert t.deadline == date(2026, 11, 30)
    assert t.submission.status == Status.OVERDUE and t.submission.workdays is None


def test_ranges_text_collapses_runs():
    (gaps,) = series_gaps([("武政办", 2021, 20), ("武政办", 2021, 91), ("武政办", 2021, 95)])
    assert gaps.ranges_text == "21–90、92–94"
    assert gaps.missing_count == 73
