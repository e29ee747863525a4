"""建议提案 in a real browser: the 主办单位 replies, the 督查室 publishes the reply in full, the
public reads it in the library."""

from __future__ import annotations

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]


@pytest.fixture
def page(browser_page):
    return browser_page


def _login(page, url, username, next_url):
    browser_login(page, url, username, next_url)


def test_a_reply_is_published_in_full(live_server, page, people, suggestion):
    detail = f"/proposals/manage/{suggestion.pk}/"
    _login(page, live_server.url, "pp_stats", detail)
    assert page.locator("#due").inner_text() == "2024年6月1日"
    page.get_by_label("办理结果").select_option("B")
    page.get_by_label("答复全文").fill("您提出的关于加快老旧小区改造的建议收悉。我局已将12个小区纳入2024年改造计划。")
    page.get_by_label("签发人").fill("王局长")
    page.get_by_label("答复日期").fill("2024-05-20")
    page.get_by_role("button", name="提交答复").click()
    assert page.locator("#state").inner_text() == "已答复"

    _login(page, live_server.url, "pp_dcs", detail)
    page.get_by_role("button", name="公开答复全文").click()
    assert page.locator(".messages").inner_text() == "答复全文已公开"

    page.context.clear_cookies()
    page.goto(live_server.url + "/proposals/")
    page.get_by_role("link", name="关于市十五届人大三次会议第128号建议的答复").click()
    assert page.locator("h1").inner_text() == "关于市十五届人大三次会议第128号建议的答复"
    assert page.get_by_text("（办理结果：B类，所提问题列入计划拟解决）").count() >= 1
