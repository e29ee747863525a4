"""The 政府信息公开专栏 of every unit as JSON (read-only, anonymous, rate-limited).

``GET /api/v1/zhuanlan/{code}`` returns the column's sections: 指南 (with contact data and the
date of its last review), 制度, the fifteen 法定主动公开内容 sections (documents, last update,
status), 年报, 政策解读, 失效文件 and the 规范性文件 register. Only public documents appear.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view

from gongkai.api.errors import PUBLIC, ApiError, error_body
from gongkai.api.ratelimit import rate_limited
from gongkai.zhuanlan import selectors

router = Router()
TAGS = ["政府信息公开专栏"]


class DocRef(Schema):
    id: int
    title: str
    doc_number: str
    publish_date: date | None
    url: str


class GuideSectionOut(Schema):
    key: str
    title: str
    text: str
    edited: bool


class GuideOut(Schema):
    reviewed_on: date | None
    stale: bool
    sample_contact: bool
    contact_missing: list[str]
    url: str
    sections: list[GuideSectionOut]


class SectionOut(Schema):
    key: str
    item: str
    label: str
    count: int
    last_update: date | None
    status: str  # current | stale | empty
    status_label: str
    documents: list[DocRef]


class ReportOut(Schema):
    title: str
    publish_date: date | None
    url: str


class InterpretationOut(DocRef):
    kind: str
    interprets: DocRef


class RegistrationOut(Schema):
    number: str
    document: DocRef
    term_start: date
    expires_on: date
    term_status: str
    term_label: str


class ColumnOut(Schema):
    unit: dict
    url: str
    guide: GuideOut
    rules: list[DocRef]
    statutory: list[SectionOut]
    annual_reports: list[ReportOut]
    interpretations: list[InterpretationOut]
    expired: dict[str, list[DocRef]]
    normative_register: list[RegistrationOut]


class ColumnIndexOut(Schema):
    code: str
    name: str
    parent_code: str | None
    url: str
    api: str


def _doc(request, d) -> dict:
    return {"id": d.pk, "title": d.title, "doc_number": d.doc_number,
            "publish_date": d.publish_date,
            "url": request.build_absolute_uri(d.get_absolute_url())}


@router.get("", response={200: list[ColumnIndexOut], **PUBLIC}, tags=TAGS, summary="各单位政府信息公开专栏",
            url_name="zhuanlan_columns")
@decorate_view(rate_limited)
def columns(request):
    return [{"code": r["unit"].code, "name": r["unit"].full_name,
             "parent_code": r["unit"].parent.code if r["unit"].parent_id else None,
             "url": request.build_absolute_uri(reverse("zhuanlan:column", args=[r["unit"].code])),
             "api": request.build_absolute_uri(reverse("api-v1:zhuanlan_column",
                                                       args=[r["unit"].code]))}
            for r in selectors.column_units()]


@router.get("/{code}", response={200: ColumnOut, 404: ApiError, **PUBLIC}, tags=TAGS,
            summary="一个单位的专栏：指南、制度、法定主动公开内容、年报、解读、失效文件、规范性文件登记",
            url_name="zhuanlan_column")
@decorate_view(rate_limited)
def column(request, code: str):
    unit = selectors.unit_by_code(code)
    if unit is None:
        return Status(404, error_body("not_found", f"单位代码 {code} 不存在"))
    guide = selectors.guide_of(unit)
    expired = selectors.expired_documents(unit)
    return Status(200, {
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.full_name},
        "url": request.build_absolute_uri(reverse("zhuanlan:column", args=[unit.code])),
        "guide": {
            "reviewed_on": guide.reviewed_on, "stale": guide.stale,
            "sample_contact": guide.sample_contact, "contact_missing": guide.contact_missing,
            "url": request.build_absolute_uri(reverse("zhuanlan:guide", args=[unit.code])),
            "sections": [{"key": s.key, "title": s.title, "text": s.text, "edited": s.edited}
                         for s in guide.sections],
        },
        "rules": [_doc(request, d) for d in selectors.rule_documents(unit)],
        "statutory": [
            {"key": s.state.rule.key, "item": s.state.rule.item, "label": s.state.rule.label,
             "count": s.state.count, "last_update": s.state.last_update,
             "status": s.state.status.value, "status_label": s.status_label,
             "documents": [_doc(request, d) for d in s.documents]}
            for s in selectors.sections_of(unit, preview=20)
        ],
        "annual_reports": [{"title": r.title, "publish_date": r.publish_date,
                            "url": request.build_absolute_uri(r.url)}
                           for r in selectors.annual_reports(unit)],
        "interpretations": [
            {**_doc(request, d), "kind": d.interpretation_kind,
             "interprets": _doc(request, d.interprets)}
            for d in selectors.interpretations_of(unit)
        ],
        "expired": {k: [_doc(request, d) for d in v] for k, v in expired.items()},
        "normative_register": [
            {"number": r.registration.number, "document": _doc(request, r.document),
             "term_start": r.registration.term_start, "expires_on": r.registration.expires_on,
             "term_status": r.term_status, "term_label": r.term_label}
            for r in selectors.register_rows([unit.pk])
        ],
    })
