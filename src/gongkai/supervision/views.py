"""督办 pages: thin — parse input, call one service or selector, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.domain.errors import AccessDenied
from gongkai.core.domain.params import id_param, int_param, year_param
from gongkai.core.errors import GongkaiError
from gongkai.supervision import selectors, services
from gongkai.supervision.domain.breakdown import BreakdownError
from gongkai.supervision.domain.progress import STATUS_LABELS, TaskStatus
from gongkai.supervision.domain.schedule import SHIFT_LABELS
from gongkai.supervision.models import Breakdown, Report, Round, Task


def _date(value: str, label: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise services.SupervisionError(f"{label}：“{value}”不是有效日期（例如 2024-02-08）", field=label) from None


def _viewer(request) -> None:
    require(access.can_supervision_view(request.user), "只有督查室和各单位工作人员可以查看督办任务")


@login_required
def index(request):
    """督查室: every breakdown, overdue tasks, the import form; a unit: its own tasks."""
    _viewer(request)
    manage = access.can_supervision_manage(request.user)
    tasks = list(selectors.tasks_for_unit(request.user.unit_id))
    current = {}
    for t in tasks:
        if t.breakdown_id not in current:
            current[t.breakdown_id] = selectors.current_round(t.breakdown)
    return render(request, "supervision/index.html", {
        "manage": manage,
        "breakdowns": Breakdown.objects.select_related("issuer")[:100] if manage else [],
        "overdue": selectors.overdue_tasks()[:50] if manage else [],
        "tasks": [(t, current.get(t.breakdown_id), t.lead_unit_id == request.user.unit_id) for t in tasks],
        "shift_rules": list(SHIFT_LABELS.items()),
        "year": timezone.localdate().year,
    })


@login_required
@require_POST
def breakdown_import(request):
    """Upload a 分解方案's annex (DOCX / XLSX / text): the tasks, units and rounds are created."""
    from gongkai.supervision.reading import tasks_read

    require(access.can_supervision_manage(request.user), "只有督查室可以导入任务分解方案")
    upload = request.FILES.get("file")
    try:
        year = year_param(request.POST, "year")
        if year is None:
            raise services.SupervisionError("年度：请填写四位年份", field="year")
        tasks = tasks_read(upload.name, upload.read()) if upload is not None else []
        measured = frozenset(c.strip() for c in request.POST.get("measured", "").replace("，", ",").split(",") if c.strip())
        breakdown = services.breakdown_import(
            title=request.POST.get("title", ""), year=year, issuer=request.user.unit or _city(),
            tasks=tasks, doc_number=request.POST.get("doc_number", ""),
            plan_due=_date(request.POST.get("plan_due", ""), "办理方案报送期限"),
            first_quarter=int_param(request.POST, "first_quarter", default=1, minimum=1, maximum=4) or 1,
            shift_rule=request.POST.get("shift_rule", "keep"), measured_codes=measured, actor=request.user)
    except AccessDenied:
        raise
    except (GongkaiError, BreakdownError) as exc:
        messages.error(request, exc.message)
        return redirect("supervision:index")
    count = breakdown.tasks.count()
    messages.success(request, _("已导入任务 %(n)d 项") % {"n": count} if count else _("已建立分解方案，请逐项添加任务"))
    return redirect("supervision:breakdown", pk=breakdown.pk)


def _city():
    from gongkai.core.models import Unit

    return Unit.objects.filter(parent__isnull=True).first()


@login_required
def breakdown_detail(request, pk: int):
    _viewer(request)
    breakdown = get_object_or_404(Breakdown.objects.select_related("issuer"), pk=pk)
    return render(request, "supervision/breakdown.html", {
        "breakdown": breakdown,
        "tasks": breakdown.tasks.select_related("lead_unit").prefetch_related("units"),
        "rounds": breakdown.rounds.all(),
        "manage": access.can_supervision_manage(request.user),
    })


@login_required
@require_POST
def task_add(request, pk: int):
    """A task entered by hand on the breakdown's page."""
    from gongkai.supervision.domain.breakdown import TaskRow, lead_and_units

    breakdown = get_object_or_404(Breakdown, pk=pk)
    post = request.POST
    lead, units = lead_and_units(post.get("lead", ""), post.get("units", ""))
    row = TaskRow(code=post.get("code", "").strip(), title=post.get("title", ""), target=post.get("target", "").strip(),
                  lead=lead, units=units, deadline_text=post.get("deadline", "").strip(), section=post.get("section", ""))
    try:
        task = services.task_add(breakdown=breakdown, row=row, has_measure=bool(post.get("has_measure")),
                                 actor=request.user)
    except AccessDenied:
        raise
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已添加任务：%(t)s") % {"t": task.title})
    return redirect("supervision:breakdown", pk=pk)


@login_required
@require_POST
def breakdown_publish(request, pk: int):
    breakdown = get_object_or_404(Breakdown, pk=pk)
    services.breakdown_publish(breakdown=breakdown, public=request.POST.get("public", "1") == "1", actor=request.user)
    messages.success(request, _("已公开督办任务进展") if breakdown.is_public else _("已停止公开"))
    return redirect("supervision:breakdown", pk=pk)


@login_required
def round_board(request, pk: int):
    """A round: every task with its report; the 督查室 accepts or returns each."""
    _viewer(request)
    round_ = get_object_or_404(Round.objects.select_related("breakdown"), pk=pk)
    return render(request, "supervision/round.html", {
        "round": round_, "rows": selectors.round_rows(round_),
        "manage": access.can_supervision_manage(request.user), "unit_id": request.user.unit_id,
    })


