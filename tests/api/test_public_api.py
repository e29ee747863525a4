"""The public library API: /api/v1/documents, /api/v1/documents/{id}, /api/v1/units, OpenAPI."""

from __future__ import annotations

import re

import pytest

from gongkai.documents.models import DocumentRelation

pytestmark = pytest.mark.django_db

HIDDEN = ("draft", "withheld")


@pytest.fixture(autouse=True)
def _fresh_rate_limit_window():
    """The rate limiter counts in the (per-process) cache; start each test from zero."""
    from django.core.cache import cache

    cache.clear()


def _json(response, status=200):
    assert response.status_code == status, response.content[:500]
    return response.json()


def test_documents_search_returns_public_documents_with_metadata(client, public_library):
    data = _json(client.get("/api/v1/documents", {"q": "政府信息公开"}))
    ids = {row["id"] for row in data["results"]}
    assert {public_library[k].pk for k in ("mechanism", "statistics", "repealed")} <= ids
    assert not ids & {public_library[k].pk for k in HIDDEN}
    assert data["count"] == 3 and data["page"] == 1 and data["page_size"] == 20
    row = next(r for r in data["results"] if r["id"] == public_library["mechanism"].pk)
    assert row["doc_number"] == "武政办〔2014〕180号"
    assert row["issuers"] == ["武汉市人民政府办公厅"]
    assert row["publish_date"] == "2014-10-29" and row["effective_date"] == "2014-10-29"
    assert row["level"] == "地方规范性文件" and row["validity"] == "现行有效"
    assert row["category"] == "机关工作综合规定"
    assert row["index_no"] == public_library["mechanism"].index_no
    assert row["unit"] == {"id": public_library["mechanism"].unit_id, "name": "武汉市人民政府办公厅"}
    assert row["url"] == f"http://testserver/documents/{row['id']}/"
    assert "<mark>" in row["snippet"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "政府信息公开", "in_force": "true"}, {"mechanism", "statistics"}),
        ({"q": "政府信息公开", "validity": "失效"}, {"repealed"}),
        ({"q": "政府信息公开", "year": "2017"}, {"repealed"}),
        ({"q": "武政办[2014]180号"}, {"mechanism"}),  # any bracket form of the 发文字号
        ({"level": "地方规范性文件", "sort": "date"}, {"mechanism", "statistics", "repealed"}),
        ({"q": "草稿"}, set()),
        ({"q": "不予公开"}, set()),
    ],
)
def test_documents_filters(client, public_library, params, expected):
    data = _json(client.get("/api/v1/documents", params))
    assert {row["id"] for row in data["results"]} == {public_library[k].pk for k in expected}


def test_documents_filter_by_unit(client, public_library, unit_tree):
    data = _json(client.get("/api/v1/documents", {"unit": unit_tree["city"].pk}))
    assert [row["id"] for row in data["results"]] == [public_library["repealed"].pk]


def test_documents_paging(client, publish_document):
    for n in range(7):
        publish_document("stats", title=f"武汉市统计局统计公报第{n + 1}期",
                         publish_date=f"2016-03-{n + 1:02d}", body="统计公报")
    data = _json(client.get("/api/v1/documents", {"q": "统计公报", "sort": "date", "page": 2, "page_size": 3}))
    assert data["count"] == 7 and data["page"] == 2 and data["page_size"] == 3
    assert [r["title"][-3:] for r in data["results"]] == ["第4期", "第3期", "第2期"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"page": 0}, "page"),
        ({"page": "two"}, "page"),
        ({"year": "2014年"}, "year"),
        ({"unit": "市政府"}, "unit"),
        ({"level": "红头文件"}, "level"),
        ({"validity": "有效"}, "validity"),
        ({"sort": "random"}, "sort"),
        ({"in_force": "maybe"}, "in_force"),
    ],
)
def test_documents_invalid_parameters_are_422_naming_the_field(client, db, params, field):
    data = _json(client.get("/api/v1/documents", params), status=422)
    assert [e["field"] for e in data["errors"]] == [field] and data["code"] == "invalid"


