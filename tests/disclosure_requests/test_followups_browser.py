"""What staff and the public do after an answer, in a real browser (Debian's chromium): flag
answered information for 主动公开 and close it from the 待主动公开 list (第四十四条); answer a
repeated request from the earlier one it names (第三十六条第（六）项); read a unit's public
statistics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.conftest import browser_login

from gongkai.disclosure_requests import services as s

pytestmark = [pytest.mark.browser]


@pytest.fixture
def answered(file_request, handlers):
    """A request to 市统计局, received three days ago and answered 予以公开 today."""
    day = timezone.localdate() - timedelta(days=3)
    req = s.request_receive(request=file_request(submitted=day), channel="in_person",
                            actor=handlers["stats"], submitted_on=day)
    return s.request_answer(request=req, category="disclosed", reply_text="该办法全文见附件。",
                            answered_on=timezone.localdate(), actor=handlers["stats"])


def test_staff_flag_answered_information_for_proactive_disclosure_and_close_it(
        live_server, browser_page, answered):
    page = browser_page
    browser_login(page, live_server.url, "stats_clerk", f"/requests/manage/{answered.pk}/")
    form = page.locator("form[action$='/proactive/']")
    form.get_by_label("说明（如：多人申请同一信息）").fill("本月已有三人申请该办法")
    form.get_by_role("button", name="标记为建议主动公开").click()
    assert page.get_by_text("已标记为建议主动公开").count() >= 1

    page.goto(live_server.url + "/requests/manage/")
    page.get_by_role("link", name="待主动公开（1）").click()
    assert page.get_by_role("link", name=answered.number).count() == 1
    page.get_by_role("link", name=answered.number).click()
    page.locator("form[action$='/proactive/']").get_by_role("button", name="记录已主动公开").click()
    assert page.get_by_text("已主动公开").count() >= 1

    page.goto(live_server.url + "/requests/manage/?tab=proactive")
    assert page.get_by_role("link", name="待主动公开（0）").count() == 1
    assert page.get_by_role("link", name=answered.number).count() == 0


def test_staff_answer_a_repeated_request_from_the_earlier_one(live_server, browser_page, answered,
                                                                file_request, handlers):
    day = timezone.localdate() - timedelta(days=1)
    again = s.request_receive(request=file_request(submitted=day), channel="in_person",
                              actor=handlers["stats"], submitted_on=day)
    page = browser_page
    browser_login(page, live_server.url, "stats_clerk", f"/requests/manage/{again.pk}/")
    section = page.locator("section").filter(has_text="同一申请人此前向本机关提出的申请")
    assert section.get_by_role("link", name=answered.number).count() == 1

    form = page.locator("form[action$='/answer/']")
    form.get_by_label("办理结果").select_option(label="不予处理 — 2. 重复申请")
    form.get_by_label("答复内容").fill("您的申请与此前申请内容相同，本机关已作出答复。")
    form.get_by_label("在先申请编号（重复申请时填写，第三十六条第六项）").fill(answered.number)
    form.get_by_role("button", name="作出答复").click()
    assert page.get_by_text("重复申请，在先申请：").count() == 1
    page.get_by_role("link", name=answered.number).first.click()
    page.wait_for_url(f"**/requests/manage/{answered.pk}/")
    assert page.get_by_text("该办法全文见附件。").count() >= 1


def test_anyone_reads_a_units_request_statistics(live_server, browser_page, answered, unit_tree):
    page = browser_page
    page.context.clear_cookies()
    page.goto(live_server.url + "/requests/statistics/")
    year = timezone.localdate().year
    assert page.get_by_role("heading", name=f"{year}年依申请公开统计").count() == 1
    page.get_by_label("单位").select_option(label=unit_tree["stats"].full_name)
    page.get_by_role("button", name="查看").click()
    row = page.locator("tbody tr").filter(has_text=unit_tree["stats"].full_name)
    assert row.locator("td").nth(1).inner_text() == "1"  # 本年新收
    assert row.locator("td").nth(4).inner_text() == "1 / 1"  # 按时答复
    outcomes = page.locator("section").filter(has_text="办理结果（表三）")
    assert outcomes.locator("tr").filter(has_text="予以公开").locator("td").nth(1).inner_text() == "1"
