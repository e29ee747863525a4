"""Bulk export of the public library: CSV (Excel-friendly) and JSON Lines, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.django_db

HIDDEN = ("draft", "withheld")


@pytest.fixture(autouse=True)
def _fresh_rate_limit_window():
    from django.core.cache import cache

    cache.clear()


def _streamed(response) -> bytes:
    assert response.status_code == 200
    assert response.streaming, "exports must be streamed, not built in memory"
    return b"".join(response.streaming_content)


def test_csv_export_has_bom_chinese_header_and_public_rows_only(client, public_library):
    response = client.get("/api/v1/export/documents.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="documents.csv"' in response["Content-Disposition"]
    raw = _streamed(response)
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["编号", "标题", "发文字号", "制定机关"] and "索引号" in header
    by_id = {int(r[0]): dict(zip(header, r, strict=True)) for r in body}
    assert set(by_id) == {public_library[k].pk for k in ("mechanism", "statistics", "repealed")}
    mechanism = by_id[public_library["mechanism"].pk]
    assert mechanism["发文字号"] == "武政办〔2014〕180号"
    assert mechanism["公布日期"] == "2014-10-29" and mechanism["有效期至"] == ""
    assert mechanism["网址"] == f"http://testserver/documents/{public_library['mechanism'].pk}/"


def test_jsonl_export_has_one_public_document_per_line_with_body(client, public_library):
    response = client.get("/api/v1/export/documents.jsonl")
    lines = _streamed(response).decode("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == sorted(public_library[k].pk for k in ("mechanism", "statistics", "repealed"))
    mechanism = next(r for r in rows if r["id"] == public_library["mechanism"].pk)
    assert mechanism["issuers"] == ["武汉市人民政府办公厅"]
    assert "信息发布岗位" in mechanism["body"]
    assert "武政办〔2014〕180号" in lines[0] + lines[1] + lines[2]  # not \\u-escaped


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_exports_never_contain_hidden_documents(client, public_library, fmt):
    text = _streamed(client.get(f"/api/v1/export/documents.{fmt}")).decode("utf-8-sig")
    for key in HIDDEN:
        assert public_library[key].title not in text


def test_export_reads_in_chunks_with_constant_queries(client, publish_document, django_assert_max_num_queries, monkeypatch):
    from gongkai.api import export

    monkeypatch.setattr(export, "CHUNK_SIZE", 4)
    for n in range(10):
        publish_document("stats", title=f"统计导出测试第{n}号", publish_date="2016-05-01")
    with django_assert_max_num_queries(12):  # 3 chunks × (documents + issuers) + session
        lines = _streamed(client.get("/api/v1/export/documents.jsonl")).splitlines()
    assert len(lines) == 10


def test_exports_say_which_version_of_a_rule_each_row_is(client, public_library):
    from gongkai.documents.versions import work_version_add

    old, new = public_library["statistics"], public_library["mechanism"]
    work_version_add(base=old, document=new, kind="revised")  # actor None: the command line
    rows = {r["id"]: r for r in map(json.loads, _streamed(
        client.get("/api/v1/export/documents.jsonl")).decode().splitlines())}
    assert rows[new.pk]["work"] == rows[old.pk]["work"] is not None
    assert rows[new.pk]["version_kind"] == "revised"
    assert [rows[old.pk]["is_current_version"], rows[new.pk]["is_current_version"]].count(True) == 1
    assert rows[public_library["repealed"].pk]["work"] is None
    table = list(csv.reader(io.StringIO(_streamed(
        client.get("/api/v1/export/documents.csv")).decode("utf-8-sig"))))
    header = table[0]
    assert header[-3:] == ["所属文件编号", "版本", "现行版本"]
    by_id = {int(r[0]): dict(zip(header, r, strict=True)) for r in table[1:]}
    assert by_id[new.pk]["版本"] == "修订" and by_id[new.pk]["现行版本"] in {"是", "否"}
