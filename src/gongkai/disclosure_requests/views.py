"""Thin views: the public form and tracking page, and the unit's workbench pages."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.domain.params import choice_param, id_param, text_param, year_param
from gongkai.core.models import Unit
from gongkai.disclosure_requests import selectors, services
from gongkai.disclosure_requests.domain.errors import RequestError
from gongkai.disclosure_requests.domain.states import ACTION_LABELS, Action, Status
from gongkai.disclosure_requests.forms import (
    AnswerForm,
    CloseForm,
    CorrectionForm,
    CorrectionReceiveForm,
    ExtendForm,
    PauseForm,
    ReceiveForm,
    RegisterForm,
    RequestForm,
    ResumeForm,
)
from gongkai.disclosure_requests.letters_docx import letter_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
APPLICANT_FIELDS = [
    "applicant_type", "applicant_name", "id_type", "id_number", "contact_person", "phone",
    "address", "postcode", "email", "info_title", "info_doc_number", "info_description",
    "delivery_form", "delivery_method",
]


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_exceeded(request) -> bool:
    """At most REQUEST_FORM_RATE submissions per address per hour (Django cache: shared across
    processes when REDIS_URL is set)."""
    limit = int(getattr(settings, "REQUEST_FORM_RATE", 5))
    key = f"disclosure-requests:rate:{_client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit


def _private(response: HttpResponse) -> HttpResponse:
    """Tracking pages are reachable by their token alone: keep them out of caches, search
    engines and Referer headers."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# -- public ------------------------------------------------------------------------------------


def request_new(request):
    if request.method == "POST":
        form = RequestForm(request.POST)
        if _rate_exceeded(request):
            form.is_valid()
            form.add_error(None, _("提交次数过多，请一小时后再试"))
            return render(request, "disclosure_requests/new.html",
                          {"form": form, "idempotency_key": _form_key(request)}, status=429)
        if form.is_valid():
            data = {k: form.cleaned_data.get(k) or "" for k in APPLICANT_FIELDS}
            key = text_param(request.POST, "idempotency_key", max_chars=64) or None
            try:
                req = services.request_submit(unit=form.cleaned_data["unit"],
                                              idempotency_key=key, **data)
            except RequestError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    _("申请已提交，申请编号 %(number)s。请收藏本页地址，凭此地址查询办理进度。") % {"number": req.number},
                )
                return redirect("disclosure_requests:track", token=req.token)
        return render(request, "disclosure_requests/new.html",
                      {"form": form, "idempotency_key": _form_key(request)}, status=400)
    return render(request, "disclosure_requests/new.html",
                  {"form": RequestForm(), "idempotency_key": uuid.uuid4().hex})


def _form_key(request) -> str:
    """The key the form was sent with (kept when the form comes back with errors)."""
    key = text_param(request.POST, "idempotency_key", max_chars=64)
    return key if key and key.isalnum() else uuid.uuid4().hex


def request_track(request, token: str):
    req = selectors.request_for_token(token)
    if req is None:
        raise Http404(_("没有找到该申请"))
    view = selectors.request_public_view(req)
    return _private(render(request, "disclosure_requests/track.html", {"r": view, "token": token}))


def request_track_data(request, token: str):
    """The applicant's own data as JSON (个人信息保护法 第四十五条), audited."""
    from django.http import JsonResponse

    from gongkai.core.ratelimit import client_address

    try:
        data = services.request_export_own_data(token=token, address=client_address(request))
    except RequestError as exc:
        raise Http404(exc.message) from None
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="request-{data["number"]}.json"'
    return _private(response)


