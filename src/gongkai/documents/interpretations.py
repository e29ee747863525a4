"""政策解读 links: find the interpreted document, link a 解读 to it (by hand or on import).

The rules (what a 解读 title looks like, when one document is meant) are in
``domain/interpretation.py``; this module looks the candidates up in the library and writes the
link through one service, ``interpretation_link``, which checks its gate, records the audit and
announces the change. The import calls ``interpretation_autolink`` for every new document whose
title is a 解读; a 解读 that names no single document stays unlinked and is listed for a person
to choose (``interpretations_unlinked``; the 专栏 pages show the list).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from gongkai.core import access
from gongkai.core.services import audit_record
from gongkai.documents.domain.docnumber import doc_number_key, parse_doc_number
from gongkai.documents.domain.interpretation import (
    TITLE_MARKERS,
    Candidate,
    Choice,
    Ref,
    choose_target,
    guess_kind,
    interpretation_refs,
    is_interpretation,
)
from gongkai.documents.domain.relations import title_key, title_match_keys
from gongkai.documents.domain.vocab import State
from gongkai.documents.errors import DocumentError
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Document
from gongkai.documents.querysets import public_q

SEARCH_LIMIT = 20


def _targets(unit_id: int | None = None):
    """Documents a 解读 of `unit_id` may explain: public ones and its own unit's (drafts of
    other units are never candidates, nor named in a message); not 解读, not withdrawn."""
    visible = public_q()
    if unit_id is not None:
        visible |= Q(unit_id=unit_id)
    return (Document.objects.filter(visible).filter(interprets__isnull=True)
            .exclude(state=State.WITHDRAWN.value))


def _candidate(doc) -> Candidate:
    return Candidate(id=doc.pk, unit_id=doc.unit_id, title=doc.title, doc_number=doc.doc_number)


def candidates_for(refs: list[Ref], unit_id: int | None = None) -> dict[Ref, list[Candidate]]:
    """The library's documents each reference could mean (indexed lookups, one per ref)."""
    found: dict[Ref, list[Candidate]] = {}
    for ref in refs:
        query = Q()
        if ref.number_key:
            query |= Q(doc_number_key=ref.number_key)
        if ref.title_key:
            core, _inner = title_match_keys(ref.title)
            query |= Q(title_core_key=ref.title_key) | Q(title_inner_key=ref.title_key)
            if core and core != ref.title_key:
                query |= Q(title_core_key=core)
        if not query:
            continue
        rows = (_targets(unit_id).filter(query).order_by("pk")
                .only("id", "unit_id", "title", "doc_number")[:SEARCH_LIMIT])
        found[ref] = [_candidate(d) for d in rows if not is_interpretation(d.title)]
    return found


def interpretation_choice(*, title: str, body: str = "", unit_id: int | None = None,
                          self_id: int | None = None) -> Choice:
    refs = interpretation_refs(title, body)
    return choose_target(refs, candidates_for(refs, unit_id), unit_id=unit_id, self_id=self_id)


def interpretation_target_find(text: str, *, unit_id: int | None = None,
                               self_id: int | None = None) -> Document | None:
    """The document a person named in a form or an API call: a 发文字号, a title (with or
    without 《》), or ``#id``. Raises DocumentError (field ``interprets``) naming the
    candidates when several match and when none does; empty text means no link."""
    text = " ".join((text or "").split())
    if not text:
        return None
    if text.startswith("#") and text[1:].isdigit():
        doc = _targets(unit_id).filter(pk=int(text[1:])).first()
        if doc is None:
            raise DocumentError(f"解读的文件 “{text}” 不存在", field="interprets")
        return doc
    refs: list[Ref] = []
    parsed = parse_doc_number(text)
    if parsed and parsed.serial and len(parsed.raw) >= len(text) - 2:
        refs.append(Ref(number_key=doc_number_key(parsed.normalized)))
    else:
        inner = text.strip("《》 ")
        refs.append(Ref(title=inner, title_key=title_key(inner)))
    choice = choose_target(refs, candidates_for(refs, unit_id), unit_id=unit_id, self_id=self_id)
    if choice.status == "linked":
        return Document.objects.get(pk=choice.document_id)
    if choice.status == "ambiguous":
        listed = "；".join(f"#{c.id}《{c.title}》{c.doc_number}" for c in choice.candidates[:5])
        raise DocumentError(f"“{text}” 对应多件文件，请写发文字号或编号（如 #{choice.candidates[0].id}）："
                            f"{listed}", field="interprets")
    raise DocumentError(f"没有找到 “{text}” 对应的文件（可写发文字号或完整标题）",
                        field="interprets")


