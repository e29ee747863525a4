"""The rules of 建议提案办理 as data: per kind (人大代表建议, 政协委员提案) the reply limit in
months from 交办, the maximum an approved extension reaches, the days the 会办单位 have to send
their opinion to the 主办单位; the result codes (A/B/C) and the satisfaction answers, and which
of them require a re-reply. The data lives in `proposals/data/rules.yaml`."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any


class RulesError(ValueError):
    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class KindRule:
    code: str
    label: str
    reply_months: int
    max_months: int
    co_opinion_days: int


@dataclass(frozen=True)
class Rules:
    kinds: dict[str, KindRule]
    result_codes: dict[str, str]
    satisfaction: dict[str, str]
    reopen_on: frozenset[str]
    re_reply_months: int

    def kind(self, code: str) -> KindRule:
        if code not in self.kinds:
            raise RulesError(f"类别：请选择{'或'.join(k.label for k in self.kinds.values())}", field="kind")
        return self.kinds[code]


def _positive(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise RulesError(f"{where}：应为正整数，收到 {value!r}", field=where)
    return value


def rules_from_dict(data: dict[str, Any]) -> Rules:
    """Check and build the rules; a mistake names its key."""
    kinds: dict[str, KindRule] = {}
    for code, spec in (data.get("kinds") or {}).items():
        where = f"kinds.{code}"
        reply = _positive(spec.get("reply_months"), f"{where}.reply_months")
        maximum = _positive(spec.get("max_months", reply), f"{where}.max_months")
        if maximum < reply:
            raise RulesError(f"{where}.max_months：不能少于 reply_months（{reply}）", field=where)
        kinds[str(code)] = KindRule(str(code), str(spec.get("label") or code), reply, maximum,
                                    _positive(spec.get("co_opinion_days", 30), f"{where}.co_opinion_days"))
    if not kinds:
        raise RulesError("kinds：至少要有一类（建议或提案）", field="kinds")
    codes = {str(k): str(v) for k, v in (data.get("result_codes") or {}).items()}
    if not codes:
        raise RulesError("result_codes：至少要有一个办理结果类别", field="result_codes")
    satisfaction = {str(k): str(v) for k, v in (data.get("satisfaction") or {}).items()}
    reopen = frozenset(str(x) for x in data.get("reopen_on") or [])
    unknown = reopen - set(satisfaction)
    if unknown:
        raise RulesError(f"reopen_on：未定义的满意度 {'、'.join(sorted(unknown))}", field="reopen_on")
    return Rules(kinds, codes, satisfaction, reopen, _positive(data.get("re_reply_months", 1), "re_reply_months"))


def add_months(day: date, months: int) -> date:
    """Same day `months` later, the month's last day where that day does not exist
    (11月30日 + 3 → 2月28日/29日)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reply_due(assigned: date, rule: KindRule, *, extension_months: int = 0) -> date:
    if extension_months < 0 or rule.reply_months + extension_months > rule.max_months:
        raise RulesError(f"延期：{rule.label}自交办之日起最长{rule.max_months}个月，"
                         f"已有{rule.reply_months}个月，最多延长{rule.max_months - rule.reply_months}个月",
                         field="months")
    return add_months(assigned, rule.reply_months + extension_months)


def co_opinion_due(assigned: date, rule: KindRule) -> date:
    return assigned + timedelta(days=rule.co_opinion_days)


class State(StrEnum):
    ASSIGNED = "assigned"  # 办理中
    REPLIED = "replied"  # 已答复，待代表委员反馈
    REOPENED = "reopened"  # 不满意，重新办理
    CLOSED = "closed"  # 办结

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {State.ASSIGNED: "办理中", State.REPLIED: "已答复", State.REOPENED: "重新办理", State.CLOSED: "办结"}

# (from, verb) → to
TRANSITIONS: dict[tuple[State, str], State] = {
    (State.ASSIGNED, "reply"): State.REPLIED,
    (State.REOPENED, "reply"): State.REPLIED,
    (State.REPLIED, "feedback_ok"): State.CLOSED,
    (State.REPLIED, "feedback_reopen"): State.REOPENED,
    (State.ASSIGNED, "extend"): State.ASSIGNED,
}


def transition(state: State, verb: str) -> State | None:
    return TRANSITIONS.get((state, verb))


@dataclass(frozen=True)
class Handled:
    """One 建议/提案 as the yearly summary sees it."""

    kind: str
    result_code: str  # of the last reply, "" when none
    replied: date | None  # the first reply
    due: date
    satisfaction: str  # the last answer, "" when none


@dataclass
class Summary:
    received: dict[str, int] = field(default_factory=dict)
    replied: int = 0
    on_time: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
    by_satisfaction: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.received.values())


def summarize(items: Iterable[Handled], rules: Rules) -> Summary:
    items = list(items)
    kinds: Counter[str] = Counter(i.kind for i in items)
    codes: Counter[str] = Counter(i.result_code for i in items if i.result_code)
    sat: Counter[str] = Counter(i.satisfaction for i in items if i.satisfaction)
    return Summary(
        received={k: kinds.get(k, 0) for k in rules.kinds},
        replied=sum(1 for i in items if i.replied),
        on_time=sum(1 for i in items if i.replied and i.replied <= i.due),
        by_code={c: codes.get(c, 0) for c in rules.result_codes},
        by_satisfaction={s: sat.get(s, 0) for s in rules.satisfaction},
    )


def summary_text(year: int, summary: Summary, rules: Rules) -> str:
    """The yearly summary's words (counts received, answered on time, by result code)."""
    received = "，".join(f"{rules.kinds[k].label}{n}件" for k, n in summary.received.items())
    parts = [f"{year}年共承办{received}，合计{summary.total}件。"]
    if summary.total:
        parts.append(f"已答复{summary.replied}件，其中按期答复{summary.on_time}件，"
                     f"按期答复率{summary.on_time * 100 // summary.total}%。")
        parts.append("从办理结果看，" + "；".join(
            f"{rules.result_codes[c]}的（{c}类）{n}件" for c, n in summary.by_code.items()) + "。")
        answered = sum(summary.by_satisfaction.values())
        if answered:
            parts.append("代表委员反馈" + "、".join(
                f"{rules.satisfaction[s]}{n}件" for s, n in summary.by_satisfaction.items()) + "。")
    return "".join(parts)
