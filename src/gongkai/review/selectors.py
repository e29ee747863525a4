"""Reads of the review app: who may act where, queues, counts, timeliness, gaps, inbox.

The back office shows a unit's own documents in every state; the public rule stays
Document.objects.visible_to(user). `REVIEW_INCLUDES_SUBUNITS` (setting, default False) lets a
reviewer review the units below theirs too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongkai.core import access
from gongkai.core.audit import registry as audit_registry
from gongkai.core.calendar import work_calendar
from gongkai.core.domain.workdays import WorkCalendar
from gongkai.core.models import AuditLog, Unit
from gongkai.documents.domain.vocab import STATE_LABELS, Disclosure, State
from gongkai.documents.models import Document
from gongkai.review.domain import rereview as rereview_rules
from gongkai.review.domain import timeliness, transitions
from gongkai.review.domain.serials import SeriesGaps, series_gaps
from gongkai.review.models import GapNote

DOCUMENT_TARGET = Document._meta.label_lower  # "documents.document" in AuditLog.target_type

# Queues per reviewer post: the state a document waits in for that post.
QUEUES: dict[str, tuple[State, str]] = {
    "secrecy": (State.SUBMITTED, "保密审查"),
    "approval": (State.SECRECY_CLEARED, "审核批准"),
    "publication": (State.APPROVED, "信息发布"),
}


def workbench_documents(user) -> QuerySet:
    """Every document (any state) of the units in the user's back-office scope."""
    return Document.objects.filter(unit_id__in=access.workbench_scope_ids(user)).select_related("unit")


def workbench_units(user) -> QuerySet:
    return Unit.objects.filter(id__in=access.workbench_scope_ids(user)).order_by("sort_order", "id")


# The roles holding each queue's post (review.domain.transitions: SECRECY_POST …).
QUEUE_ROLES: dict[str, frozenset[str]] = {
    "secrecy": transitions.SECRECY_POST,
    "approval": transitions.APPROVAL_POST,
    "publication": transitions.PUBLICATION_POST,
}


def queue_units(user, queue: str) -> set[int]:
    """The units where `user` holds the post of `queue`."""
    units: set[int] = set()
    for role in QUEUE_ROLES[queue]:
        units |= access.units_for(user, role)
    return units


def user_queues(user) -> list[str]:
    """The queues (posts) the user holds somewhere (kept on the request's user object: the
    navigation and the view both ask)."""
    cached = getattr(user, "_queues_cache", None)
    if cached is None:
        cached = [name for name in QUEUES if queue_units(user, name)]
        if getattr(user, "pk", None) is not None:
            user._queues_cache = cached
    return list(cached)


def queue_documents(user, queue: str) -> QuerySet:
    """Documents waiting for the reviewer post `queue` in units where the user holds it."""
    state, _label = QUEUES[queue]
    units = queue_units(user, queue)
    return (Document.objects.filter(unit_id__in=units, state=state.value)
            .select_related("unit").order_by("submitted_at", "id"))


def state_counts(unit_ids) -> dict[str, int]:
    rows = (Document.objects.filter(unit_id__in=unit_ids).values("state")
            .annotate(n=Count("id")).order_by())
    counts = Counter({r["state"]: r["n"] for r in rows})
    return {s.value: counts.get(s.value, 0) for s in STATE_LABELS}


def state_counts_by_unit(unit_ids) -> dict[int, dict[str, int]]:
    """{unit id: {state: count}} in one query (the office's table of units below)."""
    out: dict[int, dict[str, int]] = {}
    rows = (Document.objects.filter(unit_id__in=unit_ids).values("unit_id", "state")
            .annotate(n=Count("id")).order_by())
    for r in rows:
        out.setdefault(r["unit_id"], {s.value: 0 for s in STATE_LABELS})[r["state"]] = r["n"]
    return out


def timeliness_of(
    document: Document, *, calendar: WorkCalendar | None = None, today: date | None = None
) -> timeliness.Timeliness:
    calendar = calendar or work_calendar()
    today = today or timezone.localdate()
    return timeliness.assess(
        calendar,
        publish_date=document.publish_date,
        submitted_on=timezone.localdate(document.submitted_at) if document.submitted_at else None,
        published_on=timezone.localdate(document.published_at) if document.published_at else None,
        today=today,
        limit=settings.TIMELINESS_LIMIT_WORKDAYS,
        publication_required=(document.state != State.WITHHELD.value
                              and document.disclosure != Disclosure.WITHHELD.value),
    )


def with_timeliness(documents, *, today: date | None = None) -> list[tuple[Document, timeliness.Timeliness]]:
    """Pair each document with its timeliness (one calendar for the whole list)."""
    calendar = work_calendar()
    return [(d, timeliness_of(d, calendar=calendar, today=today)) for d in documents]


def overdue_documents(unit_ids, *, today: date | None = None) -> list[tuple[Document, timeliness.Timeliness]]:
    """Documents not yet submitted or published whose limit has passed, and done-but-late ones
    from the last year, most urgent first."""
    today = today or timezone.localdate()
    # Still waiting (not submitted, or not published): overdue however old; done but late:
    # shown for a year.
    waiting = Q(submitted_at__isnull=True) | (
        Q(published_at__isnull=True) & ~Q(state=State.WITHHELD.value)
        & ~Q(disclosure=Disclosure.WITHHELD.value)
    )
    recent = Q(publish_date__gte=today - timedelta(days=366))
    candidates = (Document.objects.filter(unit_id__in=unit_ids, publish_date__isnull=False)
                  .exclude(state__in=[State.WITHDRAWN.value])
                  .filter(waiting | recent)
                  .select_related("unit"))
    pairs = [(d, t) for d, t in with_timeliness(candidates, today=today) if t.is_late]
    pairs.sort(key=lambda p: p[0].publish_date)
    return pairs