def interpretation_target_search(query: str, *, user=None, limit: int = SEARCH_LIMIT) -> list[Document]:
    """Documents whose title or 发文字号 contains the query, for choosing a 解读's document:
    the published library plus what the user may see in the back office."""
    query = " ".join((query or "").split())[:100]
    if not query:
        return []
    visible = Document.objects.visible_to(user) if user is not None else Document.objects.public()
    qs = visible.filter(interprets__isnull=True).exclude(state=State.WITHDRAWN.value)
    parsed = parse_doc_number(query)
    cond = Q(title__icontains=query) | Q(doc_number__icontains=query)
    if parsed and parsed.serial:
        cond |= Q(doc_number_key=doc_number_key(parsed.normalized))
    return list(qs.filter(cond).select_related("unit")
                .order_by("-publish_date", "-id")[:limit])


@transaction.atomic
def interpretation_link(*, interpretation: Document, document: Document | None, actor,
                        kind: str = "", auto: bool = False) -> Document:
    """Link a 解读 to the document it explains (or unlink it, document=None), in any state:
    a 解读 published before the link was made is linked afterwards, not re-registered."""
    if not auto:
        access.require(access.can_interpretation_link(actor, interpretation.unit_id),
                       "只有本单位报送员或公开办可以关联政策解读")
    locked = Document.objects.select_for_update().get(pk=interpretation.pk)
    if document is not None:
        if document.pk == locked.pk:
            raise DocumentError("解读不能关联到自身", field="interprets")
        if document.interprets_id is not None:
            raise DocumentError(f"《{document.title}》本身是解读，请关联它所解读的文件",
                                field="interprets")
        if Document.objects.filter(interprets=locked).exists():
            raise DocumentError(f"《{locked.title}》已有解读关联到它，不能再作为解读",
                                field="interprets")
    before = locked.interprets_id
    locked.interprets = document
    fields = ["interprets", "updated_at"]
    if document is not None and not locked.interpretation_kind:
        locked.interpretation_kind = (kind or guess_kind(locked.title, locked.body)).__str__()
        fields.append("interpretation_kind")
    elif kind:
        locked.interpretation_kind = kind
        fields.append("interpretation_kind")
    locked.save(update_fields=fields)
    audit_record(actor=actor, action="interpretation_link" if document else "interpretation_unlink",
                 target=locked, data={"from": before, "to": document.pk if document else None,
                                      "auto": auto})
    announce([i for i in (locked.pk, before, document.pk if document else None) if i],
             Reason.RELATIONS)
    return locked


def interpretation_autolink(document: Document, *, actor=None) -> Choice | None:
    """Link a newly imported 解读 when its title or body names exactly one document.

    Returns the choice made (None when the document is not a 解读 or is already linked); an
    ambiguous or unresolved 解读 stays unlinked and appears in ``interpretations_unlinked``."""
    if document.interprets_id is not None or not is_interpretation(document.title):
        return None
    choice = interpretation_choice(title=document.title, body=document.body,
                                   unit_id=document.unit_id, self_id=document.pk)
    if choice.status == "linked":
        target = Document.objects.get(pk=choice.document_id)
        interpretation_link(interpretation=document, document=target, actor=actor, auto=True)
        document.refresh_from_db()
    return choice


def interpretations_unlinked(unit_ids=None, *, published_between: tuple | None = None,
                             with_body: bool = True):
    """Documents that are 解读 by their title but interpret nothing (need a person's choice).
    ``published_between`` (start, end) keeps those with a 公布日期 in that period;
    ``with_body=False`` leaves the body unread (counts and lists that show titles only)."""
    qs = Document.objects.filter(interprets__isnull=True).exclude(state=State.WITHDRAWN.value)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if published_between is not None:
        qs = qs.filter(publish_date__gte=published_between[0],
                       publish_date__lte=published_between[1])
    cond = Q()
    for marker in TITLE_MARKERS:
        cond |= Q(title__contains=marker)
    qs = qs.filter(cond).exclude(interpretations__isnull=False).select_related("unit")
    if not with_body:
        qs = qs.defer("body")
    return [d for d in qs.order_by("unit_id", "-publish_date", "-id") if is_interpretation(d.title)]
