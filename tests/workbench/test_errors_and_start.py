"""Error pages in Chinese with the site's header and a way back (DEBUG off), the first page of
every role after login, and Chinese messages whatever the browser's language."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("who", "lands"), [
    ("submitter_a", "/workbench/"), ("secrecy_a", "/workbench/"), ("office", "/workbench/"),
    ("evaluator", "/assessment/"), ("admin", "/admin/"),
])
def test_every_role_lands_on_its_own_first_page(client, wf_people, who, lands):
    response = client.post("/accounts/login/", {"username": wf_people[who].username,
                                                "password": "pw-test-123"}, follow=True)
    assert response.redirect_chain[-1][0] == lands
    assert response.status_code == 200


def test_forbidden_page_is_chinese_with_header_and_a_way_back(client, wf_people, settings):
    settings.DEBUG = False
    client.force_login(wf_people["evaluator"])
    response = client.get("/workbench/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "无权访问（403）" in body and "工作台仅供报送员、审核员和公开办使用" in body
    assert 'class="site"' in body and 'href="/start/"' in body and "Forbidden" not in body


def test_not_found_page_is_chinese(client, settings, db):
    settings.DEBUG = False
    response = client.get("/documents/999999/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在（404）" in body and "返回政策文件库首页" in body and "Not Found" not in body


def test_server_error_page_is_chinese(rf, db):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500 and "系统出错（500）" in body and "返回政策文件库首页" in body


def test_messages_are_chinese_whatever_the_browser_language(client, wf_people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(wf_people["submitter_a"])
    response = client.post("/workbench/documents/new/",
                           {"step": "upload", "file": SimpleUploadedFile("空.txt", b"")},
                           HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert "上传的文件是空文件" in body and "The submitted file is empty" not in body
    assert "/srv" not in body and "/tmp" not in body
