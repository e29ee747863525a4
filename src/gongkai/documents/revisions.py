"""Revision tasks (修改任务, issue 19): a cleanup's "需要修改" mark is followed up.

Writes:
    revision_task_open(document=…, due_date=…, reason=…, origin=…, actor=…)
    revision_tasks_close(document=…, by=…)   an amending decision applied, or a new version filed
Reads:
    revision_tasks_open(unit_ids=…)          the open tasks, overdue first

A task stays open until the document is amended (a decision's amend relation applied by the
lifecycle run) or a new version of it is filed; nobody closes it by hand, so the list shows
what is really still to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.core import access
from gongkai.core.services import audit_record
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document, RevisionTask

REVISION_DUE_DAYS = 180  # default: half a year after the cleanup result is published


@transaction.atomic
def revision_task_open(*, document: Document, due_date: date, reason: str = "", origin: str = "",
                       actor=None) -> RevisionTask:
    """Open the document's revision task (one open task per document: a second mark keeps the
    earlier due date and adds nothing)."""
    access.require(access.can_revision_task_open(actor, document.unit_id),
                   "只有公开办可以开启修改任务")
    if due_date is None:
        raise DocumentError("修改任务缺少完成期限", field="due_date")
    existing = RevisionTask.objects.filter(document=document, closed_at__isnull=True).first()
    if existing is not None:
        return existing
    task = RevisionTask.objects.create(document=document, due_date=due_date, reason=reason,
                                       origin=origin[:200])
    audit_record(actor=actor, action="revision_task_open", target=document, unit=document.unit,
                 reason=reason, data={"task": task.pk, "due_date": due_date.isoformat(),
                                      "origin": origin})
    return task


def revision_tasks_close(*, document_id: int, by: Document, actor=None) -> int:
    """Close the document's open tasks because `by` (the amending decision, or the new
    version) did what they asked. Returns how many were closed."""
    tasks = list(RevisionTask.objects.select_for_update()
                 .filter(document_id=document_id, closed_at__isnull=True))
    for task in tasks:
        RevisionTask.objects.filter(pk=task.pk, closed_at__isnull=True).update(
            closed_at=timezone.now(), closed_by=by)
        audit_record(actor=actor, action="revision_task_close", target=task.document,
                     unit=task.document.unit, data={"task": task.pk, "by": by.pk})
    return len(tasks)


def revision_tasks_open(*, unit_ids: Iterable[int] | None = None) -> list[RevisionTask]:
    tasks = (RevisionTask.objects.filter(closed_at__isnull=True)
             .select_related("document").order_by("due_date", "id"))
    if unit_ids is not None:
        tasks = tasks.filter(document__unit_id__in=list(unit_ids))
    return list(tasks)
