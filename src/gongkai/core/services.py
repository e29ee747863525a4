"""Writes of units, users and the audit log."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from gongkai.core import access
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
    row = _audit_row(actor=actor, action=action, target=target, from_state=from_state,
                     to_state=to_state, reason=reason, data=data, unit=unit,
                     actor_label=actor_label)
    row.save(force_insert=True)
    return row


def audit_records(records: list[dict]) -> list[AuditLog]:
    """Append several audit records in one statement (each dict: ``audit_record``'s
    arguments), in order: for a service that records two steps of one write at once."""
    rows = [_audit_row(**r) for r in records]
    return AuditLog.objects.bulk_create(rows) if rows else []


def _audit_row(
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
    if action not in audit_registry:
        raise CoreError(f"未登记的审计操作: {action}", field="action")
    target_type = target._meta.label_lower if hasattr(target, "_meta") else type(target).__name__
    target_id = str(getattr(target, "pk", target))
    # The target's unit by id (its row need not be read to be referred to).
    unit_id = unit.pk if unit is not None else (
        getattr(target, "unit_id", None) if hasattr(target, "unit_id") else None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditLog(
        actor=actor,
        actor_label=actor_label or (str(actor) if actor else ""),
        unit_id=unit_id,
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
    handles_requests: bool | None = None,
    contact_address: str | None = None,
    contact_phone: str | None = None,
    contact_hours: str | None = None,
    contact_postcode: str | None = None,
    contact_fax: str | None = None,
    contact_email: str | None = None,
    actor: User | None = None,
) -> Unit:
    """Create or update a unit by full name (idempotent). The 依申请公开 flag and contact
    fields are left as they are when not given (None)."""
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
    optional = {"handles_requests": handles_requests, "contact_address": contact_address,
                "contact_phone": contact_phone, "contact_hours": contact_hours,
                "contact_postcode": contact_postcode, "contact_fax": contact_fax,
                "contact_email": contact_email}
    values.update({k: (v.strip() if isinstance(v, str) else v)
                   for k, v in optional.items() if v is not None})
    _unit_contact_check(values)
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
    assessor_stage: str | None = None,
    actor: User | None = None,
) -> User:
    """Create or update a user with exactly the given roles (idempotent). An evaluator's
    考评环节 is left as it is when not given (None)."""
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
        and (assessor_stage is None or user.assessor_stage == assessor_stage)
    )
    if unchanged:
        return user  # nothing to write, nothing to audit
    user.unit = unit
    user.display_name = display_name
    if assessor_stage is not None:
        user.assessor_stage = assessor_stage.strip()
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


# -- the office manages its units and users (公开办: 单位与用户管理, issue 15) --------------------

UNIT_FIELDS = ("full_name", "code", "kind", "short_names", "doc_prefixes", "assessment_group",
               "sort_order", "handles_requests", "contact_address", "contact_phone",
               "contact_hours", "contact_postcode", "contact_fax", "contact_email")
# The unit's contact data (受理机关 address, phone, hours …): entered once, read by the 受理点
# and the 专栏's 指南.
CONTACT_FIELDS = ("contact_address", "contact_postcode", "contact_phone", "contact_fax",
                  "contact_email", "contact_hours")
# Roles the office may hand out; 管理员 (IT staff) only an administrator grants.
OFFICE_GRANTABLE = frozenset(r.value for r in Role if r != Role.ADMIN)


def _unit_values(values: dict[str, Any]) -> dict[str, Any]:
    """Clean the editable fields of a unit, naming the field of the first problem."""
    from gongkai.core.domain.units import UNIT_KIND_LABELS

    out = {k: values[k] for k in UNIT_FIELDS if k in values}
    for key in ("full_name", "code", "assessment_group", *CONTACT_FIELDS):
        if key in out:
            out[key] = " ".join(str(out[key] or "").split())
    _unit_contact_check(out)
    for key in ("short_names", "doc_prefixes"):
        if key in out:
            out[key] = [s.strip() for s in out[key] or [] if s and s.strip()]
    if "full_name" in out and not out["full_name"]:
        raise CoreError("单位全称不能为空", field="full_name")
    if "code" in out and not out["code"]:
        raise CoreError("单位代码不能为空", field="code")
    if "kind" in out and out["kind"] not in {k.value for k in UNIT_KIND_LABELS}:
        raise CoreError(f"未知的单位类型: {out['kind']}", field="kind")
    return out


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9０-９\-—－()（）+、，, ;；转/]{5,100}$")


def _unit_contact_check(out: dict[str, Any]) -> None:
    """The contact fields' own rules (length, 邮政编码, 电子邮箱, 电话 and 传真)."""
    for key in CONTACT_FIELDS:
        limit = Unit._meta.get_field(key).max_length
        if key in out and limit and len(out[key]) > limit:
            label = Unit._meta.get_field(key).verbose_name
            raise CoreError(f"{label}过长（最多 {limit} 字）", field=key)
    if out.get("contact_postcode") and not re.fullmatch(r"\d{6}", out["contact_postcode"]):
        raise CoreError(f"邮政编码 “{out['contact_postcode']}” 应为 6 位数字",
                        field="contact_postcode")
    if out.get("contact_email") and not _EMAIL.match(out["contact_email"]):
        raise CoreError(f"电子邮箱 “{out['contact_email']}” 格式不正确", field="contact_email")
    for key, label in (("contact_phone", "联系电话"), ("contact_fax", "传真")):
        if out.get(key) and not _PHONE.match(out[key]):
            raise CoreError(f"{label} “{out[key]}” 只能包含数字、区号分隔符和“转”", field=key)


