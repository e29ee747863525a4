"""Assessor stages and evidence of manual scores (issue 16): an evaluator assigned a 考评环节
sees and scores only that stage's manual indicators; each score can carry evidence files that
only the office, evaluators (of the stage) and admins can list and download."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.assessment import services
from gongkai.assessment.models import ManualEvidence, ManualScore
from gongkai.core.access import AccessDenied
from gongkai.core.models import AuditLog
from gongkai.core.services import user_update

pytestmark = pytest.mark.django_db

PORTAL = "门户网站内容保障测评"
THIRD = "第三方机构测评"


@pytest.fixture
def draft(year_2025):
    return services.assessment_run(period="2025", previous=None)


@pytest.fixture
def portal_evaluator(wf_people, unit_tree):
    return user_update(actor=wf_people["office"], user=wf_people["evaluator"],
                       unit=unit_tree["city"], roles=["evaluator"], assessor_stage=PORTAL)


def test_staged_evaluator_sees_only_their_stage(client, draft, portal_evaluator):
    client.force_login(portal_evaluator)
    page = client.get(f"/assessment/{draft.pk}/manual/").content.decode()
    assert "您的考评环节：门户网站内容保障测评" in page
    assert "H1 门户网站内容保障" in page and "D1 政府信息公开平台建设" not in page


def test_staged_evaluator_cannot_score_another_stage(draft, portal_evaluator, unit_tree):
    spec = services.spec_parse(draft.set_yaml)
    other = next(leaf for leaf in spec.manual_leaves() if leaf.stage == THIRD)
    with pytest.raises(AccessDenied) as err:
        services.manual_scores_set(run=draft, actor=portal_evaluator,
                                   entries=[(unit_tree["district"].pk, other.code, "1")])
    assert THIRD in err.value.message
    assert not ManualScore.objects.filter(run=draft).exists()


def test_evaluator_without_stage_and_office_see_every_stage(client, draft, wf_people):
    for who in ("evaluator", "office"):
        client.force_login(wf_people[who])
        page = client.get(f"/assessment/{draft.pk}/manual/").content.decode()
        assert "H1 门户网站内容保障" in page and "D1 政府信息公开平台建设" in page


def _upload(client, run, unit, code, name="专栏截图.png", data=b"\x89PNG fake screenshot"):
    return client.post(f"/assessment/{run.pk}/manual/evidence/", {
        "unit": unit.pk, "indicator": code, "file": SimpleUploadedFile(name, data)})


def test_evaluator_uploads_lists_and_downloads_evidence(client, draft, portal_evaluator,
                                                        unit_tree):
    client.force_login(portal_evaluator)
    response = _upload(client, draft, unit_tree["district"], "H1")
    assert response.status_code == 302
    evidence = ManualEvidence.objects.get(run=draft)
    assert (evidence.name, evidence.indicator_code, evidence.unit) == (
        "专栏截图.png", "H1", unit_tree["district"])
    assert "专栏截图" not in evidence.file.name  # generated storage name
    page = client.get(f"/assessment/{draft.pk}/manual/").content.decode()
    assert "下载 专栏截图.png" in page and "材料 1 份" in page
    download = client.get(f"/assessment/{draft.pk}/manual/evidence/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == \
        b"\x89PNG fake screenshot"
    assert AuditLog.objects.filter(action="assessment_evidence_add").count() == 1


@pytest.mark.parametrize("who", ["submitter_a", "reviewer_a", None])
def test_units_and_the_public_cannot_download_evidence(client, draft, wf_people, unit_tree, who):
    evidence = services.manual_evidence_add(run=draft, unit_id=unit_tree["district"].pk,
                                            indicator_code="H1", name="a.pdf", data=b"%PDF-1.4",
                                            actor=wf_people["office"])
    if who:
        client.force_login(wf_people[who])
    response = client.get(f"/assessment/{draft.pk}/manual/evidence/{evidence.pk}/")
    assert response.status_code in (302, 403)  # login page, or 403
    assert not hasattr(response, "streaming_content")


def test_evaluator_of_another_stage_gets_404_for_evidence(client, draft, wf_people, unit_tree,
                                                          make_user):
    spec = services.spec_parse(draft.set_yaml)
    other = next(leaf for leaf in spec.manual_leaves() if leaf.stage == THIRD)
    evidence = services.manual_evidence_add(run=draft, unit_id=unit_tree["district"].pk,
                                            indicator_code=other.code, name="a.pdf",
                                            data=b"%PDF-1.4", actor=wf_people["office"])
    staged = make_user("eval_portal", unit_tree["city"], "evaluator")
    staged.assessor_stage = PORTAL
    staged.save()
    client.force_login(staged)
    assert client.get(f"/assessment/{draft.pk}/manual/evidence/{evidence.pk}/").status_code == 404


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.pdf", b"", "是空文件"),
])
def test_bad_evidence_is_a_clear_error(draft, wf_people, unit_tree, name, data, message):
    from gongkai.assessment.domain.errors import AssessmentError

    with pytest.raises(AssessmentError, match=message):
        services.manual_evidence_add(run=draft, unit_id=unit_tree["district"].pk,
                                     indicator_code="H1", name=name, data=data,
                                     actor=wf_people["office"])
    with pytest.raises(AssessmentError, match="不是人工评分指标"):
        services.manual_evidence_add(run=draft, unit_id=unit_tree["district"].pk,
                                     indicator_code="ZZ9", name="a.pdf", data=b"x",
                                     actor=wf_people["office"])
    assert not ManualEvidence.objects.exists()


def test_evidence_can_be_removed_from_a_draft(client, draft, wf_people, unit_tree):
    evidence = services.manual_evidence_add(run=draft, unit_id=unit_tree["district"].pk,
                                            indicator_code="H1", name="a.pdf", data=b"%PDF",
                                            actor=wf_people["office"])
    client.force_login(wf_people["evaluator"])
    response = client.post(f"/assessment/{draft.pk}/manual/evidence/{evidence.pk}/delete/")
    assert response.status_code == 302
    assert not ManualEvidence.objects.exists()
    assert AuditLog.objects.filter(action="assessment_evidence_remove").count() == 1


def test_every_assessment_page_says_measured_or_manual(client, draft, wf_people, unit_tree):
    client.force_login(wf_people["office"])
    district = unit_tree["district"].pk
    for url in ("/assessment/", f"/assessment/{draft.pk}/", f"/assessment/{draft.pk}/manual/",
                f"/assessment/{draft.pk}/units/{district}/", f"/assessment/{draft.pk}/publish/"):
        page = client.get(url).content.decode()
        assert "自动取数" in page and "人工评分" in page, url


def test_run_detail_title_is_text_only(client, draft, wf_people):
    client.force_login(wf_people["office"])
    page = client.get(f"/assessment/{draft.pk}/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<table" not in title and "<section" not in title


def test_staged_evaluator_template_and_import_cover_their_stage_only(client, draft,
                                                                     portal_evaluator,
                                                                     unit_tree, tmp_path):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    client.force_login(portal_evaluator)
    response = client.get(f"/assessment/{draft.pk}/manual/template.xlsx")
    wb = load_workbook(BytesIO(response.content))
    ws = wb["人工评分"]
    codes = [ws.cell(1, c).value for c in range(3, ws.max_column + 1)]
    assert codes == ["H1"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "新洲区人民政府")
    ws.cell(row, 3, 4.5)
    out = BytesIO()
    wb.save(out)
    response = client.post(f"/assessment/{draft.pk}/manual/import/", {
        "file": SimpleUploadedFile("scores.xlsx", out.getvalue())})
    assert response.status_code == 302
    score = ManualScore.objects.get(run=draft, unit=unit_tree["district"])
    assert (score.indicator_code, float(score.score)) == ("H1", 4.5)
