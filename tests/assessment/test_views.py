"""Pages: the public sees published runs only and no title of a document it may not see;
evaluators enter manual scores; the office runs and publishes."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.assessment import services
from gongkai.assessment.models import ManualScore, Run


@pytest.fixture
def hidden_doc(register):
    # submitted late and never published: its title must not reach the public
    return register("district", "新政办〔2025〕5号", "2025-01-02", submitted="2025-03-03",
                    title="新洲区人民政府关于内部事项的请示")


@pytest.fixture
def runs(year_2025, hidden_doc):
    published = services.assessment_run(period="2025", previous=None, bulletin_date=date(2026, 3, 20))
    services.assessment_publish(run=published, allow_pending=True)
    draft = services.assessment_run(period="2025", previous=None)
    return {"published": Run.objects.get(pk=published.pk), "draft": draft}


def test_public_sees_published_runs_only(client, runs):
    page = client.get("/assessment/").content.decode()
    assert f"/assessment/{runs['published'].pk}/" in page
    assert f"/assessment/{runs['draft'].pk}/" not in page
    assert client.get(f"/assessment/{runs['draft'].pk}/").status_code == 404
    assert client.get(f"/assessment/{runs['draft'].pk}/bulletin.docx").status_code == 404
    assert client.get(f"/assessment/{runs['draft'].pk}/result.json").status_code == 404
    detail = client.get(f"/assessment/{runs['published'].pk}/").content.decode()
    assert "区政府平均得分" in detail
    assert client.get(f"/assessment/{runs['published'].pk}/bulletin.docx").status_code == 200
    chart = client.get(f"/assessment/{runs['published'].pk}/chart.png")
    assert chart.content.startswith(b"\x89PNG")


def test_unit_page_links_evidence_and_hides_unpublished_titles(client, runs, unit_tree, year_2025,
                                                               hidden_doc, make_user):
    url = f"/assessment/{runs['published'].pk}/units/{unit_tree['district'].pk}/"
    page = client.get(url).content.decode()
    assert f'href="/documents/{year_2025["d2"].pk}/"' in page  # the late, published document
    assert "新政办〔2025〕3号" in page  # the serial gap
    assert "新政办〔2025〕5号" in page
    assert "关于内部事项的请示" not in page
    # the unit's own staff see their own document's title
    client.force_login(make_user("xz", unit_tree["district"], "submitter"))
    assert "关于内部事项的请示" in client.get(url).content.decode()


def test_the_bulletin_and_public_json_name_unpublished_documents_by_number_only(client, runs,
                                                                               make_user, unit_tree):
    from gongkai.assessment.rendering import bulletin_content

    text = "".join(t for _, t in bulletin_content(runs["published"]).blocks)
    assert "关于内部事项的请示" not in text
    url = f"/assessment/{runs['published'].pk}/result.json"
    public = client.get(url).content.decode()
    assert "新政办〔2025〕5号" in public and "关于内部事项的请示" not in public
    client.force_login(make_user("eva2", unit_tree["city"], "evaluator"))
    assert "关于内部事项的请示" in client.get(url).content.decode()


def test_evaluator_enters_scores_and_submitter_may_not(client, runs, unit_tree, make_user):
    draft = runs["draft"]
    field = f"s-{unit_tree['district'].pk}-D1"
    client.force_login(make_user("sub", unit_tree["district"], "submitter"))
    assert client.get(f"/assessment/{draft.pk}/manual/").status_code == 403
    client.force_login(make_user("eva", unit_tree["city"], "evaluator"))
    assert client.get(f"/assessment/{draft.pk}/manual/").status_code == 200
    response = client.post(f"/assessment/{draft.pk}/manual/", {field: "11"})
    assert "超出范围 0–10" in response.content.decode()
    assert not ManualScore.objects.filter(run=draft).exists()
    client.post(f"/assessment/{draft.pk}/manual/", {field: "9"})
    assert ManualScore.objects.get(run=draft).score == 9
    assert client.post(f"/assessment/{draft.pk}/publish/").status_code == 403


def test_office_runs_and_publishes(client, year_2025, unit_tree, make_user,
                                   django_capture_on_commit_callbacks):
    from gongkai.core.models import Job

    client.force_login(make_user("office", unit_tree["city"], "office"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/assessment/new/", {"period": "2025"})
    run = Run.objects.get()
    job = Job.objects.get(kind="assessment.run")
    # The run is a background job; the list page that started it shows its progress.
    assert response.headers["Location"] == f"/assessment/?job={job.pk}"
    assert job.state == "succeeded" and job.result["run_id"] == run.pk
    page = client.get(response.headers["Location"]).content.decode()
    assert "已完成" in page and f"/assessment/{run.pk}/" in page
    client.post(f"/assessment/{run.pk}/publish/")
    assert Run.objects.get().status == "draft"  # manual scores missing: refused
    page = client.get(f"/assessment/{run.pk}/publish/").content.decode()
    assert "发布后不可撤回" in page and "我已核对，确认发布" in page
    client.post(f"/assessment/{run.pk}/publish/", {"allow_pending": "1"})
    assert Run.objects.get().status == "draft"  # not confirmed: nothing happens
    client.post(f"/assessment/{run.pk}/publish/", {"confirm": "1"})
    assert Run.objects.get().status == "draft"  # manual scores missing: refused
    response = client.post(f"/assessment/{run.pk}/publish/", {
        "allow_pending": "1", "confirm": "1", "doc_number": "武政办〔2026〕12号",
        "bulletin_date": "2026-03-20", "narrative": "各单位普遍重视。"})
    assert response.status_code == 302
    run = Run.objects.get()
    assert (run.status, run.doc_number, run.bulletin_date.isoformat()) == (
        "published", "武政办〔2026〕12号", "2026-03-20")
    detail = client.get(f"/assessment/{run.pk}/").content.decode()
    assert "武政办〔2026〕12号" in detail and "总体来看，各单位普遍重视。" in detail


def test_command_run_prints_the_id_last_and_export_latest(year_2025, tmp_path):
    out = StringIO()
    call_command("assess", "run", "--period", "2025", "--previous", "none", stdout=out)
    run_id = int(out.getvalue().strip().splitlines()[-1])
    assert Run.objects.get(pk=run_id).period == "2025"
    out = StringIO()
    err = StringIO()
    call_command("assess", "export", "latest", "--out", str(tmp_path), stdout=out, stderr=err)
    names = sorted(p.name for p in tmp_path.iterdir())
    from gongkai.exports.fonts import FontMissingError
    from gongkai.exports.pdf import pdf_font_path

    try:
        pdf_font_path()
    except FontMissingError:  # no embeddable CJK font: the PDF is left out and the command says why
        assert names == ["bulletin.docx", "bulletin.html", "result.json", "scores.xlsx"]
        assert "未生成 bulletin.pdf" in err.getvalue()
    else:
        assert names == ["bulletin.docx", "bulletin.html", "bulletin.pdf", "result.json", "scores.xlsx"]


def test_pages_issue_a_fixed_number_of_queries(client, runs, unit_tree, django_assert_max_num_queries):
    for _ in range(3):
        services.assessment_publish(run=services.assessment_run(period="2025", previous=None),
                                    allow_pending=True)
    with django_assert_max_num_queries(4):
        assert client.get("/assessment/").status_code == 200
    with django_assert_max_num_queries(4):
        client.get(f"/assessment/{runs['published'].pk}/units/{unit_tree['district'].pk}/")


def test_missing_cjk_font_says_how_to_install_it(client, runs, monkeypatch):
    from gongkai.exports import charts
    from gongkai.exports.fonts import INSTALL_HINT, FontMissingError

    def no_font(face="sans"):
        raise FontMissingError(INSTALL_HINT, field="font")

    monkeypatch.setattr(charts, "cjk_font_path", no_font)
    for url in ("chart.png", "bulletin.docx"):
        response = client.get(f"/assessment/{runs['published'].pk}/{url}")
        assert response.status_code == 503
        assert "pip install pylopdf-fonts-zh-cn" in response.content.decode()


def test_manual_grid_by_stage_keeps_a_note_with_each_score(client, year_2025, unit_tree, make_user):
    from gongkai.assessment.models import ManualScore

    draft = services.assessment_run(period="2025", previous=None)
    client.force_login(make_user("eval_s", unit_tree["city"], "evaluator"))
    page = client.get(f"/assessment/{draft.pk}/manual/?stage=门户网站内容保障测评").content.decode()
    assert "H1 门户网站内容保障" in page and "D1 政府信息公开平台建设" not in page
    district = unit_tree["district"].pk
    response = client.post(f"/assessment/{draft.pk}/manual/?stage=门户网站内容保障测评",
                           {f"s-{district}-H1": "4", f"n-{district}-H1": "专栏更新不及时，扣1分"})
    assert response.status_code == 302
    score = ManualScore.objects.get(run=draft, unit_id=district, indicator_code="H1")
    assert (score.score, score.note) == (4, "专栏更新不及时，扣1分")
    again = services.assessment_run(period="2025", previous=None)  # replaces the draft
    carried = ManualScore.objects.get(run=again, unit_id=district, indicator_code="H1")
    assert carried.note == f"专栏更新不及时，扣1分（沿用考评 #{draft.pk}）"
