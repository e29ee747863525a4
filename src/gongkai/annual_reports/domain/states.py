"""The report's workflow: 草稿 draft → 已报送 submitted → (退回 returned → submitted …) → 已发布
published; and the deadlines of 条例 第四十九条."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from gongkai.annual_reports.domain.errors import AnnualReportError


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    PUBLISHED = "published"


STATE_LABELS = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "已报送，待公开办审核",
    State.RETURNED: "已退回",
    State.PUBLISHED: "已发布",
}

EDITABLE = frozenset({State.DRAFT, State.RETURNED})

TRANSITIONS: dict[str, tuple[frozenset[State], State]] = {
    "submit": (frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED),
    "return": (frozenset({State.SUBMITTED}), State.RETURNED),
    "publish": (frozenset({State.SUBMITTED}), State.PUBLISHED),
}


def transition(state: str, verb: str) -> State:
    allowed, target = TRANSITIONS[verb]
    if State(state) not in allowed:
        raise AnnualReportError(
            f"年度报告当前状态为“{STATE_LABELS[State(state)]}”，不能{ {'submit': '报送', 'return': '退回', 'publish': '发布'}[verb]}",
            code="state", field="state")
    return target


GOVERNMENT_KINDS = frozenset({"province", "city", "district"})


def deadline(year: int, unit_kind: str) -> date:
    """条例 第四十九条、第五十条: a department (and a street/township office) publishes its report
    for `year` by 31 January of the next year; a government (the office's report of the level) by
    31 March."""
    return date(year + 1, 3, 31) if unit_kind in GOVERNMENT_KINDS else date(year + 1, 1, 31)


def rolls_up(unit_kind: str) -> bool:
    """A government's report covers itself and the departments and streets below it (not the
    governments below, which publish their own)."""
    return unit_kind in GOVERNMENT_KINDS