def _unit_unique(values: dict[str, Any], exclude_pk: int | None = None) -> None:
    others = Unit.objects.exclude(pk=exclude_pk) if exclude_pk else Unit.objects.all()
    if "full_name" in values and others.filter(full_name=values["full_name"]).exists():
        raise CoreError(f"已有名为“{values['full_name']}”的单位", field="full_name")
    if "code" in values and others.filter(code=values["code"]).exists():
        raise CoreError(f"单位代码 {values['code']} 已被其他单位使用", field="code")


@transaction.atomic
def unit_create(*, actor: User | None, parent: Unit | None, **values: Any) -> Unit:
    """新增单位 below a unit the office covers (an administrator may add a root)."""
    access.require(access.can_unit_manage(actor, parent.pk if parent else None),
                   "只能在本公开办负责的单位之下新增单位")
    clean = _unit_values(values)
    for key in ("full_name", "code"):
        if key not in clean:
            raise CoreError("单位全称不能为空" if key == "full_name" else "单位代码不能为空",
                            field=key)
    _unit_unique(clean)
    unit = Unit(parent=parent, **clean)
    unit.name_keys = unit.computed_name_keys()
    unit.full_clean()
    unit.save()
    audit_record(actor=actor, action="unit_create", target=unit, unit=unit)
    return unit


@transaction.atomic
def unit_update(*, actor: User | None, unit: Unit, parent: Unit | None, **values: Any) -> Unit:
    """修改单位: its names, 机关代字, group, whether it takes 依申请公开 requests, contact data,
    and its place in the tree (never below itself)."""
    from gongkai.core.selectors import unit_descendant_ids

    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    access.require(access.can_unit_manage(actor, unit.pk), "无权修改该单位")
    if parent is not None and parent.pk != unit.parent_id:
        access.require(access.can_unit_manage(actor, parent.pk), "只能把单位移到本公开办负责的单位之下")
        if parent.pk in unit_descendant_ids([unit.pk]):
            raise CoreError("上级单位不能是本单位或其下级单位", field="parent")
    if parent is None and unit.parent_id is not None and not access.is_admin(actor):
        raise CoreError("请选择上级单位", field="parent")
    clean = _unit_values(values)
    _unit_unique(clean, exclude_pk=unit.pk)
    clean["parent_id"] = parent.pk if parent else None
    changed = sorted(k for k, v in clean.items() if getattr(unit, k) != v)
    if not changed:
        return unit
    for key, value in clean.items():
        setattr(unit, key, value)
    unit.name_keys = unit.computed_name_keys()
    unit.full_clean()
    unit.save()
    audit_record(actor=actor, action="unit_update", target=unit, unit=unit,
                 data={"changed": changed})
    return unit


