"""建议提案 reads: the register for a person, the yearly summary, published replies, the
assessment's facts."""

from __future__ import annotations

from django.db.models import Q

from gongkai.core import access
from gongkai.proposals.domain.rules import Handled, Summary, summarize, summary_text
from gongkai.proposals.models import Proposal, Reply
from gongkai.proposals.rules import proposal_rules


def proposals_for(user):
    """The 督查室 sees every one; a unit its own as 主办 or 会办."""
    qs = Proposal.objects.select_related("main_unit").prefetch_related("co_units")
    if access.can_proposal_manage(user):
        return qs
    unit_id = getattr(user, "unit_id", None)
    if not unit_id:
        return qs.none()
    return qs.filter(Q(main_unit_id=unit_id) | Q(co_units__id=unit_id)).distinct()


def _handled(p: Proposal) -> Handled:
    replies = sorted(p.replies.all(), key=lambda x: x.sequence)
    first, last = (replies[0], replies[-1]) if replies else (None, None)
    return Handled(kind=p.kind, result_code=last.result_code if last else "",
                   replied=first.replied_on if first else None, due=p.due_date, satisfaction=p.satisfaction)


def year_summary(year: int) -> tuple[Summary, str]:
    rules = proposal_rules()
    items = [_handled(p) for p in Proposal.objects.filter(year=year).prefetch_related("replies")]
    summary = summarize(items, rules)
    return summary, summary_text(year, summary, rules)


def published_replies():
    return (Reply.objects.filter(document__isnull=False, document__state="published")
            .select_related("proposal", "proposal__main_unit", "document").order_by("-replied_on"))


def reply_facts(*, start, end, unit_ids: list[int]) -> dict[int, list[dict]]:
    """Per 主办单位: the 建议/提案 whose deadline fell in [start, end], and whether the first
    reply came by it."""
    out: dict[int, list[dict]] = {}
    for p in (Proposal.objects.filter(due_date__gte=start, due_date__lte=end, main_unit_id__in=unit_ids)
              .prefetch_related("replies")):
        first = min(p.replies.all(), key=lambda x: x.sequence, default=None)
        out.setdefault(p.main_unit_id, []).append({
            "id": p.pk, "title": p.title, "number": p.number, "due": p.due_date,
            "replied": first.replied_on if first else None,
            "on_time": bool(first and first.replied_on <= p.due_date)})
    return out
