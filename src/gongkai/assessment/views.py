"""Pages of the assessment (mounted at /assessment/): thin — parse, call a selector or a
service, render. The public sees published runs only; evaluators enter manual scores; the
office runs and publishes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.assessment import rendering, selectors, services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.models import Appeal, Rectification, Run
from gongkai.assessment.tasks import KIND as ASSESSMENT_JOB
from gongkai.assessment.tasks import assessment_run_start
from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.errors import GongkaiError
from gongkai.core.files import protected_file_response
from gongkai.core.jobs import job_can_view
from gongkai.core.models import Job, Unit
from gongkai.core.views import job_status_data
from gongkai.exports.fonts import FontMissingError

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run_or_404(request, run_id: int):
    run = selectors.run_get(request.user, run_id)
    if run is None:
        raise Http404(_("考评不存在或尚未发布"))
    return run


def _download(data: bytes, content_type: str, name: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def run_list(request):
    runs = selectors.runs_visible_to(request.user).order_by("-period", "-id")
    can_manage = access.can_assessment_manage(request.user)
    job = None
    job_id = request.GET.get("job", "")
    if can_manage and job_id.isdigit():
        job = Job.objects.filter(pk=int(job_id), kind=ASSESSMENT_JOB).first()
        if job is not None and not job_can_view(request.user, job):
            job = None
    unit_id = getattr(request.user, "unit_id", None)
    appeal_runs = [
        r for r in Run.objects.drafts_in_appeal_window()
        if unit_id in r.unit_ids and access.can_assessment_appeal(request.user, unit_id)
    ] if unit_id else []
    runs = list(runs[:200])
    for run in runs:
        leaves = services.spec_parse(run.set_yaml).leaves()
        run.manual_count = sum(1 for leaf in leaves if leaf.is_manual)
        run.measured_count = len(leaves) - run.manual_count
    return render(request, "assessment/run_list.html", {
        "runs": runs, "can_manage": can_manage,
        "can_mock": access.can_request_mock(request.user),
        "job": job, "status": job_status_data(job) if job else None,
        "appeal_runs": appeal_runs, "unit_id": unit_id,
        "has_rectifications": bool(unit_id) and Rectification.objects.filter(unit_id=unit_id).exists(),
    })


@login_required
@require_POST
def run_new(request):
    """Starts the run as a background job; this list page shows its progress bar."""
    require(access.can_assessment_manage(request.user))
    try:
        job = assessment_run_start(actor=request.user, period=request.POST.get("period", ""),
                                   back_url=reverse("assessment:list"),
                                   replace_draft=request.POST.get("new_draft") != "1")
    except GongkaiError as exc:  # a bad period
        messages.error(request, exc.message)
        return redirect("assessment:list")
    return redirect(f"{reverse('assessment:list')}?job={job.pk}")


def run_detail(request, run_id: int):
    run = _run_or_404(request, run_id)
    content = rendering.bulletin_content(run)
    can_manage = access.can_assessment_manage(request.user)
    return render(request, "assessment/run_detail.html", {
        "run": run, "content": content, "result": run.result,
        "appeals": list(run.appeals.select_related("unit")) if access.can_assessment_score(request.user) else [],
        "appeal_open": services.appeal_window_is_open(run),
        "rectifications": list(run.rectifications.select_related("unit")) if can_manage else [],
        "previous_rectifications": (list(Rectification.objects.filter(run_id=run.previous_id)
                                         .select_related("unit")) if run.previous_id and can_manage else []),
        "indicators": _indicator_rows(services.spec_parse(run.set_yaml)),
        "can_manage": access.can_assessment_manage(request.user),
        "can_score": access.can_assessment_score(request.user),
        "pending": sum(u.get("pending", 0) for u in run.result.get("units", [])),
    })


def _indicator_rows(spec) -> list[dict]:
    """Every leaf indicator with how it is scored: 自动取数 (the platform measures it) or 人工评分
    (an assessor stage enters it), so every page says which is which."""
    from gongkai.assessment import measures

    rows = []
    for leaf in spec.leaves():
        parent = spec.top_level_of()[leaf.code].name
        if leaf.is_manual:
            how = _("人工评分") + (f"（{leaf.stage}）" if leaf.stage else "")
        else:
            how = _("自动取数") + f"（{measures.LABELS.get(leaf.measure, leaf.measure)}）"
        rows.append({"code": leaf.code, "parent": parent, "name": leaf.name, "weight": leaf.weight,
                     "method": leaf.method, "manual": leaf.is_manual, "how": how, "note": leaf.note,
                     "stage": leaf.stage,
                     "description": leaf.description})
    return rows


def _font_missing(exc: FontMissingError) -> HttpResponse:
    # Without a CJK font the chart would be boxes: say how to install one instead of failing.
    return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")


def run_chart(request, run_id: int):
    run = _run_or_404(request, run_id)
    try:
        return HttpResponse(rendering.chart_png(run), content_type="image/png")
    except FontMissingError as exc:
        return _font_missing(exc)


def run_docx(request, run_id: int):
    run = _run_or_404(request, run_id)
    try:
        data = rendering.bulletin_docx(run)
    except FontMissingError as exc:
        return _font_missing(exc)
    return _download(data, DOCX_TYPE, f"bulletin-{run.period}-{run.pk}.docx",
                     private=not run.is_published)


def run_xlsx(request, run_id: int):
    run = _run_or_404(request, run_id)
    return _download(rendering.scores_xlsx(run), XLSX_TYPE, f"scores-{run.period}-{run.pk}.xlsx",
                     private=not run.is_published)


def run_json(request, run_id: int):
    run = _run_or_404(request, run_id)
    public = not access.can_assessment_score(request.user)
    response = HttpResponse(rendering.result_json(run, public=public),
                            content_type="application/json; charset=utf-8")
    if not run.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


def _visible_documents(user, rows: list[dict]) -> set[int]:
    from gongkai.documents.models import Document

    ids = {
        e["id"] for row in rows for e in row["evidence"]
        if e.get("kind") == "document" and isinstance(e.get("id"), int)
    }
    if not ids:
        return set()
    return set(Document.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def _run_for_unit(request, run_id: int, unit_id: int):
    """The run as the public / evaluators see it, or — during the 申诉 window — a draft shown to
    the staff of the unit (their own scores only)."""
    run = selectors.run_get(request.user, run_id)
    if run is None:
        draft = Run.objects.filter(pk=run_id).first()
        if (draft is not None and services.appeal_window_is_open(draft)
                and access.can_assessment_appeal(request.user, unit_id)):
            return draft
        raise Http404(_("考评不存在或尚未发布"))
    return run


def unit_page(request, run_id: int, unit_id: int):
    """Every point the unit lost, with the evidence linked to the documents / requests; during
    the 申诉 window the unit's staff lodge 申诉 here, indicator by indicator."""
    run = _run_for_unit(request, run_id, unit_id)
    row = selectors.unit_result(run, unit_id)
    if row is None:
        raise Http404(_("该单位不在本次考评范围内"))
    visible = _visible_documents(request.user, row["indicators"])
    hows = {r["code"]: r["how"] for r in _indicator_rows(services.spec_parse(run.set_yaml))}
    can_see_requests = access.can_assessment_score(request.user) or (
        getattr(request.user, "is_authenticated", False) and request.user.unit_id == unit_id
    )
    indicators = []
    for ind in row["indicators"]:
        items = []
        for e in ind["evidence"]:
            item = dict(e)
            if e.get("kind") == "document":
                item["visible"] = e.get("id") in visible
                item["url"] = reverse("portal:document", args=[e["id"]]) if item["visible"] else ""
            elif e.get("kind") == "request":
                item["visible"] = True
                item["url"] = (reverse("disclosure_requests:manage_detail", args=[e["id"]])
                               if can_see_requests else "")
            else:
                item["visible"] = True
            items.append(item)
        lost = round(ind["max"] - ind["score"], 2) if ind["method"] in ("ratio", "deduct", "manual") else 0
        more = max(0, ind.get("evidence_total", 0) - len(items))  # evidence is bounded per measure
        indicators.append({**ind, "items": items, "lost": lost, "how": hows.get(ind["code"], ""),
                           "more": more})
    appeals = {a.indicator_code: a for a in Appeal.objects.filter(run=run, unit_id=unit_id)}
    for ind in indicators:
        ind["appeal"] = appeals.get(ind["code"])
    return render(request, "assessment/unit.html", {
        "run": run, "row": row, "indicators": indicators,
        "lost_total": round(sum(i["lost"] for i in indicators), 2),
        "can_appeal": services.appeal_window_is_open(run)
        and access.can_assessment_appeal(request.user, unit_id),
    })


