"""Reads of units and users."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from gongkai.core.domain.units import name_key
from gongkai.core.models import Unit


@dataclass
class _UnitTable:
    """Every unit's names and keys, read once: full name, code, then any name key → unit id,
    in the units' own order (as ``unit_find`` answers them), plus the units read so far."""

    by_name: dict[str, int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)


_unit_table: ContextVar[_UnitTable | None] = ContextVar("unit_table", default=None)


@contextmanager
def units_resolved() -> Iterator[None]:
    """Within this block (one import run), ``unit_find`` answers from one reading of the unit
    table instead of querying, and scanning every unit on a miss, for each name. Scoped to the
    block, never module-level: a unit saved meanwhile is seen by the next run."""
    if _unit_table.get() is not None:  # nested: the outer run's table serves
        yield
        return
    table = _UnitTable()
    for pk, full_name, code, keys in Unit.objects.values_list("id", "full_name", "code",
                                                               "name_keys"):
        table.by_name.setdefault(full_name, pk)
        table.by_code.setdefault(code, pk)
        for key in keys or []:
            table.by_key.setdefault(key, pk)
    token = _unit_table.set(table)
    try:
        yield
    finally:
        _unit_table.reset(token)


def _unit_from_table(table: _UnitTable, name: str) -> Unit | None:
    pk = table.by_name.get(name) or table.by_code.get(name) or table.by_key.get(name_key(name))
    if pk is None:
        return None
    unit = table.units.get(pk)
    if unit is None:
        unit = table.units[pk] = Unit.objects.get(pk=pk)
    return unit


def unit_descendant_ids(unit_ids: Iterable[int]) -> set[int]:
    """The given units and every unit below them (one query per tree level)."""
    result = set(unit_ids)
    frontier = set(result)
    while frontier:
        children = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = children - result
        result |= frontier
    return result


def unit_find(name: str) -> Unit | None:
    """A unit by full name, short name, alias or code ("武汉市政府" → 武汉市人民政府)."""
    if not name or not name.strip():
        return None
    name = name.strip()
    table = _unit_table.get()
    if table is not None:
        return _unit_from_table(table, name)
    unit = Unit.objects.filter(full_name=name).first() or Unit.objects.filter(code=name).first()
    if unit:
        return unit
    key = name_key(name)
    for candidate in Unit.objects.only("id", "name_keys", "full_name"):
        if key in (candidate.name_keys or []):
            return Unit.objects.get(pk=candidate.pk)
    return None


def calendar_next_year_warning(*, today, calendar) -> str:
    """From 1 October until next year's holidays are known: the office's reminder (deadlines
    reaching into next year are only provisional, 暂定, until then)."""
    from datetime import date as _date

    from gongkai.core.domain.errors import CalendarError

    if today.month < 10:
        return ""
    year = today.year + 1
    try:
        calendar.day_info(_date(year, 1, 1))
    except CalendarError:
        return (f"{year}年节假日安排尚未录入：跨入{year}年的答复期限和时效只能暂按周末计算（标为“暂定”）。"
                f"国务院办公厅通知发布后，请用 gongkai calendar load 或管理后台录入。")
    return ""


PASSWORD_EVENTS = ("user_invite", "user_password_reset", "password_change")


def password_is_temporary(user) -> bool:
    """The person still holds the one-time password the office gave them (their latest password
    event in the audit log is 新增用户 or 重置密码, not their own 修改密码)."""
    from gongkai.core.models import AuditLog

    if not getattr(user, "is_authenticated", False):
        return False
    last = (AuditLog.objects.filter(target_type="core.user", target_id=str(user.pk),
                                    action__in=PASSWORD_EVENTS)
            .order_by("-id").values_list("action", flat=True).first())
    return last is not None and last != "password_change"
