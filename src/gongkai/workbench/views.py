"""The back office (工作台): thin views over review/documents services and selectors.

Access: anonymous users go to the login page; users without a workflow role (submitter,
reviewer, office) get 403; a document outside the user's units is 404, whatever its id.
"""

from __future__ import annotations

import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.assessment.selectors import authenticity_of
from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.calendar import work_calendar
from gongkai.core.domain.params import choice_param, id_param
from gongkai.core.domain.roles import REVIEW_ROLES
from gongkai.core.models import Job, Unit
from gongkai.core.selectors import calendar_next_year_warning, password_is_temporary
from gongkai.core.views import job_status_data
from gongkai.documents.domain.filenames import display_name, safe_extension
from gongkai.documents.domain.vocab import STATE_LABELS, State
from gongkai.documents.errors import DocumentError
from gongkai.documents.interpretations import interpretation_target_find
from gongkai.documents.models import Document
from gongkai.documents.services import document_create, document_update
from gongkai.ingest.services import document_prefill
from gongkai.ingest.tasks import KIND as ARCHIVE_IMPORT
from gongkai.ingest.tasks import archive_import_start, can_import_archive
from gongkai.review import selectors
from gongkai.review.domain.transitions import (
    ACTION_LABELS,
    EDITABLE_STATES,
    RULES,
    Action,
    allowed_actions,
)
from gongkai.review.errors import ReviewError
from gongkai.review.services import (
    SERVICES,
    attachment_add,
    attachment_remove,
    attachment_replace,
    date_explanation,
    document_dates_explain,
    document_draft_delete,
    gap_notes_save,
    review_policy_set,
    two_person_rule_applies,
)
from gongkai.search.tasks import reindex_start
from gongkai.workbench.forms import (
    ActionForm,
    ArchiveForm,
    AttachmentForm,
    DocumentForm,
    GapBulkForm,
    UploadForm,
)

UPLOAD_DIR = "workbench_uploads"


def workbench_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(bool(access.workbench_scope_ids(request.user)),
                _("工作台仅供报送员、审核员和公开办使用"))
        return view(request, *args, **kwargs)

    return wrapper


def _document_or_404(request, pk: int) -> Document:
    doc = selectors.workbench_documents(request.user).filter(pk=pk).first()
    if doc is None:
        raise Http404(_("没有这个文件，或您无权查看"))
    return doc


def _context(request, **extra) -> dict:
    roles = access.roles_of(request.user)
    base = {
        "roles": roles,
        "is_office": "office" in roles,
        "is_reviewer": bool(roles & REVIEW_ROLES),
        "my_queues": selectors.user_queues(request.user),
        "is_submitter": "submitter" in roles,
        "queues": selectors.QUEUES,
        "state_labels": {s.value: label for s, label in STATE_LABELS.items()},
        "limit": settings.TIMELINESS_LIMIT_WORKDAYS,
    }
    base.update(extra)
    return base


@workbench_required
def home(request):
    """Unit dashboard: counts by state, overdue items, serial gaps, my queues, recent inbox."""
    scope = access.workbench_scope_ids(request.user)
    counts = selectors.state_counts(scope)
    overdue = selectors.overdue_documents(scope)
    gaps = selectors.unit_serial_gaps(scope)
    roles = access.roles_of(request.user)
    queue_rows = [
        (name, selectors.QUEUES[name][1], selectors.queue_documents(request.user, name).count())
        for name in selectors.user_queues(request.user)
    ]
    rereview_scope = {u for u in scope if access.can_withheld_rereview(request.user, u)}
    return render(request, "workbench/home.html", _context(
        request,
        units=selectors.workbench_units(request.user)[:50],
        counts=[(STATE_LABELS[State(s)], s, n) for s, n in counts.items()],
        overdue=overdue[:20], overdue_total=len(overdue),
        gaps=gaps[:10], gap_total=sum(len(g.unexplained) for g in gaps),
        queue_rows=queue_rows,
        inbox=selectors.inbox(request.user, limit=5),
        annual_reminder=_annual_reminder(request.user),
        supervision_tasks=_supervision_tasks(request.user),
        rereviews=selectors.withheld_rereviews(rereview_scope)[:20] if rereview_scope else [],
        calendar_warning=(calendar_next_year_warning(today=timezone.localdate(),
                                                     calendar=work_calendar())
                          if "office" in roles else ""),
        roles_here=roles,
    ))


