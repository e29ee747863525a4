"""年度报告 pages (/annual-reports/): the unit's journey (open → fill in → check → submit), the
office's overview, review and roll-up, the case register, and the public pages in the national
layout. Thin: parse input, call one service or selector, render."""

from __future__ import annotations

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.annual_reports import rendering, selectors, services
from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.cases import CASE_KIND_LABELS, OUTCOME_LABELS
from gongkai.annual_reports.domain.checks import CHECK_LABELS
from gongkai.annual_reports.domain.errors import AnnualReportError
from gongkai.annual_reports.domain.states import STATE_LABELS, State, deadline
from gongkai.annual_reports.models import AnnualReport
from gongkai.core import access
from gongkai.core.models import Unit

MAX_UPLOAD = 50 * 1024 * 1024


def staff_required(view):
    """Signed-in users only (the services' gate decides the rest; its AccessDenied becomes
    403/404 in core's middleware)."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)
    return wrapper


def _report_for(request, pk: int) -> AnnualReport:
    report = selectors.reports_visible_to(request.user).filter(pk=pk).first()
    if report is None:
        raise Http404(_("找不到该年度报告"))
    return report


def _default_year() -> int:
    return timezone.localdate().year - 1


def _year(request) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if raw.isdigit() and 2008 <= int(raw) <= timezone.localdate().year:
        return int(raw)
    return _default_year()


@staff_required
def index(request):
    """The unit's reports (with the reminder) and, for the office, every unit's status."""
    year = _year(request)
    today = timezone.localdate()
    user = request.user
    own = None
    if user.unit_id and access.can_annual_report_edit(user, user.unit_id):
        own = {"unit": user.unit, "report": AnnualReport.objects.filter(unit_id=user.unit_id, year=year).first(),
               "deadline": deadline(year, user.unit.kind),
               "reminder": selectors.due_reminder(user.unit, year, today=today)}
    overview = selectors.office_overview(user, year, today=today) if access.units_for(user, "office") else []
    history = selectors.reports_visible_to(user).filter(unit_id=user.unit_id).order_by("-year")[:10]
    return render(request, "annual_reports/index.html", {
        "year": year, "years": list(range(today.year, 2019, -1)), "own": own, "overview": overview,
        "history": history, "state_labels": {s.value: label for s, label in STATE_LABELS.items()},
        "not_published": sum(1 for row in overview if row["state"] != State.PUBLISHED.value),
        "late": sum(1 for row in overview if row["late"]),
    })


@staff_required
@require_POST
def report_open(request):
    unit_id = request.POST.get("unit", "")
    unit = Unit.objects.filter(pk=int(unit_id)).first() if unit_id.isdigit() else None
    if unit is None:
        raise Http404(_("找不到单位"))
    try:
        report = services.annual_report_open(unit=unit, year=_year(request), actor=request.user)
    except AnnualReportError as exc:
        messages.error(request, exc.message)
        return redirect("annual_reports:index")
    return redirect("annual_reports:report", pk=report.pk)


def _previous_entered(report: AnnualReport) -> dict:
    previous = selectors.previous_report(report.unit, report.year)
    if previous is None:
        return {}
    t2 = F.figures_copy(previous.figures)["table2"]
    return {key: t2.get(key) for key in F.UNIT_ENTERED}


@staff_required
def report_detail(request, pk: int):
    report = _report_for(request, pk)
    user = request.user
    editable = State(report.state) in {State.DRAFT, State.RETURNED} and access.can_annual_report_edit(user, report.unit_id)
    reviewable = report.state == State.SUBMITTED.value and access.can_annual_report_review(user, report.unit_id)
    previous = _previous_entered(report)
    entered_rows = [{"key": key, "label": F.SINGLE_LABELS[key][1], "column": F.SINGLE_LABELS[key][2],
                     "value": (report.entered or {}).get(key), "previous": previous.get(key),
                     "shown": report.figures.get("table2", {}).get(key)}
                    for key in F.UNIT_ENTERED]
    reasons = report.reasons or {}
    findings = [{**f, "key": services._key(f), "reason": reasons.get(services._key(f), ""),
                 "label": CHECK_LABELS.get(f["code"], f["code"])} for f in report.findings or []]
    texts = report.texts or {}
    text_parts = [{"key": key, "label": label, "value": texts.get(key, "")} for key, label in F.OVERVIEW_TOPICS]
    text_parts += [{"key": "problems", "label": "五、存在的主要问题及改进情况", "value": texts.get("problems", "")},
                   {"key": "other", "label": "六、其他需要报告的事项（含收取信息处理费情况）", "value": texts.get("other", "")}]
    return render(request, "annual_reports/report.html", {
        "report": report, "editable": editable, "reviewable": reviewable,
        "can_submit": editable and access.can_annual_report_submit(user, report.unit_id),
        "entered_rows": entered_rows, "findings": findings,
        "open_count": len(services.open_findings(report)), "text_parts": text_parts,
        "tables": _tables(report.figures), "deadline": deadline(report.year, report.unit.kind),
        "repetition": report.repetition,
    })


def _tables(figures: dict) -> dict:
    figures = F.figures_copy(figures)
    t3 = []
    for r in F.TABLE3_ROWS:
        group_rows = [x for x in F.TABLE3_ROWS if x.group and x.group == r.group]
        t3.append({"row": r, "values": figures["table3"][r.label],
                   "first_in_group": bool(r.group) and group_rows[0] is r, "group_size": len(group_rows),
                   "group_label": r.group.replace("三、", "") if r.group else "",
                   "text": r.label.split(" ", 1)[1] if r.group else r.label.replace("三、（", "（")})
    results = [x for x in t3 if x["row"].key not in ("new", "carried_over", "carried_forward")]
    return {
        "t2": figures["table2"], "doc_rows": [(row, [figures["table2"][row][c] for c in F.DOC_COLUMNS]) for row in F.DOC_ROWS],
        "single": [(F.SINGLE_LABELS[k], figures["table2"][k]) for k in F.SINGLE_ROWS],
        "t3_head": [x for x in t3 if x["row"].key in ("new", "carried_over")],
        "t3_results": results, "results_size": len(results),
        "t3_tail": [x for x in t3 if x["row"].key == "carried_forward"],
        "t4": [v for row in F.TABLE4_ROWS for v in figures["table4"][row]],
        "columns": F.COLUMNS, "case_columns": F.CASE_COLUMNS, "doc_columns": F.DOC_COLUMNS,
    }


def _act(request, pk: int, call, success: str):
    report = _report_for(request, pk)
    version = request.POST.get("version", "")
    try:
        call(report, int(version) if version.isdigit() else None)
    except AnnualReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("annual_reports:report", pk=pk)


@staff_required
@require_POST
def report_save(request, pk: int):
    texts = {key: request.POST.get(f"text_{key}", "") for key in F.TEXT_KEYS if f"text_{key}" in request.POST}
    entered = {key: request.POST.get(f"entered_{key}", "") for key in F.UNIT_ENTERED
               if f"entered_{key}" in request.POST}
    return _act(request, pk, lambda r, v: services.annual_report_update(
        report=r, actor=request.user, version=v, texts=texts, entered=entered), _("已保存并重新检查"))


@staff_required
@require_POST
def report_refresh(request, pk: int):
    return _act(request, pk, lambda r, v: services.annual_report_refresh(report=r, actor=request.user),
                _("已按平台数据重新生成表格"))


@staff_required
@require_POST
def report_explain(request, pk: int):
    return _act(request, pk, lambda r, v: services.annual_report_explain(
        report=r, actor=request.user, key=request.POST.get("key", ""), reason=request.POST.get("reason", "")),
        _("已记录情况说明"))


@staff_required
@require_POST
def report_submit(request, pk: int):
    return _act(request, pk, lambda r, v: services.annual_report_submit(report=r, actor=request.user, version=v),
                _("已报送公开办审核"))


@staff_required
@require_POST
def report_return(request, pk: int):
    return _act(request, pk, lambda r, v: services.annual_report_return(
        report=r, actor=request.user, reason=request.POST.get("reason", ""), version=v), _("已退回"))


@staff_required
@require_POST
def report_publish(request, pk: int):
    return _act(request, pk, lambda r, v: services.annual_report_publish(report=r, actor=request.user, version=v),
                _("已发布到政策文件库"))


@staff_required
@require_POST
def report_import(request):
    """Read a report published elsewhere (last year's) into the platform."""
    upload = request.FILES.get("file")
    unit_id = request.POST.get("unit", "")
    unit = Unit.objects.filter(pk=int(unit_id)).first() if unit_id.isdigit() else request.user.unit
    if upload is None or unit is None:
        messages.error(request, _("请选择单位和年度报告文件"))
        return redirect("annual_reports:index")
    if upload.size > MAX_UPLOAD:
        messages.error(request, _("文件超过 50 MB"))
        return redirect("annual_reports:index")
    year = request.POST.get("year", "")
    try:
        report = services.annual_report_import(unit=unit, year=int(year) if year.isdigit() else None,
                                               name=upload.name, data=upload.read(), actor=request.user)
    except AnnualReportError as exc:
        messages.error(request, exc.message)
        return redirect("annual_reports:index")
    messages.success(request, _("已读取 %(name)s（%(year)s年度），发现 %(n)s 个问题") % {
        "name": upload.name, "year": report.year, "n": len(report.findings)})
    return redirect("annual_reports:report", pk=report.pk)


@staff_required
def roll_up(request):
    """The office's roll-up: the sum of the reports of every unit it covers, by state."""
    year = _year(request)
    scope = access.units_for(request.user, "office")
    if not scope:
        raise PermissionDenied(_("只有公开办可以查看汇总"))
    reports = list(AnnualReport.objects.filter(unit_id__in=scope, year=year).select_related("unit"))
    total = F.empty_figures()
    for report in reports:
        total = F.figures_add(total, report.figures)
    missing = Unit.objects.filter(pk__in=scope, is_active=True).exclude(
        pk__in=[r.unit_id for r in reports]).order_by("sort_order", "id")
    if request.GET.get("format") == "json":
        return JsonResponse(rendering.report_json(unit=request.user.unit.full_name if request.user.unit else None,
                                                  year=year, figures=total, findings=[]),
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "annual_reports/roll_up.html", {
        "year": year, "reports": reports, "missing": missing, "tables": _tables(total),
    })


# -- outputs ------------------------------------------------------------------------------------


def _output_report(request, pk: int) -> AnnualReport:
    """A published report for anyone; an unpublished one for the staff who may see it."""
    report = get_object_or_404(AnnualReport.objects.select_related("unit"), pk=pk)
    if report.state == State.PUBLISHED.value:
        return report
    if request.user.is_authenticated and selectors.reports_visible_to(request.user).filter(pk=pk).exists():
        return report
    raise Http404(_("找不到该年度报告"))


def report_docx(request, pk: int):
    report = _output_report(request, pk)
    data = rendering.report_docx_bytes(report)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report.title + '.docx')}"
    return response


