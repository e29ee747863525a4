"""The office's 单位与用户管理 (issue 15): list, add, edit and switch off the units below it and
the people of those units, without the Django admin. Thin: every write is a core service that
checks ``access.can_unit_manage`` / ``can_user_manage`` and records an audit row."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.domain.params import id_param
from gongkai.core.domain.roles import ROLE_LABELS, Role
from gongkai.core.errors import CoreError
from gongkai.core.models import Unit, User
from gongkai.core.services import (
    OFFICE_GRANTABLE,
    unit_active_set,
    unit_create,
    unit_update,
    user_active_set,
    user_invite,
    user_password_reset,
    user_update,
)
from gongkai.workbench.forms import UnitForm, UserForm
from gongkai.workbench.views import _context, workbench_required


def _office_units(request) -> list[Unit]:
    require(access.can_unit_manage(request.user, request.user.unit_id),
            _("仅公开办可以管理单位和用户"))
    scope = access.units_for(request.user, Role.OFFICE)
    return list(Unit.objects.filter(pk__in=scope).order_by("sort_order", "id"))


def _unit_or_404(request, pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not access.can_unit_manage(request.user, unit.pk):
        raise Http404(_("没有这个单位，或不在本公开办的管理范围内"))
    return unit


def _user_or_404(request, pk: int) -> User:
    person = User.objects.filter(pk=pk).select_related("unit").first()
    if person is None or not access.can_user_manage(request.user, person.unit_id):
        raise Http404(_("没有这个用户，或不在本公开办的管理范围内"))
    return person


def _add_error(form, exc: CoreError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _grantable(user) -> list[tuple[str, str]]:
    allowed = {r.value for r in Role} if access.is_admin(user) else OFFICE_GRANTABLE
    return [(r.value, label) for r, label in ROLE_LABELS.items() if r.value in allowed]


@workbench_required
def units(request):
    """单位管理: the units the office covers, as a tree, with request handling and contacts."""
    rows = _office_units(request)
    in_scope = {unit.pk for unit in rows}
    ordered: list[Unit] = []
    children: dict[int | None, list[Unit]] = {}
    for unit in rows:  # the office's own unit is the root: its parent is outside the scope
        children.setdefault(unit.parent_id if unit.parent_id in in_scope else None, []).append(unit)

    def walk(parent_id, level):
        for unit in children.get(parent_id, []):
            unit.level = level
            unit.indent = "　" * level
            ordered.append(unit)
            walk(unit.pk, level + 1)

    walk(None, 0)
    counts = _user_counts(rows)
    for unit in ordered:
        unit.user_count = counts.get(unit.pk, 0)
    return render(request, "workbench/units.html", _context(request, units=ordered))


def _user_counts(rows) -> dict[int, int]:
    from django.db.models import Count

    return dict(User.objects.filter(unit__in=rows, is_active=True).values("unit_id")
                .annotate(n=Count("id")).values_list("unit_id", "n"))


@workbench_required
def unit_new(request):
    parents = _office_units(request)
    parent_id = id_param(request.GET, "parent")
    form = UnitForm(request.POST or None, parents=parents,
                    initial={"parent": parent_id or request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        parent = next((u for u in parents if u.pk == form.cleaned_data["parent"]), None)
        try:
            unit = unit_create(actor=request.user, parent=parent, **form.service_kwargs())
        except CoreError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("已新增单位：%(name)s") % {"name": unit.full_name})
            return redirect("workbench:units")
    return render(request, "workbench/unit_form.html", _context(request, form=form, unit=None))


@workbench_required
def unit_edit(request, pk: int):
    parents = _office_units(request)
    unit = _unit_or_404(request, pk)
    initial = {f: getattr(unit, f) for f in UnitForm.base_fields if hasattr(unit, f)}
    initial["parent"] = unit.parent_id
    initial["short_names"] = "、".join(unit.short_names or [])
    initial["doc_prefixes"] = "、".join(unit.doc_prefixes or [])
    choices = [u for u in parents if u.pk != unit.pk]
    if unit.parent is not None and unit.parent not in choices:
        choices.insert(0, unit.parent)  # the office's own unit's parent, kept as it is
    form = UnitForm(request.POST or None, parents=choices, initial=initial)
    if unit.parent_id is None:
        form.fields["parent"].required = False
        form.fields["parent"].choices = [("", _("（无上级）")), *form.fields["parent"].choices]
    if request.method == "POST" and form.is_valid():
        parent = Unit.objects.filter(pk=form.cleaned_data["parent"]).first() \
            if form.cleaned_data["parent"] else None
        try:
            unit_update(actor=request.user, unit=unit, parent=parent, **form.service_kwargs())
        except CoreError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("已保存单位：%(name)s") % {"name": unit.full_name})
            return redirect("workbench:units")
    return render(request, "workbench/unit_form.html", _context(request, form=form, unit=unit))


@require_POST
@workbench_required
def unit_active(request, pk: int):
    unit = _unit_or_404(request, pk)
    active = request.POST.get("active") == "1"
    try:
        unit_active_set(actor=request.user, unit=unit, active=active,
                        reason=request.POST.get("reason", ""))
    except CoreError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, (_("已启用单位：%(name)s") if active else _("已停用单位：%(name)s"))
                         % {"name": unit.full_name})
    return redirect("workbench:units")


@workbench_required
def users(request):
    """用户管理: the people of the office's units, with their roles."""
    scope = _office_units(request)
    people = User.objects.filter(unit__in=scope).select_related("unit") \
        .prefetch_related("groups").order_by("unit__sort_order", "unit_id", "username")
    unit_id = id_param(request.GET, "unit")
    if unit_id:
        people = people.filter(unit_id=unit_id)
    rows = [(p, [ROLE_LABELS.get(Role(g.name), g.name) for g in p.groups.all()
                 if g.name in {r.value for r in Role}]) for p in people[:500]]
    return render(request, "workbench/users.html", _context(
        request, rows=rows, scope_units=scope, unit_id=unit_id or "",
        new_password=request.session.pop("new_password", None)))


