"""Machine submission (OA 系统报送): register and submit a unit's documents with its API token.

Auth: `Authorization: Bearer gk_…`, a token created for one unit (admin, or
`gongkai tokens create --unit NAME`); it acts as that unit's submitter (报送员) and nothing
else. Validation is the pages' own: documents.services.document_create and
review.services.document_submit, so errors carry the same messages and the field name.
Register + submit is one transaction: a refused submission leaves no draft behind.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date

from django.conf import settings
from django.db import transaction
from ninja import Field, File, Form, Path, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from gongkai.api.errors import TOKEN, ApiError, error_body
from gongkai.core.domain.params import MAX_ID
from gongkai.documents.errors import DocumentError
from gongkai.documents.interpretations import interpretation_autolink, interpretation_target_find
from gongkai.documents.models import Document
from gongkai.documents.services import document_create
from gongkai.ingest.services import document_prefill
from gongkai.review.errors import ReviewError
from gongkai.review.services import api_token_authenticate, document_submit

METADATA_FIELDS = (
    "title", "doc_number", "issuer_names", "written_date", "publish_date", "effective_date",
    "expiry_date", "level", "validity", "category", "disclosure", "disclosure_reason",
    "index_no", "body", "interpretation_kind", "interpretation_link",
)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return api_token_authenticate(token)


router = Router(tags=["单位报送"], auth=TokenAuth())


class DocumentId(Schema):
    document_id: int = Field(..., ge=1, le=MAX_ID, description="文件编号")


class _SubmissionFields(Schema):
    """文章属性 of the document. Dates as YYYY-MM-DD (or 2014年9月3日)."""

    title: str | None = None
    doc_number: str | None = None
    written_date: str | None = None
    publish_date: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    level: str | None = None
    validity: str | None = None
    category: str | None = None
    disclosure: str | None = None
    disclosure_reason: str | None = None
    index_no: str | None = None
    body: str | None = None
    interprets: str | None = None
    """政策解读: the interpreted document's 发文字号, title, or #id. Left out, a 解读 title that
    names exactly one document is linked to it automatically."""
    interpretation_kind: str | None = None
    interpretation_link: str | None = None
    submit: bool = True


class SubmissionIn(_SubmissionFields):
    """JSON variant. With a file, fields left out are taken from the file's extracted metadata."""

    issuer_names: list[str] | None = None
    file_name: str | None = None
    file_base64: str | None = None


class SubmissionForm(_SubmissionFields):
    """Multipart variant: the same fields as form fields (issuer_names one per line)."""

    issuer_names: str | None = None


class SubmissionOut(Schema):
    id: int
    title: str
    doc_number: str
    index_no: str
    state: str
    publish_date: date | None
    submitted_at: str | None
    published_at: str | None
    interprets: int | None = None
    interpretation_kind: str = ""
    warnings: list[str]


def _out(doc: Document) -> dict:
    return {
        "id": doc.pk, "title": doc.title, "doc_number": doc.doc_number, "index_no": doc.index_no,
        "state": doc.state, "publish_date": doc.publish_date,
        "submitted_at": doc.submitted_at.isoformat() if doc.submitted_at else None,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "interprets": doc.interprets_id,
        "interpretation_kind": doc.interpretation_kind,
        "warnings": list(doc.extraction_warnings or []),
    }


def _error(status: int, exc) -> Status:
    return Status(status, error_body(exc.code, exc.message, exc.field))


def _register(request, fields: dict, source: tuple[str, bytes] | None, submit: bool):
    token = request.auth
    given = {k: v for k, v in fields.items() if k in METADATA_FIELDS and v is not None}
    warnings: list[str] = []
    if source is not None:
        if not source[1]:
            return _error(400, DocumentError(f"文件 {source[0]} 是空文件（0 字节）", code="empty",
                                             field="file"))
        if len(source[1]) > settings.IMPORT_MAX_FILE_BYTES:
            return _error(400, DocumentError(f"文件 {source[0]} 过大", code="too_large", field="file"))
        try:
            prefill = document_prefill(name=source[0], data=source[1])
        except DocumentError as exc:
            return _error(400, exc)
        warnings = prefill.pop("warnings", [])
        given = {**{k: v for k, v in prefill.items() if k in METADATA_FIELDS and v not in (None, "")},
                 **given}
    if not given.get("title"):
        return _error(400, DocumentError("标题不能为空", code="document", field="title"))
    try:
        with transaction.atomic():
            interprets = interpretation_target_find(fields.get("interprets") or "",
                                                    unit_id=token.unit_id)
            doc = document_create(unit=token.unit, actor=None, source=source,
                                  extraction_warnings=warnings, interprets=interprets, **given)
            if interprets is None:
                choice = interpretation_autolink(doc)
                if choice is not None and choice.status != "linked":
                    doc.extraction_warnings = [*doc.extraction_warnings,
                                               f"政策解读未自动关联：{choice.reason}"]
                    doc.save(update_fields=["extraction_warnings"])
                doc.refresh_from_db()
            if submit:
                doc = document_submit(document=doc, actor=None, token=token)
    except DocumentError as exc:
        return _error(409 if exc.code == "duplicate" else 400, exc)
    except ReviewError as exc:  # AccessDenied → 403 in api/urls.py
        return _error(409, exc)
    return Status(201, _out(doc))


