"""征求意见 in a real browser (Debian's chromium, no JavaScript).

The citizen finds an open consultation, comments without an account, and after the close reads
the feedback that answers the comment. The unit registers a consultation by uploading its
draft, publishes it, receives an online comment and a letter, moderates, and after the close
groups the comments, decides, publishes the feedback and links the final document."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser]  # skipped, with how to install, where chromium is missing


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    from django.core.cache import cache

    cache.clear()
    settings.CONSULTATION_FORM_MIN_SECONDS = 0


def _close(consultation, days_ago: int = 1):
    """Time passes: the period ended `days_ago` days ago (the phase is computed from dates)."""
    from gongkai.consultations.models import Consultation

    end = consultation.end_date.__class__.today() - timedelta(days=days_ago)
    Consultation.objects.filter(pk=consultation.pk).update(start_date=end - timedelta(days=29), end_date=end)
    consultation.refresh_from_db()


def _login(page, url, username):
    browser_login(page, url, username, "/consultations/manage/")


def test_citizen_finds_comments_and_later_reads_the_feedback(live_server, browser_page, make_consultation, people):
    from gongkai.consultations import services
    from gongkai.consultations.models import Comment

    page = browser_page
    c = make_consultation(moderation="pre", visibility="after_close")
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="征求意见").click()
    page.get_by_role("link", name="征求意见中").click()
    page.get_by_role("link", name=c.title).click()
    assert page.get_by_text("征求意见中", exact=True).count() == 1
    assert page.get_by_role("heading", name="起草说明").count() == 1

    page.get_by_label("意见内容", exact=True).fill("建议第二条明确适用于开发区管委会。")
    page.get_by_label("针对的条款（可选）").fill("第二条")
    page.get_by_label("姓名或单位（可选，不公开）").fill("张三")
    page.get_by_role("button", name="提交意见").click()
    assert "您的意见已提交（第1条），经审核后按规定公开" in page.locator(".messages").inner_text()
    assert "张三" not in page.content()
    comment = Comment.objects.get()
    assert (comment.status, comment.channel, comment.name) == ("pending", "online", "张三")

    # the unit moderates; the period ends; the unit decides and publishes the feedback
    actor = people["submitter"]
    services.comment_moderate(actor=actor, comment=comment, publish=True)
    _close(c)
    view = services.view_save(actor=actor, consultation=c, summary="扩大适用范围至开发区")
    services.comments_assign(actor=actor, consultation=c, comment_ids=[comment.pk], view=view)
    services.view_decide(actor=actor, view=view, decision="partly", reason="开发区管委会参照执行，已在第二条写明。")
    services.feedback_publish(actor=actor, consultation=c)

    page.goto(live_server.url + "/consultations/?phase=feedback")
    page.locator("tr", has_text=c.title).get_by_role("link", name="查看反馈").click()
    body = page.locator("main").inner_text()
    assert "征求意见期间共收到意见1条（网上1条），归纳为1个主要观点；其中部分采纳1条。" in body
    assert "开发区管委会参照执行，已在第二条写明。" in body
    assert "张三" not in page.content()


def _draft_docx(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("武汉市统计数据发布管理办法（征求意见稿）")
    doc.add_paragraph("第一条 为了规范统计数据发布，根据《中华人民共和国统计法》，制定本办法。")
    doc.add_paragraph("第二条 本办法适用于本市各级统计机构发布统计数据。")
    path = tmp_path / "draft.docx"
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def _review_and_publish(c, people):
    """The reviewers' steps (their own browser journey is tested in tests/workbench)."""
    from gongkai.core.services import user_save
    from gongkai.documents.models import Document
    from gongkai.review import services as review

    approver = user_save(username="cs_rev2", unit=c.unit, roles=["reviewer"], password="pw-test-123")
    review.review_secrecy_pass(document=Document.objects.get(pk=c.draft_id), actor=people["reviewer"])
    review.review_approve(document=Document.objects.get(pk=c.draft_id), actor=approver,
                          responsible="王主任")
    review.document_publish(document=Document.objects.get(pk=c.draft_id), actor=people["reviewer"])


