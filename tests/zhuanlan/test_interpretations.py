"""政策解读 linking end to end: import, the workbench form, the submission API, the page and
the assessment measure."""

from datetime import date

import pytest

from gongkai.core.access import AccessDenied
from gongkai.documents.interpretations import interpretation_link, interpretations_unlinked
from gongkai.documents.models import Document
from gongkai.ingest.services import document_import


def _import(unit, title, body, django_capture_on_commit_callbacks, publish=True):
    text = f"{title}\n{body}\n"
    with django_capture_on_commit_callbacks(execute=True):
        return document_import(unit=unit, actor=None, name=f"{title}.txt",
                               data=text.encode("utf-8"), publish=publish)


def test_an_imported_interpretation_is_linked_to_the_one_document_it_names(
        unit_tree, statistics_rule, django_capture_on_commit_callbacks):
    outcome = _import(unit_tree["office"], "《武汉市统计管理办法》政策解读",
                      "一、制定背景。为了加强统计管理……", django_capture_on_commit_callbacks)
    assert outcome.status == "imported"
    reading = Document.objects.get(pk=outcome.document.pk)
    assert reading.interprets_id == statistics_rule.pk
    assert reading.interpretation_kind == "文字解读"
    assert statistics_rule.interpretations.get() == reading


def test_an_ambiguous_interpretation_stays_unlinked_and_is_listed(
        unit_tree, publish_document, statistics_rule, django_capture_on_commit_callbacks):
    publish_document("office", title="武汉市统计管理办法", doc_number="武政规〔2019〕8号",
                     publish_date="2019-05-05", level="地方规范性文件")
    outcome = _import(unit_tree["office"], "一图读懂《武汉市统计管理办法》", "图：统计管理要点",
                      django_capture_on_commit_callbacks)
    reading = Document.objects.get(pk=outcome.document.pk)
    assert reading.interprets_id is None
    assert any("不唯一" in w for w in outcome.warnings)
    assert reading in interpretations_unlinked([unit_tree["office"].pk])


def test_the_body_number_decides_when_the_title_is_ambiguous(
        unit_tree, publish_document, statistics_rule, django_capture_on_commit_callbacks):
    publish_document("office", title="武汉市统计管理办法", doc_number="武政规〔2019〕8号",
                     publish_date="2019-05-05", level="地方规范性文件")
    outcome = _import(unit_tree["office"], "《武汉市统计管理办法》解读",
                      "近日，市人民政府办公厅印发了《武汉市统计管理办法》（武政规〔2025〕3号）。",
                      django_capture_on_commit_callbacks)
    assert Document.objects.get(pk=outcome.document.pk).interprets_id == statistics_rule.pk


def test_a_submitter_of_another_unit_cannot_link(unit_tree, people, publish_document,
                                                  statistics_rule):
    reading = publish_document("office", title="关于统计工作的说明材料解读")
    with pytest.raises(AccessDenied):
        interpretation_link(interpretation=reading, document=statistics_rule,
                            actor=people["sub_district"])
    linked = interpretation_link(interpretation=reading, document=statistics_rule,
                                 actor=people["sub_office"])
    assert linked.interprets_id == statistics_rule.pk


def test_the_workbench_form_takes_the_doc_number(client, people, statistics_rule):
    client.force_login(people["sub_office"])
    r = client.post("/workbench/documents/new/", {
        "title": "《武汉市统计管理办法》简明问答", "validity": "现行有效", "disclosure": "主动公开",
        "interprets_ref": "武政规〔2025〕3号", "interpretation_kind": "简明问答",
        "body": "问：本办法适用于哪些单位？\n答：本市各级统计机构。"})
    assert r.status_code == 302, r.content.decode()[:2000]
    doc = Document.objects.get(title="《武汉市统计管理办法》简明问答")
    assert doc.interprets_id == statistics_rule.pk and doc.interpretation_kind == "简明问答"


def test_the_workbench_form_names_the_candidates_when_a_title_is_ambiguous(
        client, people, publish_document, statistics_rule):
    other = publish_document("office", title="武汉市统计管理办法", doc_number="武政规〔2019〕8号",
                             publish_date="2019-05-05", level="地方规范性文件")
    client.force_login(people["sub_office"])
    r = client.post("/workbench/documents/new/", {
        "title": "武汉市统计管理办法解读", "validity": "现行有效", "disclosure": "主动公开",
        "interprets_ref": "武汉市统计管理办法"})
    assert r.status_code == 200
    page = r.content.decode()
    assert "对应多件文件" in page and f"#{other.pk}" in page
    assert not Document.objects.filter(title="武汉市统计管理办法解读").exists()


def test_the_lookup_finds_documents_by_number(client, people, statistics_rule):
    client.force_login(people["sub_office"])
    r = client.get("/zhuanlan/manage/lookup/", {"q": "武政规〔2025〕3"})
    assert [d["id"] for d in r.json()] == [statistics_rule.pk]