def _supervision_tasks(user):
    """The unit's 督办 tasks with the round due next, and its 建议提案 still to answer."""
    from gongkai.proposals.selectors import proposals_for
    from gongkai.supervision.selectors import current_round, tasks_for_unit

    if not user.unit_id:
        return None
    tasks = list(tasks_for_unit(user.unit_id)[:10])
    rounds = {b.pk: current_round(b) for b in {t.breakdown_id: t.breakdown for t in tasks}.values()}
    open_proposals = (proposals_for(user).filter(main_unit_id=user.unit_id, state__in=["assigned", "reopened"])
                      .order_by("due_date")[:10])
    if not tasks and not open_proposals:
        return None
    return {"tasks": [(t, rounds.get(t.breakdown_id), t.lead_unit_id == user.unit_id) for t in tasks],
            "proposals": list(open_proposals)}


def _annual_reminder(user):
    """The unit's 年度报告 for last year, when its deadline is near or past and it is not
    published (条例 第四十九条)."""
    from django.utils import timezone

    from gongkai.annual_reports.selectors import due_reminder

    if not user.unit_id:
        return None
    today = timezone.localdate()
    return due_reminder(user.unit, today.year - 1, today=today)


@workbench_required
def document_list(request):
    docs = selectors.workbench_documents(request.user).order_by("-created_at", "-id")
    state = choice_param(request.GET, "state", [s.value for s in State])
    if state:
        docs = docs.filter(state=state)
    unit = id_param(request.GET, "unit")
    unit_id = str(unit) if unit else ""
    if unit:
        docs = docs.filter(unit_id=unit)
    page = Paginator(docs, 50).get_page(request.GET.get("page"))
    rows = selectors.with_timeliness(page.object_list)
    return render(request, "workbench/document_list.html", _context(
        request, page=page, rows=rows, state=state, unit_id=unit_id,
        units=selectors.workbench_units(request.user),
    ))


def _stash_upload(request, name: str, data: bytes) -> str:
    """Keep the upload until the form is saved: under a generated name (the file-name policy,
    documents.domain.filenames); the original name waits in the session."""
    key = default_storage.save(
        f"{UPLOAD_DIR}/{request.user.pk}/{uuid.uuid4().hex}/upload{safe_extension(name)}",
        ContentFile(data),
    )
    request.session.setdefault("upload_names", {})[key] = display_name(name)
    request.session.modified = True
    return key


def _take_upload(request, key: str) -> tuple[str, bytes] | None:
    """The stashed upload of this user, or None (any other path is ignored)."""
    prefix = f"{UPLOAD_DIR}/{request.user.pk}/"
    if not key or not key.startswith(prefix) or ".." in key or not default_storage.exists(key):
        return None
    with default_storage.open(key, "rb") as fh:
        data = fh.read()
    return request.session.get("upload_names", {}).get(key) or key.rsplit("/", 1)[-1], data


@workbench_required
def document_new(request):
    """登记文件: upload → metadata pre-filled by the extractor → check, edit, save as draft."""
    require(access.can_document_register(request.user, request.user.unit_id),
            _("只有报送员可以登记文件"))
    upload_form = UploadForm()
    form = None
    warnings: list[str] = []
    if request.method == "POST" and request.POST.get("step") == "upload":
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            f = upload_form.cleaned_data["file"]
            if f.size > settings.IMPORT_MAX_FILE_BYTES:
                upload_form.add_error("file", _("文件 %(name)s 过大") % {"name": f.name})
            else:
                data = f.read()
                try:
                    initial = document_prefill(name=f.name, data=data)
                except DocumentError as exc:
                    upload_form.add_error("file", f"{f.name}: {exc.message}")
                else:
                    warnings = initial.pop("warnings", [])
                    initial["issuer_names"] = "\n".join(initial.get("issuer_names") or [])
                    initial["upload"] = _stash_upload(request, f.name, data)
                    form = DocumentForm(initial={k: v for k, v in initial.items() if v not in (None, "")})
    elif request.method == "POST":
        form = DocumentForm(request.POST)
        if form.is_valid():
            duplicates = _duplicates(form, request.user.unit_id)
            if duplicates:
                return render(request, "workbench/document_new.html", _context(
                    request, upload_form=upload_form, form=form, warnings=warnings,
                    duplicates=duplicates,
                    authenticity=_form_authenticity(form, request.user.unit)))
            source = _take_upload(request, form.cleaned_data.get("upload", ""))
            try:
                with transaction.atomic():
                    interprets = interpretation_target_find(form.cleaned_data["interprets_ref"],
                                                            unit_id=request.user.unit_id)
                    doc = document_create(unit=request.user.unit, actor=request.user,
                                          source=source, interprets=interprets,
                                          **form.service_kwargs())
                    if form.cleaned_data.get("date_note"):
                        document_dates_explain(document=doc, actor=request.user,
                                               reason=form.cleaned_data["date_note"])
            except (DocumentError, ReviewError) as exc:
                form.add_error(_form_field(form, exc.field), exc.message)
            else:
                if source is not None:
                    default_storage.delete(form.cleaned_data["upload"])
                messages.success(request, _("已登记为草稿：%(title)s") % {"title": doc.title})
                return redirect("workbench:document", pk=doc.pk)
    elif request.GET.get("manual"):
        form = DocumentForm()
    return render(request, "workbench/document_new.html", _context(
        request, upload_form=upload_form, form=form, warnings=warnings,
        authenticity=_form_authenticity(form, request.user.unit),
    ))


