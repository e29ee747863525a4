"""The document page's 沿革 and versions in a real browser (Debian's chromium, no JavaScript):
a reader lands on an old version of a rule, is told it is not the current one, follows the
link to the current version, reads its 沿革, opens the comparison and sees 第二十条 deleted; then
asks for the text in force on 2023-01-01."""

from __future__ import annotations

import pytest
from tests.documents.test_versions import NEW_RULE, OLD_RULE, _import

from gongkai.documents.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_history_versions_and_diff(live_server, unit_tree, browser_page):
    page = browser_page
    city = unit_tree["city"]
    old = Document.objects.get(pk=_import(city, "152.txt", OLD_RULE).document.pk)
    new = Document.objects.get(pk=_import(city, "152-2024.txt", NEW_RULE).document.pk)

    page.goto(f"{live_server.url}{old.get_absolute_url()}")
    assert page.get_attribute("html", "lang") == "zh-CN"
    notice = page.locator("p.old-version")
    assert "本文本不是现行版本" in notice.inner_text()
    notice.get_by_role("link").click()
    page.wait_for_url(f"**{new.get_absolute_url()}")

    history = page.locator("section.work-history")
    assert history.get_by_role("heading").inner_text() == "沿革"
    items = history.locator("li")
    assert items.count() == 2
    assert "2003-05-06" in items.nth(0).inner_text() and "公布" in items.nth(0).inner_text()
    assert "2024-05-09" in items.nth(1).inner_text() and "现行版本" in items.nth(1).inner_text()

    versions = page.locator("section.versions")
    assert versions.get_by_role("heading").inner_text() == "版本"
    assert versions.locator("tbody tr").count() == 2
    versions.get_by_role("link", name="与上一版本比较").click()
    page.wait_for_url(f"**/documents/{new.pk}/diff/")
    changes = page.locator("ol.article-changes > li > strong").all_inner_texts()
    assert changes == ["第十八条修改", "第十九条修改", "第二十条删除", "第二十一条改为第二十条"]

    page.goto(f"{live_server.url}{new.get_absolute_url()}?as_of=2023-01-01")
    assert page.locator("p.as-of").inner_text() == "以下为 2023-01-01 时有效的版本。"
    assert "由其所在单位给予行政处分" in page.locator("div.body").inner_text()
