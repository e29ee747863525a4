"""Read the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

chinesecalendar knows the years up to its release; for a later year the office pastes the
notice's text and the platform reads the days off it, so nobody types 30 dates by hand:

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

Each numbered item gives a holiday span (…至…放假) and, in a sentence ending in 上班, the
make-up working days (调休). Pure: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.core.domain.errors import CalendarError

_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*(?P<name>[^：:]+?)\s*[：:](?P<rest>.*)$")
_NOTE = r"(?:[（(][^）)]*[）)])?"
_SPAN = re.compile(
    rf"(?:(?P<y1>\d{{4}})年)?(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})日{_NOTE}"
    rf"(?:\s*至\s*(?:(?P<y2>\d{{4}})年)?(?:(?P<m2>\d{{1,2}})月)?(?P<d2>\d{{1,2}})日{_NOTE})?"
    rf"\s*放假"
)
_DAY = re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日{_NOTE}")


@dataclass(frozen=True)
class HolidayEntry:
    date: date
    is_workday: bool  # True: a 调休 make-up working day; False: a day off
    name: str


def _date(year: int, month: int, day: int, line_no: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CalendarError(f"第{line_no}行: {month}月{day}日 不是有效日期", field="text") from None


def parse_holiday_notice(text: str, year: int) -> list[HolidayEntry]:
    """The days off and make-up working days of `year` named in the notice, sorted by date.

    Dates carry the notice's year unless written with their own (2022年12月31日至2023年1月2日);
    a span whose end month is before its start month ends in the next year. Raises CalendarError
    naming the line when a numbered item has no span, or when no item is found at all.
    """
    text = unicodedata.normalize("NFKC", text or "")
    entries: dict[date, HolidayEntry] = {}
    items = 0
    for line_no, line in enumerate(text.splitlines(), start=1):
        match = _ITEM.match(line)
        if not match:
            continue
        items += 1
        name, rest = match.group("name").strip(), match.group("rest")
        span = _SPAN.search(rest)
        if span is None:
            raise CalendarError(f"第{line_no}行 “{name}”: 找不到放假日期（应如 “10月1日至7日放假”）",
                                field="text")
        m1, d1 = int(span["m1"]), int(span["d1"])
        y1 = int(span["y1"] or year)
        start = _date(y1, m1, d1, line_no)
        end = start
        if span["d2"]:
            m2 = int(span["m2"] or m1)
            y2 = int(span["y2"]) if span["y2"] else y1 + (1 if m2 < m1 else 0)
            end = _date(y2, m2, int(span["d2"]), line_no)
        if end < start or (end - start).days > 31:
            raise CalendarError(f"第{line_no}行 “{name}”: 放假起止日期不合理", field="text")
        day = start
        while day <= end:
            entries[day] = HolidayEntry(day, False, name)
            day += timedelta(days=1)
        for sentence in re.split(r"[。；;]", rest[span.end():]):
            if "上班" not in sentence:
                continue
            for worked in _DAY.finditer(sentence):
                d = _date(int(worked["y"] or year), int(worked["m"]), int(worked["d"]), line_no)
                entries[d] = HolidayEntry(d, True, f"{name}调休上班")
    if not items:
        raise CalendarError("没有找到 “一、元旦：…放假” 这样的条目：请粘贴通知正文", field="text")
    return sorted(entries.values(), key=lambda e: e.date)