def test_the_link_page_links_a_published_interpretation(client, people, publish_document,
                                                       statistics_rule):
    reading = publish_document("office", title="统计管理政策问答")
    client.force_login(people["sub_office"])
    r = client.get(f"/zhuanlan/manage/interpretations/{reading.pk}/", {"q": "统计管理办法"})
    assert "武汉市统计管理办法" in r.content.decode()
    r = client.post(f"/zhuanlan/manage/interpretations/{reading.pk}/",
                    {"target": statistics_rule.pk, "kind": "简明问答"})
    assert r.status_code == 302
    reading.refresh_from_db()
    assert reading.interprets_id == statistics_rule.pk


def test_the_link_page_is_404_for_another_units_document(client, people, publish_document):
    reading = publish_document("office", title="统计管理政策问答")
    client.force_login(people["sub_district"])
    assert client.get(f"/zhuanlan/manage/interpretations/{reading.pk}/").status_code == 404


def test_the_document_page_shows_the_form_and_questions(client, publish_document, statistics_rule):
    reading = publish_document("office", title="《武汉市统计管理办法》简明问答", interprets=statistics_rule,
                               interpretation_kind="简明问答",
                               body="问：本办法何时施行？\n答：2025年4月3日起施行。")
    page = client.get(reading.get_absolute_url()).content.decode()
    assert "本文是对以下文件的解读" in page and "本办法何时施行？" in page
    page = client.get(statistics_rule.get_absolute_url()).content.decode()
    assert "简明问答" in page and reading.title in page


def test_the_submission_api_takes_the_interpreted_document(client, unit_tree, statistics_rule):
    from gongkai.review.services import api_token_create

    token = api_token_create(unit=unit_tree["office"], name="办公厅OA")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    r = client.post("/api/v1/submission/documents", {
        "title": "统计管理办法图解", "interprets": "武政规〔2025〕3号",
        "interpretation_kind": "图解", "submit": False}, content_type="application/json", **auth)
    assert r.status_code == 201, r.content
    assert r.json()["interprets"] == statistics_rule.pk
    r = client.post("/api/v1/submission/documents", {
        "title": "某某办法图解", "interprets": "不存在的办法", "submit": False},
        content_type="application/json", **auth)
    assert r.status_code == 400 and r.json()["field"] == "interprets"
    r = client.post("/api/v1/submission/documents", {
        "title": "某某办法图解", "interpretation_kind": "漫画", "submit": False},
        content_type="application/json", **auth)
    assert r.status_code == 400 and r.json()["field"] == "interpretation_kind"


def _measure(unit_ids, **params):
    from gongkai.assessment.measures import REGISTRY, MeasureContext

    ctx = MeasureContext(start=date(2025, 1, 1), end=date(2025, 12, 31), unit_ids=unit_ids)
    return REGISTRY["normative_interpreted"](ctx, params)


def test_the_indicator_moves_when_a_reading_is_linked(unit_tree, people, publish_document,
                                                      statistics_rule):
    uid = unit_tree["office"].pk
    before = _measure([uid])[uid]
    assert before.value == 0 and before.evidence[0]["detail"] == "未关联政策解读"
    reading = publish_document("office", title="《武汉市统计管理办法》解读",
                               publish_date="2025-03-04")
    after_unlinked = _measure([uid])[uid]
    assert any(e["detail"] == "解读未关联到所解读的文件" for e in after_unlinked.evidence)
    interpretation_link(interpretation=reading, document=statistics_rule, actor=people["sub_office"])
    assert _measure([uid])[uid].value == 1


def test_a_late_reading_is_evidence(unit_tree, people, publish_document, statistics_rule):
    uid = unit_tree["office"].pk
    publish_document("office", title="《武汉市统计管理办法》解读", publish_date="2025-03-20",
                     interprets=statistics_rule)
    measured = _measure([uid])[uid]
    assert measured.value == 0 and "个工作日" in measured.evidence[0]["detail"]
    assert _measure([uid], max_delay_workdays=20)[uid].value == 1


def test_the_command_links_a_reading_imported_before_its_document(unit_tree, publish_document):
    import io

    from django.core.management import call_command

    reading = publish_document("office", title="《武汉市某某管理办法》政策解读")
    out = io.StringIO()
    call_command("interpretations", stdout=out)
    assert "待关联" in out.getvalue() and "库中没有找到" in out.getvalue()
    target = publish_document("office", title="武汉市某某管理办法", level="地方规范性文件")
    out = io.StringIO()
    call_command("interpretations", "--link", stdout=out)
    assert "共关联 1 件，待人工选择 0 件" in out.getvalue()
    reading.refresh_from_db()
    assert reading.interprets_id == target.pk


def test_another_units_draft_is_never_a_candidate_nor_named(unit_tree, people, publish_document):
    from gongkai.documents.errors import DocumentError
    from gongkai.documents.interpretations import interpretation_target_find

    publish_document("district", state="draft", title="新洲区内部管理办法", doc_number="新政规〔2025〕1号")
    for text in ("新政规〔2025〕1号", "新洲区内部管理办法"):
        with pytest.raises(DocumentError) as info:
            interpretation_target_find(text, unit_id=unit_tree["office"].pk)
        assert "没有找到" in info.value.message
    # its own unit may link to it while it is a draft (同步起草)
    assert interpretation_target_find("新政规〔2025〕1号", unit_id=unit_tree["district"].pk)
