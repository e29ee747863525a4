"""Evidence is bounded per unit and measure (the rows that cost points, counted in full, the first
few kept); the run stores it once; re-running carries manual scores over from ManualScore rows
without reading the previous run's JSON."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.assessment import measures, services
from gongkai.assessment.models import ManualScore, Run


def indicator(run, unit, code):
    row = next(u for u in run.result["units"] if u["unit_id"] == unit.pk)
    return next(i for i in row["indicators"] if i["code"] == code)


@pytest.fixture
def three_late(register):
    """新洲区: three documents submitted late (A1 报送及时 loses on each)."""
    return [register("district", f"新政办〔2025〕{n}号", f"2025-0{n}-03", submitted="2025-09-01",
                     published="2025-09-02") for n in (1, 2, 3)]


def test_evidence_keeps_the_first_items_and_counts_them_all(three_late, unit_tree, monkeypatch):
    monkeypatch.setattr(measures, "EVIDENCE_LIMIT", 2)
    run = services.assessment_run(period="2025", previous=None)
    a1 = indicator(run, unit_tree["district"], "A1")
    assert a1["detail"] == "按时报送 0/3 件"
    assert a1["evidence_total"] == 3
    assert a1["evidence_truncated"] is True
    assert [e["id"] for e in a1["evidence"]] == [three_late[0].pk, three_late[1].pk]
    assert "为公布后第" in a1["evidence"][0]["detail"]
    office = indicator(run, unit_tree["office"], "A1")  # nothing late: nothing cut
    assert (office["evidence_total"], office["evidence_truncated"], office["evidence"]) == (0, False, [])


def test_incomplete_metadata_is_bounded_in_the_query(register, unit_tree, monkeypatch):
    monkeypatch.setattr(measures, "EVIDENCE_LIMIT", 1)
    docs = [register("district", f"新政办〔2025〕{n}号", f"2025-0{n}-03", submitted=f"2025-0{n}-04",
                     published=f"2025-0{n}-05", category="") for n in (1, 2)]
    ctx = measures.MeasureContext(date(2025, 1, 1), date(2025, 12, 31), [unit_tree["district"].pk])
    found = measures.REGISTRY["metadata_complete"](ctx, {})[unit_tree["district"].pk]
    assert found.evidence_total == 2
    assert [(e["id"], e["detail"]) for e in found.evidence] == [(docs[0].pk, "缺少主题分类")]


def test_unit_page_says_how_many_are_not_listed(client, three_late, unit_tree, monkeypatch):
    monkeypatch.setattr(measures, "EVIDENCE_LIMIT", 2)
    run = services.assessment_run(period="2025", previous=None)
    services.assessment_publish(run=run, allow_pending=True)
    page = client.get(f"/assessment/{run.pk}/units/{unit_tree['district'].pk}/").content.decode()
    assert "共 3 条，另有 1 条未列出" in page


def test_measured_evidence_is_stored_once_and_refresh_keeps_it(year_2025, unit_tree):
    run = services.assessment_run(period="2025", previous=None)
    stored = Run.objects.get(pk=run.pk)
    district = str(unit_tree["district"].pk)
    assert "evidence" not in stored.measured["A1"][district]  # kept in the result row only
    before = indicator(stored, unit_tree["district"], "A1")
    services.manual_scores_set(run=stored, entries=[(unit_tree["district"].pk, "E1", "3")])
    after = indicator(Run.objects.get(pk=run.pk), unit_tree["district"], "A1")
    assert after["evidence"] == before["evidence"] and after["evidence"]
    assert after["evidence_total"] == before["evidence_total"] == 1


def test_rerun_carries_manual_scores_without_reading_the_old_json(year_2025, unit_tree):
    first = services.assessment_run(period="2025", previous=None)
    services.manual_scores_set(run=first, entries=[(unit_tree["district"].pk, "E1", "3")])
    with CaptureQueriesContext(connection) as queries:
        second = services.assessment_run(period="2025", previous=None)
    score = ManualScore.objects.get(run=second, unit=unit_tree["district"], indicator_code="E1")
    assert str(score.score) == "3.00" or float(score.score) == 3
    assert f"沿用考评 #{first.pk}" in score.note
    assert indicator(second, unit_tree["district"], "E1")["score"] == 3
    reads_of_old = [q["sql"] for q in queries.captured_queries
                    if q["sql"].lstrip().upper().startswith("SELECT") and "assessment_run" in q["sql"]
                    and '"measured"' in q["sql"].split(" FROM ")[0]]
    assert reads_of_old == []