def report_json(request, pk: int):
    report = _output_report(request, pk)
    payload = rendering.report_json(report)
    return HttpResponse(json.dumps(payload, ensure_ascii=False, indent=1),
                        content_type="application/json; charset=utf-8")


def public_list(request):
    reports = selectors.published_reports().order_by("-year", "unit__sort_order", "unit_id")
    year = request.GET.get("year", "")
    if year.isdigit():
        reports = reports.filter(year=int(year))
    return render(request, "annual_reports/public_list.html", {"reports": reports[:500]})


def public_report(request, pk: int):
    report = get_object_or_404(selectors.published_reports(), pk=pk)
    texts = report.texts or {}
    return render(request, "annual_reports/public_report.html", {
        "report": report, "tables": _tables(report.figures), "texts": texts,
        "overview": [(label, texts.get(key, "")) for key, label in F.OVERVIEW_TOPICS if texts.get(key)],
    })


# -- the case register ------------------------------------------------------------------------


@staff_required
def cases(request):
    user = request.user
    units = Unit.objects.filter(pk__in=access.units_for(user, "submitter") | access.units_for(user, "office"))
    if request.method == "POST":
        unit_id = request.POST.get("unit", "")
        unit = units.filter(pk=int(unit_id)).first() if unit_id.isdigit() else None
        if unit is None:
            messages.error(request, _("请选择单位"))
        else:
            from gongkai.disclosure_requests.models import DisclosureRequest

            number = request.POST.get("request_number", "").strip()
            linked = DisclosureRequest.objects.filter(number=number, unit=unit).first() if number else None
            try:
                if number and linked is None:
                    raise AnnualReportError(_("找不到本单位编号为“%(n)s”的公开申请") % {"n": number},
                                            field="request_number")
                services.review_case_record(
                    unit=unit, actor=user, kind=request.POST.get("kind", ""),
                    filed_on=request.POST.get("filed_on", ""), number=request.POST.get("number", ""),
                    outcome=request.POST.get("outcome", "pending"),
                    decided_on=request.POST.get("decided_on", "") or None, request=linked,
                    note=request.POST.get("note", ""))
            except AnnualReportError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("已登记案件"))
                return redirect("annual_reports:cases")
    return render(request, "annual_reports/cases.html", {
        "cases": selectors.cases_visible_to(user)[:500], "units": units,
        "kinds": list(CASE_KIND_LABELS.items()), "outcomes": list(OUTCOME_LABELS.items()),
    })


