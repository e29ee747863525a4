"""Dates as Chinese documents write them → ``datetime.date``.

Forms read: ``2014.09.03``, ``2014年9月3日``, ``2014-9-3``, ``2014/9/3``, ``20140903`` (only
when the whole string is the date), ``二〇一四年九月三日`` (〇, ○ or 零), full-width digits and
spaces inside (``2014 年 9 月 3 日``). An impossible date (``2014年2月30日``) is not a date: the
parser returns None and a warning that names it, it never rolls over to another day.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from gongkai.documents.domain.numerals import CN_DIGITS, cn_to_int, digits_to_int

MIN_YEAR = 1949
MAX_YEAR = 2100

_SP = r"[ \t\u3000]*"
_CN = f"[{CN_DIGITS}十]"
_NUMERIC = re.compile(
    rf"(?<!\d)(?P<y>[12]\d{{3}}){_SP}"
    rf"(?:(?P<sep>[.\-/．]){_SP}(?P<m1>\d{{1,2}}){_SP}(?P=sep){_SP}(?P<d1>\d{{1,2}})(?!\d)"
    rf"|年{_SP}(?P<m2>\d{{1,2}}){_SP}月{_SP}(?P<d2>\d{{1,2}}){_SP}日?)"
)
_CHINESE = re.compile(
    rf"(?P<y>[{CN_DIGITS}]{{4}}){_SP}年{_SP}(?P<m>{_CN}{{1,3}}){_SP}月{_SP}(?P<d>{_CN}{{1,3}}){_SP}日"
)
_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")


@dataclass(frozen=True)
class FoundDate:
    """A date found in running text, with where it was and how it was written."""

    value: date | None  # None when the text names an impossible date
    raw: str
    start: int
    end: int
    warning: str | None = None


def _build(year: int | None, month: int | None, day: int | None, raw: str) -> tuple[date | None, str | None]:
    if year is None or month is None or day is None:
        return None, f"日期 “{raw}” 无法识别"
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, f"日期 “{raw}” 的年份 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间"
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"日期 “{raw}” 不存在（{year}年{month}月{day}日）"


def _from_match(m: re.Match[str]) -> tuple[date | None, str | None]:
    raw = m.group(0).strip()
    if m.re is _CHINESE:
        return _build(digits_to_int(m.group("y")), cn_to_int(m.group("m")), cn_to_int(m.group("d")), raw)
    month = m.group("m1") or m.group("m2")
    day = m.group("d1") or m.group("d2")
    return _build(int(m.group("y")), int(month), int(day), raw)


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in ``text``, in order of position (impossible ones with a warning)."""
    text = unicodedata.normalize("NFKC", text or "")
    found: list[FoundDate] = []
    for pattern in (_NUMERIC, _CHINESE):
        for m in pattern.finditer(text):
            value, warning = _from_match(m)
            found.append(FoundDate(value, m.group(0).strip(), m.start(), m.end(), warning))
    found.sort(key=lambda f: f.start)
    return found


def parse_date_checked(text: str) -> tuple[date | None, str | None]:
    """The first date in ``text`` and a warning when there is none or it is impossible."""
    raw = unicodedata.normalize("NFKC", (text or "").strip())
    if not raw:
        return None, None
    compact = _COMPACT.fullmatch(raw)
    if compact:
        return _build(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)), raw)
    found = find_dates(raw)
    if not found:
        return None, f"日期 “{raw}” 无法识别"
    return found[0].value, found[0].warning


def parse_date(text: str) -> date | None:
    """``2014.09.03`` / ``2014年9月3日`` / ``二〇一四年九月三日`` → date(2014, 9, 3); else None."""
    return parse_date_checked(text)[0]
