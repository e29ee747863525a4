"""真实性 checks are shown to the submitter before 报送 (issue 16): on the registration form,
the draft's page and the edit form; submitting stays allowed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _draft(wf_doc, **kw):
    return wf_doc("district", **kw)


def test_draft_page_lists_each_finding(client, wf_people, wf_doc):
    doc = _draft(wf_doc, doc_number="武政办〔2025〕7号", written_date="2026-03-02",
                 publish_date="2026-03-01", title="关于做好2026年政务公开工作的通知")
    client.force_login(wf_people["submitter_a"])
    page = client.get(f"/workbench/documents/{doc.pk}/").content.decode()
    assert "真实性提示" in page
    assert "发文字号年份2025与成文日期年份2026不一致" in page
    assert "公布日期2026-03-01早于成文日期2026-03-02" in page
    assert "机关代字“武政办”不属于本单位（本单位：新政、新政办）" in page
    assert "标题未写明发文机关" in page


def test_clean_draft_shows_no_flag(client, wf_people, wf_doc):
    doc = _draft(wf_doc, doc_number="新政办〔2026〕3号", written_date="2026-03-02",
                 publish_date="2026-03-05", title="新洲区人民政府办公室关于印发某方案的通知")
    client.force_login(wf_people["submitter_a"])
    assert "真实性提示" not in client.get(f"/workbench/documents/{doc.pk}/").content.decode()


def test_flagged_draft_can_still_be_submitted(client, wf_people, wf_doc):
    doc = _draft(wf_doc, doc_number="新政办〔2025〕3号", written_date="2026-03-02")
    client.force_login(wf_people["submitter_a"])
    response = client.post(f"/workbench/documents/{doc.pk}/act/submit/", {})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.state == "submitted"
    # once submitted, the page no longer nags the reviewers with the submitter's hint
    client.force_login(wf_people["secrecy_a"])
    assert "真实性提示" not in client.get(f"/workbench/documents/{doc.pk}/").content.decode()


def test_manual_registration_form_flags_before_saving(client, wf_people):
    client.force_login(wf_people["submitter_a"])
    response = client.post("/workbench/documents/new/", {
        "step": "save", "title": "关于印发某方案的通知", "doc_number": "新政〔2025〕1号",
        "written_date": "2026-01-05", "publish_date": "2026-01-06", "disclosure": "主动公开",
        "validity": "现行有效", "level": "地方规范性文件", "confirm_duplicate": "",
    })
    # saved as a draft (flags never block) and the draft page shows the flags
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response["Location"]).content.decode()
    assert "发文字号年份2025与成文日期年份2026不一致" in page


def test_upload_preview_flags_the_extracted_metadata(client, wf_people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = ("武汉市人民政府办公厅关于做好政务公开工作的通知\n武政办〔2024〕12号\n"
            "各区人民政府：现将有关事项通知如下。\n武汉市人民政府办公厅\n2025年3月3日\n")
    client.force_login(wf_people["submitter_a"])
    response = client.post("/workbench/documents/new/", {
        "step": "upload", "file": SimpleUploadedFile("通知.txt", text.encode("utf-8"))})
    page = response.content.decode()
    assert response.status_code == 200 and "真实性提示" in page
    assert "机关代字“武政办”不属于本单位" in page
