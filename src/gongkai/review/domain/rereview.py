"""Periodic re-review of 不予公开 decisions (条例 第十八条: 行政机关应当建立健全政府信息管理动态
调整机制，对本行政机关不予公开的政府信息进行定期评估审查，对因情势变化可以公开的政府信息应当公开).

A withheld document is due for review a fixed number of months after its last decision
(the withholding itself or the last 复审维持). Pure Python: dates are arguments.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter: 01-31 + 1 → 02-28)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Rereview:
    decided_on: date
    due: date
    today: date

    @property
    def overdue(self) -> bool:
        return self.today > self.due

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days


def rereview(decided_on: date, *, months: int, today: date) -> Rereview:
    if months < 1:
        raise ValueError("复审周期至少 1 个月")
    return Rereview(decided_on, add_months(decided_on, months), today)


def is_due(item: Rereview, *, warn_days: int = 30) -> bool:
    """Shown on the dashboard from `warn_days` before the due date."""
    return item.days_left <= warn_days
