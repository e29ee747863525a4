"""The library in a real browser: Debian's chromium driven by Playwright, against
pytest-django's live_server. Search a seed document, keep only 现行有效, open it, read its
发文字号 — with the keyboard and without JavaScript."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


@pytest.fixture
def page(browser_page):
    return browser_page


def test_search_filter_in_force_open_document_and_read_its_number(
    live_server, public_library, page
):
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "lang") == "zh-CN"
    # Keyboard users meet the skip link first.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"

    # Search with the keyboard: the labelled box, typed, submitted with Enter.
    box = page.get_by_label("检索政策文件")
    box.fill("政府信息公开")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator("ol.results")
    assert results.get_by_role("link", name=public_library["repealed"].title).count() == 1

    # Keep only documents in force: the repealed one disappears, the mechanism stays.
    page.get_by_role("switch", name="只看现行有效").click()
    page.wait_for_url("**in_force=1*")
    assert results.get_by_role("link", name=public_library["repealed"].title).count() == 0
    link = results.get_by_role("link", name=public_library["mechanism"].title)
    assert link.count() == 1

    link.click()
    page.wait_for_url(f"**/documents/{public_library['mechanism'].pk}/")
    assert page.locator("dd.doc-number").inner_text() == "武政办〔2014〕180号"
    assert page.locator("h1").inner_text() == public_library["mechanism"].title

    # The back button returns to the filtered results: the state lives in the URL.
    page.go_back()
    assert "in_force=1" in page.url
    assert page.get_by_role("switch", name="只看现行有效").get_attribute("aria-checked") == "true"
