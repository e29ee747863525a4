"""Thin views: the public form and tracking page, and the unit's workbench pages."""

from __future__ import annotations

import uuid
from datetime import datetime, time

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
from gongkai.core.forms import UnitContactFields
from gongkai.core.models import Unit
from gongkai.disclosure_requests import selectors, services
from gongkai.disclosure_requests.domain.errors import RequestError
from gongkai.disclosure_requests.domain.states import ACTION_LABELS, Action, Status
from gongkai.disclosure_requests.forms import (
    AnswerForm,
    AssistForm,
    AssistReplyForm,
    CloseForm,
    CorrectionForm,
    CorrectionOnlineForm,
    CorrectionReceiveForm,
    DeskForm,
    ExtendForm,
    FeeNoticeForm,
    FeePaidForm,
    LookupForm,
    MockForm,
    PauseForm,
    ProactiveDoneForm,
    ProactiveForm,
    ReceiveForm,
    ReferForm,
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


def _rate_exceeded(request, what: str = "form", limit: int | None = None) -> bool:
    """At most REQUEST_FORM_RATE submissions per address per hour (Django cache: shared across
    processes when REDIS_URL is set)."""
    limit = limit if limit is not None else int(getattr(settings, "REQUEST_FORM_RATE", 5))
    key = f"disclosure-requests:rate:{what}:{_client_ip(request)}"
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
    response["Referrer-Policy"] = "same-origin"  # the token never leaves the site; forms still post (Origin)
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
                          {"form": form, "idempotency_key": _form_key(request), "desks": _desks()}, status=429)
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
                    _("申请已提交，申请编号 %(number)s，查询码 %(code)s。请记下编号和查询码，"
                      "凭它们或本页地址查询办理进度。") % {"number": req.number, "code": req.lookup_code},
                )
                return redirect("disclosure_requests:track", token=req.token)
        return render(request, "disclosure_requests/new.html",
                      {"form": form, "idempotency_key": _form_key(request), "desks": _desks()}, status=400)
    return render(request, "disclosure_requests/new.html",
                  {"form": RequestForm(), "idempotency_key": uuid.uuid4().hex, "desks": _desks()})


def _desks() -> list[dict]:
    """Each 受理机关's contact data for the form (shown when it is chosen)."""
    from gongkai.disclosure_requests.models import RequestDesk

    desks = {d.unit_id: d for d in RequestDesk.objects.filter(accepts_requests=True)}
    out = []
    for unit in services.units_accepting_requests().order_by("sort_order", "id"):
        lines = [(k, v) for k, v in services.desk_contact_lines(unit, desks.get(unit.pk)) if v]
        if lines:
            out.append({"unit_id": unit.pk, "unit": unit.full_name, "lines": lines})
    return out


def _form_key(request) -> str:
    """The key the form was sent with (kept when the form comes back with errors)."""
    key = text_param(request.POST, "idempotency_key", max_chars=64)
    return key if key and key.isalnum() else uuid.uuid4().hex


def request_track(request, token: str):
    req = selectors.request_for_token(token)
    if req is None:
        raise Http404(_("没有找到该申请"))
    form = CorrectionOnlineForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.request_correction_online(token=token, text=form.cleaned_data["correction_reply"])
            except RequestError as exc:
                form.add_error("correction_reply" if exc.field == "correction_reply" else None, exc.message)
            else:
                messages.success(request, _("补正已提交，受理机关将重新计算答复期限"))
                return redirect("disclosure_requests:track", token=token)
    req.refresh_from_db()
    view = selectors.request_public_view(req)
    desk = services.desk_of(req.unit)
    contact = [(k, v) for k, v in services.desk_contact_lines(req.unit, desk) if v]
    files = list(req.files.all()) if req.outcome in ("disclosed", "partly") else []
    return _private(render(request, "disclosure_requests/track.html", {
        "r": view, "token": token, "correction_form": form, "contact": contact, "files": files,
        "lookup_code": req.lookup_code}, status=400 if form.errors else 200))


def request_lookup(request):
    """Find a request by its number and 查询码 (without the tracking link)."""
    form = LookupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _rate_exceeded(request, "lookup", limit=int(getattr(settings, "REQUEST_LOOKUP_RATE", 20))):
            form.is_valid()
            form.add_error(None, _("查询次数过多，请一小时后再试"))
            return _private(render(request, "disclosure_requests/lookup.html", {"form": form}, status=429))
        if form.is_valid():
            req = services.request_lookup(number=form.cleaned_data["number"], code=form.cleaned_data["code"])
            if req is not None:
                return redirect("disclosure_requests:track", token=req.token)
            form.add_error(None, _("申请编号或查询码不正确"))
        status = 400
    return _private(render(request, "disclosure_requests/lookup.html", {"form": form}, status=status))