@workbench_required
def archive_import(request):
    """批量导入: upload a .zip; its import runs as a background job, with a progress bar here."""
    require(can_import_archive(request.user, request.user.unit), _("只有报送员可以批量导入文件"))
    form = ArchiveForm()
    if request.method == "POST":
        form = ArchiveForm(request.POST, request.FILES)
        if form.is_valid():
            f = form.cleaned_data["file"]
            try:
                if f.size > settings.IMPORT_MAX_ZIP_TOTAL_BYTES:
                    raise DocumentError(_("文件 %(name)s 过大") % {"name": f.name}, field="file")
                job = archive_import_start(actor=request.user, unit=request.user.unit,
                                           name=f.name, data=f.read(),
                                           back_url=request.path)
            except DocumentError as exc:
                form.add_error("file", exc.message)
            else:
                return redirect(f"{request.path}?job={job.pk}")
    jobs = Job.objects.filter(kind=ARCHIVE_IMPORT, actor=request.user).order_by("-created_at")
    current = None
    job_id = request.GET.get("job", "")
    if job_id.isdigit():
        current = jobs.filter(pk=int(job_id)).first()
    return render(request, "workbench/archive_import.html", _context(
        request, form=form, job=current, status=job_status_data(current) if current else None,
        rows=(current.result or {}).get("rows", [])[:2000] if current else [],
        recent=jobs[:10],
    ))


@workbench_required
def document_detail(request, pk: int):
    doc = _document_or_404(request, pk)
    roles = access.acting_roles(request.user, doc.unit_id)
    actions = _actions_for(doc, roles)
    can_manage = (doc.state == State.DRAFT.value
                  and access.can_draft_manage(request.user, doc.unit_id))
    return render(request, "workbench/document_detail.html", _context(
        request, doc=doc, actions=actions, action_form=ActionForm(),
        timeliness=selectors.timeliness_of(doc),
        history=selectors.document_history(doc),
        returned=selectors.last_return(doc) if doc.state == State.DRAFT.value else None,
        can_edit=doc.state in EDITABLE_STATES and "submitter" in roles,
        can_link=access.can_interpretation_link(request.user, doc.unit_id),
        can_manage_files=can_manage, can_delete=can_manage and doc.submitted_at is None,
        attachments=selectors.attachments_of(doc), attachment_form=AttachmentForm(),
        date_note=date_explanation(doc),
        authenticity=(_document_authenticity(doc) if doc.state in EDITABLE_STATES else []),
        responsible_default=request.user.get_full_name() or str(request.user),
        state_label=STATE_LABELS.get(State(doc.state), doc.state),
    ))


def _form_authenticity(form, unit) -> list[str]:
    """真实性 findings of what the form holds (its cleaned data, or the extracted values)."""
    if form is None:
        return []
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else form.initial
    names = data.get("issuer_names") or []
    if isinstance(names, str):
        names = [n.strip() for n in names.replace("、", "\n").splitlines() if n.strip()]
    written, published = data.get("written_date"), data.get("publish_date")
    from datetime import date

    def as_date(value):
        if isinstance(value, date) or value is None:
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            return None

    return authenticity_of(unit=unit, title=data.get("title") or "",
                           doc_number=data.get("doc_number") or "",
                           written_date=as_date(written), publish_date=as_date(published),
                           issuer_names=names)


def _document_authenticity(doc: Document) -> list[str]:
    return authenticity_of(unit=doc.unit, title=doc.title, doc_number=doc.doc_number,
                           written_date=doc.written_date, publish_date=doc.publish_date,
                           issuer_names=doc.issuer_names or [])


