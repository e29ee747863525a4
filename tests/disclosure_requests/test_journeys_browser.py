"""依申请公开 journeys in a real browser (Debian's chromium): the applicant looks a request up by
number and 查询码 and sends the 补正; staff ask another unit to 协办 and 转办 a request; a fee
notice; an evaluator files a 模拟测试 request and reads its score."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import browser_login

from gongkai.disclosure_requests import services as s

pytestmark = [pytest.mark.browser]
D = date.fromisoformat


def _login(page, url, username, next_path):
    browser_login(page, url, username, next_path)


@pytest.fixture
def received(file_request, handlers, cal):
    from datetime import timedelta

    from django.utils import timezone

    day = timezone.localdate() - timedelta(days=3)  # a pause may not start on the receipt day
    req = file_request(submitted=day)
    return s.request_receive(request=req, channel="in_person", actor=handlers["stats"], submitted_on=day)


def test_applicant_looks_up_and_sends_the_correction(live_server, browser_page, received, handlers):
    from django.utils import timezone

    page = browser_page
    s.request_correction_send(request=received, sent_on=timezone.localdate(), text="请写明所需文件的年份",
                              actor=handlers["stats"])
    page.goto(live_server.url + "/requests/lookup/")
    page.get_by_label("申请编号").fill(received.number)
    page.get_by_label("查询码").fill("WRONG234")
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("alert").filter(has_text="申请编号或查询码不正确").count() == 1
    page.get_by_label("查询码").fill(received.lookup_code.lower())
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/requests/track/**")
    assert page.get_by_text("请写明所需文件的年份").count() >= 1
    page.get_by_label("补正后的申请内容").fill("2019年发布的《武汉市统计管理办法》")
    page.get_by_role("button", name="在线提交补正").click()
    assert page.get_by_text("补正已提交，受理机关将重新计算答复期限").count() == 1
    assert page.get_by_text("办理中").count() >= 1
    assert page.get_by_text("收到补正后的申请").count() >= 1


def test_staff_ask_another_unit_to_assist_and_refer_another_request(live_server, browser_page, received,
                                                                    file_request, handlers):
    page = browser_page
    other = s.request_receive(request=file_request(submitted=received.received_on), channel="in_person",
                              actor=handlers["stats"], submitted_on=received.received_on)
    _login(page, live_server.url, "stats_clerk", f"/requests/manage/{received.pk}/")
    form = page.locator("form[action$='/assist/']")
    form.get_by_label("协办单位").select_option(label="新洲区人民政府")
    form.get_by_label("征求意见事项").fill("该文件系联合发文，是否同意公开？")
    form.get_by_role("button", name="协办（征求其他机关意见）").click()
    assert page.get_by_text("已协办（征求其他机关意见）").count() == 1
    assert page.get_by_text("新洲区人民政府：该文件系联合发文，是否同意公开？").count() == 1

    _login(page, live_server.url, "district_clerk", "/requests/manage/assists/")
    assert page.get_by_text("该文件系联合发文，是否同意公开？").count() == 1
    assert page.get_by_text("张三丰").count() == 0  # the assisting unit never sees the applicant
    page.get_by_label("协办意见").fill("同意公开")
    page.get_by_role("button", name="答复协办意见").click()
    assert page.get_by_text("已答复协办意见").count() == 1

    _login(page, live_server.url, "stats_clerk", f"/requests/manage/{other.pk}/")
    form = page.locator("form[action$='/refer/']")
    form.get_by_label("负责公开该信息的行政机关").fill("武汉市自然资源和规划局")
    form.get_by_label("该机关的联系方式").fill("027-82776000")
    form.get_by_role("button", name="转办（告知负责公开的机关）").click()
    assert page.get_by_text("已转办（告知负责公开的机关）").count() == 1
    assert page.get_by_text("告知您该政府信息由武汉市自然资源和规划局负责公开").count() == 1


def test_staff_send_a_fee_notice(live_server, browser_page, received):
    page = browser_page
    _login(page, live_server.url, "stats_clerk", f"/requests/manage/{received.pk}/")
    form = page.locator("form[action$='/fee_notice/']")
    form.get_by_label("收费方式").select_option(label="按量计收")
    form.get_by_label("件数（本月累计，含本件）或页数").fill("20")
    form.get_by_label("缴纳方式（未填写时使用受理点的设置）").fill("转账至市财政非税收入账户")
    form.get_by_role("button", name="发出收费通知").click()
    assert page.get_by_text("未超过免费标准，不应收费").count() == 1
    form = page.locator("form[action$='/fee_notice/']")
    form.get_by_label("收费方式").select_option(label="按量计收")
    form.get_by_label("件数（本月累计，含本件）或页数").fill("60")
    form.get_by_label("缴纳方式（未填写时使用受理点的设置）").fill("转账至市财政非税收入账户")
    form.get_by_role("button", name="发出收费通知").click()
    assert page.get_by_text("已发出收费通知").count() == 1
    assert page.get_by_text("武汉市统计局政府信息公开信息处理费收费通知书").count() == 1
    assert page.get_by_text("应缴金额：300元").count() == 1
    assert page.get_by_role("button", name="确认已缴纳信息处理费").count() == 1


def test_evaluator_files_a_mock_request_and_sees_its_score(live_server, browser_page, unit_tree, make_user, handlers):
    from gongkai.disclosure_requests.models import DisclosureRequest

    make_user("mock_evaluator", unit_tree["city"], "evaluator")
    page = browser_page
    _login(page, live_server.url, "mock_evaluator", "/assessment/")
    page.get_by_role("link", name="依申请公开模拟测试：提交测试申请、查看得分").click()
    page.get_by_label("姓名或名称").fill("测评员甲")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("027-85551234")
    page.get_by_label("受理机关").select_option(label="武汉市统计局")
    page.get_by_label("所需信息的名称").fill("2025年统计公报")
    page.get_by_label("电子", exact=True).check()
    page.get_by_label("网上查阅").check()
    page.get_by_label("提交渠道").select_option(label="互联网渠道")
    page.get_by_role("button", name="提交测试申请").click()
    req = DisclosureRequest.objects.get()
    assert page.get_by_text(f"已提交模拟测试申请 {req.number}").count() == 1
    row = page.locator("tr", has_text=req.number)
    assert row.get_by_text("0 / 2").count() == 1 and row.get_by_text("申请未被受理").count() == 1
    s.request_receive(request=req, channel="online", actor=handlers["stats"],
                      confirmed_on=req.submitted_at.date())
    s.request_refer(request=req, agency="武汉市自然资源和规划局", answered_on=req.submitted_at.date(),
                    actor=handlers["stats"])
    page.reload()
    row = page.locator("tr", has_text=req.number)
    assert row.get_by_text("5 / 5").count() == 1
