"""A run on data built through the real services, against hand-computed scores."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.assessment import services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.core.calendar import work_calendar


def unit_row(run, unit):
    return next(u for u in run.result["units"] if u["unit_id"] == unit.pk)


def scores(row):
    return {i["code"]: D(str(i["score"])) for i in row["indicators"]}


def test_run_scores_the_district_as_computed_by_hand(year_2025, unit_tree):
    run = services.assessment_run(period="2025", previous=None)
    row = unit_row(run, unit_tree["district"])
    # A1 2 of 3 on time → 10×2/3; A2 gap at 3 → 5−1; A3 d4 lacks 主题分类 → 5×2/3; A4 no returns;
    # A5 no 真实性 findings (titles name the issuer, no 成文日期 to compare);
    # B1 2 of 3 published on time → 10×2/3; B2 its one 规范性文件 has no 解读; C2 no requests (full);
    # B3 决策预公开: G1 no 重大行政决策事项目录 published → 0, G2–G4 no consultations (full);
    # the eight manual items of seed 19's plan, E1 and F1 not entered yet (0, pending).
    assert scores(row) == {
        "A1": D("6.67"), "A2": D("4"), "A3": D("3.33"), "A4": D("3"), "A5": D("2"), "B1": D("6.67"), "B2": D("0"),
        "G1": D("0"), "G2": D("1"), "G3": D("1"), "G4": D("2"), "B4": D("0"), "B5": D("0"),
        "C1": D("0"), "C2": D("10"), "C3": D("0"), "C4": D("0"), "D1": D("0"), "D3": D("0"),
        "H1": D("0"), "E1": D("0"), "F1": D("0"),
    }
    assert row["total"] == 39.67
    assert row["pending"] == 10
    stats = unit_row(run, unit_tree["stats"])
    office = unit_row(run, unit_tree["office"])
    assert stats["total"] == office["total"] == 54  # everything measured is perfect / not applicable
    assert stats["rank"] == office["rank"] == 1  # a tie shares the rank


def test_evidence_names_the_document_and_the_working_days(year_2025, unit_tree):
    run = services.assessment_run(period="2025", previous=None)
    row = unit_row(run, unit_tree["district"])
    a1 = next(i for i in row["indicators"] if i["code"] == "A1")
    [late] = a1["evidence"]
    days = work_calendar().workdays_between(date(2025, 3, 10), date(2025, 5, 6)).count
    assert late["id"] == year_2025["d2"].pk
    assert late["doc_number"] == "新政办〔2025〕2号"
    assert f"为公布后第{days}个工作日（限20个工作日）" in late["detail"]
    a2 = next(i for i in row["indicators"] if i["code"] == "A2")
    assert [e["doc_number"] for e in a2["evidence"]] == ["新政办〔2025〕3号"]
    a3 = next(i for i in row["indicators"] if i["code"] == "A3")
    assert [(e["id"], e["detail"]) for e in a3["evidence"]] == [(year_2025["d4"].pk, "缺少主题分类")]
    assert a1["detail"] == "按时报送 2/3 件"


def test_an_explained_gap_is_not_deducted(year_2025, unit_tree, wf_people):
    from gongkai.review.services import gap_note_save

    gap_note_save(unit=unit_tree["district"], actor=wf_people["submitter_a"], doc_prefix="新政办",
                  year=2025, serial=3, kind="作废", reason="文号作废未使用")
    run = services.assessment_run(period="2025", previous=None)
    a2 = next(i for i in unit_row(run, unit_tree["district"])["indicators"] if i["code"] == "A2")
    assert (a2["score"], a2["detail"]) == (5, "缺号 0 个，已说明原因 1 个")


def test_review_returns_are_deducted_with_their_reason(register, unit_tree, wf_people):
    from gongkai.review.services import review_return

    doc = register("district", "新政办〔2025〕7号", "2025-05-06", submitted="2025-05-07")
    review_return(document=doc, actor=wf_people["reviewer_a"], reason="缺少附件")
    run = services.assessment_run(period=str(date.today().year), previous=None)
    a4 = next(i for i in unit_row(run, unit_tree["district"])["indicators"] if i["code"] == "A4")
    assert a4["score"] == 2.5
    assert a4["evidence"][0]["id"] == doc.pk and "缺少附件" in a4["evidence"][0]["detail"]


def test_groups_and_weakest_are_summarized(year_2025, unit_tree):
    run = services.assessment_run(period="2025", previous=None)
    groups = {g["group"]: g for g in run.result["groups"]}
    assert groups["区政府"] == {
        "group": "区政府", "units": 1, "mean": 39.67, "mean_change": None, "ge_90": 0,
        "ge_90_change": None, "ge_80": 0, "ge_80_change": None, "previous_ge_90": None,
    }
    assert groups["承担行政许可事项较少的部门"]["mean"] == 54
    # losses over the 3 units: B2 5/3 = 1.67, A1 3.33/3 = 1.11, B1 1.11, G1 1 (no unit published
    # its 决策事项目录), A3 1.67/3 = 0.56, A2 0.33;
    # equal losses are listed by code
    assert [(w["code"], w["average_loss"]) for w in run.result["weakest"]] == [
        ("B2", 1.67), ("A1", 1.11), ("B1", 1.11)
    ]
    assert run.result["weakest"][0]["units"] == ["新洲区人民政府"]


def test_previous_run_gives_changes_and_awards(year_2025, unit_tree):
    before = services.assessment_run(period="2024", previous=None)
    services.manual_scores_set(run=before, entries=[
        (unit_tree["district"].pk, "C1", 1), (unit_tree["stats"].pk, "D1", 10),
    ])
    services.assessment_publish(run=before, allow_pending=True)
    run = services.assessment_run(period="2025")  # previous: the published 2024 run
    assert run.previous_id == before.pk
    district = unit_row(run, unit_tree["district"])
    # 2024: no documents (measured indicators full, G1 0: 54) + C1 1 = 55 → 2025: 39.67
    assert (district["previous_total"], district["change"]) == (55, -15.33)
    groups = {g["group"]: g for g in run.result["groups"]}
    # 较少的部门 2024: office 54, stats 64 → mean 59; 2025: 54, 54 → −5; ≥80 none either year
    assert (groups["承担行政许可事项较少的部门"]["mean_change"],
            groups["承担行政许可事项较少的部门"]["ge_80_change"]) == (-5, 0)


def test_units_can_be_named_and_unknown_ones_are_refused(year_2025, unit_tree):
    run = services.assessment_run(period="2025", units=["新洲区政府"], previous=None)
    assert [u["unit"] for u in run.result["units"]] == ["新洲区人民政府"]
    with pytest.raises(AssessmentError, match="找不到单位“火星区”"):
        services.assessment_run(period="2025", units=["火星区"], previous=None)


@pytest.mark.parametrize("period", ["25", "2025年", "", "abcd", "2025Q5", "2025Q0", "2025H3", "2025M1"])
def test_bad_period_is_refused(period, unit_tree):
    with pytest.raises(AssessmentError, match="考评周期|半年只有"):
        services.assessment_run(period=period, previous=None)


def test_query_count_does_not_grow_with_documents_or_units(year_2025, register, unit_tree):
    services.assessment_run(period="2025", previous=None)  # loads the default indicator set
    with CaptureQueriesContext(connection) as small:
        services.assessment_run(period="2025", previous=None)
    for n in range(5, 15):
        register("stats", f"武统〔2025〕{n}号", "2025-07-01", submitted="2025-07-02",
                 published="2025-07-03")
    with CaptureQueriesContext(connection) as large:
        services.assessment_run(period="2025", previous=None)
    assert len(large.captured_queries) == len(small.captured_queries)
    # a query or two per measure (20 leaves measured; on SQLite each on-time measure also
    # writes its per-date cutoffs to a temporary table: three statements), plus the draft
    # replacement, 同比 lookup and audit
    assert len(small.captured_queries) < 56


def test_requests_answered_late_cost_points_with_their_number(year_2025, unit_tree, make_user):
    from datetime import datetime

    from django.utils import timezone

    from gongkai.disclosure_requests import services as requests

    clerk = make_user("stats_clerk", unit_tree["stats"], "submitter")
    applicant = {
        "applicant_type": "natural", "applicant_name": "张三丰", "id_type": "id_card",
        "id_number": "11010519491231002X", "phone": "027-85551234", "delivery_form": "electronic",
        "delivery_method": "email", "email": "zhang@example.cn", "info_title": "武汉市统计管理办法",
    }
    numbers = []
    for received, answered in ((date(2025, 3, 3), date(2025, 3, 10)), (date(2025, 6, 2), date(2025, 8, 29))):
        at = timezone.make_aware(datetime.combine(received, datetime.min.time().replace(hour=10)))
        req = requests.request_submit(unit=unit_tree["stats"], submitted_at=at, **applicant)
        req = requests.request_receive(request=req, channel="online", actor=clerk, confirmed_on=received)
        requests.request_answer(request=req, category="disclosed", reply_text="见附件",
                                answered_on=answered, actor=clerk)
        numbers.append(req.number)
    run = services.assessment_run(period="2025", previous=None)
    c2 = next(i for i in unit_row(run, unit_tree["stats"])["indicators"] if i["code"] == "C2")
    assert (c2["score"], c2["detail"]) == (5, "按时答复 1/2 件")
    assert [e["number"] for e in c2["evidence"]] == [str(numbers[1])]
    district_c2 = next(i for i in unit_row(run, unit_tree["district"])["indicators"] if i["code"] == "C2")
    assert (district_c2["score"], district_c2["status"]) == (10, "no_data")


def test_authenticity_findings_are_counted(register, unit_tree):
    doc = register("district", "新政办〔2024〕5号", "2025-05-06", submitted="2025-05-07",
                   title="关于做好某项工作的通知", written_date="2025-05-01")
    run = services.assessment_run(period="2025", previous=None)
    a5 = next(i for i in unit_row(run, unit_tree["district"])["indicators"] if i["code"] == "A5")
    assert a5["score"] == 1  # two findings × 0.5
    assert [e["detail"] for e in a5["evidence"]] == [
        "发文字号年份2024与成文日期年份2025不一致", "标题未写明发文机关"]
    assert {e["id"] for e in a5["evidence"]} == {doc.pk}


def test_on_time_is_decided_at_local_midnight_after_the_deadline(register, unit_tree):
    """The on-time rows are counted in the database against each date's cutoff: a document
    stamped in the last minute of its deadline day is on time, one at the next midnight late,
    one never stamped is late once its deadline has passed and not counted before."""
    from datetime import datetime, time

    from django.utils import timezone

    from gongkai.documents.models import Document

    def local(day: str, hh: int, mm: int):
        return timezone.make_aware(datetime.combine(date.fromisoformat(day), time(hh, mm)))

    # 2025-03-10 + 20 working days = 2025-04-08 (清明 4-4 … 4-6 off).
    last_minute = register("district", "新政办〔2025〕11号", "2025-03-10", submitted="2025-03-11")
    midnight = register("district", "新政办〔2025〕12号", "2025-03-10", submitted="2025-03-11")
    never = register("stats", "武统〔2025〕11号", "2025-03-10")
    pending = register("stats", "武统〔2025〕12号", "2025-12-30")  # its limit runs into 2026
    Document.objects.filter(pk=last_minute.pk).update(submitted_at=local("2025-04-08", 23, 59))
    Document.objects.filter(pk=midnight.pk).update(submitted_at=local("2025-04-09", 0, 0))
    Document.objects.filter(pk__in=[never.pk, pending.pk]).update(submitted_at=None)
    run = services.assessment_run(period="2025", previous=None)
    a1 = next(i for i in unit_row(run, unit_tree["district"])["indicators"] if i["code"] == "A1")
    assert a1["detail"] == "按时报送 1/2 件"
    assert [e["id"] for e in a1["evidence"]] == [midnight.pk]
    assert "为公布后第21个工作日" in a1["evidence"][0]["detail"]
    a1 = next(i for i in unit_row(run, unit_tree["stats"])["indicators"] if i["code"] == "A1")
    assert a1["detail"] == "按时报送 0/1 件"
    assert [e["id"] for e in a1["evidence"]] == [never.pk]
    assert "截至2025年12月31日未报送" in a1["evidence"][0]["detail"]
