"""The public request form in a real browser (Debian's chromium, no JavaScript): every field
reachable by its label, a wrong ID number explained next to the field, then the tracking page."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM) or shutil.which("chromium") is None,
                       reason="Debian's chromium is missing: apt-get install chromium"),
]


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        context = browser.new_context(java_script_enabled=False, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def test_file_a_request_and_track_it(live_server, unit_tree, page, settings):
    from gongkai.disclosure_requests.models import DisclosureRequest

    settings.REQUEST_FORM_MIN_SECONDS = 0
    page.goto(live_server.url + "/requests/new/")
    page.get_by_label("姓名或名称").fill("张三丰")
    page.get_by_label("证件号码").fill("110105194912310021")  # wrong check digit
    page.get_by_label("联系电话").fill("027-85551234")
    page.get_by_label("受理机关").select_option(label="武汉市统计局")
    page.get_by_label("所需信息的名称").fill("武汉市统计管理办法")
    page.get_by_label("电子", exact=True).check()
    page.get_by_label("网上查阅").check()
    page.get_by_role("button", name="提交申请").click()
    assert page.get_by_role("alert").filter(has_text="校验位不正确").count() == 1
    assert not DisclosureRequest.objects.exists()

    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/requests/track/**")
    req = DisclosureRequest.objects.get()
    assert req.number in page.content()
    assert page.get_by_text("已提交，待受理").count() >= 1
    assert "11010519491231002X" not in page.content()