def _actions_for(doc: Document, roles) -> list[tuple]:
    return [(a, ACTION_LABELS[a], RULES[a].needs_reason, RULES[a].needs_ground,
             RULES[a].needs_responsible)
            for a in allowed_actions(state=doc.state, roles=roles, disclosure=doc.disclosure)]


def _duplicates(form: DocumentForm, unit_id: int | None, exclude_pk: int | None = None) -> list:
    """Documents of the unit with the same 发文字号, unless the submitter confirmed."""
    number = form.cleaned_data.get("doc_number") or ""
    if not number or form.cleaned_data.get("confirm_duplicate") or unit_id is None:
        return []
    return selectors.same_doc_number(unit_id=unit_id, doc_number=number, exclude_pk=exclude_pk)


@workbench_required
def document_edit(request, pk: int):
    doc = _document_or_404(request, pk)
    require(doc.state in EDITABLE_STATES and access.can_document_register(request.user, doc.unit_id),
            _("只有本单位报送员可以修改草稿"))
    fields = [f for f in DocumentForm.base_fields
              if f not in ("upload", "interprets_ref", "date_note", "confirm_duplicate")]
    if request.method == "POST":
        form = DocumentForm(request.POST)
        if form.is_valid():
            changes = form.service_kwargs()
            if changes.pop("validity", doc.validity) != doc.validity:
                form.add_error("validity", _("时效性只能通过生效、修改、废止等事件变更"))
            duplicates = [] if form.errors else _duplicates(form, doc.unit_id, doc.pk)
            if duplicates:
                return render(request, "workbench/document_edit.html", _context(
                    request, doc=doc, form=form, duplicates=duplicates,
                    authenticity=_form_authenticity(form, doc.unit)))
            if not form.errors:
                try:
                    changes["interprets"] = interpretation_target_find(
                        form.cleaned_data["interprets_ref"], unit_id=doc.unit_id, self_id=doc.pk)
                    with transaction.atomic():
                        document_update(document=doc, actor=request.user, **changes)
                        note = form.cleaned_data.get("date_note", "")
                        if note and note != date_explanation(doc):
                            document_dates_explain(document=doc, actor=request.user, reason=note)
                except (DocumentError, ReviewError) as exc:
                    form.add_error(_form_field(form, exc.field), exc.message)
                else:
                    messages.success(request, _("已保存"))
                    return redirect("workbench:document", pk=doc.pk)
    else:
        initial = {f: getattr(doc, f) for f in fields}
        initial["issuer_names"] = "\n".join(doc.issuer_names or [])
        initial.pop("interprets_ref", None)
        if doc.interprets_id:
            target = doc.interprets
            initial["interprets_ref"] = target.doc_number or target.title
        initial["date_note"] = date_explanation(doc)
        form = DocumentForm(initial=initial)
    return render(request, "workbench/document_edit.html", _context(
        request, doc=doc, form=form, authenticity=_form_authenticity(form, doc.unit)))


def _form_field(form, field: str | None) -> str | None:
    """The form field a service error names (``interprets`` is typed in ``interprets_ref``)."""
    if field == "interprets":
        return "interprets_ref"
    return field if field in form.fields else None


