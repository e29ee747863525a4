"""Scoring methods (计分方法): turn a measured value or an evaluator's entry into points.

* ratio   weight × measured share (0–1); no applicable items → full marks (params.if_no_data: zero)
* deduct  weight − per_finding × findings, floor 0 (so never above the weight, never below 0)
* manual  the evaluator's score, which must lie in [0, weight]; not yet entered → 0, "pending"
* bonus   per_finding × findings (or the evaluator's entry when it has no measure), capped at
          the weight; added on top of the base points (the total stays within the set's maximum)
* veto    单项否决: findings > params.above (default 0) fails the unit; gives no points

Scores are rounded to two decimals, half up, as the bulletins print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.domain.indicators import Indicator

CENT = Decimal("0.01")


def q2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Score:
    score: Decimal  # points given (for bonus: points added)
    max: Decimal  # points the indicator can give (for bonus: its cap; veto: 0)
    vetoed: bool = False
    status: str = "scored"  # scored | no_data | pending
    note: str = ""

    @property
    def lost(self) -> Decimal:
        """Points lost against the maximum (bonus and veto lose nothing)."""
        return self.max - self.score


def manual_check(indicator: Indicator, value: Decimal) -> Decimal:
    """Validate an evaluator's entry; veto flags are 0 or 1."""
    if indicator.method == "veto":
        if value not in (Decimal(0), Decimal(1)):
            raise AssessmentError(f"{indicator.name}: 否决项只能填 0（否）或 1（是），实为 {value}")
        return value
    if value < 0 or value > indicator.weight:
        raise AssessmentError(
            f"{indicator.name}: 得分 {value} 超出范围 0–{indicator.weight}", field=indicator.code
        )
    return q2(value)


def score_indicator(
    indicator: Indicator, *, value: Decimal | int | None = None, manual: Decimal | None = None
) -> Score:
    """Points for one leaf indicator. `value`: a share (ratio) or a count of findings."""
    method = indicator.method
    weight = indicator.weight
    if method == "manual":
        if manual is None:
            return Score(Decimal(0), weight, status="pending", note="待评估员录入")
        return Score(manual_check(indicator, Decimal(manual)), weight)
    if method == "veto":
        flag = manual if indicator.is_manual else value
        if flag is None:
            return Score(Decimal(0), Decimal(0), status="pending" if indicator.is_manual else "no_data")
        above = Decimal(str(indicator.params.get("above", 0)))
        vetoed = Decimal(flag) > above
        return Score(Decimal(0), Decimal(0), vetoed=vetoed, note="单项否决" if vetoed else "")
    if method == "ratio":
        if value is None:
            if indicator.params.get("if_no_data", "full") == "zero":
                return Score(Decimal(0), weight, status="no_data", note="无适用数据，按零分计")
            return Score(weight, weight, status="no_data", note="无适用数据，按满分计")
        share = Decimal(str(value))
        if share < 0 or share > 1:
            raise AssessmentError(f"{indicator.code}: 比例 {share} 应在 0 到 1 之间")
        return Score(q2(weight * share), weight)
    if method == "deduct":
        if value is None:
            return Score(weight, weight, status="no_data", note="无适用数据，按满分计")
        points = weight - indicator.per_finding * Decimal(value)
        return Score(q2(min(weight, max(Decimal(0), points))), weight)
    if method == "bonus":
        if indicator.is_manual:
            if manual is None:
                return Score(Decimal(0), weight, status="pending", note="待评估员录入")
            return Score(manual_check(indicator, Decimal(manual)), weight)
        if value is None:
            return Score(Decimal(0), weight, status="no_data")
        return Score(q2(min(weight, max(Decimal(0), indicator.per_finding * Decimal(value)))), weight)
    raise AssessmentError(f"{indicator.code}: 未知的计分方法 {method}")


@dataclass(frozen=True)
class Total:
    total: Decimal  # what the bulletin prints: 0 when vetoed
    points: Decimal  # base + bonus before a veto
    vetoed: bool


def total_of(scores: list[tuple[Indicator, Score]], *, max_total: Decimal) -> Total:
    """Base points plus bonus, capped at the set's maximum; a veto makes the total 0."""
    base = sum((s.score for i, s in scores if i.method in ("ratio", "deduct", "manual")), Decimal(0))
    bonus = sum((s.score for i, s in scores if i.method == "bonus"), Decimal(0))
    points = q2(min(max_total, base + bonus))
    vetoed = any(s.vetoed for _, s in scores)
    return Total(Decimal(0) if vetoed else points, points, vetoed)
