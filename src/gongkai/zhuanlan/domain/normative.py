"""The 行政规范性文件 register (三统一): registration numbers, validity terms, the 施行 gap,
evaluation reminders and 备案 on time / 迟报 / 漏报. Rules are data (``data/normative.yaml``);
every function takes the dates it needs (plain Python, no clock)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "normative.yaml"


class NormativeRuleError(ValueError):
    pass


@dataclass(frozen=True)
class NormativeRules:
    registration_format: str = "{prefix}-{year}-{serial:04d}"
    term_years: int = 5
    provisional_term_years: int = 2
    provisional_markers: tuple[str, ...] = ("暂行", "试行")
    min_effective_gap_days: int = 30
    evaluation_months: int = 6
    filing_deadline_days: int = 30


def load_rules(text: str | None = None) -> NormativeRules:
    raw = yaml.safe_load(text if text is not None else DATA_FILE.read_text(encoding="utf-8")) or {}
    values: dict[str, Any] = {}
    for name in ("term_years", "provisional_term_years", "min_effective_gap_days",
                 "evaluation_months", "filing_deadline_days"):
        if name in raw:
            try:
                values[name] = int(raw[name])
            except (TypeError, ValueError) as exc:
                raise NormativeRuleError(f"normative.yaml: {name} 不是整数") from exc
            if values[name] < 0 or (name.endswith("years") and values[name] == 0):
                raise NormativeRuleError(f"normative.yaml: {name} 取值无效")
    if "registration_format" in raw:
        fmt = str(raw["registration_format"])
        try:
            fmt.format(prefix="X", year=2024, serial=1)
        except (KeyError, ValueError, IndexError) as exc:
            raise NormativeRuleError(
                "normative.yaml: registration_format 只能使用 {prefix} {year} {serial}") from exc
        values["registration_format"] = fmt
    if "provisional_markers" in raw:
        values["provisional_markers"] = tuple(str(x) for x in raw["provisional_markers"] or ())
    return NormativeRules(**values)


def registration_number(rules: NormativeRules, *, prefix: str, year: int, serial: int) -> str:
    """统一登记号."""
    return rules.registration_format.format(prefix=prefix, year=year, serial=serial)


def term_years(rules: NormativeRules, title: str) -> int:
    """有效期 in years: 暂行/试行 documents get the shorter term."""
    if any(marker in (title or "") for marker in rules.provisional_markers):
        return rules.provisional_term_years
    return rules.term_years


def add_years(d: date, years: int) -> date:
    year = d.year + years
    day = min(d.day, calendar.monthrange(year, d.month)[1])
    return date(year, d.month, day)


def add_months(d: date, months: int) -> date:
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def expiry_date(start: date, years: int) -> date:
    """The last day in force: five years from 施行 is 2020-03-01 … 2025-02-28."""
    return add_years(start, years) - timedelta(days=1)


def effective_gap_finding(rules: NormativeRules, *, published: date | None,
                          effective: date | None, reason: str = "") -> str:
    """'' when fine, else what is wrong with the 施行日期 (30-day rule unless a reason)."""
    if published is None or effective is None:
        return ""
    if effective < published:
        return "施行日期早于公布日期"
    gap = (effective - published).days
    if gap < rules.min_effective_gap_days and not (reason or "").strip():
        return (f"施行日期距公布日期仅 {gap} 日（应不少于 {rules.min_effective_gap_days} 日），"
                "且未说明立即施行的理由")
    return ""


class TermStatus(StrEnum):
    IN_TERM = "in_term"  # 有效期内
    EVALUATE = "evaluate"  # 需开展评估（届满前 N 个月内）
    EXPIRED = "expired"  # 已届满


TERM_LABELS = {TermStatus.IN_TERM: "有效期内", TermStatus.EVALUATE: "即将届满，需评估",
               TermStatus.EXPIRED: "有效期已届满"}


def evaluation_due(rules: NormativeRules, expires: date) -> date:
    return add_months(expires, -rules.evaluation_months)


def term_status(rules: NormativeRules, *, expires: date, today: date) -> TermStatus:
    if today > expires:
        return TermStatus.EXPIRED
    if today >= evaluation_due(rules, expires):
        return TermStatus.EVALUATE
    return TermStatus.IN_TERM


class FilingStatus(StrEnum):
    ON_TIME = "on_time"  # 按时备案
    LATE = "late"  # 迟报
    MISSING = "missing"  # 漏报: deadline passed, not filed
    PENDING = "pending"  # 尚在备案期限内


FILING_LABELS = {FilingStatus.ON_TIME: "按时备案", FilingStatus.LATE: "迟报",
                 FilingStatus.MISSING: "漏报", FilingStatus.PENDING: "待备案"}


def filing_deadline(rules: NormativeRules, published: date) -> date:
    return published + timedelta(days=rules.filing_deadline_days)


def filing_status(rules: NormativeRules, *, published: date, filed_on: date | None,
                  today: date) -> FilingStatus:
    deadline = filing_deadline(rules, published)
    if filed_on is not None:
        return FilingStatus.ON_TIME if filed_on <= deadline else FilingStatus.LATE
    return FilingStatus.MISSING if today > deadline else FilingStatus.PENDING
