"""Progress states, the lagging rule and the quarterly summary."""

from datetime import date

import pytest

from gongkai.supervision.domain.progress import (
    ReportRow,
    ReportState,
    TaskStatus,
    effective_status,
    percent_error,
    refusal,
    summarize,
    transition,
)


@pytest.mark.parametrize(("state", "verb", "to"), [
    (ReportState.DRAFT, "submit", ReportState.SUBMITTED),
    (ReportState.SUBMITTED, "accept", ReportState.ACCEPTED),
    (ReportState.SUBMITTED, "return", ReportState.RETURNED),
    (ReportState.RETURNED, "submit", ReportState.SUBMITTED),
    (ReportState.ACCEPTED, "submit", None),
    (ReportState.DRAFT, "accept", None),
])
def test_transitions(state, verb, to):
    assert transition(state, verb) == to


def test_refusal_names_the_state():
    assert refusal(ReportState.ACCEPTED, "submit") == "进展报告已审核通过，不能报送"


@pytest.mark.parametrize(("status", "percent", "quarter", "expected"), [
    (TaskStatus.ON_TRACK, 40, 2, TaskStatus.ON_TRACK),   # 40 + 10 ≥ 50
    (TaskStatus.ON_TRACK, 30, 2, TaskStatus.LAGGING),    # below 序时进度
    (TaskStatus.ON_TRACK, 100, 2, TaskStatus.DONE),
    (TaskStatus.ON_TRACK, None, 2, TaskStatus.ON_TRACK),  # no measure: the unit's word
    (TaskStatus.LAGGING, 90, 1, TaskStatus.LAGGING),
])
def test_a_measured_task_below_the_time_elapsed_lags(status, percent, quarter, expected):
    assert effective_status(status, percent, quarter) == expected


@pytest.mark.parametrize(("value", "has_measure", "expected"), [
    ("60", True, (60, "")), ("60%", True, (60, "")), ("", False, (None, "")),
    ("", True, (None, "完成进度：该任务有量化目标，请填写完成百分比")),
    ("六十", True, (None, "完成进度：“六十”不是整数百分比")),
    ("120", True, (None, "完成进度：须在0至100之间，收到 120")),
])
def test_percent(value, has_measure, expected):
    assert percent_error(value, has_measure=has_measure) == expected


def _row(code, status, submitted, due=date(2024, 7, 20)):
    return ReportRow(code, f"任务{code}", "市统计局", [], status, None, "", submitted, due)


def test_summary_counts_missing_late_and_lagging():
    rows = [_row("1", TaskStatus.DONE, date(2024, 7, 10)), _row("2", TaskStatus.LAGGING, date(2024, 7, 22)),
            _row("3", None, None)]
    s = summarize(rows, today=date(2024, 7, 25))
    assert s.total == 3 and s.not_reported == 1 and s.late == 1
    assert s.by_status[TaskStatus.DONE] == 1 and s.by_status[TaskStatus.LAGGING] == 1
    assert [r.task_code for r in s.lagging] == ["2"] and [r.task_code for r in s.missing] == ["3"]
    assert summarize(rows, today=date(2024, 7, 1)).missing == []  # not yet due
