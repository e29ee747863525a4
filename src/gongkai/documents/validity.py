"""时效性 over time (DESIGN §3.4): the one way a document's status moves — services.

Writes:
    validity_change(document=…, to_validity=…, date=…, cause=…)  one recorded ValidityEvent
    lifecycle_apply_due(today=…, actor=…)                        every transition due up to today

The moves themselves are the state machine in ``domain/validity.py``. Idempotent and safe from
cron: every transition takes a row lock on the document (select_for_update) and checks the state
again, and a decision's relation is claimed with a conditional update (applied_at IS NULL) before
it is applied, so two runs at once apply each change once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.core import access
from gongkai.core.services import audit_record
from gongkai.documents.domain.validity import CHANGING_ACTIONS, transition_allowed, validity_after
from gongkai.documents.domain.vocab import IN_FORCE, RelationAction, Validity
from gongkai.documents.errors import DocumentError
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Document, DocumentRelation, ValidityEvent
from gongkai.documents.relations import relations_resolve_pending
from gongkai.documents.revisions import revision_tasks_close

CAUSES = {c for c, _ in ValidityEvent.CAUSES}


class LifecycleError(DocumentError):
    code = "lifecycle"


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
    # the periodic job and commands (actor None); a person: the office over the unit
    access.require(access.is_operator(actor) or access.can_validity_change(actor, locked.unit_id),
                   "只有公开办（或管理员）可以变更时效性")
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
            # amended or repealed: a 需要修改 task on it is done either way
            revision_tasks_close(document_id=target.pk, by=rel.source, actor=actor)
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
