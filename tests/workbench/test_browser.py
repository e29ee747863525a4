"""The back office in a real browser (Debian's chromium, no JavaScript): a submitter registers
a document by uploading its file and submits it; a reviewer returns it with a reason from the
secrecy-review queue; the submitter reads the reason in the inbox."""

from __future__ import annotations

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing

NOTICE = (
    "新洲区人民政府办公室关于印发2026年政务公开工作要点的通知\n新政办〔2026〕8号\n"
    "各街道办事处，区政府各部门：\n现将要点印发给你们。\n新洲区人民政府办公室\n2026年4月1日\n"
)


def _login(page, url, username):
    browser_login(page, url, username, "/workbench/")


def test_register_submit_return_and_read_the_reason(live_server, wf_people, browser_page, tmp_path):
    from gongkai.documents.models import Document

    page = browser_page
    upload = tmp_path / "yaodian.txt"
    upload.write_bytes(NOTICE.encode("gb18030"))

    _login(page, live_server.url, "sub_a")
    page.get_by_role("link", name="登记文件").click()
    page.get_by_label("文件").set_input_files(str(upload))
    page.get_by_role("button", name="上传并提取").click()
    assert page.get_by_label("发文字号").input_value() == "新政办〔2026〕8号"
    page.get_by_label("标题").fill("关于印发新洲区2026年政务公开工作要点的通知")
    page.get_by_role("button", name="保存为草稿").click()
    page.get_by_role("button", name="报送").click()
    assert page.locator(".messages").inner_text().startswith("已报送")

    _login(page, live_server.url, "rev_a")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="保密审查").click()
    row = page.locator("tr", has_text="新洲区2026年政务公开工作要点")
    row.locator("summary", has_text="退回").click()
    row.get_by_label("退回理由").fill("请补充附件")
    row.get_by_role("button", name="退回").click()
    assert "已退回" in page.locator(".messages").inner_text()
    assert Document.objects.get(doc_number="新政办〔2026〕8号").state == "draft"

    _login(page, live_server.url, "sub_a")
    page.get_by_role("link", name="消息", exact=True).click()
    assert page.locator("tr", has_text="请补充附件").count() == 1
