"""/healthz, and stored files only through the checked views (never by path, in any mode)."""

from __future__ import annotations

import importlib

import pytest
from django.urls import clear_url_caches


def test_healthz_reports_each_check(client, db):
    from gongkai.core.models import CalendarYear

    response = client.get("/healthz")
    body = response.json()
    assert set(body["checks"]) == {"database", "cache", "migrations", "calendar"}
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert body["checks"]["migrations"]["ok"]
    # chinesecalendar knows up to 2026: whether the next 60 days are known depends on today.
    calendar_ok = body["checks"]["calendar"]["ok"]
    assert body["status"] == ("ok" if calendar_ok else "warn") and response.status_code == 200
    assert CalendarYear.objects.count() == 0 or calendar_ok


def test_healthz_fails_with_503_when_the_database_does_not_answer(client, db, monkeypatch):
    from gongkai.core import health

    def broken():
        raise RuntimeError("connection refused")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert "connection refused" in response.json()["checks"]["database"]["detail"]


def test_unknown_calendar_only_warns(client, db, monkeypatch):
    from gongkai.core import calendar

    monkeypatch.setattr(calendar, "calendar_gaps", lambda days=60: [2099])
    body = client.get("/healthz").json()
    assert body["status"] == "warn" and body["checks"]["calendar"]["detail"]["unknown_years"] == [2099]


@pytest.fixture
def draft_attachment(publish_document):
    doc = publish_document("office", state="draft", title="草稿文件", doc_number="武政办〔2026〕3号",
                           publish_date="2026-01-05", body="草稿正文。",
                           attachments=[("内部.txt", "内部材料".encode())])
    return doc, doc.attachments.get()


def test_media_is_never_served_by_path_even_with_debug(client, draft_attachment, settings):
    import gongkai.urls

    doc, attachment = draft_attachment
    settings.DEBUG = True
    try:
        importlib.reload(gongkai.urls)
        clear_url_caches()
        assert client.get(f"/media/{attachment.file.name}").status_code == 404
        assert client.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/").status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(gongkai.urls)
        clear_url_caches()


def _published_attachment(publish_document):
    doc = publish_document("office", title="公开文件", doc_number="武政办〔2026〕4号",
                           publish_date="2026-01-05", body="正文。",
                           attachments=[("分工表.txt", "分工".encode())])
    return doc, doc.attachments.get()


def test_x_accel_redirect_hands_the_checked_file_to_nginx(client, publish_document, settings):
    settings.MEDIA_SERVE = "x-accel-redirect"
    doc, attachment = _published_attachment(publish_document)
    response = client.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"].startswith("/_protected_media/attachments/")
    assert "filename*=UTF-8''%E5%88%86%E5%B7%A5%E8%A1%A8.txt" in response["Content-Disposition"]


def test_x_sendfile_gives_the_absolute_path(client, publish_document, settings):
    settings.MEDIA_SERVE = "x-sendfile"
    doc, attachment = _published_attachment(publish_document)
    response = client.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/")
    from urllib.parse import unquote

    assert unquote(response["X-Sendfile"]) == attachment.file.path


def test_streamed_by_default(client, publish_document):
    doc, attachment = _published_attachment(publish_document)
    response = client.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/")
    assert b"".join(response.streaming_content) == "分工".encode()
