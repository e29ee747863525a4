"""时效性 (a document's legal status over time) as one state machine, pure Python.

One rule table, like ``review/domain/transitions.py``: each event (施行, 修改, 部分失效, 宣布失效,
废止, 有效期届满, 人工更正) names the statuses it may start from and the status it leads to.
``transition(current, event)`` answers the new status or raises ``ValidityError`` with a
Chinese message. 失效 and 废止 are final except for a 人工更正.

宣布失效 and 废止 are different acts (《规章制定程序条例》第三十七条; the national database
labels them 失效 and 已废止): 宣布失效 declares that a text has lost force (its task is done,
its basis is gone), 废止 repeals it. A decision that repeals some articles of a text (废止第X条)
leaves the rest in force: 部分失效.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.core.domain.errors import GongkaiError
from gongkai.documents.domain.vocab import RelationAction, Validity

CHANGING_ACTIONS = frozenset({
    RelationAction.AMEND, RelationAction.REPEAL, RelationAction.INVALIDATE, RelationAction.REPLACE,
    RelationAction.PARTLY_REPEAL,
})


class ValidityError(GongkaiError):
    code = "validity"


class Event(StrEnum):
    """What happens to a document's 时效性 (the ValidityEvent.cause is who caused it)."""

    TAKE_EFFECT = "take_effect"  # 到达施行日期
    AMEND = "amend"  # 修改 / 修正
    PARTLY_REPEAL = "partly_repeal"  # 部分条款废止 → 部分失效
    INVALIDATE = "invalidate"  # 宣布失效
    REPEAL = "repeal"  # 废止 / 同时废止
    EXPIRE = "expire"  # 有效期届满
    CORRECT = "correct"  # 人工更正: any status


EVENT_LABELS: dict[Event, str] = {
    Event.TAKE_EFFECT: "施行",
    Event.AMEND: "修改",
    Event.PARTLY_REPEAL: "部分失效",
    Event.INVALIDATE: "宣布失效",
    Event.REPEAL: "废止",
    Event.EXPIRE: "有效期届满",
    Event.CORRECT: "人工更正",
}

ALIVE = frozenset({Validity.NOT_YET, Validity.CURRENT, Validity.AMENDED, Validity.PARTLY_INVALID})
DEAD = frozenset({Validity.INVALID, Validity.REPEALED})


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Validity]
    target: Validity | None  # None: the event names its target (人工更正)


RULES: dict[Event, Rule] = {
    Event.TAKE_EFFECT: Rule(frozenset({Validity.NOT_YET}), Validity.CURRENT),
    Event.AMEND: Rule(ALIVE, Validity.AMENDED),
    Event.PARTLY_REPEAL: Rule(ALIVE, Validity.PARTLY_INVALID),
    Event.INVALIDATE: Rule(ALIVE, Validity.INVALID),
    Event.REPEAL: Rule(ALIVE, Validity.REPEALED),
    Event.EXPIRE: Rule(ALIVE, Validity.INVALID),
    Event.CORRECT: Rule(frozenset(Validity), None),
}

# What a decision's relation does to its target.
ACTION_EVENTS: dict[RelationAction, Event] = {
    RelationAction.AMEND: Event.AMEND,
    RelationAction.PARTLY_REPEAL: Event.PARTLY_REPEAL,
    RelationAction.INVALIDATE: Event.INVALIDATE,
    RelationAction.REPEAL: Event.REPEAL,
    RelationAction.REPLACE: Event.REPEAL,  # 同时废止: the new text repeals the old one
}


def transition(current: str, event: Event, *, to: str | None = None) -> Validity:
    """The status after `event` from `current`; ValidityError when the move is not allowed.

    `to` is the status a 人工更正 sets (required for it, ignored otherwise)."""
    try:
        now = Validity(current)
    except ValueError as exc:
        raise ValidityError(f"时效性 “{current}” 不在可选范围内", field="validity") from exc
    rule = RULES[event]
    target = rule.target
    if target is None:
        try:
            target = Validity(to or "")
        except ValueError as exc:
            raise ValidityError(f"时效性 “{to}” 不在可选范围内", field="to_validity") from exc
    if now not in rule.sources:
        raise ValidityError(
            f"时效性为“{now.value}”的文件不能{EVENT_LABELS[event]}（失效、废止为最终状态，"
            f"只能人工更正）", field="validity")
    if target == now:
        raise ValidityError(f"时效性已是“{now.value}”", field="validity")
    return target


def event_for_target(current: str, to: str) -> Event | None:
    """The event that takes `current` to `to` without a 人工更正, or None."""
    for event, rule in RULES.items():
        if event == Event.CORRECT or rule.target is None or rule.target.value != to:
            continue
        try:
            if Validity(current) in rule.sources:
                return event
        except ValueError:
            return None
    return None


def validity_after(action: RelationAction) -> Validity | None:
    """The 时效性 a decision gives its target: amend → 已被修改, partly repeal → 部分失效,
    repeal/replace → 废止, invalidate → 失效; None for cite / interpret."""
    event = ACTION_EVENTS.get(action)
    return RULES[event].target if event is not None else None


def transition_allowed(current: str, new: str, *, cause: str) -> bool:
    """Whether 时效性 may move from `current` to `new` for an event of `cause` (a
    ValidityEvent cause: "manual" is a 人工更正 and may go anywhere)."""
    if current == new:
        return False
    if cause == "manual":
        return new in {v.value for v in Validity}
    return event_for_target(current, new) is not None


def expiry_due(expiry: date | None, today: date) -> bool:
    """有效期至 is the last day in force: the document is 失效 from the next day on."""
    return expiry is not None and expiry < today


def in_force_on(events: list[tuple[date, str]], on: date, *, initial: str,
                published: date | None) -> bool | None:
    """Whether a document was in force on `on`, from its dated 时效性 events
    ((date, new status), in order) and the status it had before the first event.

    None when it cannot be told: the document is dead today with no dated event (imported as
    废止), so nobody knows since when. A document published after `on` was not in force."""
    if published is not None and published > on:
        return False
    status = initial
    for when, new in events:
        if when > on:
            break
        status = new
    try:
        value = Validity(status)
    except ValueError:
        return None
    if value in DEAD and not any(when <= on for when, _ in events):
        return None
    return value in ALIVE and value != Validity.NOT_YET
