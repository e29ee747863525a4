"""The office's publish journey in a real browser (Debian's chromium, no JavaScript): run a
quarter, open the draft, ask to publish, be stopped until the confirmation is ticked, then
publish with the 发文字号 and read it in the published 通报."""

from __future__ import annotations

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


def _login(page, url, username):
    browser_login(page, url, username, "/assessment/")


def test_office_runs_a_quarter_and_publishes_after_confirming(live_server, year_2025, unit_tree,
                                                              make_user, browser_page):
    from gongkai.assessment.models import Run

    page = browser_page
    make_user("office_p", unit_tree["city"], "office")
    _login(page, live_server.url, "office_p")
    page.get_by_label("考评周期").fill("2025Q3")
    page.get_by_role("button", name="运行考评（草稿）").click()
    page.wait_for_url("**/assessment/?job=*")  # the run is a background job (eager in tests)
    page.get_by_role("link", name="查看结果").click()
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


def test_a_unit_lodges_an_appeal_and_reads_the_office_s_decision(live_server, year_2025, unit_tree,
                                                                 wf_people, make_user, browser_page):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.assessment import services
    from gongkai.assessment.models import Appeal

    page = browser_page
    draft = services.assessment_run(period="2025", previous=None)
    services.appeal_window_open(run=draft, until=timezone.localdate() + timedelta(days=5))

    _login(page, live_server.url, "sub_a")
    page.get_by_role("link", name="2025年度考评：本单位得分", exact=False).click()
    assert page.get_by_role("heading", name="新洲区人民政府").count() == 1
    assert page.get_by_text("这是考评草稿得分，尚未发布。").count() == 1
    page.get_by_label("对“政府信息公开平台建设”申诉的理由").fill("区政府信息公开平台已于2025年6月上线运行")
    page.get_by_role("button", name="提出申诉：政府信息公开平台建设").click()
    assert page.get_by_text("申诉已提交，请等待公开办复核").count() == 1
    assert page.get_by_text("申诉：待复核").count() == 1

    make_user("office_a", unit_tree["city"], "office")
    _login(page, live_server.url, "office_a")
    page.goto(f"{live_server.url}/assessment/{draft.pk}/")
    appeal = Appeal.objects.get()
    box = page.locator(f"#appeal-{appeal.pk}")
    assert box.get_by_text("区政府信息公开平台已于2025年6月上线运行", exact=False).count() == 1
    box.get_by_label("申诉成立").check()
    box.get_by_label("复核意见").fill("经核实平台已上线，改为8分")
    box.get_by_label("改正后得分（人工评分指标，可不填）").fill("8")
    box.get_by_role("button", name="复核").click()
    assert page.get_by_text("申诉已复核").count() == 1

    _login(page, live_server.url, "sub_a")
    page.goto(f"{live_server.url}/assessment/{draft.pk}/units/{unit_tree['district'].pk}/")
    assert page.get_by_text("申诉：申诉成立——经核实平台已上线，改为8分").count() == 1
