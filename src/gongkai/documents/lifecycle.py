"""Relations between documents and 时效性 over time (DESIGN §3.4): services and selectors.

Writes:
    relations_extract_and_link(document=…, actor=…)  read a decision, store its references
    relations_resolve_pending(actor=…)                retry unresolved references
    validity_change(document=…, to_validity=…, …)     the one way 时效性 moves (a ValidityEvent)
    lifecycle_apply_due(today=…, actor=…)             every transition due up to today
Reads:
    reference_resolve(title=…, doc_number=…)          a reference → a library document
    conflicts_report(today=…, days=…)                 in-force documents citing dead ones, expiring
    document_lifecycle(document, user)                history and relations for a document page

Idempotent and safe from cron: every transition takes a row lock on the document
(select_for_update) and checks the state again, and a decision's relation is claimed with a
conditional update (applied_at IS NULL) before it is applied, so two runs at once apply each
change once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gongkai.core.services import audit_record
from gongkai.documents.domain.docnumber import doc_number_key
from gongkai.documents.domain.relations import (
    CHANGING_ACTIONS,
    ISSUER_BEFORE_GUANYU,
    Reference,
    decision_analyse,
    title_key,
    transition_allowed,
    validity_after,
)
from gongkai.documents.domain.vocab import IN_FORCE, RelationAction, Validity
from gongkai.documents.errors import DocumentError
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Document, DocumentRelation, ValidityEvent

CAUSES = {c for c, _ in ValidityEvent.CAUSES}
DEAD = (Validity.REPEALED.value, Validity.INVALID.value)


class LifecycleError(DocumentError):
    code = "lifecycle"


# ---------------------------------------------------------------------------------------------
# Resolution

_ISSUER_PREFIX = ISSUER_BEFORE_GUANYU
_YEAR_SUFFIX = re.compile(r"\s*[(（]\s*(?:19|20)\d{2}\s*(?:年)?(?:修订|修正|修改)?\s*[)）]$")


def _issuer_of(document: Document | None) -> str | None:
    if document is None:
        return None
    if document.issuer_names:
        return str(document.issuer_names[0])
    return document.unit.full_name if document.unit_id else None


def _pick(candidates: list[Document], source: Document | None) -> Document | None:
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    # several: prefer the same unit, then published, then the latest before the source
    def rank(d: Document):
        same_unit = source is not None and d.unit_id == source.unit_id
        before = source is None or not source.publish_date or not d.publish_date or (
            d.publish_date <= source.publish_date)
        return (same_unit, d.state == "published", before, d.publish_date or date.min, d.pk)

    return max(candidates, key=rank)


def reference_resolve(
    *, title: str, doc_number: str = "", source: Document | None = None
) -> Document | None:
    """The library document a reference names, or None.

    By normalised 发文字号 first (市人民政府令第152号 in a 武汉市人民政府 decision keys to
    武汉市政府令第152号), then by title, tolerant of the issuer prefix: 《武汉市统计管理办法》
    matches 武汉市统计管理办法 and 武汉市人民政府关于印发武汉市统计管理办法的通知;
    《武汉市人民政府关于X的通知》 matches 关于X的通知.
    """
    qs = Document.objects.all()
    if source is not None and source.pk:
        qs = qs.exclude(pk=source.pk)
    if doc_number:
        key = doc_number_key(doc_number, issuer=_issuer_of(source))
        found = list(qs.filter(doc_number_key=key)[:20])
        bare = doc_number_key(doc_number)
        if not found and key != bare:
            found = list(qs.filter(doc_number_key=bare)[:20])
        if not found and bare[:1] in "市省区县州":
            # 市人民政府令第152号 read without its issuer: any 某市政府令第152号
            found = list(qs.filter(doc_number_key__endswith=bare)[:20])
        if found:
            wanted = title_key(title)
            exact = [d for d in found if title_key(d.title) == wanted]
            return _pick(exact or found, source)
    if not title:
        return None
    wanted = title_key(title)
    title = _YEAR_SUFFIX.sub("", title.strip())  # 《…决定(2024)》 as legal databases label versions
    core = _ISSUER_PREFIX.sub("", title)
    exact = list(qs.filter(title=title)[:20])  # indexed: most references name the full title
    if exact:
        return _pick(exact, source)
    core_key = title_key(core)
    # Indexed keys (documents.services keeps them), not LIKE scans: resolution stays fast on a
    # large library.
    keys = sorted({k for k in (wanted, core_key) if k})
    candidates = list(qs.filter(Q(title_core_key__in=keys) | Q(title_inner_key__in=keys))[:50])
    exact = [d for d in candidates if title_key(d.title) == wanted]
    if exact:
        return _pick(exact, source)
    loose = [d for d in candidates
             if title_key(_ISSUER_PREFIX.sub("", d.title)) == core_key
             or title_key(d.title).endswith(wanted)
             or f"印发{wanted}" in title_key(d.title)]
    return _pick(loose, source)


# ---------------------------------------------------------------------------------------------
# Writes: relations


@dataclass
class LinkResult:
    relations: list[DocumentRelation]
    declared: dict[str, int]
    effective_date: date | None


def _store(
    source: Document, refs: list[Reference], effective: date | None, actor
) -> list[DocumentRelation]:
    kept: list[DocumentRelation] = []
    changed = False
    existing = {(r.action, title_key(r.target_title), r.target_doc_number): r
                for r in DocumentRelation.objects.filter(source=source)}
    for ref in refs:
        key = (ref.action.value, title_key(ref.title), ref.doc_number)
        target = reference_resolve(title=ref.title, doc_number=ref.doc_number, source=source)
        rel_effective = effective if ref.action in CHANGING_ACTIONS else None
        rel = existing.pop(key, None)
        if rel is None:
            changed = True
            rel = DocumentRelation.objects.create(
                source=source, target=target, action=ref.action.value,
                target_title=ref.title[:500], target_doc_number=ref.doc_number[:100],
                effective_date=rel_effective, context=ref.context,
            )
        elif rel.applied_at is None and (
            (target is not None and rel.target_id != target.pk)
            or rel.effective_date != rel_effective or rel.context != ref.context
        ):
            changed = True
            rel.target = target or rel.target
            rel.effective_date = rel_effective
            rel.context = ref.context
            rel.save(update_fields=["target", "effective_date", "context"])
        kept.append(rel)
    # references the text no longer makes: drop them unless already applied (history stays)
    for rel in existing.values():
        if rel.applied_at is None:
            changed = True
            rel.delete()
    if changed:
        audit_record(actor=actor, action="relations_link", target=source,
                     data={"relations": len(kept),
                           "resolved": sum(1 for r in kept if r.target_id)})
    return kept


@transaction.atomic
def relations_extract_and_link(
    *, document: Document, actor=None, text: str | None = None
) -> LinkResult:
    """Read `document` (its body, or `text`) as a decision and store what it names.

    Re-running replaces the not-yet-applied relations (no duplicates); applied ones stay.
    The decision takes effect on the date it states (本决定自…起施行; 自公布之日起 → 公布日期),
    else on its 施行日期 or 公布日期.
    """
    source = Document.objects.select_for_update().get(pk=document.pk)
    body = source.body if text is None else text
    decision = decision_analyse(body, publish_date=source.publish_date, self_title=source.title)
    effective = decision.effective_date or source.effective_date or source.publish_date
    relations = _store(source, decision.references, effective, actor)
    announce([source.pk] + [r.target_id for r in relations if r.target_id], Reason.RELATIONS)
    declared = {}
    for action in RelationAction:
        n = decision.declared(action)
        if n is not None:
            declared[action.value] = n
    return LinkResult(relations=relations, declared=declared, effective_date=effective)


@transaction.atomic
def relations_resolve_pending(*, actor=None) -> int:
    """Retry the references that named no library document yet (documents arrive later)."""
    linked = 0
    for rel in DocumentRelation.objects.select_for_update().filter(target__isnull=True).select_related("source"):
        target = reference_resolve(title=rel.target_title, doc_number=rel.target_doc_number,
                                   source=rel.source)
        if target is not None:
            DocumentRelation.objects.filter(pk=rel.pk, target__isnull=True).update(target=target)
            audit_record(actor=actor, action="relation_resolve", target=rel, unit=rel.source.unit,
                         data={"target": target.pk})
            announce([rel.source_id, target.pk], Reason.RELATIONS)
            linked += 1
    return linked


# ---------------------------------------------------------------------------------------------
# Writes: 时效性


@transaction.atomic
def validity_change(
    *,
    document: Document,
    to_validity: str,
    date: date,
    cause: str,
    actor=None,
    cause_document: Document | None = None,
    note: str = "",
) -> ValidityEvent | None:
    """Move a document's 时效性, recording the event. None when it already has that status
    (so re-running is harmless); LifecycleError when the move is not allowed
    (失效 and 废止 are final except for a 人工更正)."""
    if cause not in CAUSES:
        raise LifecycleError(f"时效性变更原因 “{cause}” 不在可选范围内", field="cause")
    if to_validity not in {v.value for v in Validity}:
        raise LifecycleError(f"时效性 “{to_validity}” 不在可选范围内", field="to_validity")
    if date is None:
        raise LifecycleError("时效性变更缺少生效日期", field="date")
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.validity == to_validity:
        return None
    if not transition_allowed(locked.validity, to_validity, cause=cause):
        raise LifecycleError(
            f"《{locked.title}》的时效性不能从“{locked.validity}”变为“{to_validity}”",
            field="validity",
        )
    event = ValidityEvent.objects.create(
        document=locked, date=date, from_validity=locked.validity, to_validity=to_validity,
        cause=cause, cause_document=cause_document,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    Document.objects.filter(pk=locked.pk, validity=locked.validity).update(
        validity=to_validity, version=locked.version + 1, updated_at=timezone.now()
    )
    audit_record(actor=actor, action="validity_change", target=locked,
                 from_state=locked.validity, to_state=to_validity, reason=note,
                 data={"cause": cause, "date": date.isoformat(),
                       "cause_document": cause_document.pk if cause_document else None})
    announce([locked.pk], Reason.VALIDITY)
    document.validity = to_validity
    return event


@dataclass
class Change:
    document_id: int
    title: str
    from_validity: str
    to_validity: str
    date: date
    cause: str
    cause_document_id: int | None = None


@dataclass
class LifecycleReport:
    today: date
    changes: list[Change] = field(default_factory=list)
    relations_applied: int = 0
    relations_resolved: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "changes": [{**c.__dict__, "date": c.date.isoformat()} for c in self.changes],
            "relations_applied": self.relations_applied,
            "relations_resolved": self.relations_resolved,
            "skipped": self.skipped,
        }


def _record(report: LifecycleReport, event: ValidityEvent | None) -> None:
    if event is not None:
        report.changes.append(Change(
            document_id=event.document_id, title=event.document.title,
            from_validity=event.from_validity, to_validity=event.to_validity, date=event.date,
            cause=event.cause, cause_document_id=event.cause_document_id,
        ))


def lifecycle_apply_due(*, today: date | None = None, actor=None) -> LifecycleReport:
    """Apply every transition due up to `today` (default: the local date):

    1. 尚未生效 → 现行有效 once the 施行日期 is reached;
    2. each published decision's amend / repeal / invalidate / replace on its effective date;
    3. 有效期至 passed → 失效.
    Each transition is its own transaction; re-running changes nothing."""
    today = today or timezone.localdate()
    report = LifecycleReport(today=today)
    report.relations_resolved = relations_resolve_pending(actor=actor)

    for doc in Document.objects.filter(validity=Validity.NOT_YET.value,
                                       effective_date__lte=today).order_by("effective_date", "id"):
        with transaction.atomic():
            _record(report, validity_change(
                document=doc, to_validity=Validity.CURRENT.value, date=doc.effective_date,
                cause="effective", actor=actor, note="到达施行日期",
            ))

    due = (DocumentRelation.objects
           .filter(applied_at__isnull=True, target__isnull=False, source__state="published",
                   action__in=[a.value for a in CHANGING_ACTIONS], effective_date__lte=today)
           .select_related("source", "target").order_by("effective_date", "id"))
    for rel in due:
        with transaction.atomic():
            claimed = DocumentRelation.objects.filter(pk=rel.pk, applied_at__isnull=True).update(
                applied_at=timezone.now())
            if not claimed:
                continue  # another run took it
            report.relations_applied += 1
            new = validity_after(RelationAction(rel.action))
            target = Document.objects.select_for_update().get(pk=rel.target_id)
            if new is None or target.validity == new.value:
                continue
            if not transition_allowed(target.validity, new.value, cause="decision"):
                report.skipped.append(
                    f"《{target.title}》已是“{target.validity}”，不再按《{rel.source.title}》改为“{new.value}”")
                continue
            _record(report, validity_change(
                document=target, to_validity=new.value, date=rel.effective_date, cause="decision",
                actor=actor, cause_document=rel.source,
                note=f"依据《{rel.source.title}》{rel.get_action_display()}",
            ))

    expired = Document.objects.filter(validity__in=[v.value for v in IN_FORCE] + [Validity.NOT_YET.value],
                                      expiry_date__lt=today).order_by("expiry_date", "id")
    for doc in expired:
        with transaction.atomic():
            _record(report, validity_change(
                document=doc, to_validity=Validity.INVALID.value,
                date=doc.expiry_date + timedelta(days=1), cause="expiry", actor=actor,
                note=f"有效期至{doc.expiry_date:%Y年%m月%d日}届满",
            ))
    return report


# ---------------------------------------------------------------------------------------------
# Reads


@dataclass
class Conflict:
    source: Document
    target: Document
    relation: DocumentRelation


@dataclass
class ConflictsReport:
    today: date
    days: int
    citing_dead: list[Conflict]
    expiring: list[Document]

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "days": self.days,
            "citing_dead": [
                {"document_id": c.source.pk, "title": c.source.title,
                 "cites_id": c.target.pk, "cites_title": c.target.title,
                 "cites_validity": c.target.validity}
                for c in self.citing_dead
            ],
            "expiring": [
                {"document_id": d.pk, "title": d.title, "expiry_date": d.expiry_date.isoformat()}
                for d in self.expiring
            ],
        }


def conflicts_report(
    *, today: date | None = None, days: int = 90, unit_ids: Iterable[int] | None = None
) -> ConflictsReport:
    """Documents in force that cite a repealed or expired document, and documents whose
    有效期 ends within `days` days. `unit_ids` limits both lists to those units' documents."""
    if days < 0:
        raise LifecycleError("天数不能为负数", field="days")
    today = today or timezone.localdate()
    in_force = [v.value for v in IN_FORCE]
    rels = (DocumentRelation.objects
            .filter(action__in=[RelationAction.CITE.value, RelationAction.INTERPRET.value],
                    source__validity__in=in_force, target__validity__in=DEAD)
            .exclude(source__state__in=["withdrawn"])
            # a notice that both lists and repeals a document is not citing a dead one
            .exclude(Exists(DocumentRelation.objects.filter(
                source=OuterRef("source"), target=OuterRef("target"),
                action__in=[a.value for a in CHANGING_ACTIONS])))
            .select_related("source", "target").order_by("source_id", "id"))
    expiring = Document.objects.filter(validity__in=in_force, expiry_date__gte=today,
                                       expiry_date__lte=today + timedelta(days=days))
    if unit_ids is not None:
        ids = list(unit_ids)
        rels = rels.filter(source__unit_id__in=ids)
        expiring = expiring.filter(unit_id__in=ids)
    seen: set[tuple[int, int]] = set()
    citing = []
    for rel in rels:
        if (rel.source_id, rel.target_id) in seen:
            continue
        seen.add((rel.source_id, rel.target_id))
        citing.append(Conflict(source=rel.source, target=rel.target, relation=rel))
    return ConflictsReport(today=today, days=days, citing_dead=citing,
                           expiring=list(expiring.order_by("expiry_date", "id")))


def pending_changes(document: Document, visible) -> list[DocumentRelation]:
    """Decisions already published that will change this document on a later date."""
    return list(
        DocumentRelation.objects.filter(target=document, applied_at__isnull=True,
                                        action__in=[a.value for a in CHANGING_ACTIONS],
                                        source__in=visible)
        .select_related("source").order_by("effective_date", "id")
    )
