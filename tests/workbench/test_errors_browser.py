"""First screens in a real browser (Debian's chromium, no JavaScript, English browser language):
the evaluator logs in and lands on the assessment, opens the back office and reads a Chinese 403
with the site's header and a way back; a missing page is a Chinese 404."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


def test_evaluator_first_screen_and_error_pages(live_server, wf_people, browser_page):
    page = browser_page
    page.set_extra_http_headers({"Accept-Language": "en-US,en;q=0.9"})
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "evaluator")
    page.fill("input[name=password]", "pw-test-123")
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/assessment/")

    page.goto(live_server.url + "/workbench/")
    assert page.get_by_role("heading", name="无权访问（403）").count() == 1
    assert page.get_by_role("navigation", name="主导航").count() == 1
    page.get_by_role("link", name="回到我的首页").click()
    page.wait_for_url("**/assessment/")

    page.goto(live_server.url + "/documents/987654/")
    assert page.get_by_role("heading", name="页面不存在（404）").count() == 1
    page.get_by_role("link", name="返回政策文件库首页").click()
    page.wait_for_url(live_server.url + "/")
