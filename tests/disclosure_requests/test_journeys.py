"""Applicants and staff as they meet 依申请公开: lookup by number and 查询码, 补正 online, the
confirmation mail, the 受理点, search, released files, 转办, 协办, fees, 主动公开, duplicates,
public statistics, and the 模拟测试 with its measures."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.access import AccessDenied
from gongkai.disclosure_requests import selectors
from gongkai.disclosure_requests import services as s
from gongkai.disclosure_requests.domain.errors import RequestError
from gongkai.disclosure_requests.domain.fees import fee_amount
from gongkai.disclosure_requests.models import DisclosureRequest

D = date.fromisoformat


@pytest.fixture
def received(file_request, handlers, cal):
    req = file_request(submitted=D("2026-03-02"))
    return s.request_receive(request=req, channel="in_person", actor=handlers["stats"], calendar=cal)


def test_lookup_needs_the_number_and_its_code(file_request):
    req = file_request()
    assert len(req.lookup_code) == 8
    assert s.request_lookup(number=req.number, code=req.lookup_code.lower()).pk == req.pk
    assert s.request_lookup(number=req.number, code="WRONG123") is None
    assert s.request_lookup(number="2026-999999", code=req.lookup_code) is None
    assert s.request_lookup(number=req.number, code="") is None


def test_lookup_page_redirects_to_tracking_and_refuses_a_wrong_code(client, file_request):
    req = file_request()
    bad = client.post("/requests/lookup/", {"number": req.number, "code": "AAAAAAAA"})
    assert bad.status_code == 400 and "申请编号或查询码不正确" in bad.content.decode()
    ok = client.post("/requests/lookup/", {"number": req.number, "code": req.lookup_code})
    assert ok.status_code == 302 and ok["Location"] == f"/requests/track/{req.token}/"
    empty = client.post("/requests/lookup/", {"number": "", "code": ""})
    assert "请填写申请编号" in empty.content.decode()


def test_confirmation_mail_names_number_code_and_desk(file_request, unit_tree, django_capture_on_commit_callbacks,
                                                      settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from gongkai.disclosure_requests.models import RequestDesk

    RequestDesk.objects.create(unit=unit_tree["stats"], channels=["online"], agency="市统计局办公室")
    unit_tree["stats"].contact_phone = "027-85550000"  # the unit's contact data, entered once
    unit_tree["stats"].contact_hours = "工作日 9:00—17:00"
    unit_tree["stats"].save()
    with django_capture_on_commit_callbacks(execute=True):
        req = file_request()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert req.number in body and req.lookup_code in body and "027-85550000" in body and "工作日 9:00—17:00" in body
    assert "受理机构：市统计局办公室" in body


def test_no_mail_without_an_address(file_request, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        file_request(email="", delivery_method="online")
    assert len(mail.outbox) == 0


def test_correction_online_restarts_the_clock(received, handlers, cal, client):
    req = s.request_correction_send(request=received, sent_on=D("2026-03-04"), text="请写明文件的年份",
                                    actor=handlers["stats"], calendar=cal)
    page = client.get(f"/requests/track/{req.token}/")
    assert "在线提交补正" in page.content.decode()
    empty = client.post(f"/requests/track/{req.token}/", {"correction_reply": " "})
    assert empty.status_code == 400 and "请填写补正后的申请内容" in empty.content.decode()
    req = s.request_correction_online(token=req.token, text="2019年发布的统计管理办法", today=D("2026-03-06"),
                                      calendar=cal)
    assert req.status == "processing" and req.correction_received_on == D("2026-03-06")
    assert req.correction_reply == "2019年发布的统计管理办法"
    assert req.due_on == D("2026-04-03")  # 20 working days from 6 March (清明 4–6 April is after)
    with pytest.raises(RequestError):
        s.request_correction_online(token=req.token, text="again", today=D("2026-03-07"), calendar=cal)
    steps = [st.label for st in selectors.request_public_steps(req)]
    assert "收到补正后的申请" in steps


def test_units_that_take_requests_and_the_desk(unit_tree, handlers, file_request):
    from gongkai.core.services import unit_save

    inner = unit_save(full_name="武汉市统计局办公室", code="011043231", kind="other", parent=unit_tree["stats"])
    offered = set(s.units_accepting_requests())
    assert unit_tree["stats"] in offered and inner not in offered
    with pytest.raises(AccessDenied):
        s.desk_save(actor=handlers["stats"], unit=unit_tree["stats"], accepts_requests=False, channels=[])
    s.desk_save(actor=handlers["office"], unit=unit_tree["stats"], accepts_requests=False, channels=[])
    assert unit_tree["stats"] not in set(s.units_accepting_requests())
    with pytest.raises(RequestError, match="不受理"):
        file_request(unit=unit_tree["stats"])
    s.desk_save(actor=handlers["office"], unit=inner, accepts_requests=True, channels=["online", "fax"],
                contact={"contact_phone": "027-1", "contact_postcode": "430000"})
    assert inner in set(s.units_accepting_requests())
    assert s.desk_channels(inner) == ["online", "fax"]
    inner.refresh_from_db()
    assert (inner.contact_phone, inner.contact_postcode) == ("027-1", "430000")  # on the unit
    with pytest.raises(RequestError, match="邮政编码") as bad:
        s.desk_save(actor=handlers["office"], unit=inner, accepts_requests=True, channels=["online"],
                    contact={"contact_postcode": "12"})
    assert bad.value.field == "contact_postcode"
    inner.refresh_from_db()
    assert inner.contact_phone == "027-1"  # nothing half-written
    with pytest.raises(RequestError, match="至少"):
        s.desk_save(actor=handlers["office"], unit=inner, accepts_requests=True, channels=[])


def test_search_finds_finished_requests_by_number_applicant_date_outcome(received, handlers, file_request, cal, client):
    s.request_answer(request=received, category="disclosed", reply_text="见附件。", answered_on=D("2026-03-10"),
                     actor=handlers["stats"])
    other = file_request(submitted=D("2026-05-02"), applicant_name="王五")
    found = selectors.request_search(handlers["stats"], q="张三")
    assert list(found) == [received]
    assert list(selectors.request_search(handlers["stats"], outcome="disclosed")) == [received]
    assert list(selectors.request_search(handlers["stats"], start=D("2026-04-01"))) == [other]
    assert list(selectors.request_search(handlers["district"], q="张三")) == []
    client.force_login(handlers["stats"])
    page = client.get("/requests/manage/", {"tab": "all", "q": received.number}).content.decode()
    assert received.number in page and other.number not in page and "予以公开" in page
    bad = client.get("/requests/manage/", {"tab": "all", "start": "2026-13-45", "outcome": "nonsense"})
    assert bad.status_code in (200, 400)  # a bad filter is refused or ignored, never a 500


def test_released_files_reach_the_applicant(received, handlers, client):
    upload = SimpleUploadedFile("统计管理办法.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    s.request_file_add(request=received, upload=upload, actor=handlers["stats"])
    with pytest.raises(RequestError, match="不能为空"):
        s.request_file_add(request=received, upload=SimpleUploadedFile("x.pdf", b""), actor=handlers["stats"])
    with pytest.raises(AccessDenied):
        s.request_file_add(request=received, upload=SimpleUploadedFile("y.pdf", b"1"), actor=handlers["district"])
    req = s.request_answer(request=received, category="disclosed", reply_text="见附件。", answered_on=D("2026-03-10"),
                           actor=handlers["stats"])
    letter = selectors.request_letter(req, masked=True)
    assert "附件：1. 统计管理办法.pdf" in letter.text
    f = req.files.get()
    page = client.get(f"/requests/track/{req.token}/").content.decode()
    assert "统计管理办法.pdf" in page
    download = client.get(f"/requests/track/{req.token}/files/{f.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_refer_names_the_agency_in_the_letter(received, handlers):
    with pytest.raises(RequestError, match="负责公开"):
        s.request_refer(request=received, agency=" ", answered_on=D("2026-03-05"), actor=handlers["stats"])
    req = s.request_refer(request=received, agency="武汉市自然资源和规划局", contact="027-82776000",
                          answered_on=D("2026-03-05"), actor=handlers["stats"])
    assert (req.outcome, req.outcome_ground, req.status) == ("unavailable", "not_held", "answered")
    letter = selectors.request_letter(req, masked=True)
    assert "第三十六条第（五）项" in letter.text and "武汉市自然资源和规划局负责公开" in letter.text
    assert "行政复议" in letter.text


def test_assist_is_a_task_for_another_unit_with_15_working_days(received, handlers, unit_tree, cal, client):
    with pytest.raises(RequestError, match="本机关以外"):
        s.request_assist_ask(request=received, unit=unit_tree["stats"], question="?", asked_on=D("2026-03-04"),
                             actor=handlers["stats"], calendar=cal)
    task = s.request_assist_ask(request=received, unit=unit_tree["district"], question="是否同意公开该联合发文？",
                                asked_on=D("2026-03-04"), actor=handlers["stats"], calendar=cal)
    assert task.due_on == D("2026-03-25")  # 15 working days
    received.refresh_from_db()
    assert received.status == "paused" and received.pauses.get().kind == "co_handling"
    # the district sees the task (not the applicant's data) and answers it
    client.force_login(handlers["district"])
    page = client.get("/requests/manage/assists/").content.decode()
    assert "是否同意公开该联合发文？" in page and "张三丰" not in page
    with pytest.raises(AccessDenied):
        s.request_assist_reply(task=task, opinion="同意", replied_on=D("2026-03-10"), actor=handlers["stats"])
    response = client.post(f"/requests/manage/assists/{task.pk}/reply/", {"opinion": "同意公开", "replied_on": "2026-03-10"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.opinion == "同意公开" and task.replied_on == D("2026-03-10")
    # the last open 协办 answered: the lead unit's clock runs again (第三十四条 pause 3-04..3-10)
    received.refresh_from_db()
    pause = received.pauses.get()
    assert received.status == "processing" and pause.end_on == D("2026-03-10")
    assert received.due_on > D("2026-03-25")


def test_fee_scales_are_progressive():
    assert fee_amount("by_piece", 10).amount == 0
    assert fee_amount("by_piece", 11).amount == 100
    assert fee_amount("by_piece", 30).amount == 2000
    assert fee_amount("by_piece", 35).amount == 2000 + 5 * 200
    assert fee_amount("by_piece", 41).amount == 2000 + 10 * 200 + 300
    assert fee_amount("by_volume", 30).amount == 0
    assert fee_amount("by_volume", 101).amount == 70 * 10 + 20
    assert fee_amount("by_volume", 250).amount == 700 + 2000 + 50 * 40
    with pytest.raises(RequestError):
        fee_amount("by_weight", 3)
    with pytest.raises(RequestError):
        fee_amount("by_piece", 0)


def test_fee_notice_stops_the_clock_until_paid(received, handlers, cal):
    due_before = received.due_on
    with pytest.raises(RequestError, match="不应收费"):
        s.request_fee_notice(request=received, mode="by_volume", count=20, sent_on=D("2026-03-05"),
                             payment_method="转账", actor=handlers["stats"], calendar=cal)
    notice = s.request_fee_notice(request=received, mode="by_volume", count=60, sent_on=D("2026-03-05"),
                                  payment_method="转账至市财政非税收入账户", actor=handlers["stats"], calendar=cal)
    assert notice.amount == 300 and notice.pay_by == D("2026-04-02")
    req = DisclosureRequest.objects.get(pk=received.pk)
    assert req.status == "paused"
    with pytest.raises(RequestError, match="逾期未缴费"):
        s.request_answer(request=req, category="other", ground="fee_unpaid", reply_text="x",
                         answered_on=D("2026-03-20"), actor=handlers["stats"], calendar=cal)
    req = s.request_fee_paid(request=req, paid_on=D("2026-03-10"), actor=handlers["stats"], calendar=cal)
    assert req.status == "processing" and req.due_on > due_before


def test_proactive_flag_and_queue(received, handlers, client):
    with pytest.raises(RequestError):
        s.request_proactive_flag(request=received, note="", flagged_on=D("2026-03-10"), actor=handlers["stats"])
    req = s.request_answer(request=received, category="disclosed", reply_text="见附件。", answered_on=D("2026-03-10"),
                           actor=handlers["stats"])
    s.request_proactive_flag(request=req, note="三人申请同一信息", flagged_on=D("2026-03-11"), actor=handlers["stats"])
    assert list(selectors.proactive_queue(handlers["stats"])) == [req]
    s.request_proactive_done(request=req, done_on=D("2026-03-15"), actor=handlers["stats"])
    assert list(selectors.proactive_queue(handlers["stats"])) == []


def test_duplicate_links_the_earlier_request(received, handlers, file_request, cal):
    first = s.request_answer(request=received, category="disclosed", reply_text="见附件。", answered_on=D("2026-03-10"),
                             actor=handlers["stats"])
    again = s.request_receive(request=file_request(submitted=D("2026-04-01")), channel="in_person",
                              actor=handlers["stats"], calendar=cal)
    assert selectors.duplicate_candidates(again) == [first]
    with pytest.raises(RequestError, match=first.number):
        s.request_answer(request=again, category="not_handled", ground="repeated", reply_text="重复申请。",
                         answered_on=D("2026-04-03"), actor=handlers["stats"])
    with pytest.raises(RequestError, match="没有申请编号"):
        s.request_answer(request=again, category="not_handled", ground="repeated", reply_text="重复申请。",
                         answered_on=D("2026-04-03"), actor=handlers["stats"], duplicate_of="2026-999999")
    again = s.request_answer(request=again, category="not_handled", ground="repeated", reply_text="重复申请。",
                             answered_on=D("2026-04-03"), actor=handlers["stats"], duplicate_of=first.number)
    assert again.duplicate_of == first


def test_public_statistics_page_and_api(received, handlers, unit_tree, client):
    s.request_answer(request=received, category="disclosed", reply_text="见附件。", answered_on=D("2026-03-10"),
                     actor=handlers["stats"])
    stats = selectors.public_statistics(unit_tree["stats"], 2026, today=D("2026-12-31"))
    assert stats["received"] == 1 and stats["answered"] == 1 and stats["answered_on_time"] == 1
    assert next(o for o in stats["outcomes"] if o["key"] == "disclosed")["count"] == 1
    page = client.get("/requests/statistics/", {"year": 2026, "unit": unit_tree["stats"].pk}).content.decode()
    assert "2026年依申请公开统计" in page and "予以公开" in page
    api = client.get("/api/v1/requests/statistics", {"year": 2026, "unit": unit_tree["stats"].pk}).json()
    assert api[0]["unit"] == "武汉市统计局" and api[0]["received"] == 1
    assert client.get("/api/v1/requests/statistics", {"unit": 999999}).status_code == 404
    assert client.get("/requests/statistics/", {"unit": "999999"}).status_code == 404


def test_mock_test_is_scored_and_never_counted_as_the_units_own(unit_tree, make_user, handlers, cal):
    from tests.disclosure_requests.conftest import APPLICANT

    from gongkai.assessment.measures import REGISTRY, MeasureContext

    evaluator = make_user("mock_evaluator", unit_tree["city"], "evaluator")
    with pytest.raises(AccessDenied):
        s.mock_request_file(actor=handlers["stats"], unit=unit_tree["stats"], channel="online", **APPLICANT)
    from datetime import datetime

    from django.utils import timezone

    test = s.mock_request_file(actor=evaluator, unit=unit_tree["stats"], channel="online",
                               submitted_at=timezone.make_aware(datetime(2026, 3, 2, 10)), **APPLICANT)
    req = test.request
    assert req.is_test
    req = s.request_receive(request=req, channel="online", actor=handlers["stats"],
                            confirmed_on=D("2026-03-02"), calendar=cal)
    req = s.request_refer(request=req, agency="武汉市自然资源和规划局", answered_on=D("2026-03-05"),
                          actor=handlers["stats"])
    [result] = selectors.mock_results([unit_tree["stats"].pk], today=D("2026-12-31"))
    assert result.score.received and result.score.on_time
    assert result.score.points == result.score.possible == 5 and result.score.findings == []
    # a test request is not the unit's statistics
    assert selectors.public_statistics(unit_tree["stats"], 2026, today=D("2026-12-31"))["received"] == 0
    ctx = MeasureContext(start=D("2026-01-01"), end=D("2026-12-31"), unit_ids=[unit_tree["stats"].pk])
    received = REGISTRY["mock_requests_received"](ctx, {})[unit_tree["stats"].pk]
    letters = REGISTRY["mock_letters_complete"](ctx, {})[unit_tree["stats"].pk]
    assert received.value == 1 and letters.value == 1


def test_mock_letter_missing_elements_are_findings():
    from gongkai.disclosure_requests.domain.checks import letter_elements, mock_score

    elements = letter_elements("经审查，本机关不掌握该信息。", disclosed_in_full=False, referral=True,
                               referred_agency="武汉市自然资源和规划局")
    score = mock_score(received_on=D("2026-03-02"), due_on=D("2026-03-30"), answered_on=D("2026-04-02"),
                       today=D("2026-12-31"), elements=elements)
    assert score.points == 1 and score.possible == 5
    assert score.findings == ["未在法定期限内答复", "答复书缺少：引用条例条款", "答复书缺少：告知救济途径",
                              "答复书缺少：第三十六条第五项告知负责公开的机关"]


def test_mock_page_files_a_test_for_evaluators_only(client, unit_tree, make_user, handlers, settings):
    from tests.disclosure_requests.conftest import APPLICANT

    evaluator = make_user("mock_eval2", unit_tree["city"], "evaluator")
    client.force_login(handlers["stats"])
    assert client.get("/requests/mock/").status_code == 403
    client.force_login(evaluator)
    data = {**APPLICANT, "unit": str(unit_tree["stats"].pk), "channel": "fax", "submitted_on": "2026-03-02"}
    response = client.post("/requests/mock/", data)
    assert response.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.is_test and req.channel == "fax"
    # the unit sees an ordinary request
    client.logout()
    client.force_login(handlers["stats"])
    page = client.get(f"/requests/manage/{req.pk}/").content.decode()
    assert "模拟" not in page and "测试" not in page


MOCK_SET = """
name: 依申请公开模拟测试
version: "mock-1"
indicators:
  - code: C
    name: 依申请公开
    children:
      - {code: C1, name: 渠道畅通, weight: 5, method: ratio, measure: mock_requests_received}
      - {code: C3, name: 答复形式规范, weight: 5, method: ratio, measure: mock_letters_complete}
