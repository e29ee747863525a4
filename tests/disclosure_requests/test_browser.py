"""The public request form in a real browser (Debian's chromium, no JavaScript): every field
reachable by its label, a wrong ID number explained next to the field, then the tracking page."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


@pytest.fixture
def page(browser_page):
    return browser_page


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