@login_required
@require_POST
def appeal_new(request, run_id: int, unit_id: int):
    run = _run_for_unit(request, run_id, unit_id)
    code = request.POST.get("indicator_code", "")
    try:
        services.appeal_lodge(run=run, unit_id=unit_id, indicator_code=code,
                              reason=request.POST.get("reason", ""), actor=request.user)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("申诉已提交，请等待公开办复核"))
    return redirect(reverse("assessment:unit", args=[run.pk, unit_id]) + f"#i-{code}")


@login_required
@require_POST
def appeal_window(request, run_id: int):
    require(access.can_assessment_manage(request.user))
    run = _run_or_404(request, run_id)
    try:
        until = services.bulletin_date_parse(request.POST.get("until", ""))
        if until is None:
            raise AssessmentError(_("申诉截止日期：请填写日期"), field="until")
        services.appeal_window_open(run=run, until=until, actor=request.user)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已开放申诉，截止 %(d)s") % {"d": until.isoformat()})
    return redirect("assessment:detail", run_id=run.pk)


@login_required
@require_POST
def appeal_decide(request, appeal_id: int):
    require(access.can_assessment_manage(request.user))
    appeal = Appeal.objects.select_related("run").filter(pk=appeal_id).first()
    if appeal is None:
        raise Http404(_("申诉不存在"))
    verdict = request.POST.get("verdict")
    try:
        if verdict not in ("upheld", "rejected"):
            raise AssessmentError(_("请选择“申诉成立”或“维持原评分”"), field="verdict")
        services.appeal_decide(appeal=appeal, upheld=verdict == "upheld",
                               decision=request.POST.get("decision", ""),
                               score=request.POST.get("score", "").strip() or None, actor=request.user)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("申诉已复核"))
    return redirect("assessment:detail", run_id=appeal.run_id)


