"""The reporting schedule of a task breakdown (seed 08, 武政〔2024〕1号).

* 办理方案: each lead unit sends its plan by a date the notice names (2024年2月8日前).
* 季度进展: "从2024年第二季度起，各牵头单位要在每个季度第1个月20日前，将责任事项完成情况报" —
  the progress of a quarter is due by the 20th of the next quarter's first month (Q1 by 4月20日,
  Q2 by 7月20日, Q3 by 10月20日, Q4 by next year's 1月20日).

Where a due date falls on a holiday or weekend the office chooses, as data, whether it stays
(`keep`), moves to the next working day (`next_workday`) or to the one before
(`previous_workday`). The calendar is an argument (`is_workday`), never a global.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

QUARTER_LABELS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


class ShiftRule(StrEnum):
    KEEP = "keep"  # 遇节假日不顺延
    NEXT_WORKDAY = "next_workday"  # 顺延至节后第一个工作日
    PREVIOUS_WORKDAY = "previous_workday"  # 提前至节前最后一个工作日

    @property
    def label(self) -> str:
        return SHIFT_LABELS[self]


SHIFT_LABELS = {
    ShiftRule.KEEP: "遇节假日不顺延",
    ShiftRule.NEXT_WORKDAY: "遇节假日顺延至节后第一个工作日",
    ShiftRule.PREVIOUS_WORKDAY: "遇节假日提前至节前最后一个工作日",
}


class RoundKind(StrEnum):
    PLAN = "plan"  # 办理方案
    PROGRESS = "progress"  # 季度完成情况


@dataclass(frozen=True)
class RoundSpec:
    kind: RoundKind
    year: int
    quarter: int | None  # the quarter reported on; None for the plan
    due: date
    label: str


def shift(day: date, rule: ShiftRule, is_workday: Callable[[date], bool]) -> date:
    """`day` moved by `rule` off a non-working day (at most 60 days, a guard against a calendar
    that knows no working day)."""
    if rule is ShiftRule.KEEP or is_workday(day):
        return day
    step = timedelta(days=1 if rule is ShiftRule.NEXT_WORKDAY else -1)
    moved = day
    for _ in range(60):
        moved += step
        if is_workday(moved):
            return moved
    return day


def progress_due(year: int, quarter: int, *, day: int = 20) -> date:
    """The nominal due date of quarter `quarter`'s progress: the `day`th of the first month of
    the quarter after it."""
    if quarter not in QUARTER_LABELS:
        raise ValueError(f"季度须为1至4，收到 {quarter}")
    if not 1 <= day <= 28:
        raise ValueError(f"报送日须为1至28日，收到 {day}")
    if quarter == 4:
        return date(year + 1, 1, day)
    return date(year, 3 * quarter + 1, day)


def schedule(year: int, *, plan_due: date | None, first_quarter: int = 1, last_quarter: int = 4,
             day: int = 20, rule: ShiftRule = ShiftRule.KEEP,
             is_workday: Callable[[date], bool] = lambda d: d.weekday() < 5) -> list[RoundSpec]:
    """Every round of a year's breakdown: the plan (when it has a due date) and one progress
    round per quarter from `first_quarter` (seed 08: from the second quarter on, the first
    report, due 4月20日, covering the first quarter: `first_quarter=1`)."""
    rounds: list[RoundSpec] = []
    if plan_due is not None:
        rounds.append(RoundSpec(RoundKind.PLAN, year, None, shift(plan_due, rule, is_workday),
                                f"{year}年办理方案"))
    for q in range(first_quarter, last_quarter + 1):
        rounds.append(RoundSpec(RoundKind.PROGRESS, year, q,
                                shift(progress_due(year, q, day=day), rule, is_workday),
                                f"{year}年{QUARTER_LABELS[q]}完成情况"))
    return rounds