def _safe_next(request, url: str, fallback: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return fallback


@require_POST
@workbench_required
def document_act(request, pk: int, action: str):
    doc = _document_or_404(request, pk)
    try:
        act = Action(action)
    except ValueError:
        raise Http404(_("未知操作")) from None
    form = ActionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    kwargs: dict = {"document": doc, "actor": request.user,
                    "expected_state": data.get("expected_state") or None}
    if act in (Action.RETURN, Action.WITHHOLD, Action.WITHDRAW, Action.REOPEN, Action.RECALL,
               Action.RECONFIRM):
        kwargs["reason"] = data.get("reason", "")
    elif data.get("reason"):
        kwargs["note"] = data["reason"]
    if act is Action.WITHHOLD:
        kwargs["ground"] = data.get("ground", "")
    if act is Action.APPROVE:
        kwargs["responsible"] = data.get("responsible", "")
    fallback = reverse("workbench:document", args=[doc.pk])
    try:
        SERVICES[act](**kwargs)
    except ReviewError as exc:  # a refusal (AccessDenied) is answered by the middleware
        messages.error(request, exc.message)
        return redirect(fallback)
    messages.success(request, _("已%(action)s：%(title)s") % {"action": ACTION_LABELS[act], "title": doc.title})
    return redirect(_safe_next(request, data.get("next", ""), fallback))


@workbench_required
def queue(request, name: str):
    if name not in selectors.QUEUES:
        raise Http404(_("没有这个审核队列"))
    require(name in selectors.user_queues(request.user), _("您不是该环节的审核人员"))
    state, label = selectors.QUEUES[name]
    docs = selectors.queue_documents(request.user, name)[:200]
    scopes = access.role_scopes(request.user)
    rows = []
    for doc, t in selectors.with_timeliness(docs):
        roles_here = access.acting_roles(request.user, doc.unit_id, scopes)
        rows.append((doc, t, _actions_for(doc, roles_here)))
    return render(request, "workbench/queue.html", _context(
        request, name=name, label=label, rows=rows, action_form=ActionForm(),
        responsible_default=request.user.get_full_name() or str(request.user),
    ))


@workbench_required
def inbox(request):
    return render(request, "workbench/inbox.html", _context(
        request, entries=selectors.inbox(request.user, limit=200),
    ))


@workbench_required
def gaps(request):
    """缺号: a short list per unit and series with counts, filter by year, and explanations in
    ranges and in bulk (选中 → 原因), returning to the same series after saving."""
    scope = access.workbench_scope_ids(request.user)
    form = None
    error_series = ""
    if request.method == "POST":
        form = GapBulkForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            unit = Unit.objects.filter(pk=data["unit"], pk__in=scope).first()
            if unit is None:
                raise Http404(_("没有这个单位，或您无权操作"))
            try:
                saved = gap_notes_save(unit=unit, actor=request.user,
                                       doc_prefix=data["doc_prefix"], year=data["year"],
                                       serials=data["all_serials"], kind=data["kind"],
                                       reason=data["reason"])
            except ReviewError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("已说明 %(n)s 个缺号（%(series)s）") % {
                    "n": len(saved), "series": f"{data['doc_prefix']}〔{data['year']}〕"})
                return redirect(f"{request.path}?year={data['year']}#"
                                f"series-{unit.pk}-{data['year']}-{data['doc_prefix']}")
        error_series = (f"{request.POST.get('unit', '')}-{request.POST.get('year', '')}-"
                        f"{request.POST.get('doc_prefix', '')}")
    all_gaps = selectors.unit_serial_gaps(scope)
    years = sorted({g.gaps.series.year for g in all_gaps}, reverse=True)
    year = request.GET.get("year", "") or (request.POST.get("year", "") if form else "")
    shown = [g for g in all_gaps if not year.isdigit() or g.gaps.series.year == int(year)]
    for g in shown:  # the anchor of each series (the page returns there after saving)
        g.key = f"{g.unit.pk}-{g.gaps.series.year}-{g.gaps.series.prefix}"
    can_note = bool(access.roles_of(request.user) & ({"submitter"} | REVIEW_ROLES))
    return render(request, "workbench/gaps.html", _context(
        request, gaps=shown, years=years, year=year, form=form, error_series=error_series,
        can_note=can_note, kinds=GapBulkForm.base_fields["kind"].choices,
        own_unit_id=request.user.unit_id,
        total_missing=sum(g.gaps.missing_count for g in shown),
        total_open=sum(len(g.unexplained) for g in shown),
    ))


@workbench_required
def office(request):
    """公开办: every unit below, with counts by state, overdue items and unexplained gaps."""
    require("office" in access.roles_of(request.user), _("仅公开办可以查看下级单位汇总"))
    scope = access.workbench_scope_ids(request.user)
    units = list(Unit.objects.filter(id__in=scope).order_by("sort_order", "id"))
    overdue: dict[int, int] = {}
    for doc, _t in selectors.overdue_documents(scope):
        overdue[doc.unit_id] = overdue.get(doc.unit_id, 0) + 1
    gap_counts: dict[int, tuple[int, int]] = {}
    for g in selectors.unit_serial_gaps(scope):
        total, open_ = gap_counts.get(g.unit.pk, (0, 0))
        gap_counts[g.unit.pk] = (total + g.gaps.missing_count, open_ + len(g.unexplained))
    per_unit = selectors.state_counts_by_unit(scope)
    rows = [
        (unit, [per_unit.get(unit.pk, {}).get(s.value, 0) for s in STATE_LABELS],
         overdue.get(unit.pk, 0), gap_counts.get(unit.pk, (0, 0)))
        for unit in units
    ]
    return render(request, "workbench/office.html", _context(
        request, rows=rows, two_person=two_person_rule_applies(request.user.unit)))


