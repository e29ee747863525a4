"""The register of 行政复议 / 行政诉讼 cases (表四): kinds, outcomes, and the table from a list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.annual_reports.domain import form as F


class CaseKind(StrEnum):
    REVIEW = "review"  # 行政复议
    SUIT_DIRECT = "suit_direct"  # 行政诉讼：未经复议直接起诉
    SUIT_AFTER_REVIEW = "suit_after_review"  # 行政诉讼：复议后起诉


CASE_KIND_LABELS = {
    CaseKind.REVIEW: "行政复议",
    CaseKind.SUIT_DIRECT: "行政诉讼（未经复议直接起诉）",
    CaseKind.SUIT_AFTER_REVIEW: "行政诉讼（复议后起诉）",
}
KIND_ROWS = {CaseKind.REVIEW: F.REVIEW, CaseKind.SUIT_DIRECT: F.SUIT_DIRECT,
             CaseKind.SUIT_AFTER_REVIEW: F.SUIT_AFTER_REVIEW}


class Outcome(StrEnum):
    UPHELD = "upheld"  # 结果维持
    CORRECTED = "corrected"  # 结果纠正
    OTHER = "other"  # 其他结果
    PENDING = "pending"  # 尚未审结


OUTCOME_LABELS = {Outcome.UPHELD: "结果维持", Outcome.CORRECTED: "结果纠正",
                  Outcome.OTHER: "其他结果", Outcome.PENDING: "尚未审结"}
OUTCOME_COLUMN = {Outcome.UPHELD: 0, Outcome.CORRECTED: 1, Outcome.OTHER: 2, Outcome.PENDING: 3}


@dataclass(frozen=True)
class Case:
    kind: str
    filed_on: date
    outcome: str
    decided_on: date | None


def table_four(cases: list[Case], year: int) -> dict[str, list[int]]:
    """表四 for `year`: the cases filed in the year, each in the column of its outcome as it stood
    on 31 December (a case decided later is 尚未审结 in this year's report)."""
    return table_four_for_period(cases, date(year, 1, 1), date(year, 12, 31))


def table_four_for_period(cases: list[Case], start: date, end: date) -> dict[str, list[int]]:
    """表四 for any period (统计报送): the cases filed in it, by their outcome on its last day."""
    table = {row: [0] * len(F.CASE_COLUMNS) for row in F.TABLE4_ROWS}
    for case in cases:
        if not start <= case.filed_on <= end:
            continue
        decided = case.decided_on is not None and case.decided_on <= end and case.outcome != Outcome.PENDING
        column = OUTCOME_COLUMN[Outcome(case.outcome)] if decided else OUTCOME_COLUMN[Outcome.PENDING]
        row = table[KIND_ROWS[CaseKind(case.kind)]]
        row[column] += 1
        row[F.CASE_TOTAL] += 1
    return table
