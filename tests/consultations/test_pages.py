"""Pages of 征求意见: public list, detail, comment form with its spam guards, feedback page and
DOCX, feed, catalogue; the workbench pages, exports and the denied cases."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from gongkai.consultations import services


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    from django.core.cache import cache

    cache.clear()  # the per-address rate limit lives in the cache
    settings.CONSULTATION_FORM_MIN_SECONDS = 0
    settings.CONSULTATION_FORM_RATE = 100


def _started():
    from gongkai.consultations.forms import form_started_token

    return form_started_token()


def test_public_list_shows_published_only(client, make_consultation):
    shown = make_consultation(title="武汉市统计数据发布管理办法（征求意见稿）")
    make_consultation(publish=False, title="尚未发布的草案")
    html = client.get("/consultations/").content.decode()
    assert shown.title in html and "尚未发布的草案" not in html
    assert "征求意见中" in html
    assert client.get(f"/consultations/{shown.pk + 1}/").status_code == 404


def test_detail_shows_period_channels_reason_and_form(client, make_consultation, today):
    c = make_consultation(end=today + timedelta(days=14), reason="国家要求年内出台，时间紧迫")
    html = client.get(f"/consultations/{c.pk}/").content.decode()
    assert "共 15 天" in html and "国家要求年内出台，时间紧迫" in html
    assert "tj@example.gov.cn" in html and "信函" in html
    assert "起草说明" in html and "发表意见" in html


def test_comment_without_account_then_hidden_until_close(client, make_consultation):
    c = make_consultation(moderation="post", visibility="after_close")
    response = client.post(f"/consultations/{c.pk}/comment/", {
        "body": "建议第二条明确适用于开发区。", "name": "张三", "contact": "13900000000",
        "started": _started(), "website": ""}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "您的意见已提交（第1条）" in html
    assert "公众意见在征求意见结束后公开" in html
    assert "张三" not in html and "13900000000" not in html


def test_immediate_visibility_shows_published_comment_but_never_name_or_private(client, make_consultation):
    c = make_consultation(moderation="post", visibility="immediate")
    for body, private in (("公开的意见内容", False), ("不公开的意见内容", True)):
        client.post(f"/consultations/{c.pk}/comment/", {"body": body, "name": "李四", "is_private": private or "",
                                                       "started": _started()})
    html = client.get(f"/consultations/{c.pk}/").content.decode()
    assert "公开的意见内容" in html and "不公开的意见内容" not in html and "李四" not in html


def test_honeypot_and_fast_submission_are_refused(client, make_consultation, settings):
    c = make_consultation()
    r = client.post(f"/consultations/{c.pk}/comment/", {"body": "x", "website": "http://spam", "started": _started()})
    assert r.status_code == 400 and "提交未通过校验" in r.content.decode()
    settings.CONSULTATION_FORM_MIN_SECONDS = 60
    r = client.post(f"/consultations/{c.pk}/comment/", {"body": "x", "started": _started()})
    assert r.status_code == 400 and "提交过快" in r.content.decode()
    assert not c.comments.exists()


def test_rate_limit_per_address(client, make_consultation, settings):
    settings.CONSULTATION_FORM_RATE = 2
    c = make_consultation()
    codes = [client.post(f"/consultations/{c.pk}/comment/", {"body": f"意见{i}", "started": _started()}).status_code
             for i in range(3)]
    assert codes == [302, 302, 429]


def test_empty_comment_names_the_field(client, make_consultation):
    c = make_consultation()
    r = client.post(f"/consultations/{c.pk}/comment/", {"body": "", "started": _started()})
    assert r.status_code == 400 and "请填写意见内容" in r.content.decode()


def _decide_all(c, actor):
    view = services.view_save(actor=actor, consultation=c, summary="扩大适用范围")
    services.comments_assign(actor=actor, consultation=c, comment_ids=list(c.comments.values_list("pk", flat=True)),
                             view=view)
    services.view_decide(actor=actor, view=view, decision="not_adopted", reason="超出本办法调整范围")
    return services.feedback_publish(actor=actor, consultation=c)


def test_feedback_page_and_docx(client, closed_consultation, people):
    c = closed_consultation
    assert client.get(f"/consultations/{c.pk}/feedback/").status_code == 404
    _decide_all(c, people["submitter"])
    html = client.get(f"/consultations/{c.pk}/feedback/").content.decode()
    assert "共收到意见3条（网上1条，信函1条，电子邮件1条）" in html
    assert "超出本办法调整范围" in html and "不予采纳" in html
    r = client.get(f"/consultations/{c.pk}/feedback.docx")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "公开征求意见采纳情况的说明" in text and "超出本办法调整范围" in text


def test_feed_lists_consultations(client, make_consultation):
    c = make_consultation()
    xml = client.get("/consultations/feed.atom").content.decode()
    assert c.title in xml and f"/consultations/{c.pk}/" in xml


def test_workbench_requires_login_and_role(client, people, make_consultation):
    c = make_consultation()
    assert client.get("/consultations/manage/").status_code == 302
    client.force_login(people["reviewer"])
    assert client.get("/consultations/manage/").status_code == 403
    client.force_login(people["other"])  # submitter of another unit
    assert client.get(f"/consultations/manage/{c.pk}/").status_code == 404
    assert client.post(f"/consultations/manage/{c.pk}/publish/").status_code == 404


def test_workbench_create_with_upload_then_publish(client, people):
    from docx import Document

    doc = Document()
    doc.add_paragraph("武汉市统计数据发布管理办法（征求意见稿）")
    doc.add_paragraph("第一条 为了规范统计数据发布，制定本办法。")
    buf = io.BytesIO()
    doc.save(buf)
    buf.name = "draft.docx"
    buf.seek(0)
    client.force_login(people["submitter"])
    from django.utils import timezone

    today = timezone.localdate()
    r = client.post("/consultations/manage/new/", {
        "kind": "major_decision", "file": buf, "explanation": "起草说明……",
        "start_date": today.isoformat(), "end_date": (today + timedelta(days=9)).isoformat(),
        "channels": ["online", "fax"], "address_fax": "027-1234567", "moderation": "pre",
        "visibility": "after_close"})
    assert r.status_code == 400
    assert "缩短期限须填写理由" in r.content.decode(), r.context["form"].errors
    buf.seek(0)
    r = client.post("/consultations/manage/new/", {
        "kind": "major_decision", "file": buf, "explanation": "起草说明……",
        "start_date": today.isoformat(), "end_date": (today + timedelta(days=29)).isoformat(),
        "channels": ["online", "fax"], "address_fax": "027-1234567", "moderation": "pre",
        "visibility": "after_close"})
    assert r.status_code == 302
    from gongkai.consultations.models import Consultation

    c = Consultation.objects.get()
    assert c.title == "武汉市统计数据发布管理办法（征求意见稿）"
    r = client.post(f"/consultations/manage/{c.pk}/publish/", follow=True)
    assert "须经保密审查和审核后发布" in r.content.decode()  # a submitter goes through review
    client.force_login(people["office"])
    r = client.post(f"/consultations/manage/{c.pk}/publish/", follow=True)
    assert "已发布征求意见" in r.content.decode()


def test_export_neutralises_formulas(client, make_consultation, people):
    from openpyxl import load_workbook

    c = make_consultation(moderation="post")
    services.comment_submit(consultation=c, body="=HYPERLINK(\"http://evil\",\"点我\")")
    services.comment_submit(consultation=c, body="@SUM(1)")
    client.force_login(people["submitter"])
    r = client.get(f"/consultations/manage/{c.pk}/comments.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    bodies = [row[5] for row in ws.iter_rows(min_row=3, values_only=True)]
    assert bodies == ["'=HYPERLINK(\"http://evil\",\"点我\")", "'@SUM(1)"]
    csv_text = client.get(f"/consultations/manage/{c.pk}/comments.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "意见内容" in csv_text


def test_workbench_feedback_refused_with_reasons_listed(client, closed_consultation, people):
    client.force_login(people["submitter"])
    c = closed_consultation
    r = client.post(f"/consultations/manage/{c.pk}/feedback/", {"summary": ""}, follow=True)
    assert "尚不能公布反馈情况" in r.content.decode()
    r = client.post(f"/consultations/manage/{c.pk}/view/", {"summary": "适用范围"}, follow=True)
    view = c.views.get()
    r = client.post(f"/consultations/manage/{c.pk}/assign/", {"comments": "1-3", "view": view.pk}, follow=True)
    assert "已将3条意见归入主要观点" in r.content.decode()
    r = client.post(f"/consultations/manage/{c.pk}/assign/", {"comments": "9", "view": view.pk}, follow=True)
    assert "意见序号 9 不存在" in r.content.decode()
    client.post(f"/consultations/manage/{c.pk}/decide/", {"view": view.pk, "decision": "adopted", "reason": ""})
    r = client.post(f"/consultations/manage/{c.pk}/feedback/", {"summary": ""}, follow=True)
    assert "已公布意见反馈情况" in r.content.decode()


def test_catalogue_public_page_lists_items_with_links(client, people, unit_tree, make_consultation):
    actor = people["submitter"]
    catalog = services.catalog_save(actor=actor, unit=unit_tree["stats"], year=2026)
    item = services.decision_item_save(actor=actor, catalog=catalog, title="制定统计数据发布管理办法",
                                       lead_unit_name="市统计局", planned_time="2026年第四季度")
    assert client.get(f"/consultations/catalogs/{catalog.pk}/").status_code == 404  # not published
    services.catalog_publish(actor=actor, catalog=catalog)
    c = make_consultation(item=item)
    html = client.get(f"/consultations/catalogs/{catalog.pk}/").content.decode()
    assert "制定统计数据发布管理办法" in html and f"/consultations/{c.pk}/" in html and "征求意见中" in html


def test_list_page_query_count_does_not_grow(client, make_consultation, django_assert_max_num_queries):
    for i in range(3):
        make_consultation(title=f"草案{i}")
    with django_assert_max_num_queries(12):
        client.get("/consultations/")
    for i in range(3, 8):
        make_consultation(title=f"草案{i}")
    with django_assert_max_num_queries(12):
        client.get("/consultations/")


def test_public_api_lists_consultations_and_feedback_without_names(client, closed_consultation, people,
                                                                    make_consultation):
    open_one = make_consultation(title="开放中的草案")
    rows = client.get("/api/v1/consultations?phase=open").json()
    assert [r["title"] for r in rows] == ["开放中的草案"]
    assert rows[0]["phase_label"] == "征求意见中" and rows[0]["days"] == 30
    assert {"channel": "电子邮件", "address": "tj@example.gov.cn"} in rows[0]["channels"]
    c = closed_consultation
    assert client.get(f"/api/v1/consultations/{c.pk}/feedback").status_code == 404
    _decide_all(c, people["submitter"])
    fb = client.get(f"/api/v1/consultations/{c.pk}/feedback").json()
    assert fb["total"] == 3 and fb["by_channel"] == {"网上": 1, "信函": 1, "电子邮件": 1}
    assert fb["views"][0]["decision"] == "不予采纳" and fb["views"][0]["comment_numbers"] == [1, 2, 3]
    assert open_one.pk != c.pk
