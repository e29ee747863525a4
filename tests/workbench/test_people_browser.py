"""The office manages units and users in the browser (issue 15; Debian's chromium, JavaScript
off): it adds a unit that handles 依申请公开 requests with its contact data, invites a submitter
of that unit, reads the one-time password, and the new person logs in and lands on their own
workbench after changing it. A submitter sees the 真实性 flags of a draft before submitting it (issue 16)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]


def _login(page, url, username, password="pw-test-123"):
    browser_login(page, url, username, password=password)


def test_office_creates_a_unit_and_a_user_who_logs_in(live_server, wf_people, unit_tree,
                                                      browser_page):
    page = browser_page
    _login(page, live_server.url, "office")
    page.wait_for_url("**/workbench/")
    page.get_by_role("link", name="单位管理").first.click()
    page.get_by_role("link", name="新增单位").click()
    page.get_by_label("单位全称").fill("新洲区政务服务和大数据管理局")
    page.get_by_label("单位代码").fill("011043299")
    page.get_by_label("上级单位").select_option(label="新洲区人民政府")
    page.get_by_label("机关代字").fill("新政数")
    page.get_by_label("联系地址").fill("武汉市新洲区邾城街齐安大道特1号")
    page.get_by_label("联系电话").fill("027-86921234")
    page.get_by_label("办公时间").fill("工作日 9:00—12:00、14:00—17:00")
    assert page.get_by_label("受理依申请公开").is_checked()
    page.get_by_role("button", name="保存").click()
    assert "已新增单位：新洲区政务服务和大数据管理局" in page.locator(".messages").inner_text()
    row = page.get_by_role("row").filter(has_text="新洲区政务服务和大数据管理局")
    assert "受理" in row.inner_text() and "027-86921234" in row.inner_text()

    page.get_by_role("link", name="用户管理").first.click()
    page.get_by_role("link", name="新增用户").click()
    page.get_by_label("登录名").fill("wang_wu")
    page.get_by_label("姓名").fill("王五")
    page.get_by_label("所属单位").select_option(label="新洲区政务服务和大数据管理局")
    page.get_by_label("报送员").check()
    page.get_by_role("button", name="保存").click()
    notice = page.get_by_role("alert").filter(has_text="初始密码")
    assert "只显示这一次" in notice.inner_text()
    password = notice.locator("strong.password").inner_text()
    assert "王五" in page.get_by_role("row").filter(has_text="wang_wu").inner_text()

    _login(page, live_server.url, "wang_wu", password)
    page.wait_for_url("**/accounts/password/")  # the one-time password is changed first
    assert "请先修改密码" in page.locator(".messages").inner_text()
    page.get_by_label("原密码（或公开办告知的初始密码）").fill(password)
    page.get_by_label("新密码", exact=True).fill("Xinzhou-2026-ok")
    page.get_by_label("再次输入新密码").fill("Xinzhou-2026-ok")
    page.get_by_role("button", name="修改密码").click()
    page.wait_for_url("**/workbench/")
    assert "密码已修改" in page.locator(".messages").inner_text()
    assert page.get_by_role("link", name="登记文件").count() == 1
    assert "新洲区政务服务和大数据管理局" in page.locator("main").inner_text()


def test_submitter_sees_authenticity_flags_before_submitting(live_server, wf_people, wf_doc,
                                                            browser_page):
    # (公布 before 成文 is also flagged, but review's date check then asks for a 日期说明 first)
    doc = wf_doc("district", doc_number="武政办〔2025〕7号", written_date="2026-03-02",
                 publish_date="2026-03-04", title="关于做好2026年政务公开工作的通知")
    page = browser_page
    _login(page, live_server.url, "sub_a")
    page.wait_for_url("**/workbench/")
    page.goto(live_server.url + f"/workbench/documents/{doc.pk}/")
    flags = page.get_by_role("alert").filter(has_text="真实性提示")
    text = flags.inner_text()
    assert "发文字号年份2025与成文日期年份2026不一致" in text
    assert "机关代字“武政办”不属于本单位" in text
    assert "标题未写明发文机关" in text
    assert "仍可报送" in text
    page.get_by_role("button", name="报送", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已报送")  # flags never block 报送