@transaction.atomic
def unit_active_set(*, actor: User | None, unit: Unit, active: bool, reason: str = "") -> Unit:
    """停用 / 启用 a unit. A unit with active units below it, or the office's own unit, cannot
    be switched off (its people would lose their scope silently)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    access.require(access.can_unit_manage(actor, unit.pk), "无权停用或启用该单位")
    if unit.is_active == active:
        return unit
    if not active:
        if actor is not None and getattr(actor, "unit_id", None) == unit.pk:
            raise CoreError("不能停用本公开办所在的单位", field="unit")
        if unit.children.filter(is_active=True).exists():
            raise CoreError(f"{unit.full_name} 下还有启用的下级单位，请先停用下级单位",
                            field="unit")
    unit.is_active = active
    unit.save(update_fields=["is_active"])
    audit_record(actor=actor, action="unit_activate" if active else "unit_deactivate",
                 target=unit, unit=unit, reason=reason,
                 from_state="inactive" if active else "active",
                 to_state="active" if active else "inactive")
    return unit


def _temporary_password() -> str:
    """A one-time password the office hands over (the person changes it after logging in)."""
    import secrets

    return "Gk-" + secrets.token_urlsafe(9)


def _user_roles_check(actor: User | None, roles: list[str], unit: Unit | None) -> list[str]:
    roles = sorted(set(roles))
    unknown = [r for r in roles if r not in {x.value for x in Role}]
    if unknown:
        raise CoreError(f"未知角色: {', '.join(unknown)}", field="roles")
    if not roles:
        raise CoreError("请至少选择一个角色", field="roles")
    if not access.is_admin(actor) and not set(roles) <= OFFICE_GRANTABLE:
        raise CoreError("只有系统管理员可以授予“管理员”角色", field="roles")
    if unit is None and set(roles) - {Role.ADMIN.value}:
        raise CoreError("请选择所属单位", field="unit")
    return roles


@transaction.atomic
def user_invite(
    *, actor: User | None, username: str, unit: Unit | None, roles: list[str],
    display_name: str = "", email: str = "", assessor_stage: str = "",
) -> tuple[User, str]:
    """新增用户 of a unit the office covers, with their roles; returns the user and a one-time
    password for the office to hand over (shown once, stored only as a hash)."""
    access.require(access.can_user_manage(actor, unit.pk if unit else None),
                   "只能为本公开办负责的单位新增用户")
    username = username.strip()
    if not username:
        raise CoreError("登录名不能为空", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise CoreError(f"登录名 {username} 已被使用", field="username")
    roles = _user_roles_check(actor, roles, unit)
    roles_ensure()
    password = _temporary_password()
    user = User(username=username, unit=unit, display_name=display_name.strip(),
                email=email.strip(), assessor_stage=assessor_stage.strip())
    user.is_staff = Role.ADMIN.value in roles or Role.OFFICE.value in roles
    user.is_superuser = Role.ADMIN.value in roles
    try:
        user.full_clean(exclude=["password"])
    except Exception as exc:  # ValidationError: name the field
        from django.core.exceptions import ValidationError

        if not isinstance(exc, ValidationError):
            raise
        field, errors = next(iter(exc.message_dict.items()))
        raise CoreError(f"{field}: {'；'.join(errors)}", field=field) from None
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    audit_record(actor=actor, action="user_invite", target=user, unit=unit,
                 data={"roles": roles})
    _account_mail(user, actor, invite_text(user, roles), "账号已开通")
    return user, password


@transaction.atomic
def user_update(
    *, actor: User | None, user: User, unit: Unit | None, roles: list[str],
    display_name: str = "", email: str = "", assessor_stage: str = "",
) -> User:
    """修改用户: name, mail, unit and roles (both units must be the office's)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    access.require(access.can_user_manage(actor, user.unit_id), "无权修改该用户")
    if (unit.pk if unit else None) != user.unit_id:
        access.require(access.can_user_manage(actor, unit.pk if unit else None),
                       "只能把用户调到本公开办负责的单位")
    roles = _user_roles_check(actor, roles, unit)
    old_roles = sorted(user.groups.values_list("name", flat=True))
    if not access.is_admin(actor) and Role.ADMIN.value in old_roles:
        raise CoreError("管理员账号只能由系统管理员修改", field="roles")
    values = {"unit_id": unit.pk if unit else None, "display_name": display_name.strip(),
              "email": email.strip(), "assessor_stage": assessor_stage.strip()}
    changed = sorted(k for k, v in values.items() if getattr(user, k) != v)
    if old_roles != roles:
        changed.append("roles")
    if not changed:
        return user
    for key, value in values.items():
        setattr(user, key, value)
    user.is_staff = Role.ADMIN.value in roles or Role.OFFICE.value in roles
    user.is_superuser = Role.ADMIN.value in roles
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    audit_record(actor=actor, action="user_update", target=user, unit=unit,
                 data={"changed": changed, "roles": roles, "old_roles": old_roles})
    return user


@transaction.atomic
def user_password_reset(*, actor: User | None, user: User) -> str:
    """重置密码: a new one-time password for the office to hand over."""
    user = User.objects.select_for_update().get(pk=user.pk)
    access.require(access.can_user_manage(actor, user.unit_id), "无权重置该用户的密码")
    if not access.is_admin(actor) and user.is_superuser:
        raise CoreError("管理员账号只能由系统管理员重置密码", field="user")
    password = _temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action="user_password_reset", target=user, unit=user.unit)
    _account_mail(user, actor, reset_text(user), "密码已重置")
    return password


