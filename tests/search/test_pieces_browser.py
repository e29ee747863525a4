"""A person pastes a piece of a title or of a 发文字号 into the search box (Debian's chromium
driven by Playwright against live_server): the document comes first, whatever the piece's
first character is and whichever brackets the number was copied with."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


def test_a_pasted_piece_of_a_title_or_number_finds_the_document(live_server, public_library,
                                                                 browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    box = page.get_by_label("检索政策文件")
    # Starts inside 政府 and ends inside 长效机制: the word index alone cuts it otherwise.
    box.fill("府信息公开工作长")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator("ol.results > li").first
    assert first.get_by_role("link").first.inner_text() == public_library["mechanism"].title
    assert page.locator("#results-title").inner_text() == "共 1 件"

    # A piece of a 发文字号, typed with square brackets.
    box = page.get_by_label("检索政策文件")
    box.fill("政办[2014]15")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*15*")
    first = page.locator("ol.results > li").first
    assert first.get_by_role("link").first.inner_text() == public_library["statistics"].title
