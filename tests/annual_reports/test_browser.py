"""The unit's journey in a real browser (Debian's chromium, no JavaScript): an empty draft,
checked, explained, submitted; the office publishes; the public page shows the report."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


@pytest.fixture
def page(browser_page):
    return browser_page


def _login(page, url, username, next_url="/annual-reports/?year=2025"):
    browser_login(page, url, username, next_url, wait_for="**/annual-reports/**")


def test_a_unit_goes_from_an_empty_draft_to_a_published_checked_report(
        live_server, page, unit_tree, people, answered_request):
    answered_request(received=date(2025, 3, 3), answered=date(2025, 3, 20))
    answered_request(received=date(2025, 12, 29), answered=None)

    _login(page, live_server.url, "stats_clerk")
    assert page.locator("h1").inner_text() == "2025年度政府信息公开工作年度报告"
    page.get_by_role("button", name="编制2025年度报告").click()
    page.wait_for_url("**/annual-reports/*/")
    assert page.locator("h1").inner_text() == "武汉市统计局2025年政府信息公开工作年度报告"
    assert page.locator("#state").inner_text() == "草稿"
    # 表三 comes from the requests: 2 new, 1 answered, 1 carried into 2026
    row = page.locator("#table3 tr").filter(has_text="一、本年新收政府信息公开申请数量")
    assert row.locator("td").last.inner_text() == "2"
    assert page.locator("#table3 tr").filter(has_text="四、结转下年度继续办理").locator("td").last.inner_text() == "1"
    # submitting an incomplete report is refused with the reason
    page.get_by_role("button", name="报送公开办").click()
    assert page.get_by_text("请先填写表二中的行政许可").count() == 1

    # a figure in the text that contradicts 表三 is found, naming the cells
    page.get_by_label("（二）依申请公开").fill("2025年，本单位共收到政府信息公开申请5件。")
    page.get_by_label("行政许可（本年处理决定数量）").fill("12")
    page.get_by_label("行政处罚（本年处理决定数量）").fill("0")
    page.get_by_label("行政强制（本年处理决定数量）").fill("0")
    page.get_by_label("行政事业性收费（本年收费金额（单位：万元））").fill("0")
    page.get_by_label("五、存在的主要问题及改进情况").fill("政策解读形式单一，将增加图解。")
    page.get_by_label("六、其他需要报告的事项（含收取信息处理费情况）").fill("本年度未收取信息处理费。")
    page.get_by_role("button", name="保存并检查").click()
    assert "发现 1 个问题" in page.locator("#check-summary").inner_text()
    assert page.get_by_text("表三.一、本年新收政府信息公开申请数量.总计").count() == 1

    # the unit corrects the text: the check passes
    page.get_by_label("（二）依申请公开").fill("2025年，本单位共收到政府信息公开申请2件，结转下年度继续办理1件。")
    page.get_by_role("button", name="保存并检查").click()
    assert page.locator("#check-summary").inner_text().startswith("检查通过")
    page.get_by_role("button", name="报送公开办").click()
    assert page.locator("#state").inner_text() == "已报送，待公开办审核"
    report_url = page.url

    # the office publishes it
    _login(page, live_server.url, "city_office", next_url="/annual-reports/?year=2025")
    overview = page.locator("#overview-table tr").filter(has_text="武汉市统计局")
    assert "已报送，待公开办审核" in overview.inner_text()
    page.goto(report_url)
    page.get_by_role("button", name="发布").click()
    assert page.locator("#state").inner_text() == "已发布"

    # anyone reads it in the national layout
    page.context.clear_cookies()
    page.goto(live_server.url + "/annual-reports/public/")
    page.get_by_role("link", name="武汉市统计局2025年政府信息公开工作年度报告").click()
    assert page.locator("h1").inner_text() == "武汉市统计局2025年政府信息公开工作年度报告"
    assert page.get_by_text("2025年，本单位共收到政府信息公开申请2件，结转下年度继续办理1件。").count() == 1
    licensing = page.locator("#table2 tr").filter(has_text="行政许可")
    assert licensing.locator("td").first.inner_text() == "12"
    assert page.locator("#table3 tr").filter(has_text="（七）总计").locator("td").last.inner_text() == "1"
