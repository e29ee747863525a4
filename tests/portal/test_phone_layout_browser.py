"""Every public page and form fits a 390 px phone (issue 15): a real browser (Debian's chromium,
JavaScript off) loads each one at 390 px and the page never scrolls sideways
(document.scrollingElement.scrollWidth <= 390). The 跳到检索结果 link is there and works on a
desktop width too."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytestmark = [pytest.mark.browser]

WIDTH = 390


@pytest.fixture
def open_consultation(unit_tree, make_user, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from gongkai.consultations import services

    submitter = make_user("ph_sub", unit_tree["stats"], "submitter")
    office = make_user("ph_office", unit_tree["city"], "office")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        c = services.consultation_create(
            actor=submitter, unit=unit_tree["stats"], kind="major_decision", start_date=today,
            end_date=today + timedelta(days=29),
            title="武汉市统计数据发布管理办法（征求意见稿）",
            body="第一条 为了推进重大行政决策的科学化、民主化和法治化，建立健全公众参与重大行政决策程序，制定本规定。",
            explanation="起草背景：……", short_reason="", moderation="pre",
            visibility="after_close", channels=[{"channel": "online"}],
            contact="市统计局法规处，027-00000000")
        return services.consultation_publish(actor=office, consultation=c,
                                             published_elsewhere=False)


def _overflow(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def test_every_public_page_and_form_fits_390px(live_server, unit_tree, public_library,
                                                open_consultation, browser_page):
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 844})
    doc = public_library["mechanism"]
    office = unit_tree["office"]
    pages = {
        "/": "政策文件库",
        "/search/?q=政府信息公开": "检索结果",
        f"/documents/{doc.pk}/": doc.title,
        "/catalogue/": "政府信息公开目录",
        f"/catalogue/{office.pk}/?year=2014": "武汉市人民政府办公厅",
        "/zhuanlan/": "专栏",
        f"/zhuanlan/{office.code}/": "政府信息公开专栏",
        f"/zhuanlan/{office.code}/guide/": "政府信息公开指南",
        "/requests/new/": "申请",
        "/consultations/": "征求意见",
        f"/consultations/{open_consultation.pk}/": "武汉市统计数据发布管理办法",
        "/assessment/": "考评",
        "/annual-reports/public/": "年度报告",
        "/accounts/login/": "登录",
        "/documents/987654/": "页面不存在",
    }
    wide = {}
    for url, text in pages.items():
        page.goto(live_server.url + url)
        assert text in page.locator("body").inner_text(), url
        width = _overflow(page)
        if width > WIDTH:
            wide[url] = width
    assert wide == {}, f"pages wider than {WIDTH}px: {wide}"


def test_jump_to_results_works_on_desktop_too(live_server, public_library, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/search/?q=政府信息公开")
    link = page.get_by_role("link", name="跳到检索结果", exact=False)
    assert link.is_visible()
    link.click()
    assert page.url.endswith("#results-title")
    assert page.evaluate("document.activeElement === document.getElementById('results-title')"
                         " || location.hash === '#results-title'")
