"""督办 services: import, reports through their states, the quarterly report, 整改 on the one
engine, the assessment measure."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from gongkai.core.domain.errors import AccessDenied
from gongkai.supervision import selectors, services
from gongkai.supervision.domain.breakdown import parse_table
from gongkai.supervision.services import SupervisionError

TEXT = "已印发办理方案，明确了工作目标、具体措施和完成时限，正在按清单推进。"


def test_import_resolves_units_and_applies_the_lead_rule(breakdown, tasks, unit_tree):
    assert breakdown.tasks.count() == 3
    assert tasks["1"].lead_unit == unit_tree["office"]
    assert list(tasks["1"].units.all()) == [unit_tree["stats"]]
    # no 牵头单位: the first 责任单位 leads
    assert tasks["2"].lead_unit == unit_tree["stats"] and list(tasks["2"].units.all()) == [unit_tree["district"]]
    assert tasks["2"].deadline == date(2024, 6, 30) and tasks["2"].has_measure
    assert tasks["1"].section == "一、强化工作统筹，科学制订办理方案"
    assert [r.label for r in breakdown.rounds.all()] == [
        "2024年办理方案", "2024年第一季度完成情况", "2024年第二季度完成情况", "2024年第三季度完成情况",
        "2024年第四季度完成情况"]


def test_an_unknown_unit_refuses_the_whole_import(people, unit_tree):
    from gongkai.supervision.models import Breakdown

    rows = [["序号", "任务", "牵头单位"], ["1", "甲", "武汉市统计局"], ["2", "乙", "市火星局"]]
    with pytest.raises(SupervisionError, match="第2项任务（乙）：单位“市火星局”不在单位库中"):
        services.breakdown_import(title="试行方案", year=2024, issuer=unit_tree["city"], tasks=parse_table(rows),
                                  actor=people["supervisor"])
    assert not Breakdown.objects.filter(title="试行方案").exists()


def test_only_the_supervisor_imports(people, unit_tree):
    with pytest.raises(AccessDenied):
        services.breakdown_import(title="x", year=2024, issuer=unit_tree["city"], tasks=[], actor=people["office"])


def test_a_report_goes_submitted_returned_submitted_accepted(people, tasks, rounds):
    task, q1 = tasks["1"], rounds[1]
    office_clerk = people["office_clerk"]  # the lead unit is 办公厅
    with pytest.raises(AccessDenied):  # the 督查室 decides on reports, it does not write them
        services.report_save(task=task, round_=q1, status="on_track", text=TEXT, actor=people["supervisor"])
    report = services.report_save(task=task, round_=q1, status="on_track", text=TEXT, submit=True, actor=office_clerk)
    assert report.state == "submitted" and report.submitted_at
    report = services.report_decide(report=report, accept=False, reason="请补充具体数据", actor=people["supervisor"])
    assert report.state == "returned" and report.return_reason == "请补充具体数据"
    report = services.report_save(task=task, round_=q1, status="on_track", text=TEXT + "已完成80%。", submit=True,
                                  actor=office_clerk)
    assert report.state == "submitted" and report.return_reason == ""
    report = services.report_decide(report=report, accept=True, actor=people["supervisor"])
    assert report.state == "accepted"
    with pytest.raises(SupervisionError, match="进展报告已审核通过，不能报送"):
        services.report_save(task=task, round_=q1, status="done", text=TEXT, submit=True, actor=office_clerk)


def test_another_unit_cannot_report_on_a_task_it_does_not_lead(people, tasks, rounds):
    with pytest.raises(AccessDenied):
        services.report_save(task=tasks["3"], round_=rounds[1], status="on_track", text=TEXT, actor=people["stats"])


@pytest.mark.parametrize(("fields", "message"), [
    ({"status": "great", "text": TEXT, "percent": "50"}, "推进情况：请选择"),
    ({"status": "on_track", "text": "推进中", "percent": "50"}, "完成情况：请写明"),
    ({"status": "on_track", "text": TEXT, "percent": ""}, "完成进度：该任务有量化目标"),
])
def test_bad_reports_are_refused_naming_the_field(people, tasks, rounds, fields, message):
    from gongkai.supervision.models import Report

    with pytest.raises(SupervisionError, match=message):
        services.report_save(task=tasks["2"], round_=rounds[1], actor=people["stats"], **fields)
    assert not Report.objects.exists()


def test_a_measured_task_below_schedule_is_lagging_and_in_the_quarterly_report(people, tasks, rounds):
    report = services.report_save(task=tasks["2"], round_=rounds[2], status="on_track", text=TEXT, percent="20",
                                  submit=True, actor=people["stats"])
    assert report.status == "lagging"
    summary = selectors.quarter_report(rounds[2], today=date(2024, 7, 25))
    assert [r.task_code for r in summary.lagging] == ["2"]
    assert summary.lagging[0].units == ["新洲区人民政府"]
    assert {r.task_code for r in summary.missing} == {"1", "3"}


def test_responsible_units_contribute_but_others_do_not(people, tasks, rounds, unit_tree):
    item = services.contribution_add(task=tasks["2"], round_=rounds[1], unit=unit_tree["district"],
                                     text="新洲区已建立区级调度推进机制，每月调度一次。", actor=people["district"])
    assert item.unit == unit_tree["district"]
    with pytest.raises(SupervisionError, match="不是该任务的责任单位"):
        services.contribution_add(task=tasks["3"], round_=rounds[1], unit=unit_tree["stats"],
                                  text="统计局配合开展数据统计工作。", actor=people["stats"])


def test_lagging_task_gets_an_inspection_rectification_on_the_assessment_engine(people, tasks, unit_tree):
    from gongkai.assessment.models import Rectification
    from gongkai.assessment.services import rectification_close

    item = services.task_rectify(task=tasks["2"], title="调度推进机制建设滞后", due_date=date(2024, 8, 30),
                                 actor=people["supervisor"])
    assert (item.source, item.unit, item.run) == ("inspection", unit_tree["stats"], None)
    assert item.origin == "武政〔2024〕1号 第2项" and item.heading == "调度推进机制建设滞后"
    closed = rectification_close(item=item, report="已建立市级调度推进机制，每周召开调度会。", actor=people["stats"])
    assert closed.status == Rectification.Status.CLOSED
    with pytest.raises(AccessDenied):
        services.task_rectify(task=tasks["2"], title="x", due_date=date(2024, 8, 30), actor=people["stats"])


def test_the_measure_counts_reports_by_their_due_date(people, tasks, rounds, unit_tree, monkeypatch):
    from gongkai.assessment.measures import REGISTRY, MeasureContext

    on_time = timezone.make_aware(datetime(2024, 4, 18, 10))
    monkeypatch.setattr(timezone, "now", lambda: on_time)
    services.report_save(task=tasks["2"], round_=rounds[1], status="on_track", text=TEXT, percent="30",
                         submit=True, actor=people["stats"])
    monkeypatch.undo()  # measured today, long after every 2024 due date
    ctx = MeasureContext(start=date(2024, 1, 1), end=date(2024, 12, 31),
                         unit_ids=[unit_tree["stats"].pk, unit_tree["district"].pk, unit_tree["province"].pk])
    result = REGISTRY["supervision_reported_on_time"](ctx, {})
    stats = result[unit_tree["stats"].pk]
    # rounds due in 2024: 办理方案, Q1, Q2, Q3 (Q4 is due 2025-01-20); only Q1 was sent, on time
    assert stats.detail == "按时报送 1/4 次" and stats.evidence_total == 3
    assert stats.evidence[0]["detail"] == "2024年办理方案：期限 2024-02-08，未报送"
    assert result[unit_tree["district"].pk].detail == "按时报送 0/4 次"
    assert result[unit_tree["province"].pk].value is None


def test_a_breakdown_has_one_plan_round_and_one_round_per_quarter(rounds, breakdown):
    """Held by the database on SQLite and PostgreSQL alike (two partial unique indexes)."""
    from django.db import IntegrityError, transaction

    from gongkai.supervision.models import Round

    plan = Round.objects.filter(breakdown=breakdown, quarter__isnull=True).first()
    quarter = Round.objects.filter(breakdown=breakdown, quarter__isnull=False).first()
    assert plan is not None and quarter is not None
    for twin in (plan, quarter):
        with pytest.raises(IntegrityError), transaction.atomic():
            Round.objects.create(breakdown=breakdown, kind=twin.kind, quarter=twin.quarter,
                                 label=twin.label, due_date=twin.due_date)