@router.post("/documents", response={201: SubmissionOut, 403: ApiError, 409: ApiError, 413: ApiError, **TOKEN},
             summary="登记并报送文件（JSON，附件以 base64 提交）")
def submit_json(request, payload: SubmissionIn):
    # ninja fills a one-schema body from a bare JSON value ("标题" became a document): only an
    # object is a submission.
    try:
        is_object = isinstance(json.loads(request.body or b"null"), dict)
    except ValueError:
        is_object = False
    if not is_object:
        return Status(422, error_body("invalid", "参数 请求体：应为 JSON 对象", "请求体",
                                      [{"field": "请求体", "message": "参数 请求体：应为 JSON 对象",
                                        "type": "dict_type"}]))
    source = None
    if payload.file_base64:
        try:
            data = base64.b64decode(payload.file_base64, validate=True)
        except (binascii.Error, ValueError):
            return _error(400, DocumentError("file_base64 不是有效的 base64 编码", code="document",
                                             field="file_base64"))
        source = ((payload.file_name or "upload.bin").strip()[:200] or "upload.bin", data)
    return _register(request, payload.dict(), source, payload.submit)


@router.post("/documents/upload",
             response={201: SubmissionOut, 403: ApiError, 409: ApiError, 413: ApiError, **TOKEN},
             summary="登记并报送文件（multipart 上传）")
def submit_multipart(request, file: File[UploadedFile], payload: Form[SubmissionForm]):
    fields = payload.dict()
    if fields.get("issuer_names") is not None:
        fields["issuer_names"] = [n.strip() for n in fields["issuer_names"].splitlines() if n.strip()]
    if file.size and file.size > settings.IMPORT_MAX_FILE_BYTES:
        return _error(400, DocumentError(f"文件 {file.name} 过大", code="too_large", field="file"))
    return _register(request, fields, (file.name or "upload.bin", file.read()), payload.submit)


@router.post("/documents/{document_id}/submit",
             response={200: SubmissionOut, 403: ApiError, 404: ApiError, 409: ApiError, **TOKEN},
             summary="报送本单位已登记的草稿（含被退回后修改的）")
def document_submit_existing(request, path: Path[DocumentId]):
    document_id = path.document_id
    doc = Document.objects.filter(pk=document_id, unit_id=request.auth.unit_id).first()
    if doc is None:
        return Status(404, error_body("not_found", f"文件 {document_id} 不存在或不属于本单位"))
    try:
        doc = document_submit(document=doc, actor=None, token=request.auth)
    except ReviewError as exc:  # AccessDenied → 403 in api/urls.py
        return _error(409, exc)
    return Status(200, _out(doc))


@router.get("/documents/{document_id}", response={200: SubmissionOut, 404: ApiError, **TOKEN},
            summary="查询本单位文件的办理状态")
def document_status(request, path: Path[DocumentId]):
    document_id = path.document_id
    doc = Document.objects.filter(pk=document_id, unit_id=request.auth.unit_id).first()
    if doc is None:
        return Status(404, error_body("not_found", f"文件 {document_id} 不存在或不属于本单位"))
    return Status(200, _out(doc))


@router.get("/documents", response={200: list[SubmissionOut], **TOKEN}, summary="本单位最近登记的文件（最多 100 件）")
def document_recent(request):
    docs = Document.objects.filter(unit_id=request.auth.unit_id).order_by("-created_at", "-id")[:100]
    return [_out(d) for d in docs]