@pytest.mark.parametrize("q", ['"公开', "NEAR(公开", "*", "-", "OR", "1' OR '1'='1", "🙂", "公" * 10_000, "。"])
def test_documents_odd_queries_never_fail(client, public_library, q):
    data = _json(client.get("/api/v1/documents", {"q": q}))
    assert isinstance(data["results"], list)


def test_documents_query_count_is_bounded(client, publish_document, django_assert_max_num_queries):
    for n in range(30):
        publish_document("stats" if n % 2 else "office", title=f"关于政务公开工作的通知{n}",
                         publish_date=f"2016-04-{n % 28 + 1:02d}", body="政务公开工作。")
    with django_assert_max_num_queries(12):
        data = _json(client.get("/api/v1/documents", {"q": "政务公开", "page_size": 100}))
    assert data["count"] == 30


def test_document_detail_has_metadata_body_attachments_and_relations(client, public_library):
    doc = public_library["mechanism"]
    DocumentRelation.objects.create(source=doc, target=public_library["statistics"], action="cite")
    DocumentRelation.objects.create(source=public_library["withheld"], target=doc, action="cite")
    data = _json(client.get(f"/api/v1/documents/{doc.pk}"))
    assert data["title"] == doc.title and data["doc_number"] == "武政办〔2014〕180号"
    assert data["disclosure"] == "主动公开" and data["index_no"] == doc.index_no
    assert "信息发布岗位" in data["body"]
    [attachment] = data["attachments"]
    assert attachment["name"] == "分工表.txt"
    assert attachment["url"] == f"http://testserver/documents/{doc.pk}/attachments/{attachment['id']}/"
    assert client.get(attachment["url"]).status_code == 200
    assert [(r["direction"], r["action"], r["document"]["id"]) for r in data["relations"]] == [
        ("out", "cite", public_library["statistics"].pk)
    ]


@pytest.mark.parametrize("key", HIDDEN)
def test_document_detail_of_hidden_document_is_404(client, public_library, key):
    data = _json(client.get(f"/api/v1/documents/{public_library[key].pk}"), status=404)
    assert "不存在或未公开" in data["message"] and data["code"] == "not_found"


def test_document_detail_stays_public_only_for_logged_in_staff(client, public_library, make_user, unit_tree):
    client.force_login(make_user("staff", unit_tree["office"], "submitter"))
    assert client.get(f"/api/v1/documents/{public_library['draft'].pk}").status_code == 404
    data = _json(client.get("/api/v1/documents", {"q": "草稿"}))
    assert data["results"] == []


def test_units_lists_active_units_with_public_counts(client, public_library, unit_tree):
    data = _json(client.get("/api/v1/units"))
    counts = {row["full_name"]: row["documents"] for row in data}
    assert counts["武汉市人民政府办公厅"] == 2
    assert counts["武汉市人民政府"] == 1
    assert counts["新洲区人民政府"] == 0  # only a 不予公开 document
    office = next(row for row in data if row["id"] == unit_tree["office"].pk)
    assert office["code"] == "011043201" and office["parent_id"] == unit_tree["city"].pk


def test_openapi_describes_the_public_endpoints(client, db):
    schema = _json(client.get("/api/v1/openapi.json"))
    for path in ("/api/v1/documents", "/api/v1/documents/{document_id}", "/api/v1/units",
                 "/api/v1/export/documents.csv", "/api/v1/export/documents.jsonl"):
        assert path in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/documents"]["get"]["parameters"]}
    assert {"q", "unit", "year", "level", "validity", "category", "in_force", "sort", "page", "page_size"} <= params


def test_interactive_docs_load_every_asset_from_this_server(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), f"asset from outside the server: {asset}"
    assert "cdn" not in html.lower()


def test_invalid_parameter_message_is_chinese_and_names_the_field(client, db):
    data = _json(client.get("/api/v1/documents", {"page": "abc"}), status=422)
    assert data["errors"][0]["message"] == data["message"] == "参数 page：应为整数"