"""


def test_an_indicator_set_scores_units_by_their_mock_tests(unit_tree, make_user, handlers, cal):
    """A run over an indicator set naming the 模拟测试 measures: 市统计局 received and answered its
    test request with a complete letter, 新洲区 never received its test request."""
    from datetime import datetime

    from django.utils import timezone
    from tests.disclosure_requests.conftest import APPLICANT

    from gongkai.assessment import services as assessment

    evaluator = make_user("mock_evaluator3", unit_tree["city"], "evaluator")
    at = timezone.make_aware(datetime(2025, 3, 3, 10))
    good = s.mock_request_file(actor=evaluator, unit=unit_tree["stats"], channel="online", submitted_at=at,
                               **APPLICANT).request
    s.mock_request_file(actor=evaluator, unit=unit_tree["district"], channel="fax", submitted_at=at, **APPLICANT)
    good = s.request_receive(request=good, channel="online", actor=handlers["stats"], confirmed_on=D("2025-03-03"),
                             calendar=cal)
    s.request_answer(request=good, category="withheld", ground="state_secret", reply_text="属于国家秘密。",
                     answered_on=D("2025-03-10"), actor=handlers["stats"], calendar=cal)
    indicator_set = assessment.indicator_set_save(yaml_text=MOCK_SET, activate=False)
    run = assessment.assessment_run(period="2025", previous=None, indicator_set=indicator_set)
    from gongkai.assessment.selectors import unit_result

    def score(unit, code):
        row = unit_result(run, unit_tree[unit].pk)
        return next(i for i in row["indicators"] if i["code"] == code)

    assert score("stats", "C1")["score"] == 5 and score("stats", "C3")["score"] == 5
    assert score("district", "C1")["score"] == 0
    assert "申请未被受理" in score("district", "C1")["evidence"][0]["detail"]
