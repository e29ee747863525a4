"""Ingest: read uploaded and imported files, extract their 文章属性, find duplicates, import.

The readers (``ingest/readers``) turn bytes into text; ``ingest/domain/metadata.py`` extracts the
metadata; ``document_prefill`` fills a registration form from one file; ``document_import``
imports one file whole or not at all through ``documents.services.document_create`` (and
publishes it when asked), so every imported document is audited and announced like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from gongkai.core.models import Unit, User
from gongkai.core.selectors import unit_find
from gongkai.documents.domain.vocab import Level, Validity
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document
from gongkai.documents.services import (
    _discard_unreferenced_files,
    content_hash,
    document_create,
    document_create_published,
)
from gongkai.documents.versions import same_version, work_match


def document_prefill(*, name: str, data: bytes) -> dict:
    """Read an uploaded file and extract its metadata, for a registration form to show.

    Returns the form's initial values plus `warnings`; raises DocumentError naming the file
    when it cannot be read."""
    text, warnings, meta = read_and_extract(name=name, data=data)
    return {
        "title": meta.title or "",
        "doc_number": meta.doc_number or "",
        "issuer_names": list(meta.issuers),
        "written_date": meta.written_date,
        "publish_date": meta.publish_date,
        "effective_date": meta.effective_date,
        "expiry_date": meta.expiry_date,
        "level": meta.level if meta.level in {x.value for x in Level} else "",
        "validity": meta.validity if meta.validity in {x.value for x in Validity} else "现行有效",
        "category": meta.category or "",
        "index_no": meta.index_no or "",
        "body": display_text(meta.body or text),
        "warnings": list(warnings) + list(meta.warnings),
    }


def display_text(text: str) -> str:
    """Text as readers see it has NFKC-folded punctuation (，→ ,); Chinese readers get the
    full-width marks back wherever they touch Chinese characters."""
    from gongkai.core.domain.text import to_cjk_punctuation

    return to_cjk_punctuation(text)


def read_limits():
    """The reader limits configured in settings (IMPORT_MAX_*)."""
    from django.conf import settings

    from gongkai.ingest.readers import ReadLimits

    return ReadLimits(
        max_bytes=settings.IMPORT_MAX_FILE_BYTES,
        max_zip_ratio=settings.IMPORT_MAX_ZIP_RATIO,
        max_zip_total=settings.IMPORT_MAX_ZIP_TOTAL_BYTES,
    )


def read_and_extract(*, name: str, data: bytes):
    from gongkai.ingest.domain.metadata import extract, extract_html
    from gongkai.ingest.readers import ReaderError, read_bytes

    try:
        result = read_bytes(data, name, limits=read_limits())
    except ReaderError as exc:
        raise DocumentError(str(exc), code=getattr(exc, "code", "unreadable"), field="file") from exc
    meta = extract_html(result.html) if result.html else extract(result.text)
    return result.text, list(result.warnings), meta


_TITLE_ISSUER = re.compile(r"^(?P<issuer>[\u4e00-\u9fff（）()、]{2,60}?)(?:关于|印发|转发)")


def issuers_from_title(title: str) -> list[str]:
    """A 公文 title names its issuer first (发文机关 + 关于 + 事由 + 文种). When the text carries
    no issuer of its own, the title's issuer is used — but only if it is a unit we know, so
    nothing is guessed. Joint titles (A、B关于…) give several."""
    match = _TITLE_ISSUER.match(title or "")
    if not match:
        return []
    names = [n for n in re.split(r"[、]", match.group("issuer")) if n]
    units = [unit_find(n) for n in names]
    return [u.full_name for u in units if u] if all(units) else []


def version_history(meta, body: str):
    """The dated history of the text: LawRefBook lines, or the bracketed lines under a
    规章's title (（2003年…令第152号公布 根据2024年…令第322号修改）)."""
    from gongkai.documents.domain.versions import history_entries, inline_history

    lines = list(getattr(meta, "history", ()) or ()) or inline_history(body)
    return history_entries(lines)


def _undated_publish_date(name: str, history):
    """公布日期 for a text that states none: its latest history entry, else its file name."""
    from gongkai.documents.domain.versions import filename_date, version_of

    when, _ = version_of(history)
    if when is not None:
        return when, "history"
    when = filename_date(name)
    return (when, "filename") if when is not None else (None, "")


