"""依申请公开模拟测试 (seed 19: 渠道畅通, 回复及时, 答复形式规范): what an evaluator's test request
is scored on. Pure: the caller passes the letter text and the request's dates.

Letter elements are read from the letter's text, as an assessor reads a letter:
* the 条例 article the answer rests on (第N条 cited together with the 条例's name);
* the remedy clause (行政复议 and 行政诉讼) when the answer is not a full disclosure;
* the agency to ask, for 第三十六条第（五）项 (not this agency's information, 转办/告知).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇]+条")
REGULATION_NAME = "政府信息公开条例"


@dataclass(frozen=True)
class Element:
    code: str
    label: str
    present: bool | None  # None: does not apply


def letter_elements(text: str, *, disclosed_in_full: bool, referral: bool,
                    referred_agency: str = "") -> list[Element]:
    """The elements a reply letter must hold and whether this one holds them."""
    cited = REGULATION_NAME in text and bool(ARTICLE.search(text))
    remedy = ("行政复议" in text and "行政诉讼" in text) if not disclosed_in_full else None
    named = None
    if referral:
        named = bool(referred_agency.strip()) and referred_agency.strip() in text
    return [
        Element("article", "引用条例条款", cited),
        Element("remedy", "告知救济途径", remedy),
        Element("agency", "第三十六条第五项告知负责公开的机关", named),
    ]


@dataclass(frozen=True)
class MockScore:
    received: bool
    on_time: bool | None  # None: not yet due and not answered
    elements: tuple[Element, ...]

    @property
    def points(self) -> int:
        """One point each for receipt, answer on time and every applicable letter element."""
        return (int(self.received) + int(bool(self.on_time))
                + sum(1 for e in self.elements if e.present))

    @property
    def possible(self) -> int:
        return 2 + sum(1 for e in self.elements if e.present is not None)

    @property
    def findings(self) -> list[str]:
        out = []
        if not self.received:
            out.append("申请未被受理")
        if self.on_time is False:
            out.append("未在法定期限内答复")
        out.extend(f"答复书缺少：{e.label}" for e in self.elements if e.present is False)
        return out


def mock_score(*, received_on: date | None, due_on: date | None, answered_on: date | None,
               today: date, elements: list[Element]) -> MockScore:
    on_time: bool | None
    if answered_on is not None:
        on_time = due_on is None or answered_on <= due_on
    elif due_on is not None and today > due_on:
        on_time = False
    else:
        on_time = None
    return MockScore(received_on is not None, on_time, tuple(elements))
