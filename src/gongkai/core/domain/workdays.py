"""Working-day arithmetic on China's official holiday calendar (法定节假日 and 调休).

Pure Python: no Django. The calendar is built from the maintained `chinesecalendar` package
(2004–2026 in 1.11.0) plus the office's own entries for years the package does not know
(`gongkai.core.calendar.work_calendar()` loads them from the database).

Counting rule (stated here because `chinese_calendar.find_workday` counts one extra day when
the start is itself a holiday): **the day of receipt is not counted; the deadline is the Nth
working day after it** (条例第三十三条: "自收到申请之日起20个工作日内"; 第二十六条 likewise for
publication). So `add_workdays(d, n)` walks forward from the day after `d`, and
`workdays_between(a, b)` counts the working days `d` with `a < d <= b`; the two agree:
`workdays_between(a, add_workdays(a, n).date).count == n`.

Where neither the package nor the office knows a date the calculation refuses with
`CalendarError` instead of silently counting weekends only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

import chinese_calendar

from gongkai.core.domain.errors import CalendarError

DayKind = Literal["workday", "weekend", "holiday", "makeup_workday"]

DAY_KIND_LABELS: dict[str, str] = {
    "workday": "工作日",
    "weekend": "周末",
    "holiday": "法定节假日",
    "makeup_workday": "调休上班",
}

# chinesecalendar names its holidays in English; the Chinese name is on its Holiday enum.
_HOLIDAY_CHINESE: dict[str, str] = {h.value: h.chinese for h in chinese_calendar.Holiday}

# Guard against runaway loops (n in the tens of thousands is a caller's bug, not a deadline).
MAX_WORKDAYS = 10_000


@dataclass(frozen=True, slots=True)
class DayInfo:
    date: date
    is_workday: bool
    kind: DayKind
    name: str = ""

    @property
    def kind_label(self) -> str:
        return DAY_KIND_LABELS[self.kind]

    def __str__(self) -> str:
        label = f"{self.name}（{self.kind_label}）" if self.name else self.kind_label
        return f"{self.date.isoformat()} {label}"


@dataclass(frozen=True, slots=True)
class WorkdayResult:
    """The Nth working day after a start date, and the days passed on the way."""

    date: date
    skipped: list[DayInfo] = field(default_factory=list)  # weekends and holidays not counted
    makeup: list[DayInfo] = field(default_factory=list)  # 调休 weekend days that were counted

    @property
    def holidays(self) -> list[DayInfo]:
        return [d for d in self.skipped if d.kind == "holiday"]


@dataclass(frozen=True, slots=True)
class WorkdayCount:
    """Working days after `a` up to and including `b`."""

    count: int
    skipped: list[DayInfo] = field(default_factory=list)
    makeup: list[DayInfo] = field(default_factory=list)

    @property
    def holidays(self) -> list[DayInfo]:
        return [d for d in self.skipped if d.kind == "holiday"]


def unknown_year_message(year: int) -> str:
    return (f"{year}年的节假日安排尚未录入，请在后台“节假日安排”中录入，"
            f"或用 gongkai calendar load 通知正文.txt --year {year} 读取国务院办公厅的通知后再计算")


class WorkCalendar:
    """China's working-day calendar: chinesecalendar, with the office's entries on top.

    extra_holidays / extra_workdays: dates the office entered (法定节假日 / 调休上班日) with their
    names; they win over the package for the same date (so the office can correct it).
    known_years: years whose arrangement the office has entered completely; in those years any
    date without an entry is an ordinary weekday or weekend.

    Immutable: build a new one when the entries change.
    """

    __slots__ = ("_extra_holidays", "_extra_workdays", "_known_years", "_days", "_prefix")

    def __init__(
        self,
        *,
        extra_holidays: Mapping[date, str] = MappingProxyType({}),
        extra_workdays: Mapping[date, str] = MappingProxyType({}),
        known_years: Iterable[int] = (),
    ) -> None:
        both = set(extra_holidays) & set(extra_workdays)
        if both:
            first = min(both)
            raise CalendarError(
                f"{first.isoformat()} 同时被录入为节假日和调休上班日", field="date"
            )
        self._extra_holidays = MappingProxyType(dict(extra_holidays))
        self._extra_workdays = MappingProxyType(dict(extra_workdays))
        self._known_years = frozenset(int(y) for y in known_years)
        # Memos of derived facts (the inputs above never change): one calendar is built per
        # request or command, so these live as long as that, never across processes.
        self._days: dict[date, DayInfo] = {}
        self._prefix: dict[int, list[int]] = {}

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, name):
            raise AttributeError("WorkCalendar is immutable")
        super().__setattr__(name, value)

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(extra_holidays={len(self._extra_holidays)}, "
            f"extra_workdays={len(self._extra_workdays)}, known_years={sorted(self._known_years)})"
        )

    @property
    def known_years(self) -> frozenset[int]:
        return self._known_years

    # -- single days ---------------------------------------------------------------------------

    def day_info(self, d: date) -> DayInfo:
        """What kind of day `d` is; raises CalendarError when nobody knows its year."""
        info = self._days.get(d)
        if info is None:
            info = self._days[d] = self._day_info(d)
        return info

    def _day_info(self, d: date) -> DayInfo:
        if d in self._extra_holidays:
            return DayInfo(d, False, "holiday", self._extra_holidays[d])
        if d in self._extra_workdays:
            kind: DayKind = "makeup_workday" if d.weekday() >= 5 else "workday"
            return DayInfo(d, True, kind, self._extra_workdays[d])
        if d.year in self._known_years:
            if d.weekday() >= 5:
                return DayInfo(d, False, "weekend")
            return DayInfo(d, True, "workday")
        try:
            on_holiday, english = chinese_calendar.get_holiday_detail(d)
        except NotImplementedError:
            raise CalendarError(unknown_year_message(d.year), field="date") from None
        name = _HOLIDAY_CHINESE.get(english, english or "") if english else ""
        weekend = d.weekday() >= 5
        if on_holiday:
            if name:
                return DayInfo(d, False, "holiday", name)
            return DayInfo(d, False, "weekend")
        if weekend:  # a weekend day that is worked: 调休
            return DayInfo(d, True, "makeup_workday", name)
        return DayInfo(d, True, "workday")

    def is_workday(self, d: date) -> bool:
        return self.day_info(d).is_workday

    # -- arithmetic ----------------------------------------------------------------------------

    def add_workdays(self, start: date, n: int) -> WorkdayResult:
        """The Nth working day after `start` (the day of receipt is not counted).

        n == 0 gives `start` itself. Raises CalendarError on a date of an unknown year and
        ValueError for a negative or absurdly large n.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        if n > MAX_WORKDAYS:
            raise ValueError(f"n must be at most {MAX_WORKDAYS}")
        skipped: list[DayInfo] = []
        makeup: list[DayInfo] = []
        current = start
        counted = 0
        while counted < n:
            current += timedelta(days=1)
            info = self.day_info(current)
            if info.is_workday:
                counted += 1
                if info.kind == "makeup_workday":
                    makeup.append(info)
            else:
                skipped.append(info)
        return WorkdayResult(current, skipped, makeup)

    def _year_prefix(self, year: int) -> list[int]:
        """prefix[i] = working days among the first i days of `year`."""
        table = self._prefix.get(year)
        if table is None:
            day = date(year, 1, 1)
            table = [0]
            while day.year == year:
                table.append(table[-1] + self.day_info(day).is_workday)
                day += timedelta(days=1)
            self._prefix[year] = table
        return table

    def count_workdays(self, a: date, b: date) -> int:
        """Same count as `workdays_between(a, b).count`, from per-year tables (fast for lists
        of documents); raises CalendarError if a year in (a, b] is unknown."""
        if b <= a:
            return 0
        total = 0
        for year in range(a.year, b.year + 1):
            table = self._year_prefix(year)
            start = (a - date(year, 1, 1)).days + 1 if year == a.year else 0
            end = (b - date(year, 1, 1)).days + 1 if year == b.year else len(table) - 1
            total += table[end] - table[start]
        return total

    def workdays_between(self, a: date, b: date) -> WorkdayCount:
        """Working days `d` with `a < d <= b` (the first day is not counted); 0 if b <= a."""
        skipped: list[DayInfo] = []
        makeup: list[DayInfo] = []
        count = 0
        current = a
        while current < b:
            current += timedelta(days=1)
            info = self.day_info(current)
            if info.is_workday:
                count += 1
                if info.kind == "makeup_workday":
                    makeup.append(info)
            else:
                skipped.append(info)
        return WorkdayCount(count, skipped, makeup)
