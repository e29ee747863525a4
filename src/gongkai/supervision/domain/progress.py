"""Progress of a 督办 task: what the lead unit reports and how the 督查室 decides on it.

A report goes draft → submitted → accepted, or back to returned (with a reason) and submitted
again. Its task status is the unit's word (未启动 / 按序时推进 / 已完成 / 滞后); a task whose
measure lags the time elapsed (percentage below the share of the year gone by the end of the
quarter, less a tolerance) is lagging whatever the unit wrote — seed 08: "对责任落实不力、影响
工作进度和成效的予以通报".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    DONE = "done"
    LAGGING = "lagging"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    TaskStatus.NOT_STARTED: "未启动",
    TaskStatus.ON_TRACK: "按序时推进",
    TaskStatus.DONE: "已完成",
    TaskStatus.LAGGING: "滞后",
}


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    ReportState.DRAFT: "草稿",
    ReportState.SUBMITTED: "已报送",
    ReportState.RETURNED: "已退回",
    ReportState.ACCEPTED: "已审核通过",
}

# (from, verb) → to. Everything else is refused, naming the state.
TRANSITIONS: dict[tuple[ReportState, str], ReportState] = {
    (ReportState.DRAFT, "save"): ReportState.DRAFT,
    (ReportState.RETURNED, "save"): ReportState.RETURNED,
    (ReportState.DRAFT, "submit"): ReportState.SUBMITTED,
    (ReportState.RETURNED, "submit"): ReportState.SUBMITTED,
    (ReportState.SUBMITTED, "accept"): ReportState.ACCEPTED,
    (ReportState.SUBMITTED, "return"): ReportState.RETURNED,
}

VERB_LABELS = {"save": "保存", "submit": "报送", "accept": "审核通过", "return": "退回"}

LAG_TOLERANCE = 10  # percentage points below the time elapsed before a task counts as lagging


def transition(state: ReportState, verb: str) -> ReportState | None:
    return TRANSITIONS.get((state, verb))


def refusal(state: ReportState, verb: str) -> str:
    return f"进展报告{state.label}，不能{VERB_LABELS.get(verb, verb)}"


def expected_percent(quarter: int) -> int:
    """The share of a year's task due by the end of `quarter` (序时进度: 25, 50, 75, 100)."""
    return 25 * max(1, min(4, quarter))


def effective_status(status: TaskStatus, percent: int | None, quarter: int | None,
                     *, tolerance: int = LAG_TOLERANCE) -> TaskStatus:
    """The status the report counts as: a measured task below 序时进度 lags."""
    if status in (TaskStatus.DONE, TaskStatus.LAGGING) or percent is None or quarter is None:
        return status
    if percent >= 100:
        return TaskStatus.DONE
    if percent + tolerance < expected_percent(quarter):
        return TaskStatus.LAGGING
    return status


def percent_error(value: str, *, has_measure: bool) -> tuple[int | None, str]:
    """(the percentage, "") or (None, the Chinese error naming the field)."""
    value = (value or "").strip().rstrip("%％")
    if not value:
        return None, ("完成进度：该任务有量化目标，请填写完成百分比" if has_measure else "")
    try:
        number = int(value)
    except ValueError:
        return None, f"完成进度：“{value}”不是整数百分比"
    if not 0 <= number <= 100:
        return None, f"完成进度：须在0至100之间，收到 {number}"
    return number, ""


def on_time(submitted: date | None, due: date) -> bool:
    return submitted is not None and submitted <= due


@dataclass
class ReportRow:
    """One task in a round, as the quarterly report sees it."""

    task_code: str
    task_title: str
    lead_unit: str
    units: list[str]
    status: TaskStatus | None  # None: nothing submitted
    percent: int | None
    text: str
    submitted_on: date | None
    due: date


@dataclass
class QuarterSummary:
    total: int
    by_status: dict[TaskStatus, int] = field(default_factory=dict)
    not_reported: int = 0
    late: int = 0
    lagging: list[ReportRow] = field(default_factory=list)
    missing: list[ReportRow] = field(default_factory=list)


def summarize(rows: Iterable[ReportRow], *, today: date) -> QuarterSummary:
    """Counts by status, the lagging tasks with their units, and the reports that are missing
    or were late (the 办理情况报告's figures)."""
    rows = list(rows)
    counts: Counter[TaskStatus] = Counter(r.status for r in rows if r.status is not None)
    summary = QuarterSummary(total=len(rows), by_status={s: counts.get(s, 0) for s in TaskStatus})
    for r in rows:
        if r.status is None:
            summary.not_reported += 1
            if today > r.due:
                summary.missing.append(r)
        elif not on_time(r.submitted_on, r.due):
            summary.late += 1
        if r.status is TaskStatus.LAGGING:
            summary.lagging.append(r)
    return summary
