"""Writes of documents: create, update, publish directly, import from files.

Every write validates first (DocumentError naming the field), writes in one transaction,
appends an audit record, and announces the change (documents.events.announce) so the search
index and other listeners follow.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.models import Unit, User
from gongkai.core.selectors import unit_find
from gongkai.core.services import audit_record, audit_records
from gongkai.documents.domain.vocab import Disclosure, InterpretationKind, Level, State, Validity
from gongkai.documents.errors import DocumentError
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Attachment, Document, IndexNoSequence, ValidityEvent

TITLE_MAX = 500

# Fields a caller may set through document_create / document_update.
EDITABLE_FIELDS = (
    "title", "doc_number", "issuer_names", "written_date", "publish_date", "effective_date",
    "expiry_date", "level", "validity", "category", "disclosure", "disclosure_reason",
    "index_no", "body", "interprets", "interpretation_kind", "interpretation_link",
)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_hash(text: str) -> str:
    return content_hash(" ".join((text or "").split()).encode("utf-8"))


@dataclass
class CleanFields:
    values: dict
    issuers: list[Unit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _check_date(name: str, label: str, value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        from gongkai.documents.domain.dates import parse_date

        parsed = parse_date(value)
        if parsed is None:
            raise DocumentError(f"{label} “{value}” 不是有效日期", field=name)
        return parsed
    raise DocumentError(f"{label} 不是有效日期", field=name)


def clean_document_fields(values: dict) -> CleanFields:
    """Validate and normalise the editable fields; raise DocumentError naming the field."""
    from gongkai.documents.domain.docnumber import doc_number_key, parse_doc_number
    from gongkai.documents.domain.relations import title_match_keys

    out = dict(values)
    warnings: list[str] = []
    title = " ".join(str(out.get("title") or "").split())
    if not title:
        raise DocumentError("标题不能为空", field="title")
    if len(title) > TITLE_MAX:
        raise DocumentError(f"标题过长（{len(title)} 字，最多 {TITLE_MAX} 字）", field="title")
    out["title"] = title
    out["title_core_key"], out["title_inner_key"] = title_match_keys(title)

    raw_number = str(out.get("doc_number") or "").strip()
    out["doc_prefix"], out["doc_year"], out["doc_serial"], out["doc_number_key"] = "", None, None, ""
    if raw_number:
        parsed = parse_doc_number(raw_number)
        if parsed is None:
            raise DocumentError(f"发文字号 “{raw_number}” 无法识别（应如 武政办〔2014〕153号）",
                                field="doc_number")
        out["doc_number"] = parsed.normalized
        out["doc_prefix"] = parsed.prefix or ""
        out["doc_year"] = parsed.year
        out["doc_serial"] = parsed.serial
        out["doc_number_key"] = doc_number_key(parsed.normalized)
    else:
        out["doc_number"] = ""

    for name, label in [("written_date", "成文日期"), ("publish_date", "公布日期"),
                        ("effective_date", "施行日期"), ("expiry_date", "有效期至")]:
        out[name] = _check_date(name, label, out.get(name))
    if out["expiry_date"] and out["publish_date"] and out["expiry_date"] < out["publish_date"]:
        raise DocumentError("有效期至 早于 公布日期", field="expiry_date")

    level = str(out.get("level") or "").strip()
    if level and level not in {x.value for x in Level}:
        raise DocumentError(f"效力等级 “{level}” 不在可选范围内", field="level")
    out["level"] = level
    validity = str(out.get("validity") or Validity.CURRENT.value).strip()
    if validity not in {x.value for x in Validity}:
        raise DocumentError(f"时效性 “{validity}” 不在可选范围内", field="validity")
    out["validity"] = validity
    disclosure = str(out.get("disclosure") or Disclosure.PROACTIVE.value).strip()
    if disclosure not in {x.value for x in Disclosure}:
        raise DocumentError(f"公开属性 “{disclosure}” 不在可选范围内", field="disclosure")
    out["disclosure"] = disclosure
    out["disclosure_reason"] = str(out.get("disclosure_reason") or "").strip()
    if disclosure == Disclosure.WITHHELD.value and not out["disclosure_reason"]:
        # 条例 第十四、十五、十六条: withholding must name its legal ground.
        raise DocumentError("不予公开须写明理由和依据（条例第十四、十五、十六条）",
                            field="disclosure_reason")
    out["category"] = str(out.get("category") or "").strip()[:200]
    out["index_no"] = str(out.get("index_no") or "").strip()
    out["body"] = out.get("body") or ""
    kind = str(out.get("interpretation_kind") or "").strip()
    if kind and kind not in {x.value for x in InterpretationKind}:
        raise DocumentError(f"解读形式 “{kind}” 不在可选范围内（"
                            + "、".join(x.value for x in InterpretationKind) + "）",
                            field="interpretation_kind")
    out["interpretation_kind"] = kind
    link = str(out.get("interpretation_link") or "").strip()
    if link and not re.match(r"^https?://[^\s/]+\S*$", link):
        raise DocumentError(f"解读链接 “{link[:80]}” 不是有效网址（应以 http:// 或 https:// 开头）",
                            field="interpretation_link")
    if len(link) > 500:
        raise DocumentError("解读链接过长（最多 500 字符）", field="interpretation_link")
    out["interpretation_link"] = link

    names = [n.strip() for n in (out.get("issuer_names") or []) if n and n.strip()]
    out["issuer_names"] = names
    issuers = []
    for n in names:
        unit = unit_find(n)
        if unit is None:
            warnings.append(f"制定机关 “{n}” 不在单位库中，按原文保存")
        elif unit not in issuers:
            issuers.append(unit)
    return CleanFields(values=out, issuers=issuers, warnings=warnings)


def _check_interprets(target: Document, *, unit_id: int, self_id: int | None = None) -> None:
    """A 解读 explains another, real document, not itself and not another 解读."""
    if self_id is not None and target.pk == self_id:
        raise DocumentError("解读不能关联到自身", field="interprets")
    if target.interprets_id is not None:
        raise DocumentError(f"《{target.title}》本身是解读，请关联它所解读的文件", field="interprets")


def _index_no_highest(prefix: str) -> tuple[int, bool]:
    """(serial of the highest 索引号 under `prefix`, whether that one is prefix + five digits)."""
    # A range on the indexed column (LIKE 'prefix%' cannot use the index on SQLite).
    existing = (
        Document.objects.filter(index_no__gte=prefix, index_no__lt=prefix + "\uffff")
        .order_by("-index_no").values_list("index_no", flat=True).first()
    )
    if not existing:
        return 0, False
    try:
        serial = int(existing.rsplit("-", 1)[1])
    except ValueError:
        return 0, False
    tail = existing[len(prefix):]
    return serial, existing.startswith(prefix) and len(tail) == 5 and tail.isdigit()


def index_no_next(*, unit: Unit, year: int) -> str:
    """索引号: unit code / year - serial (five digits), next free for the unit and year.

    Must run inside the transaction that saves the document: the sequence row stays locked
    until it commits, so two registrations at once wait for each other instead of both
    reading the same highest number (the unique constraint is the last line of defence)."""
    prefix = f"{unit.code}/{year}-"
    sequence = IndexNoSequence.objects.select_for_update().filter(prefix=prefix).first()
    if sequence is None:  # first number of this unit and year (a concurrent first waits here)
        IndexNoSequence.objects.bulk_create(
            [IndexNoSequence(prefix=prefix, last=0)], ignore_conflicts=True
        )
        sequence = IndexNoSequence.objects.select_for_update().get(prefix=prefix)
    # Numbers entered by hand (or imported) may run ahead of the sequence.
    highest, regular = _index_no_highest(prefix)
    serial = max(sequence.last, highest) + 1
    # The highest number is prefix + five digits and the next one is too: it sorts after the
    # highest, so it cannot be taken. Otherwise (irregular numbers by hand) look it up.
    if not (regular and serial <= 99999):
        while Document.objects.filter(index_no=f"{prefix}{serial:05d}").exists():
            serial += 1
    IndexNoSequence.objects.filter(pk=sequence.pk).update(last=serial)
    return f"{prefix}{serial:05d}"


def _index_no_check_free(index_no: str, *, exclude_pk: int | None = None) -> None:
    taken = Document.objects.filter(index_no=index_no).exclude(pk=exclude_pk)
    holder = taken.values_list("pk", flat=True).first()
    if holder is not None:
        raise DocumentError(f"索引号 “{index_no}” 已被文件 #{holder} 使用", field="index_no")


def attachment_files_discard(digest: str) -> None:
    """After a rolled-back import or a deleted draft: remove the stored file of `digest`, unless
    a row still refers to it (storage is not transactional; nothing may stay half-written)."""
    from django.core.files.storage import default_storage

    if Attachment.objects.filter(sha256=digest).exists():
        return
    folder = f"attachments/{digest[:2]}/{digest}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for file_name in files:
        default_storage.delete(f"{folder}/{file_name}")


_discard_unreferenced_files = attachment_files_discard  # the older, private name


def _refuse_same_file(digest: str) -> None:
    """The same file registered twice (web, API, import alike) is refused, naming the first.
    On PostgreSQL a transaction-scoped advisory lock on the hash makes two simultaneous
    uploads of one file wait for each other (SQLite serialises writers anyway)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [digest])
    existing = (Document.objects.filter(content_hash=digest).order_by("pk")
                .values_list("pk", "title").first())
    if existing is not None:
        raise DocumentError(
            f"同一文件已登记为 #{existing[0]}《{existing[1]}》，不能重复登记",
            code="duplicate", field="file",
        )


