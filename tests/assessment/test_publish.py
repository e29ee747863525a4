"""Published runs are immutable, and render to the same bytes every time."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.assessment import rendering, services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.models import ManualScore, Run


@pytest.fixture
def published(year_2025, unit_tree):
    run = services.assessment_run(period="2025", previous=None, bulletin_date=date(2026, 3, 20))
    return services.assessment_publish(run=run, allow_pending=True)


def test_publishing_with_missing_manual_scores_is_refused(year_2025):
    run = services.assessment_run(period="2025", previous=None)
    with pytest.raises(AssessmentError, match="还有 30 项人工评分未录入"):
        services.assessment_publish(run=run)
    assert Run.objects.get(pk=run.pk).status == "draft"


def test_services_refuse_to_change_a_published_run(published, unit_tree):
    with pytest.raises(AssessmentError, match="已发布"):
        services.manual_scores_set(run=published, entries=[(unit_tree["district"].pk, "C1", 5)])
    with pytest.raises(AssessmentError, match="已发布"):
        services.assessment_publish(run=published)
    with pytest.raises(AssessmentError, match="已发布"):
        services.assessment_delete(run=published)
    assert not ManualScore.objects.filter(run=published).exists()


def test_rows_of_a_published_run_are_guarded(published, unit_tree):
    with pytest.raises(PermissionDenied):
        Run.objects.filter(pk=published.pk).update(result={})
    with pytest.raises(PermissionDenied):
        Run.objects.filter(pk=published.pk).delete()
    run = Run.objects.get(pk=published.pk)
    run.result = {}
    with pytest.raises(PermissionDenied):
        run.save()
    with pytest.raises(PermissionDenied):
        ManualScore(run=published, unit=unit_tree["district"], indicator_code="C1", score=1).save()
    assert Run.objects.get(pk=published.pk).result["units"]


def test_rerendering_gives_the_same_bytes(published, tmp_path, register):
    first = rendering.run_export(published, tmp_path / "a")
    # the world moves on: a new document, a new draft run; the published bulletin does not move
    register("district", "新政办〔2025〕9号", "2025-09-01", submitted="2025-12-30")
    services.assessment_run(period="2025", previous=None)
    again = Run.objects.get(pk=published.pk)
    second = rendering.run_export(again, tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes(), a.name
    names = {p.name for p in first}
    files = {"result.json", "bulletin.html", "bulletin.docx", "scores.xlsx"}
    assert files <= names <= files | {"bulletin.pdf"}  # the PDF needs an embeddable CJK font


def test_bulletin_pdf_embeds_its_font(published):
    from gongkai.exports.fonts import FontMissingError
    from gongkai.exports.pdf import pdf_font_path

    try:
        pdf_font_path()
    except FontMissingError as exc:
        pytest.skip(str(exc))
    data = rendering.bulletin_pdf(published)
    assert data.startswith(b"%PDF") and b"/FontFile2" in data  # TrueType font embedded
    assert rendering.bulletin_pdf(published) == data  # same bytes every time
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                              check=True).stdout.decode()
        assert "武汉市人民政府办公厅关于2025年度政务公开工作考评情况的通报" in text.replace("\n", "")


def test_result_json_has_the_documented_shape(published):
    result = json.loads(rendering.result_json(published))
    assert {"run", "period", "indicator_set", "units", "groups", "awards", "weakest"} <= set(result)
    assert set(result["indicator_set"]) >= {"name", "version"}
    unit = result["units"][0]
    assert {"unit", "group", "total", "rank", "vetoed", "indicators"} <= set(unit)
    assert {"code", "name", "score", "max", "evidence"} <= set(unit["indicators"][0])
    assert {"group", "units", "mean", "mean_change", "ge_90", "ge_90_change", "ge_80",
            "ge_80_change"} <= set(result["groups"][0])
    assert set(result["awards"]) == {"excellent", "improved", "improved_by"}
    assert {"group", "members", "scope", "counter", "mean", "mean_change"} <= set(result["summary_groups"][0])
    assert {"code", "name", "average_loss"} <= set(result["weakest"][0])
    assert result["groups"][0]["mean_change"] is None  # no previous run


def test_manual_scores_carry_over_to_a_new_run_of_the_period(year_2025, unit_tree):
    first = services.assessment_run(period="2025", previous=None)
    services.manual_scores_set(run=first, entries=[(unit_tree["district"].pk, "D1", "8.5")])
    second = services.assessment_run(period="2025", previous=None)
    d1 = next(i for u in second.result["units"] if u["unit_id"] == unit_tree["district"].pk
              for i in u["indicators"] if i["code"] == "D1")
    assert (d1["score"], d1["status"]) == (8.5, "scored")
