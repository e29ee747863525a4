"""The 专栏 and 解读 linking in a real browser (Debian's chromium, JavaScript off).

A citizen opens a unit's 专栏, reads its 指南 with the contact data and the 依申请公开 flow chart,
finds every 法定主动公开 section with documents or an honest 暂无, and the column and the 目录
fit a 390 px phone. A submitter links a 解读 in the workbench — typed in the registration form
by 发文字号, and chosen by search for one already published — and sees the office's count of
unlinked 解读 and the document page change."""

from __future__ import annotations

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


def _login(page, url, username, next_url="/workbench/"):
    browser_login(page, url, username, next_url)


def _fits(page, width=390) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_citizen_reads_a_units_column_on_a_phone(live_server, unit_tree, people, public_library,
                                                  browser_page):
    from gongkai.zhuanlan import services

    unit = unit_tree["office"]
    services.contact_save(actor=people["office"], unit=unit, agency_name="武汉市人民政府办公厅",
                          unit_contact={"contact_address": "武汉市江岸区沿江大道188号",
                                        "contact_phone": "027-82700000",
                                        "contact_hours": "工作日 9:00—17:00",
                                        "contact_fax": "027-82700001",
                                        "contact_email": "gk@example.cn",
                                        "contact_postcode": "430014"})
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/zhuanlan/")
    page.get_by_role("link", name="武汉市人民政府办公厅").click()
    page.wait_for_url(f"**/zhuanlan/{unit.code}/")
    assert page.locator("h1").inner_text() == "武汉市人民政府办公厅政府信息公开专栏"
    for heading in ("政府信息公开指南", "政府信息公开制度", "政府信息公开年报", "失效文件清单"):
        assert page.get_by_role("heading", name=heading, exact=True).count() == 1
    assert "武汉市江岸区沿江大道188号" in page.locator("#guide").inner_text()
    rules_section = page.locator("#s-rules")
    assert "武政办〔2014〕180号" in rules_section.inner_text()
    assert "暂无内容" in page.locator("#s-fees").inner_text()
    assert _fits(page)

    page.locator("#guide").get_by_role("link", name="查看完整指南").click()
    assert page.get_by_role("heading", name="依申请公开流程图").count() == 1
    flow = page.get_by_label("依申请公开流程图")
    assert "7 个工作日" in flow.inner_text() and "20 个工作日" in flow.inner_text()
    assert "本指南尚未经本单位审核" in page.locator("main").inner_text()
    assert _fits(page)

    page.goto(live_server.url + f"/catalogue/{unit.pk}/?year=2014")
    assert page.get_by_text("内容概述").count() >= 1
    assert _fits(page)


def test_a_submitter_links_interpretations_in_the_workbench(live_server, unit_tree, people,
                                                           publish_document, statistics_rule,
                                                           browser_page):
    from gongkai.documents.models import Document

    page = browser_page
    # one 解读 already published but never linked
    reading = publish_document("office", title="统计管理政策十问十答")

    _login(page, live_server.url, "zl_office", "/zhuanlan/manage/")
    row = page.locator("tr", has_text="武汉市人民政府办公厅")
    assert row.locator("td[data-label='未关联解读']").inner_text() == "1"

    _login(page, live_server.url, "zl_sub_office")
    page.goto(live_server.url + "/workbench/documents/new/?manual=1")
    page.get_by_label("标题").fill("《武汉市统计管理办法》政策解读")
    page.get_by_label("解读的文件").fill("武政规〔2025〕3号")
    page.get_by_label("解读形式").select_option("文字解读")
    page.get_by_role("button", name="保存为草稿").click()
    assert "已登记为草稿" in page.locator(".messages").inner_text()
    assert "武汉市统计管理办法" in page.locator("dd.interprets").inner_text()

    page.goto(live_server.url + f"/workbench/documents/{reading.pk}/")
    page.get_by_role("link", name="关联为政策解读").click()
    page.get_by_label("按发文字号或标题查找文件").fill("武政规〔2025〕3号")
    page.get_by_role("button", name="查找").click()
    page.get_by_label("武汉市统计管理办法 武政规〔2025〕3号").first.check()
    page.get_by_label("解读形式").select_option("简明问答")
    page.get_by_role("button", name="关联", exact=True).click()
    assert "已将《统计管理政策十问十答》关联到《武汉市统计管理办法》" in page.locator(".messages").inner_text()
    assert Document.objects.get(pk=reading.pk).interprets_id == statistics_rule.pk

    page.goto(live_server.url + statistics_rule.get_absolute_url())
    readings = page.locator("section.interpretations")
    assert "统计管理政策十问十答" in readings.inner_text() and "简明问答" in readings.inner_text()

    _login(page, live_server.url, "zl_office", "/zhuanlan/manage/")
    row = page.locator("tr", has_text="武汉市人民政府办公厅")
    assert row.locator("td[data-label='未关联解读']").inner_text() == "0"
