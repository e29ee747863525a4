"""Works and their versions (issue 19): the services that group documents into works.

Writes:
    work_version_add(base=…, document=…, kind=…, decision=…, actor=…)  file a version
    work_current_refresh(work=…)                                       which version is current
Reads:
    work_match(title=…, issuer_names=…, unit=…, doc_number_key=…)       a known work's document
    work_versions(document, visible)                                    every version, in order
    version_as_of(document, on, visible)                                the version in force then
    version_diff(old, new)                                              article by article

A work's current version is its latest version, an official text winning over a 整理版 of the
same date (domain.versions.current_version); the
library, the catalogue and the search index show only current versions, the work's page lists
every version. Old versions stay published: a link to one keeps working and says it is old.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction
from django.db.models import Q

from gongkai.core import access
from gongkai.core.services import audit_record
from gongkai.documents.domain.relations import ISSUER_BEFORE_GUANYU, title_key
from gongkai.documents.domain.versions import (
    VersionDates,
    articles,
    articles_diff,
    current_version,
    version_in_force,
)
from gongkai.documents.domain.vocab import State, VersionKind
from gongkai.documents.errors import DocumentError
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Document, Work
from gongkai.documents.revisions import revision_tasks_close
from gongkai.documents.services import text_hash


class VersionError(DocumentError):
    code = "version"


def _issuer_key(doc: Document) -> str:
    names = [str(n) for n in (doc.issuer_names or [])]
    return names[0] if names else (doc.unit.full_name if doc.unit_id else "")


def _official(doc: Document) -> bool:
    return doc.version_kind != VersionKind.CONSOLIDATED.value


# ---------------------------------------------------------------------------------------------
# Reads


def work_match(*, title: str, issuer_names, unit, doc_number_key: str = "") -> Document | None:
    """A library document that is the same work as a text being imported: the same title
    (ignoring a trailing (2024) label and the issuer prefix) from the same issuer, or the same
    发文字号 from the same issuer. Newest first, so a new version files under the latest."""
    names = {str(n) for n in (issuer_names or [])}
    wanted = title_key(title)
    if not wanted:
        return None
    core = title_key(ISSUER_BEFORE_GUANYU.sub("", title))
    q = Q(title_core_key__in=sorted({wanted, core}))
    if doc_number_key:
        q |= Q(doc_number_key=doc_number_key)
    # The columns the rule reads; the whole row only for the match.
    candidates = list(Document.objects.filter(q).exclude(state=State.WITHDRAWN.value)
                      .order_by("-publish_date", "-pk")
                      .values_list("pk", "unit_id", "issuer_names", "title", "title_core_key",
                                   "doc_number_key")[:50])
    for pk, unit_id, doc_issuers, doc_title, doc_core_key, doc_number in candidates:
        same_issuer = (unit is not None and unit_id == unit.pk) or bool(
            names & {str(n) for n in (doc_issuers or [])})
        same_title = title_key(doc_title) == wanted or doc_core_key == core
        same_number = bool(doc_number_key) and doc_number == doc_number_key
        if not same_issuer or not (same_title or same_number):
            continue
        if (doc_number_key and doc_number and not same_number
                and not (_is_order(doc_number_key) and _is_order(doc_number))):
            # 武政办〔2014〕153号 and 〔2014〕154号 are two documents, however alike their titles
            # (每年的 关于做好政务公开工作的通知); only 令 numbers change from version to version
            continue
        return Document.objects.get(pk=pk)
    return None


def _is_order(number_key: str) -> bool:
    return "令" in number_key


def _text_key(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def same_version(base: Document, body: str, title: str = "") -> Document | None:
    """The version of `base`'s work whose text equals `body` (all whitespace ignored: a text
    re-saved with other line breaks is the same version), if any."""
    wanted = {text_hash(body), text_hash((title or base.title) + "\n" + body)}
    key = _text_key(body)
    versions = (Document.objects.filter(work_id=base.work_id) if base.work_id
                else Document.objects.filter(pk=base.pk))
    for doc in versions.only("pk", "body", "title", "content_hash"):
        if doc.content_hash in wanted or _text_key(doc.body) == key:
            return doc
    return None


def work_versions(document: Document, visible) -> list[Document]:
    """Every version of the document's work the reader may see, oldest first. The versions'
    bodies (a law's versions are the whole text each) are read only when asked for."""
    if not document.work_id:
        return [document]
    return list(visible.filter(work_id=document.work_id)
                .select_related("version_decision").defer("body", "version_decision__body")
                .order_by("publish_date", "effective_date", "pk"))


def version_as_of(document: Document, on: date, visible) -> Document | None:
    """The version of the document's work in force on `on` (None: the work had not started)."""
    versions = work_versions(document, visible)
    key = version_in_force([VersionDates(v.pk, v.publish_date, v.effective_date, _official(v))
                            for v in versions], on)
    return next((v for v in versions if v.pk == key), None)


def version_diff(old: Document, new: Document):
    """Article-level changes from `old` to `new` (domain.versions.articles_diff)."""
    return articles_diff(articles(old.body), articles(new.body))


# ---------------------------------------------------------------------------------------------
# Writes


def _work_of(doc: Document) -> Work:
    if doc.work_id:
        return doc.work
    work = Work.objects.create(title=doc.title[:500], issuer_key=_issuer_key(doc)[:200])
    Document.objects.filter(pk=doc.pk).update(
        work=work, version_kind=doc.version_kind or VersionKind.ORIGINAL.value)
    doc.work = work
    doc.version_kind = doc.version_kind or VersionKind.ORIGINAL.value
    return work


def work_current_refresh(*, work: Work) -> Document | None:
    """Mark the work's current version (and only it) as current; announce the documents whose
    flag moved, so the search index follows. Returns the current version."""
    versions = list(Document.objects.filter(work=work).exclude(state=State.WITHDRAWN.value))
    key = current_version([VersionDates(v.pk, v.publish_date, v.effective_date, _official(v))
                           for v in versions])
    moved = [v.pk for v in versions if v.is_current_version != (v.pk == key)]
    if moved:
        Document.objects.filter(work=work).exclude(pk=key).update(is_current_version=False)
        if key is not None:
            Document.objects.filter(pk=key).update(is_current_version=True)
        announce(moved, Reason.UPDATE)
    return next((v for v in versions if v.pk == key), None)


@transaction.atomic
def work_version_add(
    *,
    base: Document,
    document: Document,
    kind: str = VersionKind.REPUBLISHED.value,
    decision: Document | None = None,
    actor=None,
) -> Document:
    """File `document` as a version of `base`'s work (creating the work on first use), with
    the decision that produced it; the latest official version becomes current."""
    access.require(access.can_version_add(actor, document.unit_id), "无权为该单位的文件增加版本")
    if base.pk == document.pk:
        raise VersionError("不能把文件作为它自己的新版本", field="document")
    if kind not in {k.value for k in VersionKind}:
        raise VersionError(f"版本类型 “{kind}” 不在可选范围内", field="version_kind")
    work = _work_of(Document.objects.select_for_update().get(pk=base.pk))
    Document.objects.filter(pk=document.pk).update(
        work=work, version_kind=kind, version_decision=decision)
    document.work, document.version_kind, document.version_decision = work, kind, decision
    current = work_current_refresh(work=work)
    if kind != VersionKind.CONSOLIDATED.value:  # an official new text does what was asked
        for pk in Document.objects.filter(work=work).exclude(pk=document.pk).values_list("pk", flat=True):
            revision_tasks_close(document_id=pk, by=decision or document, actor=actor)
    document.is_current_version = current is not None and current.pk == document.pk
    audit_record(actor=actor, action="work_version_add", target=document, unit=document.unit,
                 data={"work": work.pk, "base": base.pk, "kind": kind,
                       "decision": decision.pk if decision else None,
                       "current": current.pk if current else None})
    announce([document.pk, base.pk], Reason.UPDATE)
    return document


@transaction.atomic
def version_consolidate(*, decision: Document, target: Document, actor=None) -> Document:
    """Build the 整理版 of `target` from `decision`'s instructions for it (domain.amendments)
    and file it as an unofficial version of the target's work. Refused, naming what went wrong,
    when the decision has no instructions for the target, or when one of them does not fit the
    target's text (a half-applied consolidation would mislead). The 整理版 is current until an
    official text of the same date or later arrives; its page says it is not official."""
    from gongkai.documents.domain.amendments import consolidate, decision_instructions
    from gongkai.documents.services import document_create, document_publish_direct

    access.require(access.can_version_add(actor, target.unit_id), "无权为该单位的文件增加版本")
    wanted = title_key(target.title)
    parsed = next((p for t, p in decision_instructions(decision.body).items()
                   if title_key(t) == wanted), None)
    if parsed is None or not parsed.changes:
        raise VersionError(f"《{decision.title}》中没有对《{target.title}》的逐条修改", field="decision")
    result = consolidate(target.body, parsed.changes)
    problems = result.problems + [f"未能识别：{s[:40]}" for s in parsed.not_understood]
    if problems:
        raise VersionError("；".join(problems[:5]), field="decision")
    effective = decision.effective_date or decision.publish_date
    text = (f"{target.title}\n（整理版：根据《{decision.title}》整理，非正式文本，以正式公布的文本为准）\n"
            + result.text)
    doc = document_create(
        unit=target.unit, actor=actor, title=target.title, doc_number=target.doc_number,
        issuer_names=list(target.issuer_names or []), publish_date=decision.publish_date,
        effective_date=effective, level=target.level, category=target.category, body=text,
        extraction_warnings=["整理版：由修改决定自动整理，非正式文本"],
    )
    doc = document_publish_direct(document=doc, actor=actor, reason="整理版")
    return work_version_add(base=target, document=doc, kind=VersionKind.CONSOLIDATED.value,
                            decision=decision, actor=actor)