@workbench_required
@require_POST
def office_reindex(request):
    """重建检索索引 as a background job; its page shows the progress."""
    job = reindex_start(actor=request.user, back_url=reverse("workbench:office"))
    return redirect("jobs:detail", job_id=job.pk)


@require_POST
@workbench_required
def policy(request):
    """The office switches the two-person rule for its unit and the units below (audited)."""
    unit = request.user.unit
    require(unit is not None and access.can_review_policy_set(request.user, unit.pk),
            _("只有公开办可以修改审核规则"))
    try:
        review_policy_set(unit=unit, actor=request.user,
                          two_person_rule=request.POST.get("two_person_rule") == "on",
                          reason=request.POST.get("reason", ""))
    except ReviewError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("审核规则已更新"))
    return redirect("workbench:office")


# -- the files of a document (the secrecy reviewer reads exactly these) -----------------------


def _attachment_or_404(request, pk: int, aid: int):
    doc = _document_or_404(request, pk)
    attachment = doc.attachments.filter(pk=aid).first()
    if attachment is None:
        raise Http404(_("没有这个附件"))
    return doc, attachment


@workbench_required
def attachment_download(request, pk: int, aid: int):
    """The stored bytes of an attachment, for anyone whose back-office scope covers the unit
    (the public download serves only published documents)."""
    doc, attachment = _attachment_or_404(request, pk, aid)
    require(access.can_workbench_view(request.user, doc.unit_id), _("无权查看该文件"))
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("附件文件缺失，请联系管理员")) from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name,
                        content_type=attachment.content_type or "application/octet-stream")


def _upload_error(form: AttachmentForm) -> str:
    return "；".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
@workbench_required
def attachment_upload(request, pk: int):
    """添加附件, or 替换 one (`replace` = its id), while the document is a draft."""
    doc = _document_or_404(request, pk)
    require(access.can_draft_manage(request.user, doc.unit_id), _("只有本单位报送员可以管理附件"))
    form = AttachmentForm(request.POST, request.FILES)
    back = redirect("workbench:document", pk=doc.pk)
    if not form.is_valid():
        messages.error(request, _upload_error(form))
        return back
    f = form.cleaned_data["file"]
    if f.size > settings.IMPORT_MAX_FILE_BYTES:
        messages.error(request, _("附件 %(name)s 过大") % {"name": f.name})
        return back
    data = f.read()
    replace = request.POST.get("replace", "")
    try:
        if replace.isdigit():
            old = doc.attachments.filter(pk=int(replace)).first()
            if old is None:
                raise Http404(_("没有这个附件"))
            attachment_replace(attachment=old, actor=request.user, name=f.name, data=data)
            messages.success(request, _("已替换附件：%(name)s") % {"name": f.name})
        else:
            attachment_add(document=doc, actor=request.user, name=f.name, data=data)
            messages.success(request, _("已添加附件：%(name)s") % {"name": f.name})
    except ReviewError as exc:
        messages.error(request, exc.message)
    return back


@require_POST
@workbench_required
def attachment_delete(request, pk: int, aid: int):
    doc, attachment = _attachment_or_404(request, pk, aid)
    try:
        attachment_remove(attachment=attachment, actor=request.user)
    except ReviewError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除附件：%(name)s") % {"name": attachment.name})
    return redirect("workbench:document", pk=doc.pk)


@require_POST
@workbench_required
def document_delete(request, pk: int):
    """删除草稿 (never submitted)."""
    doc = _document_or_404(request, pk)
    try:
        document_draft_delete(document=doc, actor=request.user)
    except ReviewError as exc:
        messages.error(request, exc.message)
        return redirect("workbench:document", pk=doc.pk)
    messages.success(request, _("已删除草稿：%(title)s") % {"title": doc.title})
    return redirect("workbench:documents")


def start(request):
    """Where a person lands after login: the page made for their role (the back office for
    submitters, reviewers and the office; the assessment for evaluators; the admin for IT)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if password_is_temporary(request.user):
        messages.info(request, _("您使用的是公开办发放的初始密码，请先修改密码。"))
        return redirect("password_change")
    roles = access.roles_of(request.user)
    if access.workbench_scope_ids(request.user):
        return redirect("workbench:home")
    if "evaluator" in roles:
        return redirect("assessment:list")
    if "supervisor" in roles:
        return redirect("supervision:index")
    if access.is_admin(request.user):
        return redirect("admin:index")
    messages.info(request, _("您的账号尚未分配角色或单位，请联系本单位政务公开办或系统管理员。"))
    return redirect("portal:home")