def request_track_file(request, token: str, file_id: int):
    req = selectors.request_for_token(token)
    if req is None or req.outcome not in ("disclosed", "partly"):
        raise Http404(_("没有找到该文件"))
    row = get_object_or_404(req.files, pk=file_id)
    return _private(_file_response(row))


def _file_response(row):
    """The caller checked who may read it (the handling unit, or the token's holder after a
    disclosure); served like every stored file (core.files)."""
    import mimetypes

    from gongkai.core.files import protected_file_response

    content_type = mimetypes.guess_type(row.name)[0] or "application/octet-stream"
    return protected_file_response(row.file, filename=row.name, content_type=content_type)


def statistics(request):
    """Public: each unit's figures for the year (received, answered on time, outcomes)."""
    year = year_param(request.GET, default=timezone.localdate().year)
    unit_id = id_param(request.GET, "unit")
    units = services.units_accepting_requests().order_by("sort_order", "id")
    unit = units.filter(pk=unit_id).first() if unit_id else None
    if unit_id and unit is None:
        raise Http404(_("没有找到该单位"))
    rows = [selectors.public_statistics(u, year) for u in ([unit] if unit else units)]
    return render(request, "disclosure_requests/statistics.html",
                  {"rows": rows, "year": year, "units": units, "unit": unit})


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
    tab = choice_param(request.GET, "tab", ["open", "due_soon", "overdue", "all", "proactive"], default="open")
    search = {}
    if tab == "all":
        from django.core.paginator import Paginator

        from gongkai.disclosure_requests.domain.outcomes import outcome_choices

        search = {
            "q": text_param(request.GET, "q", max_chars=100),
            "start": date_param(request.GET, "start"), "end": date_param(request.GET, "end"),
            "outcome": choice_param(request.GET, "outcome",
                                    [""] + [c for c, _l in outcome_choices()]
                                    + list({c.partition(":")[0] for c, _l in outcome_choices()}), default=""),
            "status": choice_param(request.GET, "status", [""] + [s.value for s in Status], default=""),
        }
        qs = selectors.request_search(request.user, unit_id=unit_id, **search)
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        rows = page
        search.update(page=page, outcome_choices=_outcome_filter_choices(),
                      status_choices=[(s.value, s.label) for s in Status])
    elif tab == "proactive":
        rows = list(selectors.proactive_queue(request.user))
    else:
        rows = {"open": lists.open, "due_soon": lists.due_soon, "overdue": lists.overdue}.get(tab, lists.open)
    return render(request, "disclosure_requests/manage_list.html", {
        "lists": lists, "rows": rows, "tab": tab, "units": units, "unit_id": unit_id,
        "is_office": request.user.has_role("office"), "search": search,
        "open_assists": selectors.assist_tasks_for(request.user).count(),
        "proactive_count": selectors.proactive_queue(request.user).count(),
    })


def date_param(params, name: str):
    """An ISO date from the query string, or None (a bad value is ignored, never a 500)."""
    from datetime import date

    value = text_param(params, name, max_chars=10)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _outcome_filter_choices() -> list[tuple[str, str]]:
    from gongkai.disclosure_requests.domain.outcomes import CATEGORIES

    out = []
    for info in CATEGORIES.values():
        out.append((info.category.value, f"{info.row}{info.label}"))
        out.extend((f"{info.category.value}:{g.code}", f"　{g.number}. {g.label}") for g in info.grounds)
    return out


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
    Action.REFER: ReferForm,
    Action.ASSIST: AssistForm,
    Action.FEE_NOTICE: FeeNoticeForm,
    Action.FEE_PAID: FeePaidForm,
}


def _assist_units(req):
    return services.units_accepting_requests().exclude(pk=req.unit_id).order_by("sort_order", "id")


