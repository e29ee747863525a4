"""专栏 pages (/zhuanlan/): the public column of every unit and the back-office pages that keep
it. Thin: parse input, call one service or selector, render. Refusals from the services'
gates (AccessDenied) become the login page, 403 or 404 here."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import access
from gongkai.core.access import AccessDenied, access_status
from gongkai.core.forms import UnitContactFields
from gongkai.core.models import Unit
from gongkai.documents.errors import DocumentError
from gongkai.documents.interpretations import (
    interpretation_choice,
    interpretation_link,
    interpretation_target_search,
    interpretations_unlinked,
)
from gongkai.documents.models import Document
from gongkai.zhuanlan import selectors, services
from gongkai.zhuanlan.domain.guide import SECTION_KEYS, default_sections, request_flow
from gongkai.zhuanlan.domain.sections import load_rules
from gongkai.zhuanlan.errors import ColumnError
from gongkai.zhuanlan.forms import ContactForm, FilingForm, GuideForm, RegisterForm, ReregisterForm
from gongkai.zhuanlan.models import NormativeRegistration, UnitContact


def _unit(code: str) -> Unit:
    unit = selectors.unit_by_code(code)
    if unit is None:
        raise Http404(_("没有这个单位"))
    return unit


def gated(view):
    """Map the gate's refusals: not signed in → login page; not_found → 404; else 403."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except AccessDenied as exc:
            status = access_status(exc)
            if status == 404:
                raise Http404(exc.message) from exc
            raise PermissionDenied(exc.message) from exc
    return wrapper


# -- public pages ----------------------------------------------------------------------------


def index(request):
    return render(request, "zhuanlan/index.html", {"tree": selectors.column_units()})


def column(request, code: str):
    unit = _unit(code)
    today = timezone.localdate()
    sections = selectors.sections_of(unit, today=today)
    return render(request, "zhuanlan/column.html", {
        "unit": unit, "guide": selectors.guide_of(unit, today=today),
        "rules": selectors.rule_documents(unit), "sections": sections,
        "empty_sections": sum(s.state.status == "empty" for s in sections),
        "reports": selectors.annual_reports(unit),
        "interpretations": selectors.interpretations_of(unit)[:10],
        "expired": selectors.expired_documents(unit),
        "register": selectors.register_rows([unit.pk], today=today)[:10],
        "standard": selectors.STANDARD_SECTIONS,
    })


def guide(request, code: str):
    unit = _unit(code)
    return render(request, "zhuanlan/guide.html", {
        "unit": unit, "guide": selectors.guide_of(unit), "flow": request_flow()})


def rules(request, code: str):
    unit = _unit(code)
    return render(request, "zhuanlan/rules.html", {"unit": unit,
                                                   "rules": selectors.rule_documents(unit)})


def statutory(request, code: str, key: str):
    unit = _unit(code)
    view = selectors.section_of(unit, key)
    if view is None:
        raise Http404(_("没有这个栏目"))
    page = Paginator(view.documents, 30).get_page(request.GET.get("page"))
    return render(request, "zhuanlan/section.html", {"unit": unit, "section": view, "page": page})


def interpretations(request, code: str):
    unit = _unit(code)
    return render(request, "zhuanlan/interpretations.html", {
        "unit": unit, "interpretations": selectors.interpretations_of(unit)})


def expired(request, code: str):
    unit = _unit(code)
    return render(request, "zhuanlan/expired.html", {"unit": unit,
                                                     "expired": selectors.expired_documents(unit)})


def normative_register(request, code: str):
    unit = _unit(code)
    return render(request, "zhuanlan/register.html", {
        "unit": unit, "rows": selectors.register_rows([unit.pk])})


# -- back office -----------------------------------------------------------------------------


@gated
def manage(request):
    """The office's view of every unit's 专栏 completeness; a unit's staff go to their own."""
    if not access.can_column_oversee(request.user):
        if request.user.unit_id and access.can_column_edit(request.user, request.user.unit_id):
            return redirect("zhuanlan:manage_unit", code=request.user.unit.code)
        raise PermissionDenied(_("只有公开办可以查看各单位专栏完整性"))
    scope = (Unit.objects.filter(is_active=True) if access.is_admin(request.user)
             else Unit.objects.filter(pk__in=access.units_for(request.user, "office"),
                                      is_active=True))
    rows = selectors.completeness(scope.order_by("sort_order", "id"))
    return render(request, "zhuanlan/manage.html", {"rows": rows})