def _version_facts(history, *, source: Document):
    """(kind, decision) of a text from its history: what version it is, and the library
    document of the decision that made it (resolved as a reference of `source`)."""
    from gongkai.documents.domain.versions import version_of
    from gongkai.documents.domain.vocab import VersionKind
    from gongkai.documents.relations import reference_resolve

    _when, kind = version_of(history)
    decision = None
    if history and kind in (VersionKind.AMENDED, VersionKind.REVISED):
        last = [e for e in history if e.kind is not None][-1]
        numbers = re.findall(r"[\u4e00-\u9fff]*令第[0-9一二三四五六七八九十百零〇]+号", last.text)
        if last.decision_title or numbers:
            decision = reference_resolve(title=last.decision_title,
                                         doc_number=numbers[-1] if numbers else "",
                                         source=source)
    return kind, decision


def _version_fields(kind, decision, *, base: Document | None, date_source: str) -> dict:
    """The version columns stored with a new document (a new version of a known work gets
    its kind and decision from ``work_version_add`` instead)."""
    updates = {}
    if date_source:
        updates["publish_date_source"] = date_source
    if kind is not None and base is None:
        updates["version_kind"] = kind.value
    if decision is not None and base is None:
        updates["version_decision"] = decision
    return updates


def _file_version(document: Document, *, base: Document | None, history, date_source: str,
                  actor, facts=None, stored: bool = False) -> None:
    """Record what version this text is: its kind and the decision that made it (from its
    history), and file it under `base`'s work when it is a new version of a known work.
    `facts` are ``_version_facts`` worked out before the write; `stored`: the version
    columns were written with the row."""
    from gongkai.documents.domain.vocab import VersionKind
    from gongkai.documents.versions import work_version_add

    kind, decision = facts if facts is not None else _version_facts(history, source=document)
    updates = {} if stored else _version_fields(kind, decision, base=base,
                                                  date_source=date_source)
    if updates:
        Document.objects.filter(pk=document.pk).update(**updates)
        for k, v in updates.items():
            setattr(document, k, v)
    if base is not None:
        if kind is None:
            later = (document.publish_date and base.publish_date
                     and document.publish_date > base.publish_date)
            kind = VersionKind.REPUBLISHED if later or not document.publish_date else VersionKind.AMENDED
        work_version_add(base=base, document=document, kind=kind.value, decision=decision,
                         actor=actor)


@dataclass
class ImportOutcome:
    name: str
    status: str  # imported | duplicate | failed
    document: Document | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


def document_find_duplicate(*, unit: Unit, digest: str, doc_number_key: str, issuer_names) -> Document | None:
    """Same content hash, or the same normalised 发文字号 from the same issuer."""
    # order_by("pk") so the database uses the content_hash / doc_number_key indexes rather than
    # the default ordering's.
    # Only the ids and the columns the rule reads; the row (body included) is loaded for the
    # duplicate found, not for every candidate.
    existing = (Document.objects.filter(content_hash=digest).order_by("pk")
                .values_list("pk", flat=True).first())
    if existing is not None:
        return Document.objects.get(pk=existing)
    if doc_number_key:
        candidates = (Document.objects.filter(doc_number_key=doc_number_key).order_by("pk")
                      .values_list("pk", "unit_id", "issuer_names"))
        names = set(issuer_names or [])
        for pk, unit_id, candidate_issuers in candidates:
            if unit_id == unit.pk or names & set(candidate_issuers or []):
                return Document.objects.get(pk=pk)
    return None


def _autolink_interpretation(document: Document, actor: User | None) -> str:
    """An imported 解读 is linked to its document when it names exactly one; otherwise the
    returned warning says why and the 解读 waits for a person's choice (待关联的政策解读)."""
    from gongkai.documents.interpretations import interpretation_autolink

    choice = interpretation_autolink(document, actor=actor)
    if choice is None or choice.status == "linked":
        return ""
    note = f"政策解读未自动关联：{choice.reason}；请在工作台“待关联的政策解读”中选择"
    document.extraction_warnings = list(document.extraction_warnings or []) + [note]
    document.save(update_fields=["extraction_warnings"])
    return note


