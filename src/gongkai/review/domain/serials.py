"""Completeness by numbering (DESIGN §3.2): serial gaps in a unit's 发文字号.

For each (机关代字, year) the serials between the lowest and the highest registered are
expected; a missing one (…151, 153… → 152) is a missing submission unless the unit explains it
(作废, 号码跳号 …). Pure Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class GapKind(StrEnum):
    """Why a serial has no document: the unit's annotation (缺号说明)."""

    VOID = "作废"  # number taken, document never issued
    SKIPPED = "号码跳号"  # numbering error
    CLASSIFIED = "涉密文件"  # issued but secret: registered elsewhere
    NOT_PUBLIC_TYPE = "非公文"  # number used for something that is not a public document
    ELSEWHERE = "另行登记"  # the document exists, registered under another unit or system
    OTHER = "其他"


@dataclass(frozen=True, slots=True)
class Series:
    prefix: str
    year: int

    def doc_number(self, serial: int) -> str:
        return f"{self.prefix}〔{self.year}〕{serial}号"


@dataclass(frozen=True)
class SeriesGaps:
    series: Series
    lowest: int
    highest: int
    present: int  # distinct serials registered
    missing: list[int] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return len(self.missing)

    @property
    def ranges(self) -> list[tuple[int, int]]:
        return serial_ranges(self.missing)

    @property
    def ranges_text(self) -> str:
        """"152、160–165": the missing serials, runs collapsed."""
        return "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in self.ranges)


def missing_serials(serials: Iterable[int]) -> list[int]:
    """Serials missing between the lowest and highest given (duplicates and zero ignored)."""
    present = {s for s in serials if s and s > 0}
    if len(present) < 2:
        return []
    low, high = min(present), max(present)
    return [s for s in range(low, high + 1) if s not in present]


def serial_ranges(serials: Iterable[int]) -> list[tuple[int, int]]:
    """[151, 152, 153, 160] → [(151, 153), (160, 160)]."""
    out: list[tuple[int, int]] = []
    for s in sorted(set(serials)):
        if out and s == out[-1][1] + 1:
            out[-1] = (out[-1][0], s)
        else:
            out.append((s, s))
    return out


def series_gaps(records: Iterable[tuple[str, int | None, int | None]]) -> list[SeriesGaps]:
    """Group (代字, year, serial) records into series and list each series' gaps.

    Records without a 代字, year or serial are ignored (documents without a 发文字号). Only
    series with at least one gap are returned, sorted by 代字 and year (newest first).
    """
    grouped: dict[Series, set[int]] = defaultdict(set)
    for prefix, year, serial in records:
        if prefix and year and serial:
            grouped[Series(prefix, int(year))].add(int(serial))
    result = []
    for series, serials in grouped.items():
        missing = missing_serials(serials)
        if missing:
            result.append(
                SeriesGaps(series, min(serials), max(serials), len(serials), missing)
            )
    result.sort(key=lambda g: (g.series.prefix, -g.series.year))
    return result


class SerialRangeError(ValueError):
    """A range text that cannot be read; the message is for the person who typed it."""


_RANGE_DASHES = "-－–—~～至到"


def parse_serial_ranges(text: str, *, limit: int = 5000) -> list[int]:
    """"152、160-165，170～171" → [152, 160, …, 165, 170, 171] (sorted, no duplicates).

    Separators: 、 , ， ; ； and spaces; ranges with any dash, ～ or 至/到. A trailing 号 is
    allowed. Raises SerialRangeError naming the part it could not read."""
    import re

    parts = [p for p in re.split(r"[、,，;；\s]+", (text or "").strip()) if p]
    if not parts:
        raise SerialRangeError("请填写序号或序号范围，如 152、160-165")
    out: set[int] = set()
    for part in parts:
        cleaned = part.rstrip("号")
        pieces = [x for x in re.split(f"[{_RANGE_DASHES}]", cleaned)]
        if len(pieces) == 1 and pieces[0].isdigit():
            low = high = int(pieces[0])
        elif len(pieces) == 2 and all(x.isdigit() for x in pieces):
            low, high = int(pieces[0]), int(pieces[1])
        else:
            raise SerialRangeError(f"“{part}” 不是序号或序号范围（应如 152 或 160-165）")
        if low < 1 or high < low:
            raise SerialRangeError(f"“{part}” 的范围不正确（起号应不大于止号，且从 1 起）")
        if high - low + 1 + len(out) > limit:
            raise SerialRangeError(f"一次最多说明 {limit} 个序号")
        out.update(range(low, high + 1))
    return sorted(out)