@gated
def manage_unit(request, code: str):
    unit = _unit(code)
    access.require(access.can_column_edit(request.user, unit.pk), _("无权维护该单位的专栏"),
                   code=access.AccessCode.NOT_FOUND)
    contact = UnitContact.objects.filter(unit=unit).first() or UnitContact(unit=unit)
    contact_initial = {f: getattr(contact, f) for f in services.CONTACT_FIELDS}
    contact_initial.update({f: getattr(unit, f) for f in UnitContactFields.base_fields})
    can_edit_unit = access.can_unit_manage(request.user, unit.pk)
    guide = selectors.guide_of(unit)
    generated = default_sections(unit_name=unit.full_name, contact=selectors.contact_of(unit),
                                 section_labels=[r.label for r in load_rules()])
    row = getattr(unit, "guide", None) if hasattr(unit, "guide") else None
    contact_form = ContactForm(initial=contact_initial, prefix="contact",
                               can_edit_unit=can_edit_unit)
    guide_form = GuideForm(initial=dict(row.overrides) if row else {}, generated=generated,
                           prefix="guide")
    if request.method == "POST":
        what = request.POST.get("what")
        try:
            if what == "contact":
                contact_form = ContactForm(request.POST, initial=contact_initial,
                                           prefix="contact", can_edit_unit=can_edit_unit)
                if contact_form.is_valid():
                    d = contact_form.cleaned_data
                    services.contact_save(
                        actor=request.user, unit=unit,
                        unit_contact={f: d[f] for f in UnitContactFields.base_fields}
                        if can_edit_unit else None,
                        **{f: d[f] for f in services.CONTACT_FIELDS})
                    messages.success(request, _("联系方式已保存"))
                    return redirect("zhuanlan:manage_unit", code=code)
            elif what == "guide":
                guide_form = GuideForm(request.POST, generated=generated, prefix="guide")
                if guide_form.is_valid():
                    services.guide_save(actor=request.user, unit=unit,
                                        overrides={k: guide_form.cleaned_data[k] for k in SECTION_KEYS})
                    messages.success(request, _("指南已保存"))
                    return redirect("zhuanlan:manage_unit", code=code)
            elif what == "review":
                services.guide_review(actor=request.user, unit=unit)
                messages.success(request, _("指南已审核，审核日期为今天"))
                return redirect("zhuanlan:manage_unit", code=code)
            elif what in ("tag", "untag"):
                doc = get_object_or_404(Document, pk=request.POST.get("document") or 0, unit=unit)
                if what == "tag":
                    services.rule_tag(actor=request.user, document=doc)
                    messages.success(request, _("已列入政府信息公开制度：%(t)s") % {"t": doc.title})
                else:
                    services.rule_untag(actor=request.user, document=doc)
                    messages.success(request, _("已取消制度标记：%(t)s") % {"t": doc.title})
                return redirect("zhuanlan:manage_unit", code=code)
        except ColumnError as exc:
            form = contact_form if what == "contact" else guide_form
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(request, "zhuanlan/manage_unit.html", {
        "unit": unit, "guide": guide, "contact_form": contact_form, "guide_form": guide_form,
        "rules": selectors.rule_documents(unit, public_only=False),
        "suggestions": selectors.rule_suggestions(unit),
        "unlinked": interpretations_unlinked([unit.pk]),
    })


def _link_scope(user) -> set[int] | None:
    if access.is_admin(user):
        return None
    return access.units_for(user, "submitter") | access.units_for(user, "office")


@gated
def interpretations_pending(request):
    """待关联的政策解读: 解读 that name no single document, each with the candidates found."""
    scope = _link_scope(request.user)
    if scope is not None and not scope:
        raise PermissionDenied(_("只有报送员和公开办可以关联政策解读"))
    rows = []
    for doc in interpretations_unlinked(scope):
        choice = interpretation_choice(title=doc.title, body=doc.body, unit_id=doc.unit_id,
                                       self_id=doc.pk)
        rows.append({"doc": doc, "choice": choice})
    return render(request, "zhuanlan/interpretations_pending.html", {"rows": rows})


