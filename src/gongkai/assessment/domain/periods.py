"""Assessment periods (考评周期): a year, a half-year or a quarter.

    "2025"    2025年度        2025-01-01 … 2025-12-31
    "2025H1"  2025年上半年    2025-01-01 … 2025-06-30
    "2025Q3"  2025年第三季度  2025-07-01 … 2025-09-30

Seed 06 (报送周期为每个季度末) checks quarterly; the bulletins compare with the period before
(环比: 2025Q3 against 2025Q2) and, below a year, with the same period a year before (同比:
2025Q3 against 2024Q3). For a year both are the year before, so only one comparison is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.assessment.domain.errors import AssessmentError

_PATTERN = re.compile(r"^(\d{4})(?:([QqHh])([1-4]))?$")
QUARTER_WORDS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
HALF_WORDS = {1: "上半年", 2: "下半年"}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # "Y" | "H" | "Q"
    number: int = 1  # half (1–2) or quarter (1–4); 1 for a year

    @property
    def code(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}{self.kind}{self.number}"

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """2025年度 / 2025年上半年 / 2025年第三季度."""
        if self.kind == "Y":
            return f"{self.year}年度"
        words = HALF_WORDS if self.kind == "H" else QUARTER_WORDS
        return f"{self.year}年{words[self.number]}"

    @property
    def bounds(self) -> tuple[date, date]:
        months = {"Y": 12, "H": 6, "Q": 3}[self.kind]
        first = (self.number - 1) * months + 1
        last = first + months - 1
        end = date(self.year + 1, 1, 1) if last == 12 else date(self.year, last + 1, 1)
        return date(self.year, first, 1), date.fromordinal(end.toordinal() - 1)

    @property
    def preceding(self) -> Period:
        """The period just before, of the same kind (环比)."""
        if self.kind == "Y" or self.number == 1:
            count = {"Y": 1, "H": 2, "Q": 4}[self.kind]
            return Period(self.year - 1, self.kind, count)
        return Period(self.year, self.kind, self.number - 1)

    @property
    def year_ago(self) -> Period | None:
        """The same period a year before (同比); None for a year (its preceding one is that)."""
        if self.kind == "Y":
            return None
        return Period(self.year - 1, self.kind, self.number)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Order of periods of the same kind."""
        return (self.year, self.number, self.kind)


def period_parse(text: str) -> Period:
    """"2025", "2025H1", "2025Q3" (case-insensitive) → Period; anything else is refused."""
    raw = str(text).strip()
    m = _PATTERN.match(raw)
    if not m:
        raise AssessmentError(
            f"考评周期应为年份（2025）、半年（2025H1、2025H2）或季度（2025Q1–2025Q4），实为 {text!r}",
            field="period",
        )
    year = int(m.group(1))
    if not 1990 <= year <= 2100:
        raise AssessmentError(f"考评周期的年份 {year} 不在 1990–2100 之间", field="period")
    if not m.group(2):
        return Period(year, "Y")
    kind = m.group(2).upper()
    number = int(m.group(3))
    if kind == "H" and number > 2:
        raise AssessmentError(f"半年只有 H1（上半年）和 H2（下半年），实为 {text!r}", field="period")
    return Period(year, kind, number)


def since_words(period: str, previous: str | None) -> str:
    """How the bulletin names the period compared with: 上年度 / 上季度 / 上半年 / 上年同期 /
    上次考评 (when the comparison is not the period just before)."""
    if not previous:
        return "上次考评"
    try:
        p, q = period_parse(period), period_parse(previous)
    except AssessmentError:
        return "上次考评"
    if q == p.preceding:
        if p.kind == "Y":
            return "上年度"
        if p.kind == "Q":
            return "上季度"
        return "上半年" if p.number == 2 else "上年下半年"
    if q == p.year_ago:
        return "上年同期"
    return "上次考评"