@login_required
def rectifications(request):
    """整改 items: a unit's own (to report on), or every unit's for the office."""
    items = Rectification.objects.select_related("run", "unit").order_by("status", "due_date", "id")
    if not (access.can_assessment_manage(request.user) or access.can_rectification_open(request.user)):
        items = items.filter(unit_id=getattr(request.user, "unit_id", None))
    can_open = access.can_rectification_open(request.user)
    items = list(items[:500])
    hows: dict[str, dict[str, str]] = {}
    for item in items:  # say of every lost point whether it was measured or scored by hand
        yaml_text = item.run.set_yaml if item.run_id else ""
        if yaml_text and yaml_text not in hows:
            hows[yaml_text] = {
                r["code"]: r["how"] for r in _indicator_rows(services.spec_parse(yaml_text))}
        item.lost_rows = [{**lost, "how": hows.get(yaml_text, {}).get(lost.get("code"), "")}
                          for lost in item.lost or []]
    return render(request, "assessment/rectifications.html", {
        "items": items,
        "can_report": {i.pk for i in items if access.can_assessment_appeal(request.user, i.unit_id)},
        "can_open": can_open,
        "units": Unit.objects.order_by("code") if can_open else [],
    })


@login_required
@require_POST
def rectification_new(request):
    """Enter a 整改 item by hand (source 手工录入), e.g. from an inspection outside the platform."""
    from datetime import date

    from gongkai.core.domain.params import id_param

    post = request.POST
    unit_id = id_param(post, "unit")
    try:
        due_text = post.get("due_date", "").strip()
        try:
            due = date.fromisoformat(due_text) if due_text else None
        except ValueError:
            raise AssessmentError(f"整改期限：“{due_text}”不是有效日期（例如 2024-08-30）", field="due_date") from None
        services.rectification_open(unit=Unit.objects.filter(pk=unit_id).first() if unit_id else None,
                                    source=Rectification.Source.MANUAL, title=post.get("title", ""),
                                    origin=post.get("origin", ""), due_date=due, actor=request.user)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已下达整改"))
    return redirect("assessment:rectifications")


@login_required
@require_POST
def rectification_close(request, item_id: int):
    item = Rectification.objects.filter(pk=item_id).first()
    if item is None:
        raise Http404(_("整改事项不存在"))
    try:
        services.rectification_close(item=item, report=request.POST.get("report", ""), actor=request.user)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("整改情况已报送"))
    return redirect("assessment:rectifications")