def invite_text(user: User, roles: list[str]) -> str:
    """The mail a new account's owner gets: who opened it, where to log in, which roles. The
    one-time password is never mailed: the office hands it over (a mailbox is not a safe)."""
    from gongkai.core.domain.roles import ROLE_LABELS

    labels = "、".join(label for role, label in ROLE_LABELS.items() if role.value in roles)
    unit = user.unit.full_name if user.unit else "本平台"
    return "\n".join([
        f"{user.display_name or user.username}：",
        f"政务公开平台已为您开通{unit}的账号。",
        f"登录名：{user.username}",
        f"角色：{labels}",
        f"登录地址：{settings.SITE_URL}/accounts/login/",
        "初始密码由政务公开办公室另行告知，本邮件不含密码。首次登录后须先修改密码。",
        "如非本人申请，请与政务公开办公室联系。",
    ])


def reset_text(user: User) -> str:
    return "\n".join([
        f"{user.display_name or user.username}：",
        f"您在政务公开平台的账号（登录名：{user.username}）的密码已由政务公开办公室重置，原密码已失效。",
        "新的一次性密码由政务公开办公室另行告知，本邮件不含密码。登录后须先修改密码。",
        f"登录地址：{settings.SITE_URL}/accounts/login/",
        "如您未要求重置密码，请立即与政务公开办公室联系。",
    ])


def _account_mail(user: User, actor: User | None, body: str, subject: str) -> None:
    """Queue a notice to the account's own address (sent after the transaction commits)."""
    if not user.email:
        return
    from gongkai.core.tasks import mail_send

    mail_send(to=[user.email], subject=f"[政务公开平台] {subject}", body=body, actor=actor, unit=user.unit)


@transaction.atomic
def user_active_set(*, actor: User | None, user: User, active: bool, reason: str = "") -> User:
    """停用 / 启用 an account (a deactivated person cannot log in; their records stay)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    access.require(access.can_user_manage(actor, user.unit_id), "无权停用或启用该用户")
    if actor is not None and actor.pk == user.pk:
        raise CoreError("不能停用自己的账号", field="user")
    if not access.is_admin(actor) and user.is_superuser:
        raise CoreError("管理员账号只能由系统管理员停用", field="user")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="user_activate" if active else "user_deactivate",
                 target=user, unit=user.unit, reason=reason,
                 from_state="inactive" if active else "active",
                 to_state="active" if active else "inactive")
    return user


@transaction.atomic
def user_password_change(*, actor: User, old_password: str, new_password: str,
                         new_password_again: str) -> User:
    """修改密码: a person changes their own password (after the office's one-time password)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    access.require(access.is_active(actor), "请先登录", code=access.AccessCode.LOGIN_REQUIRED)
    user = User.objects.select_for_update().get(pk=actor.pk)
    if not user.check_password(old_password or ""):
        raise CoreError("原密码不正确", field="old_password")
    if not new_password:
        raise CoreError("请输入新密码", field="new_password")
    if new_password != new_password_again:
        raise CoreError("两次输入的新密码不一致", field="new_password_again")
    if new_password == old_password:
        raise CoreError("新密码不能与原密码相同", field="new_password")
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise CoreError("新密码不合要求：" + "；".join(exc.messages), field="new_password") from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action="password_change", target=user, unit=user.unit)
    return user
