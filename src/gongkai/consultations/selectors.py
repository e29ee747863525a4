"""Reads of 征求意见: one visibility rule for consultations and one for comments, used by every
page, feed and export; the feedback as data (for the page, the DOCX and the assessment)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongkai.consultations.domain.feedback import (
    channel_counts,
    counted,
    decision_counts,
    feedback_problems,
)
from gongkai.consultations.domain.vocab import (
    CHANNEL_LABELS,
    DECISION_LABELS,
    KIND_LABELS,
    PHASE_LABELS,
    Channel,
    CommentStatus,
    Decision,
    Kind,
    Phase,
    Visibility,
)
from gongkai.consultations.models import Comment, Consultation, DecisionCatalog, Hearing, MainView
from gongkai.core.access import consultation_unit_ids, is_admin


def _today() -> date:
    return timezone.localdate()


def public_consultations() -> QuerySet[Consultation]:
    """What anyone may see: published consultations (whatever their phase)."""
    return Consultation.objects.filter(published_at__isnull=False).select_related("unit", "draft")


def managed_consultations(user) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("unit", "draft", "item")
    if is_admin(user):
        return qs
    return qs.filter(unit_id__in=consultation_unit_ids(user))


def phase_filter(qs: QuerySet[Consultation], phase: str, today: date | None = None) -> QuerySet[Consultation]:
    today = today or _today()
    if phase == Phase.OPEN.value:
        return qs.filter(start_date__lte=today, end_date__gte=today, feedback_published_at__isnull=True)
    if phase == Phase.SCHEDULED.value:
        return qs.filter(start_date__gt=today)
    if phase == Phase.CLOSED.value:
        return qs.filter(end_date__lt=today, feedback_published_at__isnull=True)
    if phase == Phase.FEEDBACK.value:
        return qs.filter(feedback_published_at__isnull=False)
    return qs


def comments_shown(consultation: Consultation, today: date | None = None) -> QuerySet[Comment]:
    """Comments the public sees: accepted, not private, and — when the unit chose so — only
    once the consultation has closed. Name and contact are never part of what is shown."""
    from gongkai.consultations.services import consultation_phase

    phase = consultation_phase(consultation, today)
    if consultation.visibility == Visibility.AFTER_CLOSE.value and phase in (Phase.SCHEDULED, Phase.OPEN, Phase.DRAFT):
        return Comment.objects.none()
    return (consultation.comments.filter(status=CommentStatus.PUBLISHED.value, is_private=False)
            .only("id", "number", "body", "article", "channel", "received_on", "consultation_id"))


@dataclass
class ViewRow:
    number: int
    summary: str
    decision: str
    decision_label: str
    reason: str
    comment_numbers: list[int]


@dataclass
class Feedback:
    """意见征集情况说明, as data."""

    consultation: Consultation
    total: int
    hidden: int
    by_channel: list[tuple[str, int]]
    by_decision: list[tuple[str, int]]
    views: list[ViewRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def feedback_of(consultation: Consultation) -> Feedback:
    from gongkai.consultations.services import feedback_facts

    comments, views = feedback_facts(consultation)
    numbers: dict[int, list[int]] = {}
    for c in counted(comments):
        if c.view_id:
            numbers.setdefault(c.view_id, []).append(c.number)
    rows = []
    for i, v in enumerate([v for v in views if v.id in numbers], 1):
        label = DECISION_LABELS[Decision(v.decision)] if v.decision else "未决定"
        rows.append(ViewRow(number=i, summary=v.summary, decision=v.decision, decision_label=label,
                            reason=v.reason, comment_numbers=sorted(numbers[v.id])))
    return Feedback(
        consultation=consultation, total=len(counted(comments)),
        hidden=len(comments) - len(counted(comments)), by_channel=channel_counts(comments),
        by_decision=decision_counts(comments, views), views=rows,
        problems=feedback_problems(comments, views),
    )


def consultation_context(c: Consultation, today: date | None = None) -> dict:
    """What every page about one consultation shows."""
    from gongkai.consultations.services import consultation_phase

    phase = consultation_phase(c, today)
    return {
        "c": c, "phase": phase.value, "phase_label": PHASE_LABELS[phase],
        "kind_label": KIND_LABELS.get(Kind(c.kind), c.kind), "channels": c.channel_list(),
        "days": (c.end_date - c.start_date).days + 1,
        "hearings": list(c.hearings.all()),
    }


def public_catalogs() -> QuerySet[DecisionCatalog]:
    return (DecisionCatalog.objects.filter(published_at__isnull=False).select_related("unit")
            .annotate(item_count=Count("items")))


def catalog_items(catalog: DecisionCatalog):
    """Items with their consultations, hearings and final documents (two queries)."""
    items = list(catalog.items.select_related("final_document"))
    by_item: dict[int, list[Consultation]] = {}
    for c in (Consultation.objects.filter(item__in=items, published_at__isnull=False)
              .prefetch_related("hearings")):
        by_item.setdefault(c.item_id, []).append(c)
    for item in items:
        item.public_consultations = by_item.get(item.pk, [])
    return items


def consultation_for_final_document(document_id: int) -> Consultation | None:
    """The consultation a published decision document came out of (for its page)."""
    return public_consultations().filter(final_document_id=document_id).first()


def consultation_for_draft(document_id: int) -> Consultation | None:
    return public_consultations().filter(draft_id=document_id).first()


def open_hearing(hearing_id: int) -> Hearing | None:
    return (Hearing.objects.filter(pk=hearing_id, consultation__published_at__isnull=False)
            .select_related("consultation", "consultation__unit").first())


def comment_rows_for_export(consultation: Consultation) -> list[list]:
    """Every comment for the drafting office (staff only): number, date, channel, status,
    article, body, name, contact, private, view, decision, reason."""
    views = {v.pk: v for v in MainView.objects.filter(consultation=consultation)}
    rows = []
    for c in consultation.comments.order_by("number"):
        view = views.get(c.view_id)
        rows.append([
            c.number, c.received_on.isoformat(), CHANNEL_LABELS[Channel(c.channel)],
            {"pending": "待审核", "published": "已通过", "hidden": f"已屏蔽（{c.hidden_reason}）"}[c.status],
            c.article, c.body, c.name, c.contact, "是" if c.is_private else "否",
            view.summary if view else "",
            DECISION_LABELS[Decision(view.decision)] if view and view.decision else "",
            view.reason if view else "",
        ])
    return rows


EXPORT_HEADER = ["序号", "收到日期", "途径", "状态", "针对条款", "意见内容", "姓名或单位", "联系方式",
                 "不公开", "归入主要观点", "采纳情况", "理由"]


def unit_has_moderation_backlog(user) -> QuerySet[Consultation]:
    return managed_consultations(user).filter(
        Q(comments__status=CommentStatus.PENDING.value)).distinct()


# -- for the assessment (决策预公开) ---------------------------------------------------------


@dataclass
class ConsultationFacts:
    """One published consultation as the assessment measures see it."""

    id: int
    unit_id: int
    title: str
    kind: str
    start_date: date
    end_date: date
    has_explanation: bool
    short_reason: str
    feedback_published_on: date | None
    problems: list[str]


def consultation_facts(unit_ids: set[int], start: date, end: date) -> list[ConsultationFacts]:
    """Published consultations of the units that started within [start, end] (three queries,
    whatever their number: consultations, comments, views)."""
    rows = list(Consultation.objects.filter(unit_id__in=unit_ids, published_at__isnull=False,
                                            start_date__gte=start, start_date__lte=end)
                .order_by("unit_id", "start_date", "id")
                .values_list("id", "unit_id", "title", "kind", "start_date", "end_date", "explanation",
                             "short_reason", "feedback_published_at"))
    ids = [r[0] for r in rows]
    from gongkai.consultations.domain.feedback import CommentFact, ViewFact

    comments: dict[int, list] = {}
    for cid, number, channel, status, view_id in (Comment.objects.filter(consultation_id__in=ids)
                                                  .values_list("consultation_id", "number", "channel", "status",
                                                               "view_id")):
        comments.setdefault(cid, []).append(CommentFact(number, channel, status, view_id))
    views: dict[int, list] = {}
    for cid, vid, summary, decision, reason in (MainView.objects.filter(consultation_id__in=ids)
                                                .values_list("consultation_id", "id", "summary", "decision",
                                                             "reason")):
        views.setdefault(cid, []).append(ViewFact(vid, summary, decision, reason))
    out = []
    for cid, uid, title, kind, s, e, explanation, reason, fb_at in rows:
        out.append(ConsultationFacts(
            id=cid, unit_id=uid, title=title, kind=kind, start_date=s, end_date=e,
            has_explanation=bool((explanation or "").strip()), short_reason=reason or "",
            feedback_published_on=timezone.localtime(fb_at).date() if fb_at else None,
            problems=feedback_problems(comments.get(cid, []), views.get(cid, []))))
    return out


def published_catalog_units(unit_ids: set[int], year: int) -> set[int]:
    """Units that published their 重大行政决策事项目录 for `year`."""
    return set(DecisionCatalog.objects.filter(unit_id__in=unit_ids, year=year, published_at__isnull=False)
               .values_list("unit_id", flat=True))
