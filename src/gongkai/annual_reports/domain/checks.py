"""The checks (勾稽关系) of an annual report, each naming the cells it looked at.

Input is a report's figures in the JSON shape of `form.py` (blank cells are None and count as
0 in a sum: a blank is how reports write "none"), optionally the report's text, last year's
figures and text, and the sum of the units an office rolls up. Output is a list of `Finding`
— one per broken rule and place — in the order of the form.

Codes (stable, documented in docs/annual-report-json.md):
  table3_row_sum           applicant columns do not add up to 总计 (one finding per row)
  table3_outcome_total     the outcome rows do not add up to 三（七）总计 (per column)
  table3_identity          一 + 二 ≠ 三（七） + 四 (per column; the form's own 勾稽 rule)
  table4_row_sum           维持 + 纠正 + 其他 + 尚未审结 ≠ 总计 (per row)
  table3_carried_over      二 上年结转 ≠ last year's 四 结转下年度 (per column)
  table2_current_rollover  现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止 (per row)
  text_quote               a figure in the text differs from the table
  roll_up                  an office's report differs from the sum of its units (per cell)
  text_repeated            more than half of the text repeats last year's report
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.quotes import quotes_find
from gongkai.annual_reports.domain.repetition import LIMIT, repeated_share


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    cells: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "cells": list(self.cells)}

    @property
    def key(self) -> str:
        """Stable identity of the finding (code and cells), for the reasons a unit records."""
        return f"{self.code}|{','.join(self.cells)}"


CHECK_LABELS = {
    "table3_row_sum": "表三各类申请人之和等于总计",
    "table3_outcome_total": "表三办理结果各项之和等于（七）总计",
    "table3_identity": "表三 一＋二＝三（七）＋四",
    "table4_row_sum": "表四各项之和等于总计",
    "table3_carried_over": "表三 上年结转等于上年报告的结转下年度",
    "table2_current_rollover": "表二 现行有效件数＝上年现行有效＋本年制发－本年废止",
    "text_quote": "正文引用的数字与表格一致",
    "roll_up": "汇总报告等于所辖单位之和",
    "text_repeated": "正文与上年报告重复不超过一半",
}


def _n(v: Any) -> Any:
    return v or 0


def _fmt(v: Any) -> str:
    if v is None:
        return "空"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _row3(figures: dict[str, Any], row: str) -> list[Any]:
    return figures["table3"].get(row) or [None] * len(F.COLUMNS)


def check_table3_rows(figures: dict[str, Any]) -> list[Finding]:
    out = []
    for r in F.TABLE3_ROWS:
        values = _row3(figures, r.label)
        parts, total = values[:F.TOTAL_COLUMN], values[F.TOTAL_COLUMN]
        if all(v is None for v in values):
            continue
        if sum(_n(v) for v in parts) != _n(total):
            out.append(Finding(
                "table3_row_sum",
                f"表三“{r.short}”：各类申请人之和 {_fmt(sum(_n(v) for v in parts))} ≠ 总计 {_fmt(total)}",
                tuple(F.cell3(r.label, i) for i in range(len(F.COLUMNS)))))
    return out


def check_table3_outcomes(figures: dict[str, Any]) -> list[Finding]:
    out = []
    for col, name in enumerate(F.COLUMNS):
        outcome_sum = sum(_n(_row3(figures, r)[col]) for r in F.OUTCOME_ROWS)
        total = _row3(figures, F.TOTAL)[col]
        if outcome_sum != _n(total):
            out.append(Finding(
                "table3_outcome_total",
                f"表三“{name}”列：办理结果各项之和 {_fmt(outcome_sum)} ≠ 三（七）总计 {_fmt(total)}",
                tuple(F.cell3(r, col) for r in F.OUTCOME_ROWS) + (F.cell3(F.TOTAL, col),)))
    return out


def check_table3_identity(figures: dict[str, Any]) -> list[Finding]:
    out = []
    for col, name in enumerate(F.COLUMNS):
        new, over = _row3(figures, F.NEW)[col], _row3(figures, F.CARRIED_OVER)[col]
        done, forward = _row3(figures, F.TOTAL)[col], _row3(figures, F.CARRIED_FORWARD)[col]
        if _n(new) + _n(over) != _n(done) + _n(forward):
            out.append(Finding(
                "table3_identity",
                f"表三“{name}”列：一、本年新收 {_fmt(new)} ＋ 二、上年结转 {_fmt(over)} ≠ "
                f"三（七）总计 {_fmt(done)} ＋ 四、结转下年度 {_fmt(forward)}",
                (F.cell3(F.NEW, col), F.cell3(F.CARRIED_OVER, col), F.cell3(F.TOTAL, col),
                 F.cell3(F.CARRIED_FORWARD, col))))
    return out


def check_table4(figures: dict[str, Any]) -> list[Finding]:
    out = []
    for row in F.TABLE4_ROWS:
        values = figures["table4"].get(row) or [None] * len(F.CASE_COLUMNS)
        parts, total = values[:F.CASE_TOTAL], values[F.CASE_TOTAL]
        if sum(_n(v) for v in parts) != _n(total):
            out.append(Finding(
                "table4_row_sum",
                f"表四“{F.TABLE4_LABELS[row]}”：维持、纠正、其他、尚未审结之和 "
                f"{_fmt(sum(_n(v) for v in parts))} ≠ 总计 {_fmt(total)}",
                tuple(F.cell4(row, i) for i in range(len(F.CASE_COLUMNS)))))
    return out


def check_against_previous(figures: dict[str, Any], previous: dict[str, Any]) -> list[Finding]:
    """This year's 二 上年结转 = last year's 四 结转下年度; 现行有效 rolls over."""
    out = []
    previous = F.figures_copy(previous)
    for col, name in enumerate(F.COLUMNS):
        now, then = _row3(figures, F.CARRIED_OVER)[col], _row3(previous, F.CARRIED_FORWARD)[col]
        if _n(now) != _n(then):
            out.append(Finding(
                "table3_carried_over",
                f"表三“{name}”列：二、上年结转 {_fmt(now)} ≠ 上年报告 四、结转下年度继续办理 {_fmt(then)}",
                (F.cell3(F.CARRIED_OVER, col), "上年" + F.cell3(F.CARRIED_FORWARD, col))))
    for row in F.DOC_ROWS:
        cur = figures["table2"][row]
        old = previous["table2"][row]
        expected = _n(old[F.CURRENT]) + _n(cur[F.MADE]) - _n(cur[F.REPEALED])
        if _n(cur[F.CURRENT]) != expected:
            out.append(Finding(
                "table2_current_rollover",
                f"表二“{row}”：现行有效件数 {_fmt(cur[F.CURRENT])} ≠ 上年现行有效 {_fmt(old[F.CURRENT])} ＋ "
                f"本年制发 {_fmt(cur[F.MADE])} － 本年废止 {_fmt(cur[F.REPEALED])} ＝ {_fmt(expected)}"
                "（如有到期失效等其他变化，请说明原因）",
                (F.cell2(row, F.CURRENT), "上年" + F.cell2(row, F.CURRENT), F.cell2(row, F.MADE),
                 F.cell2(row, F.REPEALED))))
    return out


def check_text_quotes(figures: dict[str, Any], text: str) -> list[Finding]:
    out = []
    seen: set[tuple[str, str]] = set()
    for rule, clause, number in quotes_find(text):
        values, cells = rule.cells(figures)
        stated = 0 if rule.zero else number
        if stated in values or (rule.code, clause) in seen:
            continue
        seen.add((rule.code, clause))
        table = "、".join(_fmt(v) for v in dict.fromkeys(values))
        out.append(Finding(
            "text_quote",
            f"正文“{clause}”（{rule.label} {stated}）与表格（{table}）不一致", tuple(cells)))
    return out


def check_roll_up(figures: dict[str, Any], units_sum: dict[str, Any], *, limit: int = 20) -> list[Finding]:
    """Every cell of the office's report against the sum of its units (at most `limit`
    findings; the rest are counted in the last one)."""
    units_sum = F.figures_copy(units_sum)
    diffs: list[tuple[str, Any, Any]] = []
    for row in F.DOC_ROWS:
        for col in F.DOC_COLUMNS:
            diffs.append((F.cell2(row, col), figures["table2"][row][col], units_sum["table2"][row][col]))
    for row in F.SINGLE_ROWS:
        diffs.append((F.cell2(row), figures["table2"][row], units_sum["table2"][row]))
    for r in F.TABLE3_ROWS:
        for i in range(len(F.COLUMNS)):
            diffs.append((F.cell3(r.label, i), _row3(figures, r.label)[i],
                          units_sum["table3"][r.label][i]))
    for row in F.TABLE4_ROWS:
        for i in range(len(F.CASE_COLUMNS)):
            diffs.append((F.cell4(row, i), figures["table4"][row][i], units_sum["table4"][row][i]))
    bad = [(c, a, b) for c, a, b in diffs if round(_n(a), 4) != round(_n(b), 4)]
    out = [Finding("roll_up", f"{c}：本报告 {_fmt(a)} ≠ 所辖单位合计 {_fmt(b)}", (c,))
           for c, a, b in bad[:limit]]
    if len(bad) > limit:
        out.append(Finding("roll_up", f"另有 {len(bad) - limit} 个单元格与所辖单位合计不一致",
                           tuple(c for c, _, _ in bad[limit:])))
    return out


def check_repetition(text: str, previous_text: str, *, limit: float = LIMIT) -> list[Finding]:
    share = repeated_share(text, previous_text)
    if share is None or share <= limit:
        return []
    return [Finding("text_repeated",
                    f"正文有 {share:.0%} 与上年报告重复（超过 {limit:.0%}，属于照抄上年年报）",
                    ("正文",))]


def report_check(figures: dict[str, Any], *, text: str = "", previous: dict[str, Any] | None = None,
                 previous_text: str | None = None, units_sum: dict[str, Any] | None = None) -> list[Finding]:
    """All checks that the given material allows, in the order of the form."""
    figures = F.figures_copy(figures)
    findings = [*check_table3_rows(figures), *check_table3_outcomes(figures),
                *check_table3_identity(figures), *check_table4(figures)]
    if previous is not None:
        findings += check_against_previous(figures, previous)
    if text:
        findings += check_text_quotes(figures, text)
    if units_sum is not None:
        findings += check_roll_up(figures, units_sum)
    if text and previous_text:
        findings += check_repetition(text, previous_text)
    return findings


def repetition_share(text: str, previous_text: str | None) -> float | None:
    return repeated_share(text, previous_text) if previous_text else None
