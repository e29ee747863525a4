"""The public library API (read-only, rate-limited): documents, one document, units.

Everything here reads Document.objects.public(): the API is for reuse by anyone, so a
logged-in reader sees exactly what an anonymous one sees. Bad parameters are answered with
422 naming the parameter (ninja validates the typed signature below).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.decorators import decorate_view

from gongkai.api import export
from gongkai.api.errors import PUBLIC, ApiError, error_body
from gongkai.api.ratelimit import rate_limited
from gongkai.core.domain.params import MAX_ID
from gongkai.core.models import Unit
from gongkai.documents.domain.vocab import Level, Validity
from gongkai.documents.models import Document
from gongkai.portal import selectors
from gongkai.portal.domain.library_query import MAX_QUERY_CHARS, LibraryQuery

router = Router()
TAGS = ["公开文件库"]

MAX_PAGE_SIZE = 100


class UnitRef(Schema):
    id: int
    name: str


class DocumentSummary(Schema):
    id: int
    title: str
    doc_number: str
    issuers: list[str]
    publish_date: date | None
    effective_date: date | None
    level: str
    validity: str
    category: str
    index_no: str
    unit: UnitRef
    url: str
    snippet: str


class DocumentPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DocumentSummary]


class DocumentRef(Schema):
    id: int
    title: str
    doc_number: str
    url: str


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    url: str


class RelationOut(Schema):
    direction: Literal["out", "in"]
    action: str
    label: str
    title: str
    doc_number: str
    document: DocumentRef | None


class ValidityEventOut(Schema):
    date: date
    from_validity: str
    to_validity: str
    cause: str
    cause_document: DocumentRef | None


class DocumentDetail(Schema):
    id: int
    title: str
    doc_number: str
    issuers: list[str]
    unit: UnitRef
    written_date: date | None
    publish_date: date | None
    effective_date: date | None
    expiry_date: date | None
    level: str
    validity: str
    category: str
    disclosure: str
    index_no: str
    url: str
    body: str
    attachments: list[AttachmentOut]
    interprets: DocumentRef | None
    interpretations: list[DocumentRef]
    relations: list[RelationOut]
    validity_history: list[ValidityEventOut]


class UnitOut(Schema):
    id: int
    full_name: str
    short_names: list[str]
    code: str
    kind: str
    parent_id: int | None
    documents: int


class VersionOut(Schema):
    id: int
    title: str
    doc_number: str
    version_kind: str
    version_label: str
    publish_date: date | None
    publish_date_source: str
    effective_date: date | None
    validity: str
    is_current: bool
    official: bool
    decision: DocumentRef | None
    url: str


class WorkVersions(Schema):
    work_id: int | None
    title: str
    current: DocumentRef | None
    versions: list[VersionOut]


def _url(request, document: Document) -> str:
    return request.build_absolute_uri(document.get_absolute_url())


def _ref(request, document: Document | None) -> dict | None:
    if document is None:
        return None
    return {"id": document.pk, "title": document.title, "doc_number": document.doc_number,
            "url": _url(request, document)}


class DocumentId(Schema):
    document_id: int = Field(..., ge=1, le=MAX_ID, description="文件编号")


class DocumentQueryParams(Schema):
    q: str = Field("", description="检索词，可为发文字号；超过 1000 字的部分不参与检索")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="单位编号（见 /units）")
    year: int | None = Field(None, ge=1949, le=2100, description="公布年份")
    level: Level | None = Field(None, description="效力等级")
    validity: Validity | None = Field(None, description="时效性")
    category: str | None = Field(None, max_length=200, description="主题分类")
    in_force: bool = Field(False, description="只看现行有效（含已被修改、部分失效）")
    sort: Literal["relevance", "date"] = Field("relevance", description="relevance 或 date")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数，1–100")


@router.get("/documents", response={200: DocumentPage, **PUBLIC}, tags=TAGS, summary="检索公开文件",
            description="全文检索与筛选；q 为空时按条件列出。snippet 为 HTML，命中词以 <mark> 标出。")
@decorate_view(rate_limited)
def documents_list(request, params: Query[DocumentQueryParams]):
    page, page_size = params.page, params.page_size
    query = LibraryQuery(
        q=" ".join(params.q.split())[:MAX_QUERY_CHARS], unit=params.unit, year=params.year,
        level=params.level.value if params.level else None,
        validity=params.validity.value if params.validity else None,
        category=params.category or None, in_force=params.in_force, sort=params.sort, page=page,
    )
    result = selectors.library_search(query, page_size=page_size)
    hits = selectors.shown_hits(result.hits)
    issuers = selectors.issuers_by_document([hit.document for hit in hits])
    return {
        "count": result.count,
        "page": page,
        "page_size": page_size,
        "results": [
            {
                "id": doc.pk, "title": doc.title, "doc_number": doc.doc_number,
                "issuers": issuers.get(doc.pk, []),
                "publish_date": doc.publish_date, "effective_date": doc.effective_date,
                "level": doc.level, "validity": doc.validity, "category": doc.category,
                "index_no": doc.index_no, "unit": {"id": doc.unit_id, "name": doc.unit.full_name},
                "url": _url(request, doc), "snippet": hit.snippet_html or "",
            }
            for hit in hits
            for doc in [hit.document]
        ],
    }


@router.get("/documents/{document_id}", response={200: DocumentDetail, 404: ApiError, **PUBLIC}, tags=TAGS,
            summary="单个公开文件：文章属性、正文、附件、关联文件")
@decorate_view(rate_limited)
def document_get(request, path: Path[DocumentId]):
    document_id = path.document_id
    public = Document.objects.public()
    doc = public.select_related("unit").prefetch_related("issuers", "attachments").filter(
        pk=document_id).first()
    if doc is None:
        return Status(404, error_body("not_found", f"文件 {document_id} 不存在或未公开"))
    related = selectors.document_related(doc, public)
    relations = [
        {"direction": group.direction, "action": group.action, "label": group.label,
         "title": str(item.title), "doc_number": item.doc_number or "",
         "document": _ref(request, item.document)}
        for group in related.groups for item in group.items
    ]
    return Status(200, {
        "id": doc.pk, "title": doc.title, "doc_number": doc.doc_number,
        "issuers": selectors.document_issuers(doc),
        "unit": {"id": doc.unit_id, "name": doc.unit.full_name},
        "written_date": doc.written_date, "publish_date": doc.publish_date,
        "effective_date": doc.effective_date, "expiry_date": doc.expiry_date,
        "level": doc.level, "validity": doc.validity, "category": doc.category,
        "disclosure": doc.disclosure, "index_no": doc.index_no, "url": _url(request, doc),
        "body": doc.body,
        "attachments": [
            {"id": a.pk, "name": a.name, "size": a.size, "content_type": a.content_type,
             "url": request.build_absolute_uri(reverse("portal:attachment", args=[doc.pk, a.pk]))}
            for a in doc.attachments.all()
        ],
        "interprets": _ref(request, related.interprets),
        "interpretations": [_ref(request, d) for d in related.interpretations],
        "relations": relations,
        "validity_history": [
            {"date": e.date, "from_validity": e.from_validity, "to_validity": e.to_validity,
             "cause": e.cause, "cause_document": _ref(request, e.visible_cause)}
            for e in related.validity_events
        ],
    })


@router.get("/documents/{document_id}/versions", response={200: WorkVersions, **PUBLIC, 404: ApiError},
            tags=TAGS, summary="文件的各个版本（原文、修正、修订、重新公布、整理版）")
@decorate_view(rate_limited)
def document_versions(request, document_id: int):
    from gongkai.documents.domain.vocab import VERSION_LABELS, VersionKind
    from gongkai.documents.versions import work_versions

    public = Document.objects.public()
    doc = public.filter(pk=document_id).first()
    if doc is None:
        return Status(404, error_body("not_found", f"文件 {document_id} 不存在或未公开"))
    versions = work_versions(doc, public)
    current = next((v for v in versions if v.is_current_version), None)
    return Status(200, {
        "work_id": doc.work_id,
        "title": doc.work.title if doc.work_id else doc.title,
        "current": _ref(request, current),
        "versions": [
            {"id": v.pk, "title": v.title, "doc_number": v.doc_number,
             "version_kind": v.version_kind or VersionKind.ORIGINAL.value,
             "version_label": VERSION_LABELS[VersionKind(v.version_kind or "original")],
             "publish_date": v.publish_date, "publish_date_source": v.publish_date_source,
             "effective_date": v.effective_date, "validity": v.validity,
             "is_current": v.is_current_version,
             "official": v.version_kind != VersionKind.CONSOLIDATED.value,
             "decision": _ref(request, v.version_decision
                              if v.version_decision_id and public.filter(pk=v.version_decision_id).exists()
                              else None),
             "url": _url(request, v)}
            for v in versions
        ],
    })


@router.get("/units", response={200: list[UnitOut], **PUBLIC}, tags=TAGS, summary="单位及其公开文件数")
@decorate_view(rate_limited)
def units_list(request):
    counts = selectors.public_counts_by_unit()
    return [
        {"id": u.pk, "full_name": u.full_name, "short_names": list(u.short_names or []),
         "code": u.code, "kind": u.kind, "parent_id": u.parent_id, "documents": counts.get(u.pk, 0)}
        for u in Unit.objects.filter(is_active=True)
    ]


class AnnualReportRef(Schema):
    id: int
    unit: str
    unit_id: int
    year: int
    title: str
    published_at: str | None
    url: str
    json_url: str


class AnnualReportOut(Schema):
    """The shape of `gongkai annual-report read/build --json` (docs/annual-report-json.md)."""

    file: str | None
    unit: str | None
    year: int | None
    table2: dict
    table3: dict[str, list[int | float | None]]
    table4: dict[str, list[int | float | None]]
    findings: list[dict]


@router.get("/annual-reports", response={200: list[AnnualReportRef], **PUBLIC}, tags=["年度报告"],
            summary="已发布的政府信息公开工作年度报告")
@decorate_view(rate_limited)
def annual_reports_list(request, year: int | None = Query(None, ge=1949, le=2100),
                        unit_id: int | None = Query(None, ge=1, le=MAX_ID)):
    from gongkai.annual_reports.selectors import published_reports

    reports = published_reports().order_by("-year", "unit__sort_order", "unit_id")
    if year is not None:
        reports = reports.filter(year=year)
    if unit_id is not None:
        reports = reports.filter(unit_id=unit_id)
    return [
        {"id": r.pk, "unit": r.unit.full_name, "unit_id": r.unit_id, "year": r.year, "title": r.title,
         "published_at": r.published_at.isoformat() if r.published_at else None,
         "url": request.build_absolute_uri(reverse("annual_reports:public", args=[r.pk])),
         "json_url": request.build_absolute_uri(reverse("api-v1:annual_report_get", args=[r.pk]))}
        for r in reports[:1000]
    ]


@router.get("/annual-reports/{report_id}", response={200: AnnualReportOut, 404: ApiError, **PUBLIC},
            tags=["年度报告"],
            summary="一份已发布年度报告的表二、表三、表四和检查结果", url_name="annual_report_get")
@decorate_view(rate_limited)
def annual_report_get(request, report_id: int = Path(..., ge=1, le=MAX_ID)):
    from gongkai.annual_reports.rendering import report_json
    from gongkai.annual_reports.selectors import published_reports

    report = published_reports().filter(pk=report_id).first()
    if report is None:
        return Status(404, error_body("not_found", f"年度报告 {report_id} 不存在或未发布"))
    return Status(200, report_json(report))


class ProposalReplyOut(Schema):
    id: int
    kind: str
    session: str
    number: str
    proposal_title: str
    main_unit: str
    result_code: str
    replied_on: str
    document_id: int
    url: str


@router.get("/proposals/replies", response={200: list[ProposalReplyOut], **PUBLIC}, tags=["建议提案办理"],
            summary="公开答复全文的人大代表建议和政协委员提案")
@decorate_view(rate_limited)
def proposal_replies_list(request, year: int | None = Query(None, ge=1949, le=2100)):
    from gongkai.proposals.selectors import published_replies

    replies = published_replies()
    if year is not None:
        replies = replies.filter(proposal__year=year)
    return [
        {"id": r.pk, "kind": r.proposal.kind, "session": r.proposal.session, "number": r.proposal.number,
         "proposal_title": r.proposal.title, "main_unit": r.proposal.main_unit.full_name,
         "result_code": r.result_code, "replied_on": r.replied_on.isoformat(), "document_id": r.document_id,
         "url": request.build_absolute_uri(reverse("portal:document", args=[r.document_id]))}
        for r in replies[:1000]
    ]


class SupervisionTaskOut(Schema):
    code: str
    title: str
    lead_unit: str
    units: list[str]
    deadline: str | None
    progress: dict[str, dict | None]


class SupervisionBreakdownOut(Schema):
    id: int
    title: str
    doc_number: str
    year: int
    tasks: list[SupervisionTaskOut]


@router.get("/supervision/breakdowns", response={200: list[SupervisionBreakdownOut], **PUBLIC},
            tags=["督办"], summary="公开的目标任务分解方案及各季度经督查室审核的进展")
@decorate_view(rate_limited)
def supervision_breakdowns_list(request):
    from gongkai.supervision.selectors import public_breakdowns, public_grid

    out = []
    for b in public_breakdowns()[:50]:
        rounds, grid = public_grid(b)
        out.append({"id": b.pk, "title": b.title, "doc_number": b.doc_number, "year": b.year, "tasks": [
            {"code": t.code, "title": t.title, "lead_unit": t.lead_unit.full_name,
             "units": [u.full_name for u in t.units.all()], "deadline": t.deadline.isoformat() if t.deadline else None,
             "progress": {r.label: ({"status": rep.status, "percent": rep.percent, "text": rep.text} if rep else None)
                          for r, rep in zip(rounds, reports, strict=True)}}
            for t, reports in grid]})
    return out


router.add_router("/export/", export.router)
