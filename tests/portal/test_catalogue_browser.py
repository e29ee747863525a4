"""The 政府信息公开目录 in a real browser (Debian's chromium): a citizen goes from the home page
to the 目录, finds a unit in the tree with its count, opens its catalogue and its 专栏, and the
unit's Atom feed link points at that unit's feed."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


def test_a_citizen_browses_the_catalogue_by_unit(live_server, unit_tree, public_library,
                                                browser_page):
    office = unit_tree["office"]
    page = browser_page
    page.goto(live_server.url + "/")
    # 按单位浏览 on the home page: the office with its two public documents
    row = page.locator("table tr", has_text=office.full_name)
    assert row.locator("td.num").inner_text() == "2"
    page.locator("main").get_by_role("link", name="政府信息公开目录").click()
    page.wait_for_url("**/catalogue/")
    assert page.locator("h1").inner_text() == "政府信息公开目录"

    tree_row = page.locator("table.unit-tree tr", has_text=office.full_name).first
    assert tree_row.locator("td.num").inner_text() == "2"
    assert tree_row.get_by_role("link", name="Atom").get_attribute("href") == \
        f"/feeds/units/{office.pk}.atom"
    tree_row.get_by_role("link", name=office.full_name).click()
    page.wait_for_url(f"**/catalogue/{office.pk}/**")
    main = page.locator("main").inner_text()
    assert public_library["mechanism"].title in main
    assert public_library["statistics"].title in main
    assert public_library["draft"].title not in main

    page.go_back()
    page.locator("table.unit-tree tr", has_text=office.full_name).first.get_by_role(
        "link", name="专栏").click()
    page.wait_for_url(f"**/zhuanlan/{office.code}/")
    assert page.locator("h1").inner_text() == f"{office.full_name}政府信息公开专栏"