@dataclass
class UnitGaps:
    unit: Unit
    gaps: SeriesGaps
    notes: dict[int, GapNote]

    @property
    def unexplained(self) -> list[int]:
        return [s for s in self.gaps.missing if s not in self.notes]


def unit_serial_gaps(unit_ids, *, include_drafts: bool = True) -> list[UnitGaps]:
    """Serial gaps per unit and (代字, year). A serial counts as present when any document of
    the unit carries it (drafts too, unless include_drafts=False)."""
    docs = Document.objects.filter(unit_id__in=unit_ids, doc_serial__isnull=False)
    if not include_drafts:
        docs = docs.exclude(state=State.DRAFT.value)
    per_unit: dict[int, list] = {}
    for unit_id, prefix, year, serial in docs.values_list("unit_id", "doc_prefix", "doc_year",
                                                          "doc_serial"):
        per_unit.setdefault(unit_id, []).append((prefix, year, serial))
    units = Unit.objects.in_bulk(list(per_unit))
    notes: dict[tuple, GapNote] = {
        (n.unit_id, n.doc_prefix, n.year, n.serial): n
        for n in GapNote.objects.filter(unit_id__in=list(per_unit))
    }
    out = []
    for unit_id in sorted(per_unit, key=lambda i: (units[i].sort_order, i)):
        for gaps in series_gaps(per_unit[unit_id]):
            s = gaps.series
            found = {m: notes[(unit_id, s.prefix, s.year, m)] for m in gaps.missing
                     if (unit_id, s.prefix, s.year, m) in notes}
            out.append(UnitGaps(units[unit_id], gaps, found))
    return out


def document_history(document: Document) -> QuerySet:
    return AuditLog.objects.filter(target_type=DOCUMENT_TARGET, target_id=str(document.pk)
                                   ).select_related("actor").order_by("at", "id")


def last_return(document: Document) -> AuditLog | None:
    return (AuditLog.objects.filter(target_type=DOCUMENT_TARGET, target_id=str(document.pk),
                                    action="review_return").order_by("-at", "-id").first())




def inbox(user, *, limit: int = 50) -> list[tuple[AuditLog, Document | None]]:
    """What others did to the documents of the user's units (报送情况通知), newest first."""
    scope = access.workbench_scope_ids(user)
    if not scope:
        return []
    ids = [str(i) for i in Document.objects.filter(unit_id__in=scope).values_list("id", flat=True)]
    entries = list(
        AuditLog.objects.filter(target_type=DOCUMENT_TARGET, target_id__in=ids,
                                action__in=audit_registry.codes(inbox=True))
        .exclude(actor=user).select_related("actor").order_by("-at", "-id")[:limit]
    )
    docs = Document.objects.in_bulk([int(e.target_id) for e in entries])
    return [(e, docs.get(int(e.target_id))) for e in entries]


def attachments_of(document: Document) -> list:
    """The files that go public with the document, source file first (what 保密审查 reviews)."""
    return list(document.attachments.order_by("-is_source", "id"))


def same_doc_number(*, unit_id: int, doc_number: str, exclude_pk: int | None = None) -> list[Document]:
    """The unit's documents already carrying this 发文字号 (normalised), for the duplicate warning."""
    from gongkai.documents.domain.docnumber import doc_number_key, parse_doc_number

    parsed = parse_doc_number(doc_number or "")
    if parsed is None:
        return []
    docs = Document.objects.filter(unit_id=unit_id, doc_number_key=doc_number_key(parsed.normalized))
    if exclude_pk is not None:
        docs = docs.exclude(pk=exclude_pk)
    return list(docs.order_by("id")[:5])


WITHHELD_DECISIONS = ("document_withhold", "withheld_reconfirm")


def withheld_rereviews(unit_ids, *, today: date | None = None, due_only: bool = True
                       ) -> list[tuple[Document, rereview_rules.Rereview]]:
    """不予公开 documents with their next periodic review (条例 第十八条), soonest first. With
    due_only, those due within a month or overdue (the dashboard list)."""
    today = today or timezone.localdate()
    months = int(getattr(settings, "WITHHELD_REVIEW_MONTHS", 12))
    docs = list(Document.objects.filter(unit_id__in=unit_ids, state=State.WITHHELD.value)
                .select_related("unit"))
    if not docs:
        return []
    last: dict[str, date] = {}
    for target_id, at in (AuditLog.objects.filter(
            target_type=DOCUMENT_TARGET, target_id__in=[str(d.pk) for d in docs],
            action__in=WITHHELD_DECISIONS).values_list("target_id", "at")):
        day = timezone.localdate(at)
        if target_id not in last or day > last[target_id]:
            last[target_id] = day
    out = []
    for d in docs:
        decided = last.get(str(d.pk)) or timezone.localdate(d.updated_at)
        item = rereview_rules.rereview(decided, months=months, today=today)
        if not due_only or rereview_rules.is_due(item):
            out.append((d, item))
    out.sort(key=lambda p: p[1].due)
    return out