@staff_required
@require_POST
def case_update(request, pk: int):
    case = selectors.cases_visible_to(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404(_("找不到该案件"))
    try:
        services.review_case_update(case=case, actor=request.user, outcome=request.POST.get("outcome", ""),
                                    decided_on=request.POST.get("decided_on", "") or None)
    except AnnualReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已更新案件结果"))
    return redirect("annual_reports:cases")



@staff_required
def statistics(request):
    """统计报送: the figures of a quarter, half-year or year for the user's unit (the office: for
    any unit it covers, with the units below), compared with the previous period."""
    from gongkai.annual_reports.domain.periods import period_parse

    user = request.user
    allowed = access.units_for(user, "office") | access.units_for(user, "submitter")
    units = Unit.objects.filter(pk__in=allowed, is_active=True).order_by("sort_order", "id")
    unit_id = request.GET.get("unit", "")
    unit = units.filter(pk=int(unit_id)).first() if unit_id.isdigit() else units.filter(pk=user.unit_id).first()
    if unit is None:
        raise PermissionDenied(_("只有本单位报送员或公开办可以查看统计报送"))
    raw = request.GET.get("period") or f"{timezone.localdate().year - 1}"
    error, data = None, None
    try:
        period = period_parse(raw)
    except AnnualReportError as exc:
        error = exc.message
    else:
        below = request.GET.get("below") == "1" and unit.pk in access.units_for(user, "office")
        data = selectors.statistics_return(unit, period, below=below)
        if request.GET.get("format") == "json":
            return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    key_rows = []
    if data:
        for row in (F.NEW, F.CARRIED_OVER, F.TOTAL, F.CARRIED_FORWARD):
            key_rows.append((row, data["table3"][row][F.TOTAL_COLUMN], data["previous"]["table3"][row][F.TOTAL_COLUMN],
                             data["difference"]["table3"][row][F.TOTAL_COLUMN]))
    return render(request, "annual_reports/statistics.html", {
        "units": units, "unit": unit, "period": raw, "error": error, "data": data, "key_rows": key_rows,
        "tables": _tables({k: data[k] for k in ("table2", "table3", "table4")}) if data else None,
        "total_column": F.TOTAL_COLUMN, "new": F.NEW, "done": F.TOTAL,
    })
