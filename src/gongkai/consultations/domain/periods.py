"""The comment period: its length, the minimum per kind (held as data), and the phase.

条例第十五条: "公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时
应当予以说明". The minimums live in ``data/period_rules.yaml``; a working-day rule needs the work
calendar, passed in as an argument (``core.domain.workdays.WorkCalendar`` or anything with
``count_workdays``) so this module stays pure.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

import yaml

from gongkai.consultations.domain.vocab import KIND_LABELS, Kind, Phase

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "period_rules.yaml"


class Calendar(Protocol):
    """What the period rules need of ``core.domain.workdays.WorkCalendar``."""

    def is_workday(self, d: date) -> bool: ...

    def count_workdays(self, a: date, b: date) -> int: ...

    def add_workdays(self, start: date, n: int) -> Any: ...


@dataclass(frozen=True)
class PeriodRule:
    kind: Kind
    label: str
    days: int | None  # None: no minimum
    workdays: bool  # True: counted in working days (工作日)
    basis: str

    def describe(self) -> str:
        if self.days is None:
            return "无最短期限"
        return f"不少于{self.days}{'个工作日' if self.workdays else '日'}"


@dataclass(frozen=True)
class Finding:
    """Something a reader of the notice (or the assessment) should know is wrong."""

    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@functools.cache
def _rules_from(path: str) -> dict[Kind, PeriodRule]:
    # The file ships with the package and never changes while a process runs (not data the
    # office edits through the site), so caching its parse is safe.
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    rules = {}
    for kind in Kind:
        entry = raw.get(kind.value) or {}
        days = entry.get("days")
        rules[kind] = PeriodRule(
            kind=kind, label=str(entry.get("label") or KIND_LABELS[kind]),
            days=int(days) if days is not None else None,
            workdays=str(entry.get("unit") or "calendar") == "workdays",
            basis=str(entry.get("basis") or ""),
        )
    return rules


def period_rules(path: Path | None = None) -> dict[Kind, PeriodRule]:
    return _rules_from(str(path or RULES_FILE))


def rule_for(kind: str | Kind) -> PeriodRule:
    return period_rules()[Kind(kind)]


def comment_days(start: date | None, end: date | None) -> int | None:
    """Calendar days counted inclusive of both ends, as notices count them
    (2023年3月6日至2023年4月5日 is 31 days)."""
    if start is None or end is None or end < start:
        return None
    return (end - start).days + 1


def workdays_inclusive(start: date, end: date, calendar: Calendar) -> int:
    """Working days from `start` to `end`, both counted (raises CalendarError for an unknown
    year: a working-day rule never silently assumes weekends only)."""
    return int(calendar.count_workdays(start - timedelta(days=1), end))


def period_shortfall(rule: PeriodRule, start: date, end: date,
                     calendar: Calendar | None = None) -> str | None:
    """A Chinese sentence when the period is under the rule's minimum, else None.

    A working-day rule without a calendar is not checked (None): the caller decides."""
    if rule.days is None:
        return None
    if rule.workdays:
        if calendar is None:
            return None
        have = workdays_inclusive(start, end, calendar)
        if have < rule.days:
            return (f"征求意见期 {have} 个工作日（{start.isoformat()} 至 {end.isoformat()}），"
                    f"少于{rule.label}的{rule.days}个工作日（{rule.basis}）")
        return None
    have = comment_days(start, end) or 0
    if have < rule.days:
        return (f"征求意见期 {have} 天（{start.isoformat()} 至 {end.isoformat()}），"
                f"少于{rule.label}的{rule.days}天（{rule.basis}）")
    return None


def period_findings(kind: str | Kind, start: date | None, end: date | None,
                    reason: str | None, calendar: Calendar | None = None) -> list[Finding]:
    """Findings about the period: not stated, reversed, or short without a stated reason."""
    rule = rule_for(kind)
    if end is None:
        return [Finding("period_missing", "未写明征求意见的截止日期")]
    if start is None:
        return [Finding("start_missing", "未写明征求意见的起始日期，无法核对征求意见期限")]
    if end < start:
        return [Finding("period_reversed",
                        f"征求意见截止日期 {end.isoformat()} 早于起始日期 {start.isoformat()}")]
    try:
        short = period_shortfall(rule, start, end, calendar)
    except Exception as exc:  # CalendarError: the year's holidays are not known yet
        return [Finding("calendar_unknown", f"无法按工作日核对征求意见期限：{exc}")]
    if short and not (reason or "").strip():
        return [Finding("short_period_without_reason", f"{short}，且未说明理由")]
    return []


def phase_of(*, published: bool, start: date | None, end: date | None, today: date,
             feedback_published: bool) -> Phase:
    """Opens and closes by itself on its dates: the phase is computed, never stored."""
    if not published or start is None or end is None:
        return Phase.DRAFT
    if feedback_published:
        return Phase.FEEDBACK
    if today < start:
        return Phase.SCHEDULED
    if today <= end:
        return Phase.OPEN
    return Phase.CLOSED
