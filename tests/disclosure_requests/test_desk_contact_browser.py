"""The office enters a unit's 受理机关 address once, on the unit page, in a real browser
(Debian's chromium); the citizen sees it on the request form, the tracking page and the 指南."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

ADDRESS = "武汉市新洲区邾城街齐安大道特1号"


def test_the_office_enters_the_address_once_and_the_citizen_sees_it_everywhere(
        live_server, browser_page, unit_tree, handlers, file_request):
    page, unit = browser_page, unit_tree["district"]
    page.goto(f"{live_server.url}/accounts/login/?next=/workbench/office/units/{unit.pk}/")
    page.fill("input[name=username]", "city_office")
    page.fill("input[name=password]", "pw-test-123")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**/workbench/office/units/{unit.pk}/")
    page.get_by_label("联系地址").fill(ADDRESS)
    page.get_by_label("联系电话").fill("027-89351234")
    page.get_by_label("办公时间").fill("工作日 9:00—17:00")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url("**/workbench/office/units/")
    assert ADDRESS in page.locator("main").inner_text()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/requests/new/")
    desk = page.locator(f"#desk-{unit.pk}")
    desk.locator("summary").click()
    assert ADDRESS in desk.inner_text() and "027-89351234" in desk.inner_text()
    unit.refresh_from_db()
    req = file_request(unit=unit)
    page.goto(f"{live_server.url}/requests/track/{req.token}/")
    assert ADDRESS in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/zhuanlan/{unit.code}/guide/")
    assert ADDRESS in page.locator("main").inner_text()
