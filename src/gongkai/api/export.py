"""Bulk export of the public library (CSV for spreadsheets, JSON Lines for programs).

Streamed: rows are written as the database cursor yields them (QuerySet.iterator with a
chunk size), so memory stays flat however large the library is.
"""

from __future__ import annotations

import csv
import json

from django.http import StreamingHttpResponse
from ninja import Router
from ninja.decorators import decorate_view

from gongkai.api.ratelimit import rate_limited
from gongkai.documents.domain.vocab import VERSION_LABELS
from gongkai.documents.models import Document
from gongkai.exports.domain.cells import cell_text

router = Router(tags=["批量导出"])

CHUNK_SIZE = 500
CSV_COLUMNS = [
    ("id", "编号"), ("title", "标题"), ("doc_number", "发文字号"), ("issuers", "制定机关"),
    ("unit", "发布单位"), ("written_date", "成文日期"), ("publish_date", "公布日期"),
    ("effective_date", "施行日期"), ("expiry_date", "有效期至"), ("level", "效力等级"),
    ("validity", "时效性"), ("category", "主题分类"), ("disclosure", "公开属性"),
    ("index_no", "索引号"), ("url", "网址"),
    # Versions (作品): every version of a rule is a public document; these say which is which.
    ("work", "所属文件编号"), ("version_kind", "版本"), ("is_current_version", "现行版本"),
]


def export_rows(*, base_url: str, with_body: bool):
    """One dict per public document, in id order, read in chunks."""
    docs = (
        Document.objects.public()
        .select_related("unit")
        .prefetch_related("issuers")
        .order_by("id")
    )
    if not with_body:
        docs = docs.defer("body", "extraction_warnings")
    for doc in docs.iterator(chunk_size=CHUNK_SIZE):
        row = {
            "id": doc.pk,
            "title": doc.title,
            "doc_number": doc.doc_number,
            "issuers": list(doc.issuer_names) or [u.full_name for u in doc.issuers.all()],
            "unit": doc.unit.full_name,
            "written_date": _iso(doc.written_date),
            "publish_date": _iso(doc.publish_date),
            "effective_date": _iso(doc.effective_date),
            "expiry_date": _iso(doc.expiry_date),
            "level": doc.level,
            "validity": doc.validity,
            "category": doc.category,
            "disclosure": doc.disclosure,
            "index_no": doc.index_no,
            "url": f"{base_url}{doc.get_absolute_url()}",
            "work": doc.work_id,
            "version_kind": doc.version_kind or None,
            "is_current_version": doc.is_current_version,
        }
        if with_body:
            row["body"] = doc.body
        yield row


def _iso(value) -> str | None:
    return value.isoformat() if value else None


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows):
    """UTF-8 with a BOM so Excel opens the Chinese text correctly; header in Chinese.
    Text that a spreadsheet would run as a formula is neutralised (exports.domain.cells)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([label for _, label in CSV_COLUMNS])
    for row in rows:
        row["issuers"] = "；".join(row["issuers"])
        row["version_kind"] = VERSION_LABELS.get(row["version_kind"], row["version_kind"])
        row["is_current_version"] = "是" if row["is_current_version"] else "否"
        yield writer.writerow(
            ["" if row[key] is None else cell_text(row[key]) for key, _ in CSV_COLUMNS]
        )


def jsonl_lines(rows):
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@router.get("/documents.csv", summary="导出全部公开文件（CSV，UTF-8 BOM，不含正文）")
@decorate_view(rate_limited)
def export_csv(request):
    response = StreamingHttpResponse(
        csv_lines(export_rows(base_url=_base_url(request), with_body=False)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="documents.csv"'
    return response


@router.get("/documents.jsonl", summary="导出全部公开文件（JSON Lines，含正文）")
@decorate_view(rate_limited)
def export_jsonl(request):
    response = StreamingHttpResponse(
        jsonl_lines(export_rows(base_url=_base_url(request), with_body=True)),
        content_type="application/jsonl; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="documents.jsonl"'
    return response
