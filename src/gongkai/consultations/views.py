"""Thin views: the public 征求意见 pages (list, detail with the comment form, feedback, the
决策事项目录, hearings, feed) and the unit's workbench pages (manage/…)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.consultations import forms as f
from gongkai.consultations import selectors, services
from gongkai.consultations.documents_out import (
    comments_csv,
    comments_xlsx,
    feedback_docx,
    feedback_paragraphs,
)
from gongkai.consultations.domain.errors import ConsultationError
from gongkai.consultations.domain.vocab import (
    CHANNEL_LABELS,
    COMMENT_STATUS_LABELS,
    ITEM_STATUS_LABELS,
    PHASE_LABELS,
    CommentStatus,
    Phase,
)
from gongkai.consultations.models import Consultation, DecisionCatalog, DecisionItem, Hearing
from gongkai.core.access import (
    AccessDenied,
    can_consultation_manage,
    can_document_publish_direct,
    consultation_unit_ids,
    is_admin,
)
from gongkai.core.domain.params import id_param
from gongkai.core.models import Unit
from gongkai.documents.domain.vocab import State as DocumentState

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_exceeded(request, what: str) -> bool:
    """At most CONSULTATION_FORM_RATE submissions per address per hour (Django cache, shared
    across processes when REDIS_URL is set) — the same guard as the request form."""
    limit = int(getattr(settings, "CONSULTATION_FORM_RATE", getattr(settings, "REQUEST_FORM_RATE", 5)))
    key = f"consultations:rate:{what}:{_client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


# -- public ------------------------------------------------------------------------------------


def consultation_list(request):
    phase = request.GET.get("phase", "")
    qs = selectors.public_consultations()
    unit = id_param(request.GET, "unit")  # a bad or 5000-digit id is a 400 naming it, not a 500
    unit_id = str(unit) if unit else ""
    if unit:
        qs = qs.filter(unit_id=unit)
    if phase in {p.value for p in Phase}:
        qs = selectors.phase_filter(qs, phase)
    page = Paginator(qs.order_by("-start_date", "-id"), 20).get_page(request.GET.get("page"))
    rows = [selectors.consultation_context(c) for c in page.object_list]
    tabs = [("", _("全部"))] + [(p.value, PHASE_LABELS[p]) for p in (Phase.OPEN, Phase.CLOSED, Phase.FEEDBACK)]
    return render(request, "consultations/list.html", {
        "rows": rows, "page": page, "phase": phase, "tabs": tabs, "unit_id": unit_id,
        "catalogs": selectors.public_catalogs()[:20],
    })


def _public_or_404(pk: int) -> Consultation:
    return get_object_or_404(selectors.public_consultations(), pk=pk)


def consultation_detail(request, pk: int):
    c = _public_or_404(pk)
    ctx = selectors.consultation_context(c)
    ctx["comments"] = selectors.comments_shown(c)
    ctx["form"] = f.CommentForm() if ctx["phase"] == Phase.OPEN.value else None
    return render(request, "consultations/detail.html", ctx)


@require_POST
def comment_new(request, pk: int):
    c = _public_or_404(pk)
    form = f.CommentForm(request.POST)
    ctx = selectors.consultation_context(c)
    ctx["comments"] = selectors.comments_shown(c)
    ctx["form"] = form
    if _rate_exceeded(request, "comment"):
        form.is_valid()
        form.add_error(None, _("提交次数过多，请一小时后再试"))
        return render(request, "consultations/detail.html", ctx, status=429)
    if form.is_valid():
        d = form.cleaned_data
        try:
            comment = services.comment_submit(consultation=c, body=d["body"], name=d["name"],
                                              contact=d["contact"], is_private=d["is_private"],
                                              article=d["article"])
        except ConsultationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if comment.status == CommentStatus.PENDING.value:
                note = _("您的意见已提交（第%(n)s条），经审核后按规定公开。感谢您的参与！")
            else:
                note = _("您的意见已提交（第%(n)s条）。感谢您的参与！")
            messages.success(request, note % {"n": comment.number})
            return redirect("consultations:detail", pk=c.pk)
    return render(request, "consultations/detail.html", ctx, status=400)


def feedback_page(request, pk: int):
    c = _public_or_404(pk)
    if not c.feedback_published_at:
        raise Http404(_("反馈情况尚未公布"))
    fb = selectors.feedback_of(c)
    ctx = selectors.consultation_context(c)
    ctx.update({"fb": fb, "paragraphs": feedback_paragraphs(fb)})
    return render(request, "consultations/feedback.html", ctx)


def feedback_download(request, pk: int):
    c = _public_or_404(pk)
    if not c.feedback_published_at:
        raise Http404(_("反馈情况尚未公布"))
    response = HttpResponse(feedback_docx(selectors.feedback_of(c)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="feedback-{c.pk}.docx"'
    return response


def catalog_list(request):
    return render(request, "consultations/catalogs.html", {"catalogs": selectors.public_catalogs()})


def catalog_detail(request, pk: int):
    catalog = get_object_or_404(selectors.public_catalogs(), pk=pk)
    return render(request, "consultations/catalog.html", {
        "catalog": catalog, "items": selectors.catalog_items(catalog), "status_labels": ITEM_STATUS_LABELS})


def hearing_detail(request, pk: int):
    hearing = selectors.open_hearing(pk)
    if hearing is None:
        raise Http404(_("没有找到该听证会"))
    form = f.RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _rate_exceeded(request, "hearing"):
            form.is_valid()
            form.add_error(None, _("提交次数过多，请一小时后再试"))
            status = 429
        elif form.is_valid():
            d = form.cleaned_data
            try:
                services.hearing_register(hearing=hearing, name=d["name"], contact=d["contact"],
                                          affiliation=d["affiliation"], position=d["position"])
            except ConsultationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 400
            else:
                messages.success(request, _("报名已提交，确定听证参加人后将另行通知。"))
                return redirect("consultations:hearing", pk=hearing.pk)
        else:
            status = 400
    open_registration = (hearing.status == "announced"
                         and timezone.localdate() <= hearing.registration_end)
    return render(request, "consultations/hearing.html", {
        "hearing": hearing, "c": hearing.consultation, "form": form if open_registration else None,
        "selected_count": hearing.registrations.filter(selected=True).count(),
    }, status=status)


class ConsultationsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("征求意见：最新发布")

    def subtitle(self):
        return _("向社会公开征求意见的草案及其反馈情况")

    def link(self):
        return reverse("consultations:list")

    def items(self):
        return selectors.public_consultations().order_by("-published_at")[:50]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return reverse("consultations:detail", args=[item.pk])

    def item_description(self, item):
        ctx = selectors.consultation_context(item)
        return _("%(unit)s；征求意见时间：%(start)s 至 %(end)s；%(phase)s") % {
            "unit": item.unit.full_name, "start": item.start_date.isoformat(),
            "end": item.end_date.isoformat(), "phase": ctx["phase_label"]}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.feedback_published_at or item.updated_at

    def item_author_name(self, item):
        return item.unit.full_name


class UnitConsultationsFeed(ConsultationsFeed):
    def get_object(self, request, unit_id: int):
        return get_object_or_404(Unit, pk=unit_id, is_active=True)

    def title(self, obj):
        return _("%(unit)s：征求意见") % {"unit": obj.full_name}

    def link(self, obj):
        return reverse("consultations:list") + f"?unit={obj.pk}"

    def items(self, obj):
        return selectors.public_consultations().filter(unit=obj).order_by("-published_at")[:50]


# -- workbench ---------------------------------------------------------------------------------


def document_state_label(state: str) -> str:
    from gongkai.documents.domain.vocab import STATE_LABELS, State

    try:
        return STATE_LABELS[State(state)]
    except ValueError:
        return state


def _manager_required(user) -> None:
    if not (is_admin(user) or consultation_unit_ids(user)):
        raise AccessDenied(_("只有报送员和公开办可以办理征求意见"))




def _managed_or_404(user, pk: int) -> Consultation:
    return get_object_or_404(selectors.managed_consultations(user), pk=pk)


def _units(user):
    return Unit.objects.all() if is_admin(user) else Unit.objects.filter(pk__in=consultation_unit_ids(user))


@login_required
def manage_list(request):
    _manager_required(request.user)
    rows = [selectors.consultation_context(c) for c in selectors.managed_consultations(request.user)[:200]]
    pending = {c["c"].pk: c["c"].comments.filter(status=CommentStatus.PENDING.value).count() for c in rows}
    for row in rows:
        row["pending"] = pending[row["c"].pk]
    catalogs = DecisionCatalog.objects.filter(unit__in=_units(request.user)).select_related("unit")
    return render(request, "consultations/manage_list.html", {"rows": rows, "catalogs": catalogs})


@login_required
def manage_new(request):
    _manager_required(request.user)
    units = _units(request.user)
    unit_id = request.POST.get("unit") or request.GET.get("unit") or ""
    unit = units.filter(pk=int(unit_id)).first() if unit_id.isdigit() else None
    unit = unit or units.filter(pk=request.user.unit_id).first() or units.first()
    items = DecisionItem.objects.filter(catalog__unit=unit) if unit else DecisionItem.objects.none()
    form = f.ConsultationForm(request.POST or None, request.FILES or None, items=items)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload = d.get("file")
        try:
            c = services.consultation_create(
                actor=request.user, unit=unit, kind=d["kind"], start_date=d["start_date"],
                end_date=d["end_date"], channels=form.channel_entries(), title=d["title"],
                file=(upload.name, upload.read()) if upload else None, body=d["body"],
                explanation=d["explanation"], short_reason=d["short_reason"], contact=d["contact"],
                moderation=d["moderation"], visibility=d["visibility"], item=d.get("item"))
        except ConsultationError as exc:
            field = exc.field if exc.field in form.fields else None
            if exc.field and exc.field.startswith("channel_"):
                field = "address_" + exc.field.removeprefix("channel_")
            form.add_error(field, exc.message)
        else:
            messages.success(request, _("已登记征求意见《%(t)s》，核对无误后请发布。") % {"t": c.title})
            return redirect("consultations:manage_detail", pk=c.pk)
    return render(request, "consultations/manage_new.html", {"form": form, "units": units, "unit": unit},
                  status=400 if form.errors else 200)


@login_required
def manage_detail(request, pk: int):
    _manager_required(request.user)
    c = _managed_or_404(request.user, pk)
    ctx = selectors.consultation_context(c)
    views = list(c.views.all())
    from gongkai.documents.models import Document

    ctx.update({
        "comments": c.comments.select_related("view").order_by("number"),
        "views": views, "fb": selectors.feedback_of(c),
        "staff_form": f.StaffCommentForm(initial={"received_on": timezone.localdate()}),
        "period_form": f.PeriodForm(initial={"end_date": c.end_date, "short_reason": c.short_reason}),
        "view_form": f.ViewForm(), "feedback_form": f.FeedbackForm(),
        "final_form": f.FinalDocumentForm(documents=Document.objects.filter(
            unit_id=c.unit_id, state=DocumentState.PUBLISHED.value).exclude(pk=c.draft_id).order_by("-published_at")[:100]),
        "hearing_form": f.HearingForm(), "channel_labels": CHANNEL_LABELS,
        "status_labels": COMMENT_STATUS_LABELS,
        "decision_choices": f.DecideForm.base_fields["decision"].choices,
        "can_manage": can_consultation_manage(request.user, c.unit_id),
        "can_publish_direct": can_document_publish_direct(request.user, c.unit_id),
        "draft_state": document_state_label(c.draft.state),
    })
    return render(request, "consultations/manage_detail.html", ctx)


def _parse_numbers(text: str) -> list[int]:
    import re

    out: list[int] = []
    for part in re.split(r"[,，、\s]+", text.strip()):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)\s*[-－~至]\s*(\d+)", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if b < a or b - a > 1000:
                raise ConsultationError(f"意见序号范围 “{part}” 不正确", field="comments")
            out.extend(range(a, b + 1))
        elif part.isdigit():
            out.append(int(part))
        else:
            raise ConsultationError(f"意见序号 “{part}” 不是数字", field="comments")
    return out


@login_required
@require_POST
def manage_action(request, pk: int, action: str):
    _manager_required(request.user)
    c = _managed_or_404(request.user, pk)
    user = request.user
    done = None
    try:
        if action == "publish":
            services.consultation_publish(actor=user, consultation=c)
            done = _("已发布征求意见，到开始日期自动开始征求意见")
        elif action == "period":
            form = f.PeriodForm(request.POST)
            if form.is_valid():
                services.consultation_update_period(actor=user, consultation=c, end_date=form.cleaned_data["end_date"],
                                                    short_reason=form.cleaned_data["short_reason"])
                done = _("已修改征求意见截止日期")
            else:
                _form_errors(request, form)
        elif action == "comment":
            form = f.StaffCommentForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                comment = services.comment_enter(actor=user, consultation=c, channel=d["channel"], body=d["body"],
                                                 received_on=d["received_on"], name=d["name"],
                                                 contact=d["contact"], is_private=d["is_private"],
                                                 article=d["article"])
                done = _("已录入第%(n)s条意见") % {"n": comment.number}
            else:
                _form_errors(request, form)
        elif action == "moderate":
            form = f.ModerateForm(request.POST)
            if form.is_valid():
                comment = get_object_or_404(c.comments, pk=form.cleaned_data["comment"])
                publish = form.cleaned_data["decision"] == "publish"
                services.comment_moderate(actor=user, comment=comment, publish=publish,
                                          reason=form.cleaned_data["reason"])
                done = (_("已通过第%(n)s条意见") if publish else _("已屏蔽第%(n)s条意见")) % {"n": comment.number}
            else:
                _form_errors(request, form)
        elif action == "view":
            form = f.ViewForm(request.POST)
            if form.is_valid():
                services.view_save(actor=user, consultation=c, summary=form.cleaned_data["summary"])
                done = _("已添加主要观点")
            else:
                _form_errors(request, form)
        elif action == "assign":
            form = f.AssignForm(request.POST)
            if form.is_valid():
                view_id = form.cleaned_data.get("view")
                view = get_object_or_404(c.views, pk=view_id) if view_id else None
                numbers = set(_parse_numbers(form.cleaned_data["comments"]))
                ids = list(c.comments.filter(number__in=numbers).values_list("pk", flat=True))
                if len(ids) != len(numbers):
                    raise ConsultationError(_("意见序号 %(n)s 不存在") % {"n": "、".join(
                        str(n) for n in sorted(numbers - set(c.comments.filter(
                            number__in=numbers).values_list("number", flat=True))))}, field="comments")
                n = services.comments_assign(actor=user, consultation=c, comment_ids=ids, view=view)
                done = _("已将%(n)s条意见归入主要观点") % {"n": n}
            else:
                _form_errors(request, form)
        elif action == "decide":
            form = f.DecideForm(request.POST)
            if form.is_valid():
                view = get_object_or_404(c.views, pk=form.cleaned_data["view"])
                services.view_decide(actor=user, view=view, decision=form.cleaned_data["decision"],
                                     reason=form.cleaned_data["reason"])
                done = _("已记录采纳情况")
            else:
                _form_errors(request, form)
        elif action == "feedback":
            form = f.FeedbackForm(request.POST)
            if form.is_valid():
                services.feedback_publish(actor=user, consultation=c, summary=form.cleaned_data["summary"])
                done = _("已公布意见反馈情况")
        elif action == "final":
            from gongkai.documents.models import Document

            form = f.FinalDocumentForm(request.POST, documents=Document.objects.filter(unit_id=c.unit_id))
            if form.is_valid():
                services.final_document_link(actor=user, consultation=c, document=form.cleaned_data["document"])
                done = _("已关联正式决策文件")
            else:
                _form_errors(request, form)
        elif action == "hearing":
            form = f.HearingForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                hearing = services.hearing_announce(actor=user, consultation=c, title=d["title"],
                                                    announcement=d["announcement"], held_at=d["held_at"],
                                                    place=d["place"], registration_end=d["registration_end"],
                                                    seats=d["seats"], materials=d["materials"])
                messages.success(request, _("已发布听证公告"))
                return redirect("consultations:manage_hearing", pk=hearing.pk)
            _form_errors(request, form)
        else:
            raise Http404(action)
    except ConsultationError as exc:
        messages.error(request, exc.message)
    if done:
        messages.success(request, done)
    return redirect("consultations:manage_detail", pk=c.pk)


@login_required
def manage_export(request, pk: int, fmt: str):
    _manager_required(request.user)
    c = _managed_or_404(request.user, pk)
    if fmt == "xlsx":
        response = HttpResponse(comments_xlsx(c), content_type=XLSX)
    elif fmt == "csv":
        response = HttpResponse(comments_csv(c), content_type="text/csv; charset=utf-8")
    else:
        raise Http404(fmt)
    response["Content-Disposition"] = f'attachment; filename="comments-{c.pk}.{fmt}"'
    return response


@login_required
def manage_catalog(request, pk: int | None = None):
    """One unit's catalogue for a year: create it, add items, publish it."""
    _manager_required(request.user)
    units = _units(request.user)
    if pk is None:
        form = f.CatalogForm(request.POST or None, initial={"year": timezone.localdate().year})
        if request.method == "POST" and form.is_valid():
            unit_id = request.POST.get("unit", "")
            unit = units.filter(pk=int(unit_id)).first() if unit_id.isdigit() else units.filter(
                pk=request.user.unit_id).first()
            if unit is None:
                messages.error(request, _("请选择单位"))
            else:
                try:
                    catalog = services.catalog_save(actor=request.user, unit=unit, year=form.cleaned_data["year"],
                                                    note=form.cleaned_data["note"])
                except ConsultationError as exc:
                    messages.error(request, exc.message)
                else:
                    return redirect("consultations:manage_catalog", pk=catalog.pk)
        return render(request, "consultations/manage_catalog_new.html", {"form": form, "units": units})
    catalog = get_object_or_404(DecisionCatalog.objects.filter(unit__in=units), pk=pk)
    item_form = f.ItemForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                services.catalog_publish(actor=request.user, catalog=catalog)
                messages.success(request, _("已公布重大行政决策事项目录"))
            else:
                item_form = f.ItemForm(request.POST)
                item_id = request.POST.get("item", "")
                item = catalog.items.filter(pk=int(item_id)).first() if item_id.isdigit() else None
                if item_form.is_valid():
                    d = item_form.cleaned_data
                    services.decision_item_save(actor=request.user, catalog=catalog, item=item, **d)
                    messages.success(request, _("已保存决策事项"))
                    return redirect("consultations:manage_catalog", pk=catalog.pk)
                _form_errors(request, item_form)
        except ConsultationError as exc:
            messages.error(request, exc.message)
        else:
            if request.POST.get("action") == "publish":
                return redirect("consultations:manage_catalog", pk=catalog.pk)
    return render(request, "consultations/manage_catalog.html", {
        "catalog": catalog, "items": selectors.catalog_items(catalog), "item_form": item_form,
        "status_labels": ITEM_STATUS_LABELS})


@login_required
def manage_hearing(request, pk: int):
    _manager_required(request.user)
    hearing = get_object_or_404(Hearing.objects.filter(
        consultation__in=selectors.managed_consultations(request.user)).select_related("consultation"), pk=pk)
    record_form = f.HearingRecordForm(request.POST or None, initial={"record": hearing.record})
    if request.method == "POST":
        try:
            if "registration" in request.POST:
                reg = get_object_or_404(hearing.registrations, pk=int(request.POST["registration"] or 0))
                services.hearing_select(actor=request.user, registration=reg,
                                        selected=request.POST.get("selected") == "1")
                messages.success(request, _("已更新听证参加人"))
            elif record_form.is_valid():
                services.hearing_record(actor=request.user, hearing=hearing, record=record_form.cleaned_data["record"])
                messages.success(request, _("已公布听证笔录"))
            else:
                _form_errors(request, record_form)
        except ConsultationError as exc:
            messages.error(request, exc.message)
        return redirect("consultations:manage_hearing", pk=hearing.pk)
    return render(request, "consultations/manage_hearing.html", {
        "hearing": hearing, "c": hearing.consultation, "registrations": hearing.registrations.all(),
        "record_form": record_form})

