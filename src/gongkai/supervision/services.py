"""督办 writes: import a breakdown, report progress, the 督查室's decisions, 整改 after 督查.

Every function checks its gate in `core.access`, validates, writes in one transaction and
records an audit row."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.errors import GongkaiError
from gongkai.core.models import Unit
from gongkai.core.services import audit_record
from gongkai.supervision.domain import progress as p
from gongkai.supervision.domain.breakdown import TaskRow, parse_deadline
from gongkai.supervision.domain.schedule import RoundKind, ShiftRule, schedule
from gongkai.supervision.models import Breakdown, Contribution, Report, Round, Task


class SupervisionError(GongkaiError):
    """督办 input refused: the message names the field."""


def _unit(name: str, where: str) -> Unit:
    from gongkai.core.selectors import unit_find

    unit = unit_find(name)
    if unit is None:
        raise SupervisionError(f"{where}：单位“{name}”不在单位库中，请先在单位管理中添加或改用规范名称",
                               field="file")
    return unit


def _is_workday():
    from gongkai.core.calendar import work_calendar

    calendar = work_calendar()

    def check(day: date) -> bool:
        try:
            return calendar.is_workday(day)
        except GongkaiError:  # a year nobody entered: Monday to Friday
            return day.weekday() < 5

    return check


@transaction.atomic
def breakdown_import(*, title: str, year: int, issuer: Unit, tasks: list[TaskRow], doc_number: str = "",
                     plan_due: date | None = None, first_quarter: int = 1, report_day: int = 20,
                     shift_rule: str = ShiftRule.KEEP.value, measured_codes: frozenset[str] = frozenset(),
                     document=None, actor=None) -> Breakdown:
    """A year's breakdown with its tasks (units resolved by name; an unknown name refuses the
    whole import naming the task) and its reporting rounds. Without tasks (no annex file) the
    tasks are entered by hand afterwards (`task_add`)."""
    require(access.can_supervision_manage(actor), "只有督查室可以导入任务分解方案")
    title = (title or "").strip()
    if not title:
        raise SupervisionError("标题：请填写分解方案的标题", field="title")
    if not 2000 <= int(year) <= 2100:
        raise SupervisionError(f"年度：{year} 不是有效年份", field="year")
    try:
        rule = ShiftRule(shift_rule)
    except ValueError:
        raise SupervisionError(f"遇节假日：未知规则 {shift_rule}", field="shift_rule") from None
    if Breakdown.objects.filter(year=year, title=title).exists():
        raise SupervisionError(f"标题：{year}年已有同名分解方案“{title}”", field="title")
    breakdown = Breakdown.objects.create(title=title, year=year, issuer=issuer, doc_number=doc_number.strip(),
                                         report_day=report_day, shift_rule=rule.value, document=document)
    for i, row in enumerate(tasks, start=1):
        where = f"第{row.code}项任务（{row.title[:20]}）"
        task = Task.objects.create(
            breakdown=breakdown, position=i, code=row.code[:20], section=row.section[:200], title=row.title[:300],
            target=row.target, lead_unit=_unit(row.lead, where), deadline_text=row.deadline_text[:100],
            deadline=parse_deadline(row.deadline_text, year=year), has_measure=row.code in measured_codes)
        others = [_unit(name, where) for name in row.units]
        task.units.set([u for u in others if u.pk != task.lead_unit_id])
    is_workday = _is_workday()
    for spec in schedule(year, plan_due=plan_due, first_quarter=first_quarter, day=report_day, rule=rule,
                         is_workday=is_workday):
        Round.objects.create(breakdown=breakdown, kind=spec.kind.value, quarter=spec.quarter, label=spec.label,
                             due_date=spec.due)
    audit_record(actor=actor, action="supervision_breakdown_import", target=breakdown, unit=issuer,
                 data={"tasks": len(tasks), "year": year})
    return breakdown


@transaction.atomic
def task_add(*, breakdown: Breakdown, row: TaskRow, has_measure: bool = False, actor=None) -> Task:
    """One task entered by hand (the same checks as an imported row)."""
    require(access.can_supervision_manage(actor), "只有督查室可以添加督办任务")
    if not row.title.strip():
        raise SupervisionError("任务：请填写任务内容", field="title")
    if not row.lead.strip():
        raise SupervisionError("牵头单位：请填写牵头单位（无牵头单位的，填责任单位）", field="lead")
    last = breakdown.tasks.order_by("-position").first()
    position = (last.position if last else 0) + 1
    where = f"第{row.code or position}项任务（{row.title[:20]}）"
    task = Task.objects.create(
        breakdown=breakdown, position=position, code=(row.code or str(position))[:20], section=row.section[:200],
        title=row.title.strip()[:300], target=row.target, lead_unit=_unit(row.lead.strip(), where),
        deadline_text=row.deadline_text[:100], deadline=parse_deadline(row.deadline_text, year=breakdown.year),
        has_measure=has_measure)
    task.units.set([u for u in (_unit(n, where) for n in row.units) if u.pk != task.lead_unit_id])
    audit_record(actor=actor, action="supervision_task_add", target=task, unit=task.lead_unit,
                 data={"breakdown": breakdown.pk, "code": task.code})
    return task


@transaction.atomic
def breakdown_publish(*, breakdown: Breakdown, public: bool = True, actor=None) -> Breakdown:
    """Show (or stop showing) the tasks and their accepted status per quarter on the public page."""
    require(access.can_supervision_manage(actor), "只有督查室可以公开督办任务进展")
    breakdown.is_public = public
    breakdown.save(update_fields=["is_public"])
    audit_record(actor=actor, action="supervision_breakdown_publish", target=breakdown, unit=breakdown.issuer,
                 data={"public": public})
    return breakdown


def _locked_report(task: Task, round_: Round) -> Report | None:
    return Report.objects.select_for_update().filter(task=task, round=round_).first()


@transaction.atomic
def report_save(*, task: Task, round_: Round, status: str, text: str, percent: str = "",
                evidence=None, submit: bool = False, actor=None) -> Report:
    """The lead unit writes (and, with `submit`, sends) its plan or progress on a task."""
    require(access.can_supervision_report(actor, task.lead_unit_id), "只有牵头单位可以报送该任务的进展")
    if round_.breakdown_id != task.breakdown_id:
        raise SupervisionError("报送轮次：不属于该任务的分解方案", field="round")
    report = _locked_report(task, round_)
    state = p.ReportState(report.state) if report else p.ReportState.DRAFT
    verb = "submit" if submit else "save"
    new_state = p.transition(state, verb)
    if new_state is None:
        raise SupervisionError(p.refusal(state, verb), field="state")
    try:
        status_value = p.TaskStatus(status)
    except ValueError:
        raise SupervisionError("推进情况：请选择未启动、按序时推进、已完成或滞后", field="status") from None
    text = (text or "").strip()
    if len(text) < 10:
        raise SupervisionError("完成情况：请写明具体措施和进展（至少10个字）", field="text")
    number, error = p.percent_error(percent, has_measure=task.has_measure)
    if error:
        raise SupervisionError(error, field="percent")
    quarter = round_.quarter if round_.kind == RoundKind.PROGRESS.value else None
    status_value = p.effective_status(status_value, number, quarter)
    if report is None:
        report = Report(task=task, round=round_)
    report.state, report.status, report.text, report.percent = new_state.value, status_value.value, text[:5000], number
    if evidence is not None:
        from django.conf import settings

        if evidence.size > settings.IMPORT_MAX_FILE_BYTES:
            raise SupervisionError(f"佐证材料：文件过大（最多 {settings.IMPORT_MAX_FILE_BYTES // (1024 * 1024)} MB）",
                                   field="evidence")
        report.evidence = evidence
    if submit:
        report.submitted_at = timezone.now()
        report.submitted_by = actor if getattr(actor, "pk", None) else None
        report.return_reason = ""
    report.save()
    on_time = p.on_time(timezone.localdate(report.submitted_at), round_.due_date) if submit else None
    audit_record(actor=actor, action="supervision_report_submit" if submit else "supervision_report_save",
                 target=report, unit=task.lead_unit, from_state=state.value, to_state=new_state.value,
                 data={"round": round_.label, "status": status_value.value, "on_time": on_time})
    return report


@transaction.atomic
def report_decide(*, report: Report, accept: bool, reason: str = "", actor=None) -> Report:
    """The 督查室 accepts a submitted report or returns it with a reason."""
    require(access.can_supervision_manage(actor), "只有督查室可以审核进展")
    report = Report.objects.select_for_update().select_related("task").get(pk=report.pk)
    state = p.ReportState(report.state)
    verb = "accept" if accept else "return"
    new_state = p.transition(state, verb)
    if new_state is None:
        raise SupervisionError(p.refusal(state, verb), field="state")
    reason = (reason or "").strip()
    if not accept and len(reason) < 4:
        raise SupervisionError("退回理由：请写明退回的原因", field="reason")
    report.state = new_state.value
    report.return_reason = "" if accept else reason[:2000]
    report.decided_at = timezone.now()
    report.decided_by = actor if getattr(actor, "pk", None) else None
    report.save(update_fields=["state", "return_reason", "decided_at", "decided_by"])
    audit_record(actor=actor, action=f"supervision_report_{verb}", target=report, unit=report.task.lead_unit,
                 from_state=state.value, to_state=new_state.value, reason=reason)
    return report


@transaction.atomic
def contribution_add(*, task: Task, round_: Round, unit: Unit, text: str, actor=None) -> Contribution:
    """A 责任单位 sends its part of the task's progress to the lead unit."""
    require(access.can_supervision_report(actor, unit.pk), "只有责任单位可以报送配合情况")
    if not task.units.filter(pk=unit.pk).exists():
        raise SupervisionError(f"责任单位：{unit} 不是该任务的责任单位", field="unit")
    text = (text or "").strip()
    if len(text) < 10:
        raise SupervisionError("配合情况：请写明本单位承担部分的进展（至少10个字）", field="text")
    item = Contribution.objects.create(task=task, round=round_, unit=unit, text=text[:5000],
                                       created_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="supervision_contribution_add", target=item, unit=unit,
                 data={"task": task.pk, "round": round_.label})
    return item


def task_rectify(*, task: Task, title: str, due_date: date | None, actor=None):
    """督查 found the task lagging: a 整改 item for its lead unit on the one rectification
    engine (`assessment.Rectification`, source 督查)."""
    from gongkai.assessment import services as assessment_services

    require(access.can_supervision_manage(actor), "只有督查室可以下达督查整改")
    origin = f"{task.breakdown.doc_number or task.breakdown.title} 第{task.code}项"
    return assessment_services.rectification_open(unit=task.lead_unit, source="inspection", title=title,
                                                  due_date=due_date, origin=origin[:200], actor=actor)
