"""Relations between documents (DESIGN §3.4): resolving references and storing them — services.

Writes:
    relations_extract_and_link(document=…, actor=…)  read a decision, store its references
    relations_resolve_pending(actor=…)                retry unresolved references
    relation_confirm(relation=…, accept=…, actor=…)   a person settles a link held as a citation
Reads (used by the writes and the ``relations`` command):
    reference_resolve(title=…, doc_number=…)          a reference → a library document
    link_explain(source, action, target)              may this source change this target? why?

A stated change (修改/废止/宣布失效/同时废止) is stored as a change only when
``domain.linking.link_check`` allows it (decision-type source, issuer same or above, target in
force at the decision's date); otherwise it is stored as a citation with the reason, and the
conflicts report lists it until a person confirms or rejects it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core import access
from gongkai.core.domain.roles import Role
from gongkai.core.services import audit_record
from gongkai.documents.domain.docnumber import doc_number_key
from gongkai.documents.domain.linking import (
    IssuerRank,
    LinkCheck,
    LinkReason,
    is_decision,
    issuer_rank_by_name,
    link_check,
    may_replace,
)
from gongkai.documents.domain.relations import (
    CHANGING_ACTIONS,
    ISSUER_BEFORE_GUANYU,
    Reference,
    decision_analyse,
    title_key,
)
from gongkai.documents.domain.validity import in_force_on
from gongkai.documents.domain.vocab import RelationAction, State
from gongkai.documents.errors import DocumentError
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Document, DocumentRelation


class RelationError(DocumentError):
    code = "relation"


# ---------------------------------------------------------------------------------------------
# Resolution

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
    # several (versions of one work, or namesakes): prefer the same unit, published, the one
    # published last on or before the source (the version the decision acted on)
    def rank(d: Document):
        same_unit = source is not None and d.unit_id == source.unit_id
        before = source is None or not source.publish_date or not d.publish_date or (
            d.publish_date <= source.publish_date)
        return (same_unit, d.state == State.PUBLISHED.value, before, d.publish_date or date.min, d.pk)

    return max(candidates, key=rank)


def _found(qs, limit: int) -> list[Document]:
    """The first `limit` documents of `qs`, in its order: their ids first (most references
    name no library document, and an id query is cheap to build), then those rows, without
    the body (not needed to pick a target; a work's versions can be long texts)."""
    ids = list(qs.values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    rows = Document.objects.defer("body").in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


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
        found = _found(qs.filter(doc_number_key=key), 20)
        bare = doc_number_key(doc_number)
        if not found and key != bare:
            found = _found(qs.filter(doc_number_key=bare), 20)
        if not found and bare[:1] in "市省区县州":
            # 市人民政府令第152号 read without its issuer: any 某市政府令第152号
            found = _found(qs.filter(doc_number_key__endswith=bare), 20)
        if found:
            wanted = title_key(title)
            exact = [d for d in found if title_key(d.title) == wanted]
            return _pick(exact or found, source)
    if not title:
        return None
    wanted = title_key(title)
    title = _YEAR_SUFFIX.sub("", title.strip())  # 《…决定(2024)》 as legal databases label versions
    core = ISSUER_BEFORE_GUANYU.sub("", title)
    exact = _found(qs.filter(title=title), 20)  # indexed: most references name the full title
    if exact:
        return _pick(exact, source)
    core_key = title_key(core)
    # Indexed keys (documents.services keeps them), not LIKE scans: resolution stays fast on a
    # large library.
    keys = sorted({k for k in (wanted, core_key) if k})
    candidates = _found(qs.filter(Q(title_core_key__in=keys) | Q(title_inner_key__in=keys)), 50)
    exact = [d for d in candidates if title_key(d.title) == wanted]
    if exact:
        return _pick(exact, source)
    loose = [d for d in candidates
             if title_key(ISSUER_BEFORE_GUANYU.sub("", d.title)) == core_key
             or title_key(d.title).endswith(wanted)
             or f"印发{wanted}" in title_key(d.title)]
    return _pick(loose, source)


# ---------------------------------------------------------------------------------------------
# Trust: may this source change this target?


def _issuer_units(doc: Document) -> set[int]:
    ids = set(doc.issuers.values_list("pk", flat=True))
    if not ids and not doc.issuer_names and doc.unit_id:
        ids = {doc.unit_id}
    return ids


def _ancestors(unit_ids: set[int]) -> set[int]:
    from gongkai.core.models import Unit

    seen: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        parents = set(Unit.objects.filter(pk__in=frontier, parent__isnull=False)
                      .values_list("parent_id", flat=True)) - seen
        seen |= parents
        frontier = parents
    return seen


def issuer_rank(source: Document | SourceFacts, target: Document) -> IssuerRank:
    """SAME when they share an issuer, ABOVE when a source issuer is above a target issuer in
    the unit tree, else by names (domain.linking.issuer_rank_by_name)."""
    facts = source if isinstance(source, SourceFacts) else SourceFacts.of(source)
    src, tgt = set(facts.unit_ids), _issuer_units(target)
    if src and tgt:
        if src & tgt:
            return IssuerRank.SAME
        if src & _ancestors(tgt):
            return IssuerRank.ABOVE
    by_name = issuer_rank_by_name(facts.issuer_names, _names(target))
    if by_name != IssuerRank.UNKNOWN or not (src and tgt):
        return by_name
    return IssuerRank.OTHER


@dataclass(frozen=True)
class SourceFacts:
    """What the trust rule needs to know of a source: a library document, or a file read by
    `gongkai relations FILE` that is not in the library."""

    pk: int | None
    title: str
    doc_number: str
    level: str
    issuer_names: tuple[str, ...]
    unit_ids: tuple[int, ...]
    decision_date: date | None

    @classmethod
    def of(cls, doc: Document) -> SourceFacts:
        return cls(pk=doc.pk, title=doc.title, doc_number=doc.doc_number, level=doc.level,
                   issuer_names=tuple(_names(doc)), unit_ids=tuple(sorted(_issuer_units(doc))),
                   decision_date=_decision_date(doc))

    @classmethod
    def of_text(cls, *, title: str, doc_number: str = "", level: str = "",
                issuer_names=(), publish_date: date | None = None) -> SourceFacts:
        from gongkai.core.selectors import unit_find

        units = [u for u in (unit_find(n) for n in issuer_names) if u]
        return cls(pk=None, title=title, doc_number=doc_number, level=level,
                   issuer_names=tuple(issuer_names), unit_ids=tuple(u.pk for u in units),
                   decision_date=publish_date)


def _names(doc: Document) -> list[str]:
    if doc.issuer_names:
        return [str(n) for n in doc.issuer_names]
    names = [u.full_name for u in doc.issuers.all()]
    return names or ([doc.unit.full_name] if doc.unit_id else [])


def _decision_date(source: Document) -> date | None:
    return source.publish_date or source.written_date or source.effective_date


def target_in_force(target: Document, on: date | None, *, source_id: int | None = None) -> bool | None:
    """Whether `target` was in force on `on`, from its ValidityEvents (the events the source
    itself caused do not count: a decision acts on a text that was in force before it)."""
    if on is None:
        return None
    events = [e for e in target.validity_events.order_by("date", "id")
              if source_id is None or e.cause_document_id != source_id]
    initial = events[0].from_validity if events else target.validity
    return in_force_on([(e.date, e.to_validity) for e in events], on,
                       initial=initial or target.validity, published=target.publish_date)


def link_explain(source: Document | SourceFacts, action: RelationAction,
                 target: Document | None) -> LinkCheck:
    """Whether `source` may do `action` to `target`, and why (None target: not in library)."""
    facts = source if isinstance(source, SourceFacts) else SourceFacts.of(source)
    decision = is_decision(facts.title, facts.doc_number)
    replace = may_replace(facts.title, facts.doc_number, facts.level)
    if target is None or action not in CHANGING_ACTIONS:
        return link_check(action=action, resolved=target is not None, source_decision=decision,
                          source_may_replace=replace)
    return link_check(
        action=action, resolved=True, source_decision=decision, source_may_replace=replace,
        issuer=issuer_rank(facts, target),
        target_in_force=target_in_force(target, facts.decision_date, source_id=facts.pk),
    )


# ---------------------------------------------------------------------------------------------
# Writes


@dataclass
class LinkResult:
    relations: list[DocumentRelation]
    declared: dict[str, int]
    effective_date: date | None


def _store(
    source: Document, refs: list[Reference], effective: date | None, actor
) -> list[DocumentRelation]:
    kept: list[DocumentRelation] = []
    new: list[DocumentRelation] = []
    changed = False
    existing = {(r.stated_action or r.action, title_key(r.target_title), r.target_doc_number): r
                for r in DocumentRelation.objects.filter(source=source)}
    facts = SourceFacts.of(source) if refs else None  # read once, not once per reference
    for ref in refs:
        key = (ref.action.value, title_key(ref.title), ref.doc_number)
        target = reference_resolve(title=ref.title, doc_number=ref.doc_number, source=source)
        check = link_explain(facts, ref.action, target)
        action = ref.action if check.linked else RelationAction.CITE
        rel_effective = effective if action in CHANGING_ACTIONS else None
        rel = existing.pop(key, None)
        if rel is None:
            changed = True
            rel = DocumentRelation(
                source=source, target=target, action=action.value, stated_action=ref.action.value,
                link_reason=check.reason.value, target_title=ref.title[:500],
                target_doc_number=ref.doc_number[:100], effective_date=rel_effective,
                context=ref.context,
            )
            new.append(rel)
        elif rel.applied_at is None and rel.confirmed_at is None and (
            (target is not None and rel.target_id != target.pk) or rel.action != action.value
            or rel.link_reason != check.reason.value
            or rel.effective_date != rel_effective or rel.context != ref.context
        ):
            changed = True
            rel.target = target or rel.target
            rel.action = action.value
            rel.stated_action = ref.action.value
            rel.link_reason = check.reason.value
            rel.effective_date = rel_effective
            rel.context = ref.context
            rel.save(update_fields=["target", "action", "stated_action", "link_reason",
                                    "effective_date", "context"])
        kept.append(rel)
    if new:  # one insert for the new ones (bulk_create sets their ids: SQLite ≥ 3.35, PG)
        DocumentRelation.objects.bulk_create(new)
    # references the text no longer makes: drop them unless already applied (history stays)
    for rel in existing.values():
        if rel.applied_at is None:
            changed = True
            rel.delete()
    if changed:
        audit_record(actor=actor, action="relations_link", target=source,
                     data={"relations": len(kept),
                           "resolved": sum(1 for r in kept if r.target_id),
                           "held_as_citation": sum(1 for r in kept if r.action != r.stated_action)})
    return kept


@transaction.atomic
def relations_extract_and_link(
    *, document: Document, actor=None, text: str | None = None
) -> LinkResult:
    """Read `document` (its body, or `text`) as a decision and store what it names.

    Re-running replaces the not-yet-applied relations (no duplicates); applied and confirmed
    ones stay. The decision takes effect on the date it states (本决定自…起施行; 自公布之日起 →
    公布日期), else on its 施行日期 or 公布日期. The counts it declares (修改 19 件) are kept on
    the document for its worklist.
    """
    access.require(access.can_relations_link(actor, document.unit_id),
                   "只有公开办（或管理员）可以建立文件关系")
    source = Document.objects.select_for_update().get(pk=document.pk)
    body = source.body if text is None else text
    decision = decision_analyse(body, publish_date=source.publish_date, self_title=source.title)
    effective = decision.effective_date or source.effective_date or source.publish_date
    relations = _store(source, decision.references, effective, actor)
    declared = {}
    for action in RelationAction:
        n = decision.declared(action)
        if n is not None:
            declared[action.value] = n
    if declared != source.declared_counts:
        Document.objects.filter(pk=source.pk).update(declared_counts=declared)
        document.declared_counts = declared
    announce([source.pk] + [r.target_id for r in relations if r.target_id], Reason.RELATIONS)
    return LinkResult(relations=relations, declared=declared, effective_date=effective)


@transaction.atomic
def relations_resolve_pending(*, actor=None) -> int:
    """Retry the references that named no library document yet (documents arrive later).
    A newly found target goes through the same trust check as at linking time."""
    access.require(access.is_operator(actor) or access.is_admin(actor)
                   or bool(access.units_for(actor, Role.OFFICE)),
                   "只有公开办（或管理员）可以重新匹配文件关系")
    linked = 0
    rows = (DocumentRelation.objects.select_for_update()
            .filter(target__isnull=True).select_related("source"))
    for rel in rows:
        target = reference_resolve(title=rel.target_title, doc_number=rel.target_doc_number,
                                   source=rel.source)
        if target is None:
            continue
        stated = RelationAction(rel.stated_action or rel.action)
        check = link_explain(rel.source, stated, target)
        action = stated if check.linked else RelationAction.CITE
        updated = DocumentRelation.objects.filter(pk=rel.pk, target__isnull=True).update(
            target=target, action=action.value, link_reason=check.reason.value,
            effective_date=rel.effective_date if action in CHANGING_ACTIONS else None)
        if updated:
            audit_record(actor=actor, action="relation_resolve", target=rel, unit=rel.source.unit,
                         data={"target": target.pk, "link_reason": check.reason.value})
            announce([rel.source_id, target.pk], Reason.RELATIONS)
            linked += 1
    return linked


@transaction.atomic
def relation_confirm(*, relation: DocumentRelation, accept: bool, actor, note: str = "") -> DocumentRelation:
    """A person settles a stated change held as a citation: accept makes it the change the
    text states (applied by the next lifecycle run), reject keeps it a citation for good."""
    rel = DocumentRelation.objects.select_for_update().select_related("source").get(pk=relation.pk)
    access.require(access.can_relation_confirm(actor, rel.source.unit_id),
                   "只有公开办（或管理员）可以确认文件关系")
    stated = RelationAction(rel.stated_action or rel.action)
    if stated not in CHANGING_ACTIONS:
        raise RelationError("该关系是引用，无需确认", field="relation")
    if rel.target_id is None:
        raise RelationError("目标文件尚未收录，无法确认", field="relation")
    if rel.applied_at is not None:
        raise RelationError("该关系已经生效处理，不能再更改", field="relation")
    action = stated if accept else RelationAction.CITE
    rel.action = action.value
    rel.link_reason = (LinkReason.CONFIRMED if accept else LinkReason.REJECTED).value
    rel.confirmed_by = actor
    rel.confirmed_at = timezone.now()
    if accept and rel.effective_date is None:
        decision = decision_analyse(rel.source.body, publish_date=rel.source.publish_date)
        rel.effective_date = (decision.effective_date or rel.source.effective_date
                              or rel.source.publish_date)
    if not accept:
        rel.effective_date = None
    rel.save(update_fields=["action", "link_reason", "confirmed_by", "confirmed_at",
                            "effective_date"])
    audit_record(actor=actor, action="relation_confirm" if accept else "relation_reject",
                 target=rel, unit=rel.source.unit, reason=note,
                 data={"source": rel.source_id, "target": rel.target_id, "action": stated.value})
    announce([rel.source_id, rel.target_id], Reason.RELATIONS)
    return rel