def _display_name(name: str) -> str:
    from gongkai.documents.domain.filenames import display_name

    return display_name(name)


def _attach(document: Document, name: str, data: bytes, *, is_source: bool) -> Attachment:
    """Store one file under a generated name (documents.domain.filenames); the original
    name is kept as the attachment's name, shown and offered on download."""
    from gongkai.documents.domain.filenames import display_name, stored_name

    digest = content_hash(data)
    shown = display_name(name)
    attachment = Attachment(
        document=document, name=shown, sha256=digest, size=len(data),
        content_type=mimetypes.guess_type(shown)[0] or "application/octet-stream",
        is_source=is_source,
    )
    attachment.file.save(stored_name(digest, shown), ContentFile(data), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def document_create(
    *,
    unit: Unit,
    actor: User | None,
    title: str,
    doc_number: str = "",
    issuer_names: Iterable[str] = (),
    written_date: date | str | None = None,
    publish_date: date | str | None = None,
    effective_date: date | str | None = None,
    expiry_date: date | str | None = None,
    level: str = "",
    validity: str = Validity.CURRENT.value,
    category: str = "",
    disclosure: str = Disclosure.PROACTIVE.value,
    disclosure_reason: str = "",
    index_no: str = "",
    body: str = "",
    source: tuple[str, bytes] | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
    extraction_warnings: Sequence[str] = (),
    interprets: Document | None = None,
    interpretation_kind: str = "",
    interpretation_link: str = "",
) -> Document:
    """Register a document for a unit as a draft (草稿)."""
    return _document_write(
        unit=unit, actor=actor, title=title, doc_number=doc_number,
        issuer_names=issuer_names, written_date=written_date, publish_date=publish_date,
        effective_date=effective_date, expiry_date=expiry_date, level=level,
        validity=validity, category=category, disclosure=disclosure,
        disclosure_reason=disclosure_reason, index_no=index_no, body=body,
        source=source, attachments=attachments, extraction_warnings=extraction_warnings,
        interprets=interprets, interpretation_kind=interpretation_kind,
        interpretation_link=interpretation_link,
    )


@transaction.atomic
def document_create_published(
    *,
    unit: Unit,
    actor: User | None,
    title: str,
    doc_number: str = "",
    issuer_names: Iterable[str] = (),
    written_date: date | str | None = None,
    publish_date: date | str | None = None,
    effective_date: date | str | None = None,
    expiry_date: date | str | None = None,
    level: str = "",
    validity: str = Validity.CURRENT.value,
    category: str = "",
    disclosure: str = Disclosure.PROACTIVE.value,
    disclosure_reason: str = "",
    index_no: str = "",
    body: str = "",
    source: tuple[str, bytes] | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
    extraction_warnings: Sequence[str] = (),
    interprets: Document | None = None,
    interpretation_kind: str = "",
    interpretation_link: str = "",
    reason: str = "",
    version_fields: dict | None = None,
) -> Document:
    """Register a document and publish it directly, in one write: what ``document_create``
    followed by ``document_publish_direct`` do (both gates, both audit records, the same
    row), for imports of documents already published elsewhere (`gongkai import --publish`).

    `version_fields` (``version_kind``, ``version_decision``, ``publish_date_source``) are
    stored with the row, for an imported text whose version is known before it is written."""
    return _document_write(
        unit=unit, actor=actor, title=title, doc_number=doc_number,
        issuer_names=issuer_names, written_date=written_date, publish_date=publish_date,
        effective_date=effective_date, expiry_date=expiry_date, level=level,
        validity=validity, category=category, disclosure=disclosure,
        disclosure_reason=disclosure_reason, index_no=index_no, body=body,
        source=source, attachments=attachments, extraction_warnings=extraction_warnings,
        interprets=interprets, interpretation_kind=interpretation_kind,
        interpretation_link=interpretation_link,
        publish_reason=reason, version_fields=version_fields,
    )


VERSION_FIELDS = frozenset({"version_kind", "version_decision", "publish_date_source"})


def _document_write(
    *,
    unit: Unit,
    actor: User | None,
    title: str,
    doc_number: str = "",
    issuer_names: Iterable[str] = (),
    written_date: date | str | None = None,
    publish_date: date | str | None = None,
    effective_date: date | str | None = None,
    expiry_date: date | str | None = None,
    level: str = "",
    validity: str = Validity.CURRENT.value,
    category: str = "",
    disclosure: str = Disclosure.PROACTIVE.value,
    disclosure_reason: str = "",
    index_no: str = "",
    body: str = "",
    source: tuple[str, bytes] | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
    extraction_warnings: Sequence[str] = (),
    interprets: Document | None = None,
    interpretation_kind: str = "",
    interpretation_link: str = "",
    publish_reason: str | None = None,
    version_fields: dict | None = None,
) -> Document:
    """The write of ``document_create`` (and, with `publish_reason`, of a direct publication
    in the same row: 草稿 → 已发布 recorded as two audit records, announced as published)."""
    unknown = set(version_fields or {}) - VERSION_FIELDS
    if unknown:
        raise DocumentError(f"不能设置字段: {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    require(access.can_document_create(actor, unit.pk if unit else None), "无权为该单位登记文件")
    if unit is None:
        raise DocumentError("缺少报送单位", field="unit")
    if publish_reason is not None:
        require(access.can_document_publish_direct(actor, unit.pk), "无权直接发布该文件")
    cleaned = clean_document_fields(
        {
            "title": title, "doc_number": doc_number, "issuer_names": list(issuer_names),
            "written_date": written_date, "publish_date": publish_date,
            "effective_date": effective_date, "expiry_date": expiry_date, "level": level,
            "validity": validity, "category": category, "disclosure": disclosure,
            "disclosure_reason": disclosure_reason, "index_no": index_no, "body": body,
            "interpretation_kind": interpretation_kind,
            "interpretation_link": interpretation_link,
        }
    )
    if interprets is not None:
        _check_interprets(interprets, unit_id=unit.pk)
    values = cleaned.values
    if publish_reason is not None and values["disclosure"] == Disclosure.WITHHELD.value:
        raise DocumentError("不予公开的文件不能发布", field="disclosure")
    if (values["validity"] == Validity.CURRENT.value and values["effective_date"]
            and values["effective_date"] > timezone.localdate()):
        # Not in force before its 施行日期; `gongkai lifecycle` moves it on the day.
        values["validity"] = Validity.NOT_YET.value
    if not values["issuer_names"]:
        values["issuer_names"] = [unit.full_name]
        cleaned.issuers = [unit]
    if source is not None:
        digest = content_hash(source[1])
        _refuse_same_file(digest)
    else:
        digest = text_hash(values["title"] + "\n" + values["body"])
    if values["index_no"]:
        _index_no_check_free(values["index_no"])
    else:
        year = (values["publish_date"] or values["written_date"] or timezone.localdate()).year
        values["index_no"] = index_no_next(unit=unit, year=year)
    now = timezone.now()
    document = Document.objects.create(
        unit=unit,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        content_hash=digest,
        source_name=_display_name(source[0]) if source else "",
        extraction_warnings=list(extraction_warnings) + cleaned.warnings,
        interprets=interprets,
        state=State.PUBLISHED.value if publish_reason is not None else State.DRAFT.value,
        submitted_at=now if publish_reason is not None else None,
        published_at=now if publish_reason is not None else None,
        **values,
        **(version_fields or {}),
    )
    if cleaned.issuers:  # a new document has none yet: one insert, nothing to read first
        through = Document.issuers.through
        through.objects.bulk_create([through(document_id=document.pk, unit_id=u.pk)
                                     for u in cleaned.issuers])
    if source is not None:
        _attach(document, source[0], source[1], is_source=True)
    for name, data in attachments:
        _attach(document, name, data, is_source=False)
    if values["validity"] != Validity.CURRENT.value:
        ValidityEvent.objects.create(
            document=document, date=values["publish_date"] or timezone.localdate(),
            from_validity="", to_validity=values["validity"], cause="import",
            actor=document.created_by, note="登记时的时效性",
        )
    created = {"actor": actor, "action": "document_create", "target": document,
               "to_state": State.DRAFT.value,
               "data": {"title": document.title, "doc_number": document.doc_number}}
    if publish_reason is None:
        audit_record(**created)
        announce([document.pk], Reason.CREATE)
        return document
    # Registered and published at once: the two steps' records, one announcement (a CREATE
    # would be folded into the PUBLISH anyway, events.coalesce).
    audit_records([created, {"actor": actor, "action": "document_publish_direct",
                             "target": document, "from_state": State.DRAFT.value,
                             "to_state": State.PUBLISHED.value, "reason": publish_reason}])
    announce([document.pk], Reason.PUBLISH)
    return document


@transaction.atomic
def document_update(*, document: Document, actor: User | None, **changes) -> Document:
    """Edit metadata of a document. 时效性 changes go through the lifecycle services."""
    require(access.can_document_update(actor, document.unit_id), "无权修改该单位的文件")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise DocumentError(f"不能修改字段: {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    if "validity" in changes and changes["validity"] != document.validity:
        raise DocumentError("时效性只能通过生效、修改、废止等事件变更", field="validity")
    locked = Document.objects.select_for_update().get(pk=document.pk)
    current = {f: getattr(locked, f) for f in EDITABLE_FIELDS if f != "interprets"}
    current.update({k: v for k, v in changes.items() if k != "interprets"})
    cleaned = clean_document_fields(current)
    if cleaned.values["index_no"] and cleaned.values["index_no"] != locked.index_no:
        _index_no_check_free(cleaned.values["index_no"], exclude_pk=locked.pk)
    before = {f: str(getattr(locked, f)) for f in changes}
    for key, value in cleaned.values.items():
        setattr(locked, key, value)
    if "interprets" in changes:
        if changes["interprets"] is not None:
            _check_interprets(changes["interprets"], unit_id=locked.unit_id, self_id=locked.pk)
        locked.interprets = changes["interprets"]
    locked.extraction_warnings = cleaned.warnings
    locked.version += 1
    locked.save()
    locked.issuers.set(cleaned.issuers)
    audit_record(actor=actor, action="document_update", target=locked,
                 data={"before": before, "after": {f: str(getattr(locked, f)) for f in changes}})
    announce([locked.pk], Reason.UPDATE)
    return locked


@transaction.atomic
def document_publish_direct(*, document: Document, actor: User | None, reason: str = "") -> Document:
    """Publish without the review flow: for the office's own generated notices and for imports
    of documents already published elsewhere (`gongkai import --publish`)."""
    require(access.can_document_publish_direct(actor, document.unit_id), "无权直接发布该文件")
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.disclosure == Disclosure.WITHHELD.value:
        raise DocumentError("不予公开的文件不能发布", field="disclosure")
    if locked.state == State.PUBLISHED.value:
        return locked
    now = timezone.now()
    from_state = locked.state
    locked.state = State.PUBLISHED.value
    locked.submitted_at = locked.submitted_at or now
    locked.published_at = now
    locked.save(update_fields=["state", "submitted_at", "published_at", "updated_at"])
    audit_record(actor=actor, action="document_publish_direct", target=locked,
                 from_state=from_state, to_state=locked.state, reason=reason)
    announce([locked.pk], Reason.PUBLISH)
    return locked