def _show_password_once(request, person: User, password: str) -> None:
    """The one-time password goes to the next page only (kept in the session, then dropped)."""
    request.session["new_password"] = {"username": person.username, "password": password}


def _mail_notice(request, person) -> None:
    if person.email:
        messages.info(request, _("已向 %(mail)s 发送通知邮件（邮件不含密码，请另行告知）")
                      % {"mail": person.email})


@workbench_required
def user_new(request):
    scope = _office_units(request)
    form = UserForm(request.POST or None, units=scope, roles=_grantable(request.user),
                    initial={"unit": id_param(request.GET, "unit") or request.user.unit_id,
                             "roles": [Role.SUBMITTER.value]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next((u for u in scope if u.pk == data["unit"]), None)
        try:
            person, password = user_invite(
                actor=request.user, username=data["username"], unit=unit, roles=data["roles"],
                display_name=data["display_name"], email=data["email"],
                assessor_stage=data["assessor_stage"])
        except CoreError as exc:
            _add_error(form, exc)
        else:
            _show_password_once(request, person, password)
            messages.success(request, _("已新增用户：%(name)s") % {"name": person.username})
            _mail_notice(request, person)
            return redirect("workbench:users")
    return render(request, "workbench/user_form.html", _context(request, form=form, person=None))


@workbench_required
def user_edit(request, pk: int):
    scope = _office_units(request)
    person = _user_or_404(request, pk)
    initial = {"username": person.username, "display_name": person.display_name,
               "email": person.email, "unit": person.unit_id,
               "assessor_stage": person.assessor_stage,
               "roles": list(person.groups.values_list("name", flat=True))}
    form = UserForm(request.POST or None, units=scope, roles=_grantable(request.user),
                    editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next((u for u in scope if u.pk == data["unit"]), None)
        try:
            user_update(actor=request.user, user=person, unit=unit, roles=data["roles"],
                        display_name=data["display_name"], email=data["email"],
                        assessor_stage=data["assessor_stage"])
        except CoreError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("已保存用户：%(name)s") % {"name": person.username})
            return redirect("workbench:users")
    return render(request, "workbench/user_form.html", _context(request, form=form, person=person))


@require_POST
@workbench_required
def user_password(request, pk: int):
    person = _user_or_404(request, pk)
    try:
        password = user_password_reset(actor=request.user, user=person)
    except CoreError as exc:
        messages.error(request, exc.message)
    else:
        _show_password_once(request, person, password)
        messages.success(request, _("已重置密码：%(name)s") % {"name": person.username})
        _mail_notice(request, person)
    return redirect("workbench:users")


@require_POST
@workbench_required
def user_active(request, pk: int):
    person = _user_or_404(request, pk)
    active = request.POST.get("active") == "1"
    try:
        user_active_set(actor=request.user, user=person, active=active,
                        reason=request.POST.get("reason", ""))
    except CoreError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, (_("已启用用户：%(name)s") if active else _("已停用用户：%(name)s"))
                         % {"name": person.username})
    return redirect("workbench:users")
