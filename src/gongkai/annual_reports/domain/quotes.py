"""Figures the report's text quotes ("全年共收到政府信息公开申请9件", "未发生行政复议"), to hold
against the tables. Each rule is a pattern over one sentence and the cells it must equal; a
rule may accept more than one value where reports use a word loosely (受理 may include the
requests carried over).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongkai.annual_reports.domain import form as F
from gongkai.documents.domain.numerals import CN_DIGITS, CN_UNITS, cn_to_int

_N = f"(\\d+|[{CN_DIGITS}{CN_UNITS}]+)"
_UNIT = r"\s*(?:件|宗|起|个|份|次|条)"
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


@dataclass(frozen=True)
class Quote:
    sentence: str  # the clause as the text has it
    number: int
    rule: str  # a code (QuoteRule.code)


def _total(values: list[Any] | None) -> int:
    return (values or [None] * len(F.COLUMNS))[F.TOTAL_COLUMN] or 0


def _t3(row: str) -> Callable[[dict[str, Any]], tuple[list[int], list[str]]]:
    return lambda f: ([_total(f["table3"].get(row))], [F.cell3(row, F.TOTAL_COLUMN)])


def _new_or_all(f: dict[str, Any]) -> tuple[list[int], list[str]]:
    new, over = _total(f["table3"].get(F.NEW)), _total(f["table3"].get(F.CARRIED_OVER))
    return [new, new + over], [F.cell3(F.NEW, F.TOTAL_COLUMN), F.cell3(F.CARRIED_OVER, F.TOTAL_COLUMN)]


def _group(group: str) -> Callable[[dict[str, Any]], tuple[list[int], list[str]]]:
    def read(f: dict[str, Any]) -> tuple[list[int], list[str]]:
        rows = [r.label for r in F.TABLE3_ROWS if r.group == group]
        return ([sum(_total(f["table3"].get(r)) for r in rows)],
                [F.cell3(r, F.TOTAL_COLUMN) for r in rows])
    return read


def _t4(*rows: str) -> Callable[[dict[str, Any]], tuple[list[int], list[str]]]:
    def read(f: dict[str, Any]) -> tuple[list[int], list[str]]:
        return ([sum((f["table4"].get(r) or [0] * 5)[F.CASE_TOTAL] or 0 for r in rows)],
                [F.cell4(r, F.CASE_TOTAL) for r in rows])
    return read


def _t2(row: str, col: str) -> Callable[[dict[str, Any]], tuple[list[int], list[str]]]:
    return lambda f: ([(f["table2"].get(row) or {}).get(col) or 0], [F.cell2(row, col)])


@dataclass(frozen=True)
class QuoteRule:
    code: str
    label: str  # what the figure is, for the message
    pattern: re.Pattern[str]
    cells: Callable[[dict[str, Any]], tuple[list[int], list[str]]]
    zero: bool = False  # the pattern states "none" (未收到 …): the figure must be 0


def _p(text: str) -> re.Pattern[str]:
    return re.compile(text)


RULES: tuple[QuoteRule, ...] = (
    QuoteRule("received", "收到的政府信息公开申请数",
              _p(f"(?:新收|收到|受理|接收|接到)[^，,、。]{{0,12}}?申请[^，,、。\\d复诉转]{{0,8}}?{_N}{_UNIT}"),
              _new_or_all),
    QuoteRule("received_none", "收到的政府信息公开申请数",
              _p("(?:未|没有)(?:收到|受理|接到|接收)[^，,。]{0,8}?(?:信息公开|依申请公开)?申请"),
              _t3(F.NEW), zero=True),
    QuoteRule("carried_over", "上年结转的申请数", _p(f"上一?年度?结转[^，,、。\\d]{{0,14}}?{_N}{_UNIT}"),
              _t3(F.CARRIED_OVER)),
    QuoteRule("carried_forward", "结转下年度办理的申请数",
              _p(f"结转(?:至|到)?下一?年度?[^，,、。\\d]{{0,10}}?{_N}{_UNIT}"), _t3(F.CARRIED_FORWARD)),
    QuoteRule("disclosed", "予以公开的申请数", _p(f"予以公开{_N}{_UNIT}"), _t3(F.ROW_BY_KEY["disclosed"].label)),
    QuoteRule("partly", "部分公开的申请数", _p(f"部分公开{_N}{_UNIT}"), _t3(F.ROW_BY_KEY["partly"].label)),
    QuoteRule("withheld", "不予公开的申请数", _p(f"不予公开{_N}{_UNIT}"), _group("三、（三）不予公开")),
    QuoteRule("review", "行政复议案件数", _p(f"行政复议(?:案件)?(?:共)?{_N}{_UNIT}"), _t4(F.REVIEW)),
    QuoteRule("suit", "行政诉讼案件数", _p(f"行政诉讼(?:案件)?(?:共)?{_N}{_UNIT}"),
              _t4(F.SUIT_DIRECT, F.SUIT_AFTER_REVIEW)),
    QuoteRule("cases_none", "行政复议、行政诉讼案件数",
              _p("(?:未|没有)(?:发生|出现|产生|收到|有)[^。，,]{0,16}?行政复议[^。，,]{0,4}?行政诉讼"),
              _t4(F.REVIEW, F.SUIT_DIRECT, F.SUIT_AFTER_REVIEW), zero=True),
    QuoteRule("normative_made", "本年制发的行政规范性文件数",
              _p(f"(?:制发|制定|印发|出台)(?:了)?(?:行政)?规范性文件(?:共)?{_N}{_UNIT}"),
              _t2(F.NORMATIVE, F.MADE)),
    QuoteRule("normative_current", "现行有效的行政规范性文件数",
              _p(f"现行有效(?:的)?(?:行政)?规范性文件(?:共)?{_N}{_UNIT}"), _t2(F.NORMATIVE, F.CURRENT)),
    QuoteRule("normative_repealed", "本年废止的行政规范性文件数",
              _p(f"废止(?:了)?(?:行政)?规范性文件(?:共)?{_N}{_UNIT}"), _t2(F.NORMATIVE, F.REPEALED)),
)


def quotes_find(text: str) -> list[tuple[QuoteRule, str, int | None]]:
    """(rule, clause, number) for every figure the text quotes; number None for the "none"
    rules (they state 0)."""
    found: list[tuple[QuoteRule, str, int | None]] = []
    for sentence in _SENTENCE.findall(text or ""):
        taken: list[tuple[int, int]] = []
        for rule in RULES:
            for m in rule.pattern.finditer(sentence):
                # 不予公开 contains 予以公开? no; but 部分公开 must not also be read as 予以公开:
                # a match inside a span already taken by an earlier rule is skipped.
                if any(a <= m.start() < b for a, b in taken):
                    continue
                if rule.code == "disclosed" and sentence[max(0, m.start() - 1):m.start()] == "不":
                    continue
                number = None if rule.zero else cn_to_int(m.group(1))
                if not rule.zero and number is None:
                    continue
                taken.append((m.start(), m.end()))
                found.append((rule, m.group(0).strip(), number))
    return found
