"""The review posts in a real browser (Debian's chromium, no JavaScript): a submitter registers
a document without a 公布日期, is warned about a 发文字号 the unit already has, adds and replaces
its attachment and submits; the 保密审查员 downloads exactly that file and passes it; the old
two-post reviewer cannot also approve it; the 审核批准人 approves naming the 负责人; the
信息发布员 publishes and the 公布日期 is filled. A never-submitted draft is deleted."""

from __future__ import annotations

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


def _login(page, url, username):
    browser_login(page, url, username, "/workbench/")


def _messages(page) -> str:
    return page.locator(".messages").inner_text()


def test_four_posts_four_people(live_server, wf_people, wf_doc, browser_page, tmp_path):
    from django.utils import timezone

    from gongkai.documents.models import Document

    wf_doc(doc_number="新政办〔2026〕40号", title="新洲区人民政府办公室关于已登记文件的通知")
    page = browser_page
    first = tmp_path / "实施方案.txt"
    first.write_bytes("初稿".encode())
    final = tmp_path / "实施方案（定稿）.txt"
    final.write_bytes("第一条 定稿内容".encode())

    _login(page, live_server.url, "sub_a")
    page.get_by_role("link", name="登记文件", exact=True).click()
    page.get_by_role("link", name="没有电子文件？手工填写").click()
    page.get_by_label("标题").fill("新洲区人民政府办公室关于印发防汛实施方案的通知")
    page.get_by_label("发文字号").fill("新政办[2026]40号")
    page.get_by_role("button", name="保存为草稿").click()
    warning = page.locator(".warnings")
    assert "本单位已有同一发文字号的文件" in warning.inner_text()
    assert warning.get_by_role("link", name="新政办〔2026〕40号 新洲区人民政府办公室关于已登记文件的通知").count() == 1
    page.get_by_label("发文字号").fill("新政办〔2026〕41号")
    page.get_by_role("button", name="保存为草稿").click()
    assert _messages(page).startswith("已登记为草稿")

    page.get_by_label("添加附件").set_input_files(str(first))
    page.get_by_role("button", name="上传附件").click()
    assert "已添加附件：实施方案.txt" in _messages(page)
    page.get_by_label("替换为").set_input_files(str(final))
    page.get_by_role("button", name="替换 实施方案.txt").click()
    assert "已替换附件：实施方案（定稿）.txt" in _messages(page)
    page.get_by_role("button", name="报送", exact=True).click()
    assert _messages(page).startswith("已报送")
    assert page.get_by_role("button", name="上传附件").count() == 0  # files are fixed now

    _login(page, live_server.url, "sec_a")
    nav = page.get_by_role("navigation", name="工作台导航")
    assert nav.get_by_role("link", name="审核批准").count() == 0  # not this person's post
    nav.get_by_role("link", name="保密审查").click()
    page.get_by_role("link", name="新洲区人民政府办公室关于印发防汛实施方案的通知").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 实施方案（定稿）.txt").click()
    assert open(download.value.path(), "rb").read() == final.read_bytes()
    page.get_by_role("button", name="保密审查通过").click()
    assert "已保密审查通过" in _messages(page)

    doc = Document.objects.get(doc_number="新政办〔2026〕41号")
    from gongkai.review import services

    # The old reviewer role holds both posts; it passes another document and may not approve it.
    other = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    services.review_secrecy_pass(document=other, actor=wf_people["reviewer_a"])
    _login(page, live_server.url, "rev_a")
    page.goto(f"{live_server.url}/workbench/documents/{other.pk}/")
    page.locator("summary", has_text="审核批准").click()
    page.get_by_role("button", name="审核批准").click()
    assert "同一人不能办理同一文件的相邻两个环节" in _messages(page)
    assert Document.objects.get(pk=other.pk).state == "secrecy_cleared"

    _login(page, live_server.url, "appr_a")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="审核批准").click()
    row = page.locator("tr", has_text="防汛实施方案")
    row.locator("summary", has_text="审核批准").click()
    row.get_by_label("批准的负责人").fill("王主任")
    row.get_by_role("button", name="审核批准").click()
    assert "已审核批准" in _messages(page)

    _login(page, live_server.url, "pub_a")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="信息发布").click()
    page.locator("tr", has_text="防汛实施方案").get_by_role("button", name="发布").click()
    assert "已发布" in _messages(page)
    page.goto(f"{live_server.url}/workbench/documents/{doc.pk}/")
    today = timezone.localdate().isoformat()
    history = page.locator("table.history").inner_text()
    assert "负责人：王主任" in history and f"公布日期按发布当日填为 {today}" in history
    assert page.locator("dt:has-text('公布日期') + dd").inner_text() == today


def test_a_never_submitted_draft_is_deleted(live_server, wf_people, wf_doc, browser_page):
    from gongkai.documents.models import Document

    doc = wf_doc(title="新洲区误登记的草稿")
    page = browser_page
    _login(page, live_server.url, "sub_a")
    page.goto(f"{live_server.url}/workbench/documents/{doc.pk}/")
    page.locator("summary", has_text="删除草稿").click()
    page.get_by_role("button", name="确认删除草稿").click()
    assert "已删除草稿：新洲区误登记的草稿" in _messages(page)
    assert not Document.objects.filter(pk=doc.pk).exists()
