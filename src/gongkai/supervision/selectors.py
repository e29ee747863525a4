"""督办 reads: a unit's tasks, a round's board, the quarterly report, the public view."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from gongkai.supervision.domain.progress import QuarterSummary, ReportRow, TaskStatus, summarize
from gongkai.supervision.models import Breakdown, Report, Round, Task


def tasks_for_unit(unit_id: int | None):
    """Tasks the unit leads or shares (the workbench's 督办任务 list)."""
    if not unit_id:
        return Task.objects.none()
    return (Task.objects.filter(Q(lead_unit_id=unit_id) | Q(units__id=unit_id)).distinct()
            .select_related("breakdown", "lead_unit").order_by("-breakdown__year", "breakdown_id", "position"))


def current_round(breakdown: Breakdown, *, today: date | None = None) -> Round | None:
    """The round whose due date is next (or the last one once all have passed)."""
    today = today or timezone.localdate()
    rounds = list(breakdown.rounds.order_by("due_date"))
    return next((r for r in rounds if r.due_date >= today), rounds[-1] if rounds else None)


def round_rows(round_: Round) -> list[tuple[Task, Report | None]]:
    tasks = list(round_.breakdown.tasks.select_related("lead_unit").prefetch_related("units"))
    reports = {r.task_id: r for r in Report.objects.filter(round=round_)}
    return [(t, reports.get(t.pk)) for t in tasks]


def _row(task: Task, report: Report | None, round_: Round) -> ReportRow:
    counted = report is not None and report.state in ("submitted", "accepted")
    return ReportRow(
        task_code=task.code, task_title=task.title, lead_unit=task.lead_unit.full_name,
        units=[u.full_name for u in task.units.all()],
        status=TaskStatus(report.status) if counted and report else None,
        percent=report.percent if counted and report else None, text=report.text if counted and report else "",
        submitted_on=timezone.localdate(report.submitted_at) if counted and report and report.submitted_at else None,
        due=round_.due_date)


def quarter_report(round_: Round, *, today: date | None = None) -> QuarterSummary:
    """The 办理情况报告's figures for a round (reports submitted or accepted count)."""
    rows = [_row(t, r, round_) for t, r in round_rows(round_)]
    return summarize(rows, today=today or timezone.localdate())


def overdue_tasks(*, today: date | None = None) -> list[Task]:
    """Tasks past their 完成时限 whose last accepted report is not 已完成."""
    today = today or timezone.localdate()
    result = []
    for task in Task.objects.filter(deadline__lt=today).select_related("lead_unit", "breakdown"):
        last = task.reports.filter(state="accepted").order_by("-round__due_date").first()
        if last is None or last.status != TaskStatus.DONE.value:
            result.append(task)
    return result


def public_breakdowns():
    return Breakdown.objects.filter(is_public=True).select_related("issuer")


def public_grid(breakdown: Breakdown) -> tuple[list[Round], list[tuple[Task, list[Report | None]]]]:
    """Tasks × progress rounds, only accepted reports shown (the office publishes those)."""
    rounds = list(breakdown.rounds.filter(kind="progress").order_by("due_date"))
    accepted = {(r.task_id, r.round_id): r for r in Report.objects.filter(round__in=rounds, state="accepted")}
    tasks = list(breakdown.tasks.select_related("lead_unit").prefetch_related("units"))
    return rounds, [(t, [accepted.get((t.pk, r.pk)) for r in rounds]) for t in tasks]


def reporting_facts(*, start: date, end: date, unit_ids: list[int], today: date | None = None):
    """For the assessment measure 督办任务按时报送: per lead unit, the rounds due in [start, end]
    and whether each report was submitted by its due date (not yet submitted after the due
    date counts as late)."""
    today = today or timezone.localdate()
    rounds = list(Round.objects.filter(due_date__gte=start, due_date__lte=end).select_related("breakdown"))
    facts: dict[int, list[dict]] = {}
    if not rounds:
        return facts
    due = [r for r in rounds if r.due_date < today]
    reports = {(r.task_id, r.round_id): r for r in Report.objects.filter(round__in=due)}
    tasks = list(Task.objects.filter(breakdown_id__in={r.breakdown_id for r in due}, lead_unit_id__in=unit_ids))
    for round_ in due:
        for task in (t for t in tasks if t.breakdown_id == round_.breakdown_id):
            report = reports.get((task.pk, round_.pk))
            submitted = (timezone.localdate(report.submitted_at)
                         if report and report.submitted_at else None)
            facts.setdefault(task.lead_unit_id, []).append({
                "task_id": task.pk, "code": task.code, "title": task.title, "round": round_.label,
                "due": round_.due_date, "submitted": submitted,
                "on_time": submitted is not None and submitted <= round_.due_date})
    return facts
