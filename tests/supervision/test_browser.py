"""The 督办 journey in a real browser (Debian's chromium, no JavaScript): a lead unit reports a
quarter's progress, the 督查室 returns it, the unit corrects it, the 督查室 accepts and reads
the quarterly 办理情况报告."""

from __future__ import annotations

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]


@pytest.fixture
def page(browser_page):
    return browser_page


def _login(page, url, username, next_url):
    browser_login(page, url, username, next_url)


def test_a_lead_unit_reports_and_the_supervisor_accepts(live_server, page, people, breakdown, rounds, tasks):
    q2 = rounds[2]
    _login(page, live_server.url, "sv_stats", "/supervision/")
    row = page.locator("#my-tasks tr").filter(has_text="研究建立市级层面调度推进机制")
    assert row.locator("td").nth(3).inner_text() == "牵头"
    page.goto(f"{live_server.url}/supervision/rounds/{q2.pk}/tasks/{tasks['2'].pk}/")
    assert page.locator("h1").inner_text() == "2. 对涉及面广、办理难度大的责任事项研究建立市级层面调度推进机制"
    page.get_by_label("推进情况").select_option(label="按序时推进")
    page.get_by_label("完成进度（%）").fill("20")
    page.get_by_label("完成情况").fill("已起草市级调度推进机制方案，正在征求各区意见。")
    page.get_by_role("button", name="报送督查室").click()
    assert page.locator(".messages").inner_text() == "已报送督查室"
    # 20% at the end of the second quarter is below 序时进度 (50%): counted as lagging
    assert page.locator("#status").inner_text() == "推进情况：滞后（20%）"

    _login(page, live_server.url, "dcs", f"/supervision/rounds/{q2.pk}/")
    row = page.locator(f"#task-{tasks['2'].pk}")
    assert row.locator(".state").inner_text() == "已报送"
    row.get_by_label("退回理由").fill("请说明滞后原因和下一步措施")
    row.get_by_role("button", name="退回").click()
    assert page.locator(f"#task-{tasks['2'].pk} .state").inner_text() == "已退回"

    _login(page, live_server.url, "sv_stats", f"/supervision/rounds/{q2.pk}/tasks/{tasks['2'].pk}/")
    assert "退回理由：请说明滞后原因和下一步措施" in page.locator("#state").inner_text()
    page.get_by_label("完成情况").fill("已起草市级调度推进机制方案，因需征求各区意见进度滞后，7月底前提请市政府审定。")
    page.get_by_role("button", name="报送督查室").click()

    _login(page, live_server.url, "dcs", f"/supervision/rounds/{q2.pk}/")
    page.locator(f"#task-{tasks['2'].pk}").get_by_role("button", name="审核通过").click()
    assert page.locator(f"#task-{tasks['2'].pk} .state").inner_text() == "已审核通过"
    page.get_by_role("link", name="办理情况报告").click()
    assert page.locator("h1").inner_text() == "2024年市《政府工作报告》目标任务责任分解方案2024年第二季度完成情况办理情况报告"
    assert page.locator("#overall").inner_text() == "共 3 项任务，已报送 1 项（逾期 1 项），未报送 2 项。"
    assert "牵头单位：武汉市统计局；责任单位：新洲区人民政府" in page.locator("#lagging").inner_text()
    assert page.locator("#counts tr").filter(has_text="滞后").locator("td").last.inner_text() == "1"
