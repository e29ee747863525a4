"""Writes of units, users and the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from gongkai.core.audit import registry as audit_registry
from gongkai.core.domain.roles import Role
from gongkai.core.errors import CoreError
from gongkai.core.models import AuditLog, CalendarYear, Unit, User


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Any,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
    unit: Unit | None = None,
    actor_label: str = "",
) -> AuditLog:
    """Append one audit record. Every service that writes calls this.

    `action` must be registered in ``core.audit.registry`` (``<app>/audit_actions.py``)."""
    if action not in audit_registry:
        raise CoreError(f"未登记的审计操作: {action}", field="action")
    target_type = target._meta.label_lower if hasattr(target, "_meta") else type(target).__name__
    target_id = str(getattr(target, "pk", target))
    if unit is None:
        unit = getattr(target, "unit", None) if hasattr(target, "unit_id") else None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditLog.objects.create(
        actor=actor,
        actor_label=actor_label or (str(actor) if actor else ""),
        unit=unit,
        action=action,
        target_type=target_type,
        target_id=target_id,
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
    )


@transaction.atomic
def unit_save(
    *,
    full_name: str,
    code: str,
    parent: Unit | None = None,
    kind: str = "department",
    short_names: list[str] | None = None,
    aliases: list[str] | None = None,
    doc_prefixes: list[str] | None = None,
    assessment_group: str = "",
    sort_order: int = 0,
    actor: User | None = None,
) -> Unit:
    """Create or update a unit by full name (idempotent)."""
    if not full_name.strip():
        raise CoreError("单位全称不能为空", field="full_name")
    if not code.strip():
        raise CoreError(f"单位 {full_name} 缺少单位代码", field="code")
    unit, created = Unit.objects.get_or_create(
        full_name=full_name.strip(), defaults={"code": code.strip()}
    )
    values = {
        "code": code.strip(), "parent_id": parent.pk if parent else None, "kind": kind,
        "short_names": list(short_names or []), "aliases": list(aliases or []),
        "doc_prefixes": list(doc_prefixes or []), "assessment_group": assessment_group,
        "sort_order": sort_order,
    }
    changed = {k: v for k, v in values.items() if getattr(unit, k) != v}
    if not created and not changed:
        return unit  # nothing to write, nothing to audit
    for key, value in values.items():
        setattr(unit, key, value)
    unit.name_keys = unit.computed_name_keys()
    unit.full_clean()
    unit.save()
    audit_record(actor=actor, action="unit_create" if created else "unit_update", target=unit,
                 unit=unit, data={"changed": sorted(changed)} if not created else None)
    return unit


def roles_ensure() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@transaction.atomic
def user_save(
    *,
    username: str,
    unit: Unit | None,
    roles: list[str],
    password: str | None = None,
    display_name: str = "",
    actor: User | None = None,
) -> User:
    """Create or update a user with exactly the given roles (idempotent)."""
    unknown = [r for r in roles if r not in {x.value for x in Role}]
    if unknown:
        raise CoreError(f"未知角色: {', '.join(unknown)}", field="roles")
    roles_ensure()
    user, created = User.objects.get_or_create(username=username)
    unchanged = (
        not created and user.unit_id == (unit.pk if unit else None)
        and user.display_name == display_name
        and set(user.groups.values_list("name", flat=True)) == set(roles)
        and (not password or user.check_password(password))
    )
    if unchanged:
        return user  # nothing to write, nothing to audit
    user.unit = unit
    user.display_name = display_name
    user.is_staff = Role.ADMIN.value in roles or Role.OFFICE.value in roles
    user.is_superuser = Role.ADMIN.value in roles
    if password:
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CoreError(f"用户 {username} 的密码不合要求：{'；'.join(exc.messages)}",
                            field="password") from None
        user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    audit_record(
        actor=actor, action="user_create" if created else "user_update", target=user, unit=unit,
        data={"roles": sorted(roles)},
    )
    return user


@transaction.atomic
def calendar_year_load(
    *, year: int, entries, note: str = "", actor: User | None = None
) -> CalendarYear:
    """Enter a year's holidays and 调休 working days (replacing earlier entries for that year)
    and mark the year as known, so working-day counts stop refusing it."""
    from gongkai.core.models import CalendarDay

    if not entries:
        raise CoreError(f"{year}年没有任何节假日条目", field="entries")
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=e.date, is_workday=e.is_workday, name=e.name[:60]) for e in entries
         if e.date.year == year]
    )
    # Days of a neighbouring year (a span across New Year) are entered only where still free.
    for e in entries:
        if e.date.year != year:
            CalendarDay.objects.get_or_create(
                date=e.date, defaults={"is_workday": e.is_workday, "name": e.name[:60]}
            )
    known, _ = CalendarYear.objects.update_or_create(year=year, defaults={"note": note[:200]})
    audit_record(actor=actor, action="calendar_year_load", target=known,
                 data={"days_off": sum(not e.is_workday for e in entries),
                       "makeup_workdays": sum(e.is_workday for e in entries), "note": note})
    return known
