"""Chinese numerals (五十四, 二〇二〇) as numbers, through the maintained ``cn2an`` library.

Clean-up notices count in Chinese numerals (``失效或废止的文件五十四件``), dates are written
``二〇一四年九月三日`` and 主席令 are numbered ``第二十四号``; all are read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

CN_DIGITS = "〇○零一二三四五六七八九两壹贰叁肆伍陆柒捌玖"
CN_UNITS = "十百千万亿拾佰仟"
_CN_NUMBER = f"[{CN_DIGITS}{CN_UNITS}]+"
# cn2an knows 〇 and 零 but not the look-alike ○ (U+25CB, WHITE CIRCLE) that typists use.
_LOOKALIKES = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇", "o": "〇"})


def cn_to_int(text: str) -> int | None:
    """``五十四`` → 54, ``二〇二〇`` → 2020, ``54`` → 54; None when it is not a number."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if not re.fullmatch(f"[{CN_DIGITS}{CN_UNITS}Oo]+", text):
        return None
    text = text.translate(_LOOKALIKES)
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value)


def digits_to_int(text: str) -> int | None:
    """Read a digit-by-digit year such as ``二〇一四`` (no 十/百 units) → 2014."""
    text = (text or "").strip().translate(_LOOKALIKES)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    table = {"〇": "0", "零": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
    if any(ch not in table for ch in text):
        return cn_to_int(text)
    return int("".join(table[ch] for ch in text))


@dataclass(frozen=True)
class Count:
    """A counted quantity in running text: ``五十四件`` → Count(54, "件", …)."""

    number: int
    unit: str
    raw: str
    start: int
    end: int


COUNT_UNITS = ("件", "部", "项", "个", "条", "家", "份")
_COUNT = re.compile(f"(\\d+|{_CN_NUMBER})\\s*([{''.join(COUNT_UNITS)}])")


def find_counts(text: str, units: tuple[str, ...] = ("件", "部", "项")) -> list[Count]:
    """Every "N件/部/项" count in ``text``, Chinese or Arabic numerals, in order.

    ``失效或废止的文件五十四件`` → [Count(54, "件")]; ``等19部规章`` → [Count(19, "部")].
    Words that merely contain a numeral character (``一部分``, ``一项`` in ``统一项目``) are
    counts too in form; callers look at the unit and the context they need.
    """
    found: list[Count] = []
    for m in _COUNT.finditer(text or ""):
        if m.group(2) not in units:
            continue
        number = cn_to_int(m.group(1))
        if number is None:
            continue
        found.append(Count(number, m.group(2), m.group(0), m.start(), m.end()))
    return found