def request_track_letter(request, token: str):
    req = selectors.request_for_token(token)
    letter = selectors.request_letter(req, masked=True) if req else None
    if letter is None:
        raise Http404(_("没有找到答复书"))
    response = HttpResponse(letter_docx(letter), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="reply-{req.number}.docx"'
    return _private(response)


# -- workbench ---------------------------------------------------------------------------------


def _handler_required(user) -> None:
    require(access.can_request_register(user), _("只有报送员和公开办可以办理依申请公开"))


@login_required
def manage_list(request):
    _handler_required(request.user)
    unit_id = id_param(request.GET, "unit")
    lists = selectors.request_work_lists(request.user, unit_id=unit_id)
    units = Unit.objects.filter(pk__in=_handled_unit_ids(request.user))
    tab = choice_param(request.GET, "tab", ["open", "due_soon", "overdue"], default="open")
    rows = {"open": lists.open, "due_soon": lists.due_soon, "overdue": lists.overdue}.get(tab, lists.open)
    return render(request, "disclosure_requests/manage_list.html", {
        "lists": lists, "rows": rows, "tab": tab, "units": units, "unit_id": unit_id,
        "is_office": request.user.has_role("office"),
    })


def _visible_or_404(user, pk: int):
    return get_object_or_404(selectors.requests_visible_to(user), pk=pk)


FORMS = {
    Action.RECEIVE: ReceiveForm,
    Action.CORRECTION_REQUEST: CorrectionForm,
    Action.CORRECTION_RECEIVE: CorrectionReceiveForm,
    Action.CLOSE_NO_CORRECTION: CloseForm,
    Action.PAUSE: PauseForm,
    Action.RESUME: ResumeForm,
    Action.EXTEND: ExtendForm,
    Action.ANSWER: AnswerForm,
}


@login_required
def manage_detail(request, pk: int):
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    today = timezone.localdate()
    try:
        deadline = services.request_deadline(req)
    except Exception as exc:  # an unknown holiday year: show the message, keep the page usable
        deadline, deadline_error = None, str(exc)
    else:
        deadline_error = ""
    from gongkai.disclosure_requests.domain.states import TRANSITIONS

    actions = []
    for action, form_class in FORMS.items():
        sources, _target = TRANSITIONS[action]
        if Status(req.status) not in sources:
            continue
        if action is Action.EXTEND and req.extension_days:
            continue
        if action is Action.CORRECTION_REQUEST and (
            req.correction_sent_on or (deadline and today > deadline.correction_notice_limit)
        ):
            continue  # 第三十条: once, within 7 working days of receipt
        # the channel the request came in by (an online request stays 互联网, 第三十一条)
        initial = {"version": req.version, "channel": req.channel}
        for name in ("sent_on", "received_on", "closed_on", "start_on", "end_on", "decided_on",
                     "answered_on", "confirmed_on"):
            initial[name] = today
        actions.append((action.value, ACTION_LABELS[action], form_class(initial=initial)))
    return render(request, "disclosure_requests/manage_detail.html", {
        "req": req, "deadline": deadline, "deadline_error": deadline_error, "actions": actions,
        "pauses": req.pauses.all(), "steps": selectors.request_public_steps(req),
        "letter": selectors.request_letter(req, masked=False),
    })


@login_required
@require_POST
def manage_action(request, pk: int, action: str):
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    try:
        act = Action(action)
    except ValueError:
        raise Http404(action) from None
    form = FORMS[act](request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
        return redirect("disclosure_requests:manage_detail", pk=req.pk)
    d = form.cleaned_data
    common = {"request": req, "actor": request.user, "expected_version": d["version"]}
    try:
        if act is Action.RECEIVE:
            services.request_receive(channel=d["channel"], submitted_on=d["submitted_on"],
                                     signed_on=d["signed_on"], confirmed_on=d["confirmed_on"], **common)
        elif act is Action.CORRECTION_REQUEST:
            services.request_correction_send(sent_on=d["sent_on"], text=d["text"],
                                             period_workdays=d["period_workdays"], **common)
        elif act is Action.CORRECTION_RECEIVE:
            services.request_correction_receive(received_on=d["received_on"], **common)
        elif act is Action.CLOSE_NO_CORRECTION:
            services.request_close_no_correction(closed_on=d["closed_on"], **common)
        elif act is Action.PAUSE:
            services.request_pause(kind=d["kind"], start_on=d["start_on"], party=d["party"],
                                   note=d["note"], **common)
        elif act is Action.RESUME:
            services.request_resume(end_on=d["end_on"], **common)
        elif act is Action.EXTEND:
            services.request_extend(days=d["days"], decided_on=d["decided_on"], approver=d["approver"],
                                    reason=d["reason"], **common)
        elif act is Action.ANSWER:
            category, ground = form.category_and_ground()
            services.request_answer(category=category, ground=ground, reply_text=d["reply_text"],
                                    answered_on=d["answered_on"], **common)
    except RequestError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已%(action)s") % {"action": ACTION_LABELS[act]})
    return redirect("disclosure_requests:manage_detail", pk=req.pk)


@login_required
def manage_new(request):
    """Register a request received in person, by post or by fax (第三十一条 receipt date)."""
    _handler_required(request.user)
    units = Unit.objects.filter(pk__in=_handled_unit_ids(request.user))
    form = RegisterForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = {k: d.get(k) or "" for k in APPLICANT_FIELDS}
        try:
            req = services.request_register(
                actor=request.user, unit=d["unit"], channel=d["channel"], submitted_on=d["submitted_on"],
                signed_on=d["signed_on"], confirmed_on=d["confirmed_on"], **data,
            )
        except RequestError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已登记申请 %(number)s") % {"number": req.number})
            return redirect("disclosure_requests:manage_detail", pk=req.pk)
    return render(request, "disclosure_requests/manage_new.html", {"form": form},
                  status=400 if form.errors else 200)


def _handled_unit_ids(user) -> set[int]:
    return access.request_unit_ids(user)


@login_required
def manage_letter(request, pk: int):
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    letter = selectors.request_letter(req, masked=False)
    if letter is None:
        raise Http404(_("尚未答复"))
    response = HttpResponse(letter_docx(letter), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="reply-{req.number}.docx"'
    return response


@login_required
def manage_table(request):
    """Annual-report table 三 for the user's units (the office: its whole subtree)."""
    _handler_required(request.user)
    year = year_param(request.GET, default=timezone.localdate().year)
    scope = access.scope_ids(request.user)
    table = selectors.annual_table_three(scope, year)
    columns = [(c, table["column_labels"][c]) for c in table["columns"]]
    def cells(counts):
        return [counts[c] for c, _label in columns]
    rows = [("一、本年新收政府信息公开申请数量", cells(table["new"])),
            ("二、上年结转政府信息公开申请数量", cells(table["carried_over"]))]
    rows.append(("三、本年度办理结果", None))
    rows += [(f"{r['row']} {r['label']}", cells(r["counts"])) for r in table["outcome_rows"]]
    rows += [("（七）总计", cells(table["total"])),
             ("四、结转下年度继续办理", cells(table["carried_forward"]))]
    return render(request, "disclosure_requests/manage_table.html",
                  {"table": table, "columns": columns, "rows": rows, "year": year})