def test_unit_runs_a_consultation_end_to_end(live_server, browser_page, people, publish_document, tmp_path):
    from django.utils import timezone

    from gongkai.consultations import services
    from gongkai.consultations.models import Consultation

    page = browser_page
    today = timezone.localdate()
    _login(page, live_server.url, "cs_sub")
    page.get_by_role("link", name="登记征求意见").click()
    page.get_by_label("类别").select_option(label="重大行政决策")
    page.get_by_label("征求意见稿文件（docx、pdf、txt、html）").set_input_files(str(_draft_docx(tmp_path)))
    page.get_by_label("起草说明").fill("为规范统计数据发布，市统计局起草了本办法。")
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("截止日期").fill((today + timedelta(days=19)).isoformat())
    page.get_by_label("网上", exact=True).check()
    page.get_by_label("信函", exact=True).check()
    page.get_by_label("通信地址（信函）").fill("武汉市江岸区某路1号 市统计局法规处")
    page.get_by_role("button", name="保存").click()
    # 20 days for a major decision without a reason: refused, naming the rule
    assert "少于重大行政决策的30天" in page.locator("main").inner_text()
    assert not Consultation.objects.exists()
    page.get_by_label("征求意见稿文件（docx、pdf、txt、html）").set_input_files(str(_draft_docx(tmp_path)))
    page.get_by_label("缩短征求意见期限的理由（少于规定期限时必填，随公告公开）").fill("国家统计局要求年底前出台，时间紧迫")
    page.get_by_role("button", name="保存").click()
    assert "已登记征求意见《武汉市统计数据发布管理办法（征求意见稿）》" in page.locator(".messages").inner_text()
    # a submitter cannot publish directly: the draft goes through 报送 → 保密审查 → 审核 → 发布
    assert page.get_by_role("button", name="发布征求意见").count() == 0
    assert "须经保密审查和审核后发布" in page.locator("main").inner_text()
    c = Consultation.objects.get()
    page.get_by_role("link", name=c.draft.title).click()
    page.get_by_role("button", name="报送").click()
    assert page.locator(".messages").inner_text().startswith("已报送")
    _review_and_publish(c, people)
    c.refresh_from_db()
    assert c.published_at is not None  # followed its draft
    page.goto(live_server.url + f"/consultations/manage/{c.pk}/")
    assert page.get_by_text("征求意见中", exact=True).count() == 1

    # an online comment arrives; a letter is entered by hand
    services.comment_submit(consultation=c, body="建议增加数据发布日历。")
    page.reload()
    row = page.locator("tr#comment-1")
    row.get_by_role("button", name="通过").click()
    assert "已通过第1条意见" in page.locator(".messages").inner_text()
    page.get_by_label("途径").select_option(label="信函")
    page.get_by_label("收到日期").fill(today.isoformat())
    page.get_by_label("意见内容", exact=True).fill("来信：建议明确统计数据更正程序。")
    page.get_by_role("button", name="录入意见").click()
    assert "已录入第2条意见" in page.locator(".messages").inner_text()

    _close(c)
    page.reload()
    page.get_by_label("主要观点", exact=True).fill("完善发布程序（发布日历、更正）")
    page.get_by_role("button", name="添加主要观点").click()
    page.get_by_role("button", name="公布反馈情况").click()
    assert "第1条意见尚未归入主要观点" in page.locator(".messages").inner_text()
    page.get_by_label("意见序号（如 1、3、5-8）").fill("1-2")
    page.get_by_role("button", name="归入").click()
    assert "已将2条意见归入主要观点" in page.locator(".messages").inner_text()
    page.get_by_label("采纳情况").select_option(label="部分采纳")
    page.get_by_label("理由或说明").fill("发布日历已采纳；更正程序按统计法执行，不再重复规定。")
    page.get_by_role("button", name="保存决定").click()
    page.get_by_role("button", name="公布反馈情况").click()
    assert "已公布意见反馈情况" in page.locator(".messages").inner_text()

    final = publish_document("stats", title="武汉市统计数据发布管理办法")
    page.reload()
    page.get_by_label("正式决策文件（已发布）").select_option(label=str(final))
    page.get_by_role("button", name="关联正式文件").click()
    assert "已关联正式决策文件" in page.locator(".messages").inner_text()

    page.goto(live_server.url + f"/documents/{final.pk}/")
    assert "本文件制定过程中公开征求了意见" in page.locator("main").inner_text()
    page.get_by_role("link", name="意见采纳情况").click()
    assert "部分采纳" in page.locator("main").inner_text()