@gated
def interpretation_link_view(request, pk: int):
    """Choose (search by 发文字号 or title) the document a 解读 explains, in any state."""
    scope = _link_scope(request.user)
    qs = Document.objects.all() if scope is None else Document.objects.filter(unit_id__in=scope)
    doc = qs.filter(pk=pk).first()
    if doc is None:
        raise Http404(_("没有这个文件，或您无权关联"))
    query = request.GET.get("q", "").strip()
    choice = interpretation_choice(title=doc.title, body=doc.body, unit_id=doc.unit_id,
                                   self_id=doc.pk)
    suggested = list(Document.objects.filter(pk__in=[c.id for c in choice.candidates]))
    results = interpretation_target_search(query, user=request.user) if query else []
    results = [d for d in results if d.pk != doc.pk]
    error = None
    if request.method == "POST":
        target_id = request.POST.get("target", "")
        target = None
        if target_id and target_id != "none":
            target = Document.objects.visible_to(request.user).filter(pk=target_id).first()
            if target is None:
                error = _("所选文件不存在或您无权查看")
        if error is None:
            try:
                interpretation_link(interpretation=doc, document=target, actor=request.user,
                                    kind=request.POST.get("kind", ""))
            except DocumentError as exc:
                error = exc.message
            else:
                if target:
                    messages.success(request, _("已将《%(a)s》关联到《%(b)s》") % {
                        "a": doc.title, "b": target.title})
                else:
                    messages.success(request, _("已取消《%(a)s》的解读关联") % {"a": doc.title})
                return redirect("workbench:document", pk=doc.pk)
    from gongkai.documents.domain.vocab import InterpretationKind

    return render(request, "zhuanlan/interpretation_link.html", {
        "doc": doc, "query": query, "results": results, "suggested": suggested,
        "choice": choice, "error": error, "kinds": [k.value for k in InterpretationKind],
    })


@gated
def normative_manage(request):
    """The 规范性文件 register of the user's units: register, re-register, record 备案;
    the year's 备案目录 with 迟报 / 漏报."""
    scope = _link_scope(request.user)
    if scope is not None and not scope:
        raise PermissionDenied(_("只有报送员和公开办可以管理规范性文件登记"))
    unit_ids = scope if scope is not None else set(Unit.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isascii() and raw_year.isdigit() and len(raw_year) == 4 else today.year
    errors: dict[str, str] = {}
    if request.method == "POST":
        what = request.POST.get("what")
        try:
            if what == "register":
                doc = get_object_or_404(Document, pk=request.POST.get("document") or 0,
                                        unit_id__in=unit_ids)
                form = RegisterForm(request.POST)
                if form.is_valid():
                    reg = services.normative_register(
                        actor=request.user, document=doc,
                        registered_on=form.cleaned_data["registered_on"],
                        immediate_reason=form.cleaned_data["immediate_reason"])
                    messages.success(request, _("已登记：%(n)s") % {"n": reg.number})
                    return redirect(request.get_full_path())
                errors[f"doc-{doc.pk}"] = "；".join(e for es in form.errors.values() for e in es)
            elif what in ("reregister", "file"):
                reg = get_object_or_404(NormativeRegistration, pk=request.POST.get("registration") or 0,
                                        unit_id__in=unit_ids)
                form = ReregisterForm(request.POST) if what == "reregister" else FilingForm(request.POST)
                if form.is_valid():
                    if what == "reregister":
                        new = services.normative_reregister(
                            actor=request.user, registration=reg,
                            registered_on=form.cleaned_data["registered_on"],
                            note=form.cleaned_data["note"])
                        messages.success(request, _("已重新登记：%(n)s") % {"n": new.number})
                    else:
                        services.normative_file(actor=request.user, registration=reg,
                                                filed_on=form.cleaned_data["filed_on"],
                                                filed_with=form.cleaned_data["filed_with"])
                        messages.success(request, _("已记录备案：%(n)s") % {"n": reg.number})
                    return redirect(request.get_full_path())
                errors[f"reg-{reg.pk}"] = "；".join(e for es in form.errors.values() for e in es)
        except (ColumnError, DocumentError) as exc:
            key = (f"doc-{request.POST.get('document')}" if request.POST.get("what") == "register"
                   else f"reg-{request.POST.get('registration')}")
            errors[key] = exc.message
    rows = selectors.register_rows(unit_ids, today=today, public_only=False)
    return render(request, "zhuanlan/normative_manage.html", {
        "rows": rows, "unregistered": selectors.normative_unregistered(unit_ids),
        "catalogue": selectors.filing_catalogue(unit_ids, year, today=today), "year": year,
        "years": list(range(today.year, today.year - 6, -1)), "errors": errors,
        "can_file": access.can_column_oversee(request.user),
    })


@gated
def lookup(request):
    """Documents matching a 发文字号 or title fragment, for choosing a 解读's document (JSON)."""
    from django.http import JsonResponse

    docs = interpretation_target_search(request.GET.get("q", ""), user=request.user, limit=15)
    return JsonResponse([{"id": d.pk, "title": d.title, "doc_number": d.doc_number,
                          "unit": d.unit.full_name} for d in docs], safe=False)
