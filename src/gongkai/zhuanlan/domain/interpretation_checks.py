"""Checks of 政策解读 the assessment scores (seed 19: 政策解读; 国办发〔2016〕80号 同步起草、
同步审签、同步发布). Rules are data; the working-day count is an argument. Plain Python."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class InterpretationRules:
    max_delay_workdays: int = 3  # 解读 published within N working days of its document
    levels: tuple[str, ...] = ("地方规范性文件",)  # documents that must have a 解读


DEFAULT_RULES = InterpretationRules()


def rules_from(params: dict[str, object] | None) -> InterpretationRules:
    params = params or {}
    delay = params.get("max_delay_workdays", DEFAULT_RULES.max_delay_workdays)
    if not isinstance(delay, int) or isinstance(delay, bool) or delay < 0:
        raise ValueError("max_delay_workdays 须为不小于 0 的整数")
    raw = params.get("levels") or ([params["level"]] if params.get("level") else None)
    levels = tuple(str(x) for x in raw) if isinstance(raw, (list, tuple)) else DEFAULT_RULES.levels
    return InterpretationRules(max_delay_workdays=delay, levels=levels)


@dataclass(frozen=True)
class Finding:
    code: str  # missing | late | not_linked
    detail: str


def check_document(*, published: date | None, readings: list[tuple[int, date | None]],
                   rules: InterpretationRules,
                   workdays_between: Callable[[date, date], int]) -> Finding | None:
    """A document that needs a 解读: none → missing; the earliest later than the rule → late."""
    if not readings:
        return Finding("missing", "未关联政策解读")
    dates = [d for _pk, d in readings if d is not None]
    if published is None or not dates:
        return None
    first = min(dates)
    delay = workdays_between(published, first) if first > published else 0
    if delay > rules.max_delay_workdays:
        return Finding("late", f"解读晚于文件 {delay} 个工作日发布（{first}，文件 {published}；"
                       f"要求 {rules.max_delay_workdays} 个工作日内）")
    return None
