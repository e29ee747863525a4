"""The whole flow: public form → receipt → 补正 → extension → answer → letter, through the
real views and services."""

import io
import re
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from docx import Document as DocxDocument

from gongkai.core.models import AuditLog
from gongkai.disclosure_requests.models import DisclosureRequest

from .conftest import form_post_data

D = date.fromisoformat


def _track_url(response):
    return response["Location"]


def test_public_form_renders_every_article_29_field(client, unit_tree):
    response = client.get("/requests/new/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["申请人类型", "姓名或名称", "证件类型", "证件号码", "联系电话", "通信地址", "电子邮箱",
                  "受理机关", "所需信息的名称", "文号", "所需信息的内容描述", "信息的提供形式", "获取信息的方式",
                  "商业企业", "科研机构", "社会公益组织", "法律服务机构", "纸质", "电子", "邮寄", "自行领取",
                  "武汉市统计局"]:
        assert label in html, label
    assert 'name="website"' in html and 'name="started"' in html


def test_whole_flow_from_form_to_letter(client, unit_tree, handlers, monkeypatch,
                                        django_capture_on_commit_callbacks):
    # the applicant files on 2026-09-17 (the test must not depend on today's date)
    filed = datetime(2026, 9, 17, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: filed)
    response = client.post("/requests/new/", form_post_data(unit_tree["stats"]))
    assert response.status_code == 302
    track = _track_url(response)
    assert re.fullmatch(r"/requests/track/[A-Za-z0-9_\-]{40,}/", track)
    req = DisclosureRequest.objects.get()
    assert re.fullmatch(r"\d{4}-\d{6}", req.number)
    page = client.get(track).content.decode()
    assert req.number in page and "已提交，待受理" in page
    assert page.count("张**") >= 1 and "张三丰" not in page

    clerk = handlers["stats"]
    client.force_login(clerk)
    url = f"/requests/manage/{req.pk}/"
    assert client.get(url).status_code == 200
    r = client.post(url + "receive/", {"version": req.version, "channel": "online", "confirmed_on": "2026-09-18"})
    assert r.status_code == 302
    req.refresh_from_db()
    assert (req.status, req.received_on, req.due_on) == ("processing", D("2026-09-18"), D("2026-10-22"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url + "correction_request/", {"version": req.version, "sent_on": "2026-09-24",
                                                   "text": "请写明所需统计数据的年份", "period_workdays": 15})
    req.refresh_from_db()
    assert req.status == "awaiting_correction" and req.due_on is None
    assert req.correction_due_on == D("2026-10-22")
    assert len(mail.outbox) == 1 and req.number in mail.outbox[0].subject
    client.post(url + "correction_receive/", {"version": req.version, "received_on": "2026-09-30"})
    req.refresh_from_db()
    assert req.due_on == D("2026-11-03")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url + "extend/", {"version": req.version, "days": 10, "decided_on": "2026-10-30",
                                      "approver": "李主任", "reason": "需调取档案"})
    req.refresh_from_db()
    assert (req.extension_days, req.extension_approver, req.due_on) == (10, "李主任", D("2026-11-17"))
    assert len(mail.outbox) == 2

    r = client.post(url + "answer/", {"version": req.version, "outcome": "withheld:process_information",
                                      "reply_text": "该信息属于研究过程中的讨论记录。", "answered_on": "2026-11-10"})
    assert r.status_code == 302
    req.refresh_from_db()
    assert (req.status, req.outcome, req.outcome_ground) == ("answered", "withheld", "process_information")

    client.logout()
    page = client.get(track).content.decode()
    for text in ["已答复", "不予公开（属于四类过程性信息）", "第十六条第二款", "答复书", "延长10个工作日",
                 "请写明所需统计数据的年份", "2026-11-17"]:
        assert text in page, text
    letter = client.get(track + "letter.docx")
    assert letter.status_code == 200
    doc_text = "\n".join(p.text for p in DocxDocument(io.BytesIO(letter.content)).paragraphs)
    assert "武汉市统计局政府信息公开申请答复书" in doc_text and "第十六条第二款" in doc_text
    assert "张三丰" not in doc_text and "张**" in doc_text

    actions = list(AuditLog.objects.filter(target_id=str(req.pk), target_type="disclosure_requests.disclosurerequest")
                   .order_by("at", "id").values_list("action", flat=True))
    assert actions == ["request_submit", "request_receive", "request_correction_send",
                       "request_correction_receive", "request_extend", "request_answer"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"applicant_name": ""}, "applicant_name", "请填写姓名或名称"),
        ({"id_number": "110105194912310021"}, "id_number", "校验位不正确"),
        ({"phone": "abc"}, "phone", "联系电话只能包含数字"),
        ({"unit": ""}, "unit", "请选择受理申请的行政机关"),
        ({"info_title": "", "info_doc_number": ""}, "info_description", "请填写所需信息的名称、文号"),
        ({"delivery_method": "post", "address": ""}, "address", "选择邮寄的，请填写通信地址"),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"postcode": "4300"}, "postcode", "邮政编码应为6位数字"),
        ({"applicant_type": "commercial"}, "id_type", "法人或其他组织请选择"),
    ],
)
def test_form_errors_are_chinese_and_per_field(client, unit_tree, overrides, field, message):
    response = client.post("/requests/new/", form_post_data(unit_tree["stats"], **overrides))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert message in response.content.decode()
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"website": "http://spam.example"}, "提交未通过校验"),
        ({"started": "forged"}, "表单已过期"),
        ({"started": None}, "提交过快"),
    ],
)
def test_spam_guard(client, unit_tree, overrides, message):
    from gongkai.disclosure_requests.forms import form_started_token

    if overrides.get("started", "") is None:
        overrides["started"] = form_started_token(time.time())
    response = client.post("/requests/new/", form_post_data(unit_tree["stats"], **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_rate_limit_per_address(client, unit_tree, settings):
    settings.REQUEST_FORM_RATE = 2
    codes = [client.post("/requests/new/", form_post_data(unit_tree["stats"])).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert DisclosureRequest.objects.count() == 2
    other = client.post("/requests/new/", form_post_data(unit_tree["stats"]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_numbers_are_sequential_per_year_and_tokens_unguessable(file_request):
    a, b, c = file_request(submitted=D("2026-03-02")), file_request(submitted=D("2026-03-03")), file_request(submitted=D("2027-01-04"))
    assert (a.number, b.number, c.number) == ("2026-000001", "2026-000002", "2027-000001")
    assert len({a.token, b.token, c.token}) == 3 and all(len(t) >= 40 for t in (a.token, b.token, c.token))


def test_unknown_token_is_404(client, file_request):
    file_request()
    assert client.get("/requests/track/" + "x" * 43 + "/").status_code == 404
    assert client.get("/requests/track/short/").status_code == 404


def test_tracking_page_is_not_cached_or_indexed(client, file_request):
    req = file_request()
    response = client.get(f"/requests/track/{req.token}/")
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_workbench_lists_by_deadline(client, handlers, file_request, cal, monkeypatch):
    from gongkai.disclosure_requests.selectors import request_work_lists
    from gongkai.disclosure_requests.services import request_receive

    clerk = handlers["stats"]
    due = {}
    for received in ["2026-09-01", "2026-10-20", "2026-11-20"]:
        req = file_request(submitted=D(received))
        req = request_receive(request=req, channel="in_person", actor=clerk, calendar=cal)
        due[received] = req.due_on
    lists = request_work_lists(clerk, today=D("2026-11-16"), calendar=cal)
    assert [r.due_on for r in lists.open] == sorted(due.values())
    assert [r.due_on for r in lists.overdue] == [due["2026-09-01"]]  # 2026-09-29
    assert [r.due_on for r in lists.due_soon] == [due["2026-10-20"]]  # 2026-11-17
    assert lists.due_soon_limit == D("2026-11-23")
    client.force_login(clerk)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D("2026-11-16"))
    page = client.get("/requests/manage/?tab=overdue").content.decode()
    assert "2026-09-29" in page and "2026-11-17" not in page


def test_unit_registers_a_registered_mail_request(client, unit_tree, handlers):
    from .conftest import APPLICANT

    data = {**APPLICANT, "unit": unit_tree["stats"].pk, "channel": "registered_mail",
            "submitted_on": "2026-09-21", "signed_on": "2026-09-25"}
    client.force_login(handlers["district"])  # not their unit: not even a choice
    response = client.post("/requests/manage/new/", data)
    assert response.status_code == 400 and "请选择受理申请的行政机关" in response.content.decode()
    client.force_login(handlers["stats"])
    response = client.post("/requests/manage/new/", {**data, "signed_on": ""})
    assert response.status_code == 400 and "签收日期" in response.content.decode()
    assert not DisclosureRequest.objects.exists()  # nothing half-written
    response = client.post("/requests/manage/new/", data)
    req = DisclosureRequest.objects.get()
    assert response["Location"] == f"/requests/manage/{req.pk}/"
    assert (req.channel, req.received_on, req.due_on) == ("registered_mail", D("2026-09-25"), D("2026-10-29"))