def _make_form(act, req, data=None, initial=None):
    if act is Action.ASSIST:
        return AssistForm(data, initial=initial, units=_assist_units(req))
    return FORMS[act](data, initial=initial)


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
    from gongkai.disclosure_requests.models import FeeNotice

    fee = FeeNotice.objects.filter(request=req).first()
    open_pause = req.pauses.filter(end_on__isnull=True).first()
    actions = []
    for action in FORMS:
        sources, _target = TRANSITIONS[action]
        if Status(req.status) not in sources:
            continue
        if action is Action.EXTEND and req.extension_days:
            continue
        if action is Action.CORRECTION_REQUEST and (
            req.correction_sent_on or (deadline and today > deadline.correction_notice_limit)
        ):
            continue  # 第三十条: once, within 7 working days of receipt
        fee_open = fee is not None and fee.paid_on is None
        if action is Action.FEE_NOTICE and fee is not None:
            continue
        if action is Action.FEE_PAID and not (fee_open and req.status == Status.PAUSED):
            continue
        if action is Action.RESUME and fee_open and open_pause is not None and open_pause.kind == "fee":
            continue  # the fee pause ends with the payment (确认已缴纳信息处理费)
        # the channel the request came in by (an online request stays 互联网, 第三十一条)
        initial = {"version": req.version, "channel": req.channel}
        for name in ("sent_on", "received_on", "closed_on", "start_on", "end_on", "decided_on",
                     "answered_on", "confirmed_on", "asked_on", "paid_on"):
            initial[name] = today
        actions.append((action.value, ACTION_LABELS[action], _make_form(action, req, initial=initial)))
    from gongkai.disclosure_requests.domain.fees import BASIS
    from gongkai.disclosure_requests.domain.letters import FeeNoticeInput, fee_notice_build
    fee_letter = None
    if fee is not None:
        fee_letter = fee_notice_build(FeeNoticeInput(
            number=req.number, unit_name=req.unit.full_name, applicant_label=req.applicant_name,
            received_on=req.received_on, information=req.information, fee_description=fee.description,
            amount=fee.amount, pay_by=fee.pay_by, pay_by_provisional=fee.pay_by_provisional,
            payment_method=fee.payment_method, sent_on=fee.sent_on), BASIS)
    can_attach = req.status in (Status.PROCESSING, Status.PAUSED) or req.outcome in ("disclosed", "partly")
    return render(request, "disclosure_requests/manage_detail.html", {
        "req": req, "deadline": deadline, "deadline_error": deadline_error, "actions": actions,
        "pauses": req.pauses.all(), "steps": selectors.request_public_steps(req),
        "letter": selectors.request_letter(req, masked=False), "fee": fee, "fee_letter": fee_letter,
        "assists": req.assists.select_related("unit"), "files": req.files.all(), "can_attach": can_attach,
        "duplicates": selectors.duplicate_candidates(req),
        "proactive_form": ProactiveForm(initial={"flagged_on": today}),
        "proactive_done_form": ProactiveDoneForm(initial={"done_on": today}),
        "today": today,
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
    if act not in FORMS:
        raise Http404(action)
    form = _make_form(act, req, request.POST)
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
                                    answered_on=d["answered_on"], duplicate_of=d["duplicate_of"], **common)
        elif act is Action.REFER:
            services.request_refer(agency=d["agency"], contact=d["contact"], reply_text=d["reply_text"],
                                   answered_on=d["answered_on"], **common)
        elif act is Action.ASSIST:
            services.request_assist_ask(unit=d["unit"], question=d["question"], asked_on=d["asked_on"],
                                        **common)
        elif act is Action.FEE_NOTICE:
            services.request_fee_notice(mode=d["mode"], count=d["count"], sent_on=d["sent_on"],
                                        payment_method=d["payment_method"], **common)
        elif act is Action.FEE_PAID:
            services.request_fee_paid(paid_on=d["paid_on"], **common)
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


# -- files, 主动公开, 协办 replies, 受理点, 模拟测试 --------------------------------------------------


def _form_errors_to_messages(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


@login_required
@require_POST
def manage_file_add(request, pk: int):
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    try:
        services.request_file_add(request=req, upload=request.FILES.get("file"), actor=request.user)
    except RequestError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已上传公开的信息"))
    return redirect("disclosure_requests:manage_detail", pk=req.pk)


@login_required
@require_POST
def manage_file_remove(request, pk: int, file_id: int):
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    get_object_or_404(req.files, pk=file_id)
    try:
        services.request_file_remove(file_id=file_id, actor=request.user)
    except RequestError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除文件"))
    return redirect("disclosure_requests:manage_detail", pk=req.pk)


@login_required
def manage_file(request, pk: int, file_id: int):
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    return _file_response(get_object_or_404(req.files, pk=file_id))


@login_required
@require_POST
def manage_proactive(request, pk: int):
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    done = request.POST.get("done") == "1"
    form = ProactiveDoneForm(request.POST) if done else ProactiveForm(request.POST)
    if not form.is_valid():
        _form_errors_to_messages(request, form)
        return redirect("disclosure_requests:manage_detail", pk=req.pk)
    try:
        if done:
            services.request_proactive_done(request=req, done_on=form.cleaned_data["done_on"], actor=request.user)
        else:
            services.request_proactive_flag(request=req, note=form.cleaned_data["note"],
                                            flagged_on=form.cleaned_data["flagged_on"], actor=request.user)
    except RequestError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已记录主动公开") if done else _("已标记为建议主动公开（第四十四条）"))
    return redirect("disclosure_requests:manage_detail", pk=req.pk)


@login_required
def manage_fee_letter(request, pk: int):
    """The 收费通知书 as DOCX."""
    _handler_required(request.user)
    req = _visible_or_404(request.user, pk)
    from gongkai.disclosure_requests.domain.fees import BASIS
    from gongkai.disclosure_requests.domain.letters import FeeNoticeInput, fee_notice_build
    from gongkai.disclosure_requests.models import FeeNotice

    fee = get_object_or_404(FeeNotice, request=req)
    letter = fee_notice_build(FeeNoticeInput(
        number=req.number, unit_name=req.unit.full_name, applicant_label=req.applicant_name,
        received_on=req.received_on, information=req.information, fee_description=fee.description,
        amount=fee.amount, pay_by=fee.pay_by, pay_by_provisional=fee.pay_by_provisional,
        payment_method=fee.payment_method, sent_on=fee.sent_on), BASIS)
    response = HttpResponse(letter_docx(letter), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="fee-notice-{req.number}.docx"'
    return response


@login_required
def assist_list(request):
    """协办 tasks addressed to the user's units."""
    _handler_required(request.user)
    tasks = list(selectors.assist_tasks_for(request.user, open_only=False)[:200])
    return render(request, "disclosure_requests/assist_list.html", {
        "tasks": tasks, "today": timezone.localdate(),
        "form": AssistReplyForm(initial={"replied_on": timezone.localdate()}),
    })


@login_required
@require_POST
def assist_reply(request, task_id: int):
    _handler_required(request.user)
    task = get_object_or_404(selectors.assist_tasks_for(request.user, open_only=False), pk=task_id)
    form = AssistReplyForm(request.POST)
    if not form.is_valid():
        _form_errors_to_messages(request, form)
    else:
        try:
            services.request_assist_reply(task=task, opinion=form.cleaned_data["opinion"],
                                          replied_on=form.cleaned_data["replied_on"], actor=request.user)
        except RequestError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已答复协办意见"))
    return redirect("disclosure_requests:assist_list")


@login_required
def desk_list(request):
    """The office's 受理点: which units take requests, how, and their contact data."""
    require(request.user.has_role("office") or access.is_admin(request.user), _("只有公开办可以管理申请受理点"))
    units = Unit.objects.filter(pk__in=access.scope_ids(request.user), is_active=True).order_by("sort_order", "id")
    rows = [(u, services.desk_of(u), services.unit_accepts_requests(u)) for u in units]
    return render(request, "disclosure_requests/desk_list.html", {"rows": rows})


@login_required
def desk_edit(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    require(access.can_request_desk_edit(request.user, unit.pk), _("只有上级公开办可以修改申请受理点"))
    desk = services.desk_of(unit)
    initial = {"accepts_requests": services.unit_accepts_requests(unit),
               "channels": services.desk_channels(unit)}
    if desk is not None:
        initial.update({k: getattr(desk, k) for k in services.DESK_FIELDS})
    initial.update({k: getattr(unit, k) for k in UnitContactFields.base_fields})
    form = DeskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.desk_save(actor=request.user, unit=unit, accepts_requests=d["accepts_requests"],
                               channels=d["channels"],
                               contact={k: d.get(k, "") for k in UnitContactFields.base_fields},
                               **{k: d.get(k, "") for k in services.DESK_FIELDS})
        except RequestError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已保存 %(unit)s 的申请受理点") % {"unit": unit.full_name})
            return redirect("disclosure_requests:desk_list")
    return render(request, "disclosure_requests/desk_edit.html", {"form": form, "unit": unit},
                  status=400 if form.errors else 200)


def _mock_required(user) -> None:
    require(access.can_request_mock(user), _("只有评估员可以进行依申请公开模拟测试"))


@login_required
def mock_list(request):
    """依申请公开模拟测试: the evaluator's test requests and their scores; file a new one."""
    _mock_required(request.user)
    form = MockForm(request.POST or None, initial={"submitted_on": timezone.localdate(), "channel": "online"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = {k: d.get(k) or "" for k in APPLICANT_FIELDS}
        submitted_at = timezone.make_aware(datetime.combine(d["submitted_on"], time(10)))
        try:
            test = services.mock_request_file(actor=request.user, unit=d["unit"], channel=d["channel"],
                                              note=d["note"], submitted_at=submitted_at, **data)
        except RequestError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已提交模拟测试申请 %(number)s") % {"number": test.request.number})
            return redirect("disclosure_requests:mock_list")
    unit_id = id_param(request.GET, "unit")
    results = selectors.mock_results([unit_id] if unit_id else None)
    channels = {u.full_name: services.desk_channels(u) for u in services.units_accepting_requests()}
    from gongkai.disclosure_requests.domain.deadline import CHANNEL_LABELS, Channel

    offered = {uid: "、".join(CHANNEL_LABELS[Channel(c)] for c in cs) for uid, cs in channels.items()}
    return render(request, "disclosure_requests/mock_list.html", {
        "form": form, "results": results, "offered": offered,
    }, status=400 if form.errors else 200)
