"""The office's publish journey in a real browser (Debian's chromium, no JavaScript): run a
quarter, open the draft, ask to publish, be stopped until the confirmation is ticked, then
publish with the 发文字号 and read it in the published 通报."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


def _login(page, url, username):
    page.context.clear_cookies()
    page.goto(url + "/accounts/login/?next=/assessment/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-test-123")
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/assessment/")


def test_office_runs_a_quarter_and_publishes_after_confirming(live_server, year_2025, unit_tree,
                                                              make_user, browser_page):
    from gongkai.assessment.models import Run

    page = browser_page
    make_user("office_p", unit_tree["city"], "office")
    _login(page, live_server.url, "office_p")
    page.get_by_label("考评周期").fill("2025Q3")
    page.get_by_role("button", name="运行考评（草稿）").click()
    page.wait_for_url("**/assessment/*/")
    assert page.get_by_text("这是草稿，尚未发布，公众不可见。").count() == 1
    assert page.get_by_role("heading", name="指标及取数方式").count() == 1
    assert page.get_by_role("cell", name="人工评分（门户网站内容保障测评）").count() == 1

    page.get_by_role("link", name="发布…（需确认，发布后不可修改）").click()
    assert page.get_by_role("heading", name="确认发布考评通报").count() == 1
    assert page.get_by_text("发布后不可撤回").count() == 1
    page.get_by_label("发文字号").fill("武政办〔2025〕30号")
    page.get_by_label("未录入的人工评分按0分计").check()
    page.get_by_role("button", name="发布（不可撤回）").click()
    assert page.get_by_text("请勾选“我已核对，确认发布”后再发布").count() == 1
    assert Run.objects.get().status == "draft"
    assert page.get_by_label("发文字号").input_value() == "武政办〔2025〕30号"  # kept

    page.get_by_label("我已核对，确认发布").check()
    page.get_by_role("button", name="发布（不可撤回）").click()
    page.wait_for_url("**/assessment/*/")
    assert page.get_by_text("考评结果已发布").count() == 1
    assert page.get_by_text("武政办〔2025〕30号").count() >= 1
    assert page.get_by_role("heading", name="武汉市人民政府办公厅关于2025年第三季度政务公开工作考评情况的通报").count() == 1
    assert Run.objects.get().status == "published"
