"""OA submission API: bearer token per unit, register + submit, same validation as the pages."""

from __future__ import annotations

import base64

import pytest

from gongkai.core.models import AuditLog
from gongkai.documents.models import Document
from gongkai.review.services import api_token_create, api_token_revoke

URL = "/api/v1/submission/documents"
NOTICE = ("新洲区人民政府办公室关于印发2026年政务公开工作要点的通知\n新政办〔2026〕8号\n"
          "各街道办事处，区政府各部门：\n现将要点印发给你们。\n新洲区人民政府办公室\n2026年4月1日\n")


@pytest.fixture
def tokens(unit_tree):
    return {
        "a": api_token_create(unit=unit_tree["district"], name="新洲区OA")[1],
        "b": api_token_create(unit=unit_tree["stats"], name="统计局OA")[1],
    }


def _auth(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_json_register_and_submit(client, tokens, unit_tree):
    payload = {"title": "关于印发新洲区2026年政务公开工作要点的通知", "doc_number": "新政办[2026]8号",
               "publish_date": "2026-04-01", "level": "工作文件"}
    r = client.post(URL, payload, content_type="application/json", **_auth(tokens["a"]))
    assert r.status_code == 201, r.content
    body = r.json()
    doc = Document.objects.get(pk=body["id"])
    assert body["state"] == "submitted" and body["doc_number"] == "新政办〔2026〕8号"
    assert doc.unit == unit_tree["district"] and doc.submitted_at
    entry = AuditLog.objects.get(action="document_submit", target_id=str(doc.pk))
    assert entry.actor is None and "新洲区OA" in entry.actor_label


def test_base64_file_fills_missing_fields(client, tokens):
    payload = {"file_name": "yaodian.txt",
               "file_base64": base64.b64encode(NOTICE.encode("gb18030")).decode(), "submit": False}
    r = client.post(URL, payload, content_type="application/json", **_auth(tokens["a"]))
    assert r.status_code == 201, r.content
    doc = Document.objects.get(pk=r.json()["id"])
    assert doc.state == "draft" and doc.doc_number == "新政办〔2026〕8号"
    assert doc.attachments.filter(is_source=True).count() == 1


def test_multipart_upload(client, tokens):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post(URL + "/upload", {"file": SimpleUploadedFile("yaodian.txt", NOTICE.encode()),
                                      "title": "新洲区2026年政务公开工作要点"}, **_auth(tokens["a"]))
    assert r.status_code == 201, r.content
    assert r.json()["title"] == "新洲区2026年政务公开工作要点"
    assert r.json()["state"] == "submitted"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"title": ""}, "title", "标题不能为空"),
        ({"title": "通知", "doc_number": "武政办[2014]"}, "doc_number", "无法识别"),
        ({"title": "通知", "publish_date": "2026-02-30"}, "publish_date", "公布日期"),
        ({"title": "通知", "level": "红头文件"}, "level", "效力等级"),
        ({"title": "通知", "disclosure": "不予公开"}, "disclosure_reason", "不予公开须写明理由"),
        ({"title": "通知", "file_base64": "不是base64"}, "file_base64", "base64"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(client, tokens, payload, field, message):
    r = client.post(URL, payload, content_type="application/json", **_auth(tokens["a"]))
    assert r.status_code == 400
    assert r.json()["field"] == field and message in r.json()["message"]
    assert not Document.objects.exists()


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer gk_wrong", "Token abc", "Basic Zm9vOmJhcg=="])
def test_missing_or_wrong_token_is_401(client, db, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    r = client.post(URL, {"title": "通知"}, content_type="application/json", **extra)
    assert r.status_code == 401
    assert client.get(URL, **extra).status_code == 401
    assert not Document.objects.exists()


def test_revoked_token_is_401(client, unit_tree):
    from gongkai.review.services import api_token_authenticate

    raw = api_token_create(unit=unit_tree["district"], name="OA")[1]
    api_token_revoke(token=api_token_authenticate(raw))
    r = client.post(URL, {"title": "通知"}, content_type="application/json", **_auth(raw))
    assert r.status_code == 401


def test_unit_b_token_cannot_see_unit_a_ids(client, tokens, wf_doc):
    doc_a = wf_doc()
    assert client.get(f"{URL}/{doc_a.pk}", **_auth(tokens["a"])).status_code == 200
    r = client.get(f"{URL}/{doc_a.pk}", **_auth(tokens["b"]))
    assert r.status_code == 404 and "不属于本单位" in r.json()["message"]
    assert [d["id"] for d in client.get(URL, **_auth(tokens["b"])).json()] == []


def test_session_login_is_not_enough(client, wf_people):
    client.force_login(wf_people["submitter_a"])
    assert client.post(URL, {"title": "通知"}, content_type="application/json").status_code == 401


def test_token_last_used_is_recorded(client, tokens):
    from gongkai.review.models import ApiToken

    client.get(URL, **_auth(tokens["a"]))
    assert ApiToken.objects.get(prefix=tokens["a"][:10]).last_used_at is not None


def test_submit_an_existing_draft_once(client, tokens, wf_doc):
    doc = wf_doc()
    r = client.post(f"{URL}/{doc.pk}/submit", **_auth(tokens["a"]))
    assert r.status_code == 200 and r.json()["state"] == "submitted"
    again = client.post(f"{URL}/{doc.pk}/submit", **_auth(tokens["a"]))
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    assert client.post(f"{URL}/{doc.pk}/submit", **_auth(tokens["b"])).status_code == 404


# --- every error is JSON in one shape (issue 11, item 10) -----------------------------------

def _shape(r, status, code=None):
    assert r.status_code == status, r.content
    assert r["Content-Type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"code", "message", "field", "errors"}
    if code:
        assert body["code"] == code
    return body


@pytest.mark.parametrize("raw", ['"关于印发的通知"', "[1, 2]", "123", "null"])
def test_a_body_that_is_not_an_object_registers_nothing(client, tokens, raw):
    r = client.post(URL, raw, content_type="application/json", **_auth(tokens["a"]))
    assert "JSON 对象" in _shape(r, 422, "invalid")["message"]
    assert Document.objects.count() == 0


def test_an_oversized_body_is_413_json(client, tokens, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    r = client.post(URL, {"title": "政" * 5000}, content_type="application/json", **_auth(tokens["a"]))
    assert "过大" in _shape(r, 413, "too_large")["message"]


def test_an_empty_file_is_named_as_empty(client, tokens):
    r = client.post(URL, {"file_name": "空.txt", "file_base64": ""}, content_type="application/json",
                    **_auth(tokens["a"]))
    assert r.status_code in (201, 400)  # no file given at all: title missing
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post(URL + "/upload", {"file": SimpleUploadedFile("空.txt", b"")}, **_auth(tokens["a"]))
    body = _shape(r, 400)
    assert "空文件" in body["message"] and body["field"] == "file"


@pytest.mark.parametrize("file_name", ["../../etc/cron.d/x.txt", "..\\..\\x.txt",
                                       "关于" + "做好政府信息公开工作" * 10 + ".txt"])
def test_odd_file_names_are_stored_under_generated_names(client, tokens, file_name):
    payload = {"file_name": file_name, "title": "关于做好工作的通知",
               "file_base64": base64.b64encode("关于做好工作的通知\n正文内容。".encode()).decode()}
    r = client.post(URL, payload, content_type="application/json", **_auth(tokens["a"]))
    assert r.status_code == 201, r.content
    attachment = Document.objects.get(pk=r.json()["id"]).attachments.get()
    assert ".." not in attachment.file.name and attachment.file.name.startswith("attachments/")
    assert attachment.name.endswith(".txt") and "/" not in attachment.name and "\\" not in attachment.name


def test_missing_token_unknown_route_and_method_are_json(client):
    r = client.post(URL, {}, content_type="application/json")
    _shape(r, 401, "unauthorized")
    assert r["WWW-Authenticate"] == "Bearer"
    _shape(client.get("/api/v1/no-such-endpoint"), 404, "not_found")
    _shape(client.delete("/api/v1/documents"), 405, "method_not_allowed")


def test_openapi_has_one_error_schema_and_documents_401_and_422(client):
    spec = client.get("/api/v1/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert "ApiError" in schemas and not any(name.startswith("ErrorOut") for name in schemas)
    operation = spec["paths"]["/api/v1/submission/documents"]["post"]
    assert {"201", "401", "422", "400"} <= set(operation["responses"])
    public = spec["paths"]["/api/v1/documents"]["get"]
    assert {"200", "422", "429"} <= set(public["responses"])


def test_the_same_file_uploaded_twice_is_one_draft(client, tokens):
    payload = {"file_name": "yaodian.txt", "submit": False,
               "file_base64": base64.b64encode(NOTICE.encode("gb18030")).decode()}
    first = client.post(URL, payload, content_type="application/json", **_auth(tokens["a"]))
    assert first.status_code == 201
    again = client.post(URL, payload, content_type="application/json", **_auth(tokens["a"]))
    body = _shape(again, 409, "duplicate")
    assert f"#{first.json()['id']}" in body["message"] and body["field"] == "file"
    assert Document.objects.count() == 1