@login_required
def manual_entry(request, run_id: int):
    """Evaluators enter manual scores in a grid (or upload the XLSX template)."""
    require(access.can_assessment_score(request.user))
    run = _run_or_404(request, run_id)
    spec = services.spec_parse(run.set_yaml)
    mine = services.manual_leaves_for(request.user, spec)  # an evaluator: their stage only
    stages = sorted({leaf.stage for leaf in mine if leaf.stage})
    stage = request.GET.get("stage", "")
    manual = [leaf for leaf in mine if not stage or leaf.stage == stage]
    units = [u for u in run.result["units"]]
    if request.method == "POST" and not run.is_published:
        entries = []
        for u in units:
            for ind in manual:
                key = f"s-{u['unit_id']}-{ind.code}"
                if key in request.POST:
                    entries.append((u["unit_id"], ind.code, request.POST[key],
                                    request.POST.get(f"n-{u['unit_id']}-{ind.code}")))
        try:
            services.manual_scores_set(run=run, entries=entries, actor=request.user)
        except AssessmentError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("人工评分已保存"))
            url = reverse("assessment:manual", args=[run.pk])
            return redirect(url + (f"?stage={stage}" if stage else ""))
    existing = {}
    existing_notes = {}
    for uid, code, score, note in run.manual_scores.values_list("unit_id", "indicator_code", "score", "note"):
        existing[(uid, code)] = score
        existing_notes[(uid, code)] = note
    grid = [
        {"unit": u, "cells": [
            {"name": f"s-{u['unit_id']}-{ind.code}",
             "value": request.POST.get(f"s-{u['unit_id']}-{ind.code}") if request.method == "POST"
             else existing.get((u["unit_id"], ind.code), ""),
             "max": 1 if ind.method == "veto" else ind.weight,
             "note_name": f"n-{u['unit_id']}-{ind.code}",
             "note": request.POST.get(f"n-{u['unit_id']}-{ind.code}", "") if request.method == "POST"
             else existing_notes.get((u["unit_id"], ind.code), ""),
             "label": f"{u['unit']} {ind.name}"}
            for ind in manual
        ]}
        for u in units
    ]
    codes = {leaf.code for leaf in manual}
    evidence = [e for e in run.manual_evidence.select_related("unit", "uploaded_by")
                if e.indicator_code in codes]
    names = {leaf.code: leaf.name for leaf in manual}
    files: dict[tuple[int, str], int] = {}
    for e in evidence:
        e.indicator_name = names.get(e.indicator_code, "")
        files[(e.unit_id, e.indicator_code)] = files.get((e.unit_id, e.indicator_code), 0) + 1
    for row in grid:
        for cell, ind in zip(row["cells"], manual, strict=True):
            cell["files"] = files.get((row["unit"]["unit_id"], ind.code), 0)
    return render(request, "assessment/manual.html", {
        "run": run, "manual": manual, "grid": grid, "stages": stages, "stage": stage,
        "indicators": [r for r in _indicator_rows(spec) if r["manual"] and r["code"] in codes],
        "evidence": evidence, "my_stage": access.assessor_stage(request.user),
    })


@login_required
@require_POST
def manual_evidence_upload(request, run_id: int):
    """上传评分依据材料 for one unit's manual indicator."""
    require(access.can_assessment_score(request.user))
    run = _run_or_404(request, run_id)
    back = reverse("assessment:manual", args=[run.pk]) + "#evidence"
    upload = request.FILES.get("file")
    unit_id = request.POST.get("unit", "")
    if upload is None:
        messages.error(request, _("请选择要上传的评分依据材料"))
        return redirect(back)
    if not unit_id.isdigit():
        messages.error(request, _("请选择单位"))
        return redirect(back)
    try:
        evidence = services.manual_evidence_add(
            run=run, unit_id=int(unit_id), indicator_code=request.POST.get("indicator", ""),
            name=upload.name, data=upload.read(), actor=request.user)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已上传评分依据材料：%(name)s") % {"name": evidence.name})
    return redirect(back)


