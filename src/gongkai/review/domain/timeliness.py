"""Timeliness (时效): working days from 公布日期 to submission and to publication.

条例第二十六条: information to be proactively disclosed is published within 20 working days of
its 形成或者变更 (we measure from 公布日期). The limit is a setting (TIMELINESS_LIMIT_WORKDAYS).
Counting follows core.domain.workdays: the 公布日期 itself is not counted; the deadline is the
20th working day after it. Done on or before the deadline is on time, any later day is late,
even a weekend right after it (the same rule as assessment.measures).
Pure Python: the calendar and "today" are arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.core.domain.errors import CalendarError
from gongkai.core.domain.workdays import WorkCalendar


class Status(StrEnum):
    ON_TIME = "on_time"  # done within the limit
    LATE = "late"  # done after the limit
    PENDING = "pending"  # not done yet, still within the limit
    OVERDUE = "overdue"  # not done yet and past the limit
    UNKNOWN = "unknown"  # no 公布日期, or a date the calendar does not know
    NOT_REQUIRED = "not_required"  # 不予公开: never published


STATUS_LABELS: dict[Status, str] = {
    Status.ON_TIME: "按时",
    Status.LATE: "超期",
    Status.PENDING: "未到期",
    Status.OVERDUE: "已逾期",
    Status.UNKNOWN: "无法计算",
    Status.NOT_REQUIRED: "不适用",
}


@dataclass(frozen=True)
class Step:
    """One measured step (to submission, or to publication)."""

    status: Status
    workdays: int | None  # working days used (done) or elapsed so far (pending / overdue)
    note: str = ""

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_late(self) -> bool:
        return self.status in (Status.LATE, Status.OVERDUE)


@dataclass(frozen=True)
class Timeliness:
    publish_date: date | None
    limit: int
    deadline: date | None  # the last working day allowed, when the calendar knows it
    submission: Step
    publication: Step

    @property
    def is_late(self) -> bool:
        return self.submission.is_late or self.publication.is_late


def _step(calendar: WorkCalendar, start: date, done: date | None, today: date, limit: int,
          deadline: date | None) -> Step:
    end = done or today
    try:
        used = calendar.count_workdays(start, end)
    except CalendarError as exc:
        # The count runs into a year nobody entered; past a known deadline it is late anyway.
        if deadline is not None and end > deadline:
            return Step(Status.LATE if done else Status.OVERDUE, None, str(exc))
        return Step(Status.UNKNOWN, None, str(exc))
    # The deadline is the Nth working day: done on a weekend or holiday right after it is late
    # although no further working day was used.
    in_time = end <= deadline if deadline is not None else used <= limit
    if done is not None:
        return Step(Status.ON_TIME if in_time else Status.LATE, used)
    return Step(Status.PENDING if in_time else Status.OVERDUE, used)


def assess(
    calendar: WorkCalendar,
    *,
    publish_date: date | None,
    submitted_on: date | None,
    published_on: date | None,
    today: date,
    limit: int = 20,
    publication_required: bool = True,
) -> Timeliness:
    """Measure a document's timeliness against `limit` working days.

    publication_required=False (不予公开 documents) marks the publication step 不适用."""
    if publish_date is None:
        unknown = Step(Status.UNKNOWN, None, "缺少公布日期")
        return Timeliness(None, limit, None, unknown, unknown)
    try:
        deadline: date | None = calendar.add_workdays(publish_date, limit).date
    except CalendarError:
        deadline = None
    return Timeliness(
        publish_date,
        limit,
        deadline,
        _step(calendar, publish_date, submitted_on, today, limit, deadline),
        _step(calendar, publish_date, published_on, today, limit, deadline)
        if publication_required
        else Step(Status.NOT_REQUIRED, None),
    )
