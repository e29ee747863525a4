"""反馈情况 (意见征集情况说明): what it must state and when it may be published.

The seed's criticism (湖北省2019年度考评通报): feedback "未对收集到意见的数量、主要观点、采纳情况、
不予采纳的理由等作出全面说明". So the feedback is built from data — counts by channel, the main
views, the decision on each — and cannot be published while a comment lacks a decision or a
view not (fully) adopted lacks its reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gongkai.consultations.domain.vocab import (
    CHANNEL_LABELS,
    DECISION_LABELS,
    Channel,
    CommentStatus,
    Decision,
)


@dataclass(frozen=True)
class CommentFact:
    number: int
    channel: str
    status: str
    view_id: int | None


@dataclass(frozen=True)
class ViewFact:
    id: int
    summary: str
    decision: str  # "" while undecided
    reason: str


def counted(comments: list[CommentFact]) -> list[CommentFact]:
    """Comments the feedback answers: all but those hidden (spam, abuse — each with a reason)."""
    return [c for c in comments if c.status != CommentStatus.HIDDEN.value]


def channel_counts(comments: list[CommentFact]) -> list[tuple[str, int]]:
    """[(途径, 条数)] in the fixed channel order, channels with comments only."""
    counts = Counter(c.channel for c in counted(comments))
    return [(CHANNEL_LABELS[ch], counts[ch.value]) for ch in Channel if counts[ch.value]]


def decision_counts(comments: list[CommentFact], views: list[ViewFact]) -> list[tuple[str, int]]:
    """[(采纳情况, 意见条数)]: comments counted by the decision on the view they belong to."""
    by_view: dict[int | None, str] = {v.id: v.decision for v in views}
    counts = Counter(by_view.get(c.view_id, "") for c in counted(comments))
    return [(DECISION_LABELS[d], counts[d.value]) for d in Decision if counts[d.value]]


def needs_reason(decision: str) -> bool:
    return decision in (Decision.NOT_ADOPTED.value, Decision.PARTLY.value)


def feedback_problems(comments: list[CommentFact], views: list[ViewFact]) -> list[str]:
    """Why the feedback cannot be published yet (empty: it can)."""
    problems = []
    view_ids = {v.id for v in views}
    for c in comments:
        if c.status == CommentStatus.PENDING.value:
            problems.append(f"第{c.number}条意见尚未审核")
        elif c.status != CommentStatus.HIDDEN.value and c.view_id not in view_ids:
            problems.append(f"第{c.number}条意见尚未归入主要观点并作出采纳决定")
    used = {c.view_id for c in counted(comments)}
    for v in views:
        label = v.summary if len(v.summary) <= 30 else v.summary[:30] + "…"
        if v.id not in used:
            continue  # a view no comment belongs to is not in the feedback
        if not v.decision:
            problems.append(f"主要观点“{label}”尚未作出采纳决定")
        elif needs_reason(v.decision) and not v.reason.strip():
            problems.append(f"主要观点“{label}”为{DECISION_LABELS[Decision(v.decision)]}，须说明理由")
    return problems
