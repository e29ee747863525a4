"""Group summaries and the sentences of the 通报, worded as the seed bulletins word them:

    省政府部门平均得分79.3分，比上年度提升6分，90分以上8家，比上年度增加6家，80分以上21家，比上年度增加8家。
    市(州)政府平均得分76.88分，比上年度提升1.1分，80分以上6家，与上年度持平。

"90分以上" counts totals ≥ 90 (Chinese usage includes the bound). The 90-clause is left out when
the group has none this time and had none before, as the second seed sentence does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


def fmt_number(value: Decimal | int | float | str) -> str:
    """79.30 → "79.3", 6.00 → "6", 76.88 → "76.88" (two decimals at most, half up)."""
    d = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class GroupSummary:
    group: str
    units: int
    mean: Decimal
    ge_90: int
    ge_80: int
    mean_change: Decimal | None = None
    ge_90_change: int | None = None
    ge_80_change: int | None = None
    previous_ge_90: int | None = None

    def as_dict(self) -> dict[str, Any]:
        def num(v: Decimal | None) -> float | None:
            return None if v is None else float(v)

        return {
            "group": self.group,
            "units": self.units,
            "mean": float(self.mean),
            "mean_change": num(self.mean_change),
            "ge_90": self.ge_90,
            "ge_90_change": self.ge_90_change,
            "ge_80": self.ge_80,
            "ge_80_change": self.ge_80_change,
        }


def mean_of(totals: Sequence[Decimal]) -> Decimal:
    if not totals:
        return Decimal(0)
    return (sum(totals, Decimal(0)) / len(totals)).quantize(CENT, rounding=ROUND_HALF_UP)


def summarize_group(
    group: str, totals: Sequence[Decimal], previous: Sequence[Decimal] | None = None
) -> GroupSummary:
    """Mean, counts ≥ 90 and ≥ 80, and their change against the previous run's same group."""
    mean = mean_of(totals)
    ge_90 = sum(1 for t in totals if t >= 90)
    ge_80 = sum(1 for t in totals if t >= 80)
    if previous is None or len(previous) == 0:
        return GroupSummary(group, len(totals), mean, ge_90, ge_80)
    p_mean = mean_of(previous)
    p90 = sum(1 for t in previous if t >= 90)
    p80 = sum(1 for t in previous if t >= 80)
    return GroupSummary(
        group, len(totals), mean, ge_90, ge_80,
        mean_change=mean - p_mean, ge_90_change=ge_90 - p90, ge_80_change=ge_80 - p80,
        previous_ge_90=p90,
    )


def _points_change(change: Decimal, since: str) -> str:
    if change > 0:
        return f"比{since}提升{fmt_number(change)}分"
    if change < 0:
        return f"比{since}下降{fmt_number(-change)}分"
    return f"与{since}持平"


def _count_change(change: int, since: str) -> str:
    if change > 0:
        return f"比{since}增加{change}家"
    if change < 0:
        return f"比{since}减少{-change}家"
    return f"与{since}持平"


def group_sentence(summary: GroupSummary, *, since: str = "上年度") -> str:
    """One sentence of the 通报 for a group (see the module docstring)."""
    parts = [f"{summary.group}平均得分{fmt_number(summary.mean)}分"]
    has_previous = summary.mean_change is not None
    if has_previous:
        parts.append(_points_change(summary.mean_change or Decimal(0), since))
    show_90 = summary.ge_90 > 0 or (has_previous and (summary.previous_ge_90 or 0) > 0)
    if show_90:
        parts.append(f"90分以上{summary.ge_90}家")
        if has_previous:
            parts.append(_count_change(summary.ge_90_change or 0, since))
    parts.append(f"80分以上{summary.ge_80}家")
    if has_previous:
        parts.append(_count_change(summary.ge_80_change or 0, since))
    return "，".join(parts) + "。"


def award_sentence(kind: str, group: str, units: Sequence[str]) -> str:
    """考评成绩优秀的区政府：A、B。 / 进步明显的区政府：C。"""
    label = "考评成绩优秀的" if kind == "excellent" else "进步明显的"
    return f"{label}{group}：{'、'.join(units)}。"


@dataclass(frozen=True)
class Loss:
    code: str
    name: str
    average_loss: Decimal
    units_losing: int


def weakest(
    losses: dict[str, list[Decimal]], names: dict[str, str], *, limit: int
) -> list[Loss]:
    """Indicators with the largest average loss (per unit scored), largest first; ties by code.

    Indicators nobody lost a point on are not weaknesses and are left out.
    """
    rows = []
    for code, values in losses.items():
        if not values:
            continue
        average = (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)
        if average <= 0:
            continue
        rows.append(Loss(code, names[code], average, sum(1 for v in values if v > 0)))
    rows.sort(key=lambda r: (-r.average_loss, r.code))
    return rows[:limit]


CHINESE_ORDINALS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十 (section numbers of a 公文)."""
    if n <= 10:
        return CHINESE_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_ORDINALS[tens - 1]
    return head + "十" + (CHINESE_ORDINALS[ones - 1] if ones else "")


def chinese_date(year: int, month: int, day: int) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, 年月日, no leading zeros."""
    return f"{year}年{month}月{day}日"
