"""Reads of units and users."""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.core.domain.units import name_key
from gongkai.core.models import Unit


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
    unit = Unit.objects.filter(full_name=name).first() or Unit.objects.filter(code=name).first()
    if unit:
        return unit
    key = name_key(name)
    for candidate in Unit.objects.only("id", "name_keys", "full_name"):
        if key in (candidate.name_keys or []):
            return Unit.objects.get(pk=candidate.pk)
    return None
