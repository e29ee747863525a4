"""Workbench pages end to end: register by upload, review with return, inbox, gaps, office."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.models import AuditLog
from gongkai.documents.models import Document
from gongkai.review import services

NOTICE = (
    "武汉市人民政府办公厅关于做好2026年政务公开工作的通知\n"
    "武政办〔2026〕15号\n"
    "各区人民政府，市人民政府各部门：\n"
    "现就做好2026年政务公开工作通知如下。\n"
    "武汉市人民政府办公厅\n"
    "2026年3月2日\n"
)


def test_register_by_upload_prefills_then_saves_a_draft(client, wf_people, settings, tmp_path):
    client.force_login(wf_people["submitter_a"])
    upload = SimpleUploadedFile("notice.txt", NOTICE.encode("gb18030"), content_type="text/plain")
    page = client.post("/workbench/documents/new/", {"step": "upload", "file": upload})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="武政办〔2026〕15号"' in html
    assert "做好2026年政务公开工作的通知" in html
    stash = re.search(r'name="upload" value="([^"]+)"', html).group(1)
    assert stash.startswith(f"workbench_uploads/{wf_people['submitter_a'].pk}/")

    # Every field is editable: fix the title, leave the rest as extracted.
    form = {"step": "save", "upload": stash, "title": "关于做好2026年政务公开工作的通知",
            "doc_number": "武政办〔2026〕15号", "issuer_names": "武汉市人民政府办公厅",
            "publish_date": "2026-03-02", "validity": "现行有效", "disclosure": "主动公开",
            "level": "工作文件"}
    saved = client.post("/workbench/documents/new/", form)
    doc = Document.objects.get(doc_number="武政办〔2026〕15号")
    assert saved.status_code == 302 and saved["Location"] == f"/workbench/documents/{doc.pk}/"
    assert doc.state == "draft" and doc.unit == wf_people["submitter_a"].unit
    assert doc.title == "关于做好2026年政务公开工作的通知"
    assert doc.attachments.filter(is_source=True, name="notice.txt").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "这个字段是必填项"),
        ("doc_number", "武政办[2014]", "发文字号"),
        ("publish_date", "2026-02-30", "公布日期"),
        ("disclosure_reason", "", "不予公开须写明理由"),
    ],
)
def test_register_form_shows_errors_beside_the_field(client, wf_people, field, value, message):
    client.force_login(wf_people["submitter_a"])
    form = {"step": "save", "title": "关于印发某某办法的通知", "validity": "现行有效",
            "disclosure": "不予公开" if field == "disclosure_reason" else "主动公开",
            "disclosure_reason": "条例第十四条"}
    form[field] = value
    page = client.post("/workbench/documents/new/", form)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not Document.objects.exists()


def test_unreadable_upload_names_the_file(client, wf_people):
    client.force_login(wf_people["submitter_a"])
    upload = SimpleUploadedFile("broken.pdf", b"%PDF-1.4 garbage", content_type="application/pdf")
    page = client.post("/workbench/documents/new/", {"step": "upload", "file": upload})
    assert page.status_code == 200 and "broken.pdf" in page.content.decode()
    assert not Document.objects.exists()


def test_a_stash_of_another_user_is_ignored(client, wf_people):
    client.force_login(wf_people["submitter_a"])
    form = {"step": "save", "upload": "workbench_uploads/999/x/secret.txt", "title": "标题甲",
            "validity": "现行有效", "disclosure": "主动公开"}
    client.post("/workbench/documents/new/", form)
    assert not Document.objects.get(title="标题甲").attachments.exists()


def test_review_through_pages_with_return_and_inbox(client, wf_people, wf_doc):
    doc = wf_doc(title="关于加强政务公开平台建设的通知")
    client.force_login(wf_people["submitter_a"])
    client.post(f"/workbench/documents/{doc.pk}/act/submit/", {"expected_state": "draft"})
    client.force_login(wf_people["reviewer_a"])
    queue = client.get("/workbench/queue/secrecy/").content.decode()
    assert "关于加强政务公开平台建设的通知" in queue
    empty_reason = client.post(f"/workbench/documents/{doc.pk}/act/return/",
                               {"expected_state": "submitted", "reason": ""}, follow=True)
    assert "“退回”须填写理由" in empty_reason.content.decode()
    client.post(f"/workbench/documents/{doc.pk}/act/return/",
                {"expected_state": "submitted", "reason": "请补充公布日期依据", "next": "https://evil.example/"})
    assert Document.objects.get(pk=doc.pk).state == "draft"

    client.force_login(wf_people["submitter_a"])
    inbox = client.get("/workbench/inbox/").content.decode()
    assert "退回" in inbox and "请补充公布日期依据" in inbox
    detail = client.get(f"/workbench/documents/{doc.pk}/").content.decode()
    assert "已被退回" in detail and "请补充公布日期依据" in detail


def test_second_reviewer_on_a_stale_page_gets_a_clear_message(client, wf_people, wf_doc):
    doc = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    services.review_secrecy_pass(document=doc, actor=wf_people["reviewer_a"])
    client.force_login(wf_people["reviewer2_a"])
    page = client.post(f"/workbench/documents/{doc.pk}/act/secrecy_pass/",
                       {"expected_state": "submitted"}, follow=True)
    assert "该文件已被他人处理" in page.content.decode()
    assert AuditLog.objects.filter(action="review_secrecy_pass").count() == 1


def test_edit_draft_per_field_error_and_save(client, wf_people, wf_doc):
    doc = wf_doc()
    client.force_login(wf_people["submitter_a"])
    form = {"title": doc.title, "doc_number": "新政〔2026〕77号", "validity": "现行有效",
            "disclosure": "主动公开", "expiry_date": "2020-01-01", "publish_date": "2026-09-25"}
    bad = client.post(f"/workbench/documents/{doc.pk}/edit/", form)
    assert "有效期至 早于 公布日期" in bad.content.decode()
    form["expiry_date"] = ""
    assert client.post(f"/workbench/documents/{doc.pk}/edit/", form).status_code == 302
    assert Document.objects.get(pk=doc.pk).doc_number == "新政〔2026〕77号"


def test_gap_annotation_is_saved_and_shown_to_the_office(client, wf_people, wf_doc, unit_tree):
    for serial in (151, 153):
        wf_doc(serial=serial)
    client.force_login(wf_people["submitter_a"])
    page = client.get("/workbench/gaps/").content.decode()
    assert "新政〔2026〕" in page and 'name="serials" value="152"' in page
    client.post("/workbench/gaps/", {"unit": unit_tree["district"].pk, "doc_prefix": "新政",
                                     "year": 2026, "serials": [152], "kind": "作废",
                                     "reason": "号码已占用，文件未印发"})
    client.force_login(wf_people["office"])
    assert "号码已占用，文件未印发" in client.get("/workbench/gaps/").content.decode()
    office = client.get("/workbench/office/").content.decode()
    assert "新洲区人民政府" in office


def test_unit_b_cannot_annotate_unit_a_gaps(client, wf_people, wf_doc, unit_tree):
    for serial in (1, 3):
        wf_doc(serial=serial)
    client.force_login(wf_people["submitter_b"])
    response = client.post("/workbench/gaps/", {"unit": unit_tree["district"].pk, "doc_prefix": "新政",
                                                "year": 2026, "serials": [2], "kind": "作废", "reason": "x"})
    assert response.status_code == 404


def test_gaps_are_explained_in_ranges_and_in_bulk(client, wf_people, wf_doc, unit_tree):
    from gongkai.review.models import GapNote

    for serial in (1, 210):
        wf_doc(serial=serial)
    client.force_login(wf_people["submitter_a"])
    page = client.get("/workbench/gaps/").content.decode()
    assert "2–209" in page and ">208<" in page  # the short list: the range and its count
    response = client.post("/workbench/gaps/", {
        "unit": unit_tree["district"].pk, "doc_prefix": "新政", "year": 2026,
        "serials": [2, 3], "ranges": "10-200、205～209号", "kind": "涉密文件",
        "reason": "涉密文件另行管理"})
    assert response.status_code == 302
    from urllib.parse import unquote

    assert unquote(response["Location"]).endswith(f"?year=2026#series-{unit_tree['district'].pk}-2026-新政")
    assert GapNote.objects.filter(kind="涉密文件").count() == 2 + 191 + 5
    page = client.get("/workbench/gaps/?year=2026").content.decode()
    assert "未说明 10 个" in page  # 4–9 and 201–204 remain


def test_a_bad_range_or_a_serial_that_is_no_gap_changes_nothing(client, wf_people, wf_doc, unit_tree):
    from gongkai.review.models import GapNote

    for serial in (1, 5):
        wf_doc(serial=serial)
    client.force_login(wf_people["submitter_a"])
    base = {"unit": unit_tree["district"].pk, "doc_prefix": "新政", "year": 2026,
            "kind": "作废", "reason": "未印发"}
    page = client.post("/workbench/gaps/", {**base, "ranges": "2-x"}).content.decode()
    assert "“2-x” 不是序号或序号范围" in page
    page = client.post("/workbench/gaps/", {**base, "ranges": "2-5"}).content.decode()
    assert "新政〔2026〕5号 不是本单位的缺号" in page
    assert GapNote.objects.count() == 0


def test_gaps_filter_by_year(client, wf_people, wf_doc):
    for number in ("新政〔2025〕1号", "新政〔2025〕3号", "新政〔2026〕1号", "新政〔2026〕4号"):
        wf_doc(doc_number=number)
    client.force_login(wf_people["submitter_a"])
    page = client.get("/workbench/gaps/?year=2025").content.decode()
    assert "新政〔2025〕" in page and "新政〔2026〕" not in page


def test_late_items_are_marked(client, wf_people, wf_doc):
    wf_doc(title="逾期未报送的文件", publish_date="2026-01-05")
    client.force_login(wf_people["submitter_a"])
    home = client.get("/workbench/").content.decode()
    assert "逾期未报送的文件" in home and 'class="late"' in home
    listing = client.get("/workbench/documents/").content.decode()
    assert "已逾期" in listing


def test_document_list_query_count_does_not_grow_with_rows(client, wf_people, wf_doc,
                                                           django_assert_max_num_queries):
    for _ in range(15):
        wf_doc()
    client.force_login(wf_people["submitter_a"])
    with django_assert_max_num_queries(12):
        assert client.get("/workbench/documents/").status_code == 200


def test_publication_queue_query_count_does_not_grow_with_rows(client, wf_people, wf_doc,
                                                               django_assert_max_num_queries):
    for _ in range(12):
        doc = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
        doc = services.review_secrecy_pass(document=doc, actor=wf_people["reviewer_a"])
        services.review_approve(document=doc, actor=wf_people["approver_a"], responsible="王主任")
    client.force_login(wf_people["office"])
    # 15: one is the session save that moves the idle timeout on (SESSION_SAVE_EVERY_REQUEST)
    with django_assert_max_num_queries(17):
        page = client.get("/workbench/queue/publication/")
    assert page.status_code == 200 and page.content.decode().count("act/publish/") == 12
