"""Periods of the statistics return (统计报送, 武政办〔2014〕153号): a quarter, a half-year or a
year, written 2025Q1 / 2025H2 / 2025 (or 2025年第一季度, 2025年上半年, 2025年), and the period
before each (the return compares with the previous one)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.annual_reports.domain.errors import AnnualReportError

_QUARTER_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Period:
    kind: str  # "quarter" | "half" | "year"
    year: int
    number: int = 1  # the quarter (1–4) or half (1–2)

    @property
    def start(self) -> date:
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        if self.kind == "half":
            return date(self.year, 1 if self.number == 1 else 7, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if self.kind == "quarter":
            month = 3 * self.number
            return date(self.year, month, 31 if month in (3, 12) else 30)
        if self.kind == "half":
            return date(self.year, 6, 30) if self.number == 1 else date(self.year, 12, 31)
        return date(self.year, 12, 31)

    @property
    def code(self) -> str:
        return {"quarter": f"{self.year}Q{self.number}", "half": f"{self.year}H{self.number}",
                "year": str(self.year)}[self.kind]

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.number - 1]}季度"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.number == 1 else '下'}半年"
        return f"{self.year}年"

    def previous(self) -> Period:
        if self.kind == "year":
            return Period("year", self.year - 1)
        last = 4 if self.kind == "quarter" else 2
        if self.number == 1:
            return Period(self.kind, self.year - 1, last)
        return Period(self.kind, self.year, self.number - 1)


def period_parse(text: str) -> Period:
    """"2025Q1", "2025H2", "2025", "2025年第一季度", "2025年上半年", "2025年度" → Period."""
    raw = (text or "").strip().upper().replace(" ", "")
    m = re.fullmatch(r"((?:19|20)\d{2})(?:Q([1-4])|H([12]))?", raw)
    if m:
        year = int(m.group(1))
        if m.group(2):
            return Period("quarter", year, int(m.group(2)))
        if m.group(3):
            return Period("half", year, int(m.group(3)))
        return Period("year", year)
    m = re.fullmatch(r"((?:19|20)\d{2})年(?:第([一二三四1-4])季度|([上下])半年|度)?", raw)
    if m:
        year = int(m.group(1))
        if m.group(2):
            return Period("quarter", year, _QUARTER_CN[m.group(2)])
        if m.group(3):
            return Period("half", year, 1 if m.group(3) == "上" else 2)
        return Period("year", year)
    raise AnnualReportError(f"统计期间“{text}”无法识别：应为 2025Q1（季度）、2025H1（半年）或 2025（年度）",
                            field="period")