def document_import(
    *, unit: Unit, actor: User | None, name: str, data: bytes, publish: bool = False
) -> ImportOutcome:
    """Import one file whole or not at all; a re-run finds the duplicate and writes nothing."""
    from gongkai.documents.domain.docnumber import doc_number_key, parse_doc_number

    try:
        text, warnings, meta = read_and_extract(name=name, data=data)
    except DocumentError as exc:
        return ImportOutcome(name=name, status="failed", reason=exc.message)
    if not (text or "").strip():
        return ImportOutcome(name=name, status="failed", reason=f"文件 “{name}” 没有可读的正文")
    digest = content_hash(data)
    parsed = parse_doc_number(meta.doc_number) if meta.doc_number else None
    key = doc_number_key(parsed.normalized) if parsed else ""
    from gongkai.documents.domain.filenames import display_name

    title = meta.title or display_name(name.rsplit("!", 1)[-1]).rsplit(".", 1)[0][:500]
    issuer_names = list(meta.issuers) or issuers_from_title(meta.title or "")
    body = display_text(meta.body or text)
    duplicate = document_find_duplicate(unit=unit, digest=digest, doc_number_key=key,
                                        issuer_names=list(meta.issuers))
    # A known work (same title and issuer, or its 发文字号) with a different text is a new
    # version of it (修正 / 修订 / 重新公布), not a duplicate; the same text is a duplicate.
    base = None
    if duplicate is None or duplicate.content_hash != digest:
        base = work_match(title=title, issuer_names=issuer_names or list(meta.issuers), unit=unit,
                          doc_number_key=key)
        if base is not None and duplicate is not None and base.work_id != duplicate.work_id \
                and base.pk != duplicate.pk:
            base = None  # the 发文字号 names another document: keep the old refusal
    if base is not None:
        duplicate = same_version(base, body, title)
    if duplicate is not None:
        return ImportOutcome(name=name, status="duplicate", document=duplicate,
                             reason=f"与已有文件 #{duplicate.pk}《{duplicate.title}》重复")
    level = meta.level if meta.level in {x.value for x in Level} else ""
    validity = meta.validity if meta.validity in {x.value for x in Validity} else Validity.CURRENT.value
    all_warnings = list(warnings) + list(meta.warnings)
    if meta.level and not level:
        all_warnings.append(f"效力等级 “{meta.level}” 无法对应，未填写")
    index_no = (meta.index_no or "").strip()
    if index_no and Document.objects.filter(index_no=index_no).exists():
        all_warnings.append(f"原文索引号 “{index_no}” 已被其他文件使用，已另行编号")
        index_no = ""
    history = version_history(meta, body)
    publish_date, date_source = meta.publish_date, ""
    if publish_date is None:
        publish_date, date_source = _undated_publish_date(name, history)
        if publish_date is not None:
            all_warnings.append(f"正文没有公布日期，取自{'文件名' if date_source == 'filename' else '沿革'}："
                                f"{publish_date.isoformat()}")
    fields = dict(
        unit=unit, actor=actor, title=title, doc_number=meta.doc_number or "",
        issuer_names=issuer_names, written_date=meta.written_date,
        publish_date=publish_date, effective_date=meta.effective_date,
        expiry_date=meta.expiry_date, level=level, validity=validity,
        category=meta.category or "", index_no=index_no,
        body=body, source=(name.rsplit("/", 1)[-1].rsplit("!", 1)[-1], data),
        extraction_warnings=all_warnings,
    )
    try:
        with transaction.atomic():
            if publish:
                # Its version (from the history) is known before the write, so the row is
                # written once, already published and with its version columns.
                facts = _version_facts(history, source=Document(
                    unit=unit, title=title, publish_date=publish_date,
                    issuer_names=[n.strip() for n in issuer_names if n and n.strip()]))
                document = document_create_published(
                    **fields, reason="导入已公开文件",
                    version_fields=_version_fields(*facts, base=base, date_source=date_source))
            else:
                facts = None
                document = document_create(**fields)
            note = _autolink_interpretation(document, actor)
            if note:
                all_warnings.append(note)
            _file_version(document, base=base, history=history, date_source=date_source,
                          actor=actor, facts=facts, stored=publish)
    except DocumentError as exc:
        _discard_unreferenced_files(digest)
        return ImportOutcome(name=name, status="failed", reason=f"{exc.message}（字段 {exc.field}）"
                             if exc.field else exc.message)
    except IntegrityError as exc:
        _discard_unreferenced_files(digest)
        return ImportOutcome(name=name, status="failed", reason=f"数据库拒绝写入: {exc}")
    return ImportOutcome(name=name, status="imported", document=document, warnings=all_warnings)


@contextmanager
def import_run() -> Iterator[None]:
    """One import run (a command, a 批量导入 job, a benchmark): the unit table is read once for
    every issuer lookup of the run (``core.selectors.units_resolved``)."""
    from gongkai.core.selectors import units_resolved

    with units_resolved():
        yield


@contextmanager
def import_chunk() -> Iterator[None]:
    """One chunk of an import run (``IMPORT_CHUNK`` files): the documents' announcements are
    collected and coalesced, and sent once when the chunk ends (the search index is written
    once per document, in bulk)."""
    from gongkai.documents.events import announcements_batched

    with announcements_batched():
        yield


IMPORT_CHUNK = 200