def _evidence_or_404(request, run_id: int, evidence_id: int):
    require(access.can_assessment_score(request.user))
    run = _run_or_404(request, run_id)
    evidence = run.manual_evidence.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404(_("没有这份评分依据材料"))
    spec = services.spec_parse(run.set_yaml)
    leaf = next((i for i in spec.manual_leaves() if i.code == evidence.indicator_code), None)
    if not access.can_manual_score(request.user, leaf.stage if leaf else ""):
        raise Http404(_("没有这份评分依据材料"))
    return run, evidence


@login_required
def manual_evidence_download(request, run_id: int, evidence_id: int):
    """Only the office, evaluators (of the indicator's stage) and admins download evidence."""
    _run, evidence = _evidence_or_404(request, run_id, evidence_id)
    response = protected_file_response(evidence.file, filename=evidence.name,
                                       content_type=evidence.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def manual_evidence_delete(request, run_id: int, evidence_id: int):
    run, evidence = _evidence_or_404(request, run_id, evidence_id)
    try:
        services.manual_evidence_remove(evidence=evidence, actor=request.user)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除评分依据材料：%(name)s") % {"name": evidence.name})
    return redirect(reverse("assessment:manual", args=[run.pk]) + "#evidence")


@login_required
def manual_template(request, run_id: int):
    require(access.can_assessment_score(request.user))
    from gongkai.exports.xlsx import manual_template_bytes

    run = _run_or_404(request, run_id)
    spec = services.spec_parse(run.set_yaml)
    names = {u["unit_id"]: u["unit"] for u in run.result["units"]}
    existing = {
        (names.get(uid), code): score
        for uid, code, score in run.manual_scores.values_list("unit_id", "indicator_code", "score")
    }
    data = manual_template_bytes(
        indicators=services.manual_leaves_for(request.user, spec),
        units=[(u.name, u.group) for u in selectors.units_info(run.unit_ids)],
        existing=existing, title=f"{run.period_label}考评 #{run.pk} 人工评分表",
    )
    return _download(data, XLSX_TYPE, f"manual-{run.period}-{run.pk}.xlsx", private=True)


@login_required
@require_POST
def manual_import(request, run_id: int):
    require(access.can_assessment_score(request.user))
    run = _run_or_404(request, run_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择评分表文件（.xlsx）"))
        return redirect("assessment:manual", run_id=run.pk)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scores.xlsx"
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        try:
            count = services.manual_scores_import(run=run, path=path, actor=request.user)
        except AssessmentError as exc:
            messages.error(request, f"{upload.name}：{exc.message}")
            return redirect("assessment:manual", run_id=run.pk)
    messages.success(request, _("已导入 %(n)s 项人工评分") % {"n": count})
    return redirect("assessment:manual", run_id=run.pk)


@login_required
def run_publish(request, run_id: int):
    """Publishing is irreversible, so it asks first: GET shows what will be frozen and asks for
    the 发文字号, the date and the office's own words; only a POST with confirm=1 publishes."""
    require(access.can_assessment_manage(request.user))
    run = _run_or_404(request, run_id)
    if run.is_published:
        messages.error(request, _("考评 #%(id)s 已发布，不能再次发布") % {"id": run.pk})
        return redirect("assessment:detail", run_id=run.pk)
    pending = sum(u.get("pending", 0) for u in run.result.get("units", []))
    form = {"doc_number": run.doc_number, "narrative": run.narrative,
            "bulletin_date": run.bulletin_date.isoformat(), "allow_pending": False}
    if request.method == "POST":
        form = {"doc_number": request.POST.get("doc_number", "").strip(),
                "narrative": request.POST.get("narrative", "").strip(),
                "bulletin_date": request.POST.get("bulletin_date", "").strip(),
                "allow_pending": request.POST.get("allow_pending") == "1"}
        if request.POST.get("confirm") == "1":
            try:
                services.assessment_publish(
                    run=run, actor=request.user, allow_pending=form["allow_pending"],
                    doc_number=form["doc_number"], narrative=form["narrative"],
                    bulletin_date=services.bulletin_date_parse(form["bulletin_date"]),
                )
            except AssessmentError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("考评结果已发布"))
                return redirect("assessment:detail", run_id=run.pk)
        else:
            messages.error(request, _("请勾选“我已核对，确认发布”后再发布"))
    return render(request, "assessment/publish_confirm.html", {
        "run": run, "form": form, "pending": pending, "result": run.result,
        "indicators": _indicator_rows(services.spec_parse(run.set_yaml)),
    })
