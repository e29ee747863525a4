"""Reads about relations and 时效性 (DESIGN §3.4): conflicts, pending changes, worklists.

    conflicts_report(today=…, days=…)   in-force documents citing dead ones, expiring ones, and
                                        stated changes held as citations (to confirm)
    pending_changes(document, visible)  published decisions that will change a document later
    decision_worklist(document, visible) 声明修改 19 件 / 已关联 N 件, and the unlinked targets
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from gongkai.documents.domain.linking import NEEDS_CONFIRMATION
from gongkai.documents.domain.validity import CHANGING_ACTIONS
from gongkai.documents.domain.vocab import (
    IN_FORCE,
    RELATION_LABELS,
    RelationAction,
    State,
    Validity,
)
from gongkai.documents.models import Document, DocumentRelation
from gongkai.documents.revisions import revision_tasks_open
from gongkai.documents.validity import LifecycleError

DEAD = (Validity.REPEALED.value, Validity.INVALID.value)


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
    unconfirmed: list[DocumentRelation] = field(default_factory=list)
    revision_tasks: list = field(default_factory=list)

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
            "revision_tasks": [
                {"task_id": t.pk, "document_id": t.document_id, "title": t.document.title,
                 "due_date": t.due_date.isoformat(), "overdue": t.due_date < self.today,
                 "origin": t.origin}
                for t in self.revision_tasks
            ],
            "unconfirmed": [
                {"relation_id": r.pk, "document_id": r.source_id, "title": r.source.title,
                 "stated_action": r.stated_action, "target_id": r.target_id,
                 "target_title": r.target.title if r.target_id else r.target_title,
                 "reason": r.link_reason, "reason_label": r.link_label}
                for r in self.unconfirmed
            ],
        }


def conflicts_report(
    *, today: date | None = None, days: int = 90, unit_ids: Iterable[int] | None = None
) -> ConflictsReport:
    """Documents in force that cite a repealed or expired document, documents whose 有效期
    ends within `days` days, and stated changes held as citations for a person to confirm
    (a work document "repealing" a 规章). `unit_ids` limits the lists to those units'
    documents (the source's unit for relations)."""
    if days < 0:
        raise LifecycleError("天数不能为负数", field="days")
    today = today or timezone.localdate()
    in_force = [v.value for v in IN_FORCE]
    rels = (DocumentRelation.objects
            .filter(action__in=[RelationAction.CITE.value, RelationAction.INTERPRET.value],
                    source__validity__in=in_force, target__validity__in=DEAD)
            .exclude(source__state=State.WITHDRAWN.value)
            # a stated change held as a citation is listed under `unconfirmed` instead
            .exclude(link_reason__in=[r.value for r in NEEDS_CONFIRMATION])
            # a notice that both lists and repeals a document is not citing a dead one
            .exclude(Exists(DocumentRelation.objects.filter(
                source=OuterRef("source"), target=OuterRef("target"),
                action__in=[a.value for a in CHANGING_ACTIONS])))
            .select_related("source", "target").order_by("source_id", "id"))
    expiring = Document.objects.filter(validity__in=in_force, expiry_date__gte=today,
                                       expiry_date__lte=today + timedelta(days=days))
    unconfirmed = (DocumentRelation.objects
                   .filter(link_reason__in=[r.value for r in NEEDS_CONFIRMATION],
                           confirmed_at__isnull=True, target__isnull=False)
                   .exclude(source__state=State.WITHDRAWN.value)
                   .select_related("source", "target").order_by("source_id", "id"))
    if unit_ids is not None:
        ids = list(unit_ids)
        rels = rels.filter(source__unit_id__in=ids)
        expiring = expiring.filter(unit_id__in=ids)
        unconfirmed = unconfirmed.filter(source__unit_id__in=ids)
    seen: set[tuple[int, int]] = set()
    citing = []
    for rel in rels:
        if (rel.source_id, rel.target_id) in seen:
            continue
        seen.add((rel.source_id, rel.target_id))
        citing.append(Conflict(source=rel.source, target=rel.target, relation=rel))
    return ConflictsReport(today=today, days=days, citing_dead=citing,
                           expiring=list(expiring.order_by("expiry_date", "id")),
                           unconfirmed=list(unconfirmed[:500]),
                           revision_tasks=revision_tasks_open(
                               unit_ids=list(unit_ids) if unit_ids is not None else None))


def pending_changes(document: Document, visible) -> list[DocumentRelation]:
    """Decisions already published that will change this document on a later date."""
    return list(
        DocumentRelation.objects.filter(target=document, applied_at__isnull=True,
                                        action__in=[a.value for a in CHANGING_ACTIONS],
                                        source__in=visible)
        .select_related("source").order_by("effective_date", "id")
    )


@dataclass
class WorklistRow:
    action: str
    label: str
    declared: int
    linked: int
    unlinked: list[DocumentRelation]  # named in the text, not in the library yet
    held: list[DocumentRelation]  # found, but held as a citation (to confirm)

    @property
    def unnamed(self) -> int:
        """Declared but neither linked nor named in the text we have (the annex is missing)."""
        return max(0, self.declared - self.linked - len(self.unlinked) - len(self.held))


def decision_worklist(document: Document) -> list[WorklistRow]:
    """声明修改 19 件 / 已关联 N 件; 声明废止 3 件 / 已关联 M 件 — and what is left to do.

    Only for a document that declares counts (Document.declared_counts, kept by
    relations_extract_and_link). A partial repeal counts towards 修改's neighbour 废止 only when
    the decision declares it so; each action is counted on its own."""
    declared = document.declared_counts or {}
    if not declared:
        return []
    rels = list(DocumentRelation.objects.filter(source=document)
                .select_related("target").order_by("id"))
    rows = []
    for action in RelationAction:
        n = declared.get(action.value)
        if not n:
            continue
        stated = [r for r in rels if (r.stated_action or r.action) == action.value]
        rows.append(WorklistRow(
            action=action.value, label=RELATION_LABELS[action], declared=int(n),
            linked=sum(1 for r in stated if r.target_id and r.action == action.value),
            unlinked=[r for r in stated if r.target_id is None and r.action == action.value],
            held=[r for r in stated if r.action != action.value
                  and r.link_reason in {x.value for x in NEEDS_CONFIRMATION}],
        ))
    return rows


@dataclass
class HistoryEntry:
    """One line of a work's 沿革: a date, what happened, and the document that did it."""

    date: date | None
    label: str
    document: Document | None = None  # the version, or the decision that acted
    title: str = ""  # shown when the document is not visible / not in the library
    current: bool = False


_IN_LABELS = {
    RelationAction.AMEND.value: "修正",
    RelationAction.PARTLY_REPEAL.value: "部分条款废止",
    RelationAction.REPEAL.value: "废止",
    RelationAction.INVALIDATE.value: "宣布失效",
    RelationAction.REPLACE.value: "被代替（同时废止）",
}


def document_history(document: Document, visible, versions: list | None = None
                     ) -> list[HistoryEntry]:
    """The work's 沿革, dated: each version (公布, 修正 by X, 修订, 重新公布, 整理版) and each
    decision that amended or repealed a version (修正 by X, 废止 by Y), oldest first. Only what
    the reader may see: a hidden decision is shown by the title its relation records.
    ``versions``: the work's versions when the caller has read them already."""
    from gongkai.documents.domain.vocab import VERSION_LABELS, VersionKind
    from gongkai.documents.versions import work_versions

    if versions is None:
        versions = work_versions(document, visible)
    ids = [v.pk for v in versions]
    entries: list[HistoryEntry] = []
    decided: set[int] = set()
    for v in versions:
        kind = VersionKind(v.version_kind or VersionKind.ORIGINAL.value)
        label = VERSION_LABELS[kind]
        decision = v.version_decision if v.version_decision_id else None
        if decision is not None and not visible.filter(pk=decision.pk).exists():
            decision = None
        if decision is not None:
            label = f"{label}（依据《{decision.title}》）"
            decided.add(decision.pk)
        entries.append(HistoryEntry(date=v.publish_date, label=label, document=v,
                                    title=v.title, current=v.is_current_version))
    rels = (DocumentRelation.objects
            .filter(target_id__in=ids, action__in=[a.value for a in CHANGING_ACTIONS],
                    source__in=visible)
            .select_related("source").defer("source__body").order_by("effective_date", "id"))
    for rel in rels:
        if rel.source_id in decided:
            continue  # the version it produced already says so
        entries.append(HistoryEntry(
            date=rel.effective_date or rel.source.publish_date,
            label=f"{_IN_LABELS.get(rel.action, rel.get_action_display())}（依据《{rel.source.title}》）",
            document=rel.source, title=rel.source.title))
    entries.sort(key=lambda e: (e.date or date.min, 0 if e.document in versions else 1))
    return entries