@login_required
def report_edit(request, pk: int, task_id: int):
    """The lead unit's plan / progress on one task (save or submit); 责任单位 add their part."""
    _viewer(request)
    round_ = get_object_or_404(Round.objects.select_related("breakdown"), pk=pk)
    task = get_object_or_404(Task.objects.select_related("lead_unit"), pk=task_id, breakdown_id=round_.breakdown_id)
    report = Report.objects.filter(task=task, round=round_).first()
    if request.method == "POST":
        try:
            report = services.report_save(
                task=task, round_=round_, status=request.POST.get("status", ""), text=request.POST.get("text", ""),
                percent=request.POST.get("percent", ""), evidence=request.FILES.get("evidence"),
                submit="submit" in request.POST, actor=request.user)
        except AccessDenied:
            raise
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已报送督查室") if report.state == "submitted" else _("已保存"))
            return redirect("supervision:report_edit", pk=pk, task_id=task_id)
    return render(request, "supervision/report.html", {
        "round": round_, "task": task, "report": report, "statuses": list(STATUS_LABELS.items()),
        "posted": request.POST if request.method == "POST" else None,
        "can_edit": access.can_supervision_report(request.user, task.lead_unit_id)
        and (report is None or report.state in ("draft", "returned")),
        "can_contribute": bool(request.user.unit_id) and task.units.filter(pk=request.user.unit_id).exists(),
        "contributions": task.contributions.filter(round=round_).select_related("unit"),
        "manage": access.can_supervision_manage(request.user),
    })


@login_required
@require_POST
def contribution_add(request, pk: int, task_id: int):
    round_ = get_object_or_404(Round, pk=pk)
    task = get_object_or_404(Task, pk=task_id, breakdown_id=round_.breakdown_id)
    require(bool(request.user.unit_id), "没有所属单位的账号不能报送配合情况")
    try:
        services.contribution_add(task=task, round_=round_, unit=request.user.unit, text=request.POST.get("text", ""),
                                  actor=request.user)
    except AccessDenied:
        raise
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("配合情况已送牵头单位"))
    return redirect("supervision:report_edit", pk=pk, task_id=task_id)


@login_required
@require_POST
def report_decide(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    try:
        services.report_decide(report=report, accept=request.POST.get("decision") == "accept",
                               reason=request.POST.get("reason", ""), actor=request.user)
    except AccessDenied:
        raise
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已审核通过") if request.POST.get("decision") == "accept" else _("已退回牵头单位"))
    return redirect("supervision:round", pk=report.round_id)


@login_required
def evidence_download(request, pk: int):
    from gongkai.core.files import protected_file_response

    report = get_object_or_404(Report.objects.select_related("task"), pk=pk)
    require(access.can_supervision_manage(request.user)
            or access.can_supervision_report(request.user, report.task.lead_unit_id), "无权下载该佐证材料")
    if not report.evidence:
        raise Http404(_("没有佐证材料"))
    return protected_file_response(report.evidence, filename=report.evidence.name.rsplit("/", 1)[-1])


@login_required
def quarter_report(request, pk: int):
    """The quarterly 办理情况报告: counts by status, lagging tasks with units, missing reports."""
    _viewer(request)
    round_ = get_object_or_404(Round.objects.select_related("breakdown"), pk=pk)
    summary = selectors.quarter_report(round_)
    return render(request, "supervision/quarter_report.html", {
        "round": round_, "summary": summary,
        "counts": [(s.label, summary.by_status.get(s, 0)) for s in TaskStatus],
        "reported": summary.total - summary.not_reported,
        "manage": access.can_supervision_manage(request.user),
    })


@login_required
def quarter_report_docx(request, pk: int):
    from gongkai.supervision.rendering import quarter_report_docx as build

    _viewer(request)
    round_ = get_object_or_404(Round.objects.select_related("breakdown"), pk=pk)
    data = build(round_, selectors.quarter_report(round_), today=timezone.localdate())
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename=\"supervision-round-{round_.pk}.docx\""
    return response


@login_required
@require_POST
def task_rectify(request, pk: int):
    """督查 found the task lagging: a 整改 item for the lead unit (the rectification engine)."""
    task = get_object_or_404(Task.objects.select_related("breakdown", "lead_unit"), pk=pk)
    try:
        services.task_rectify(task=task, title=request.POST.get("title", ""),
                              due_date=_date(request.POST.get("due_date", ""), "整改期限"), actor=request.user)
    except AccessDenied:
        raise
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已向%(unit)s下达整改") % {"unit": task.lead_unit})
    back = id_param(request.POST, "round")
    return redirect("supervision:round", pk=back) if back else redirect("supervision:index")


def public_index(request):
    return render(request, "supervision/public_index.html", {"breakdowns": selectors.public_breakdowns()})


def public_detail(request, pk: int):
    breakdown = get_object_or_404(selectors.public_breakdowns(), pk=pk)
    rounds, grid = selectors.public_grid(breakdown)
    return render(request, "supervision/public_detail.html", {"breakdown": breakdown, "rounds": rounds, "grid": grid})


@login_required
def round_xlsx(request, pk: int):
    """A round's reports as XLSX (the results the 考评办 receives)."""
    from gongkai.supervision.rendering import round_xlsx as build

    _viewer(request)
    round_ = get_object_or_404(Round.objects.select_related("breakdown"), pk=pk)
    response = HttpResponse(build(round_, selectors.round_rows(round_)),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=\"supervision-round-{round_.pk}.xlsx\""
    return response
