"""Unit names: how a 发布部门 string is matched to a unit of the tree.

"武汉市政府" must resolve to 武汉市人民政府: people write unit names short, with 政府 for
人民政府 and without the province. Matching is on a normalised key.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class UnitKind(StrEnum):
    PROVINCE = "province"  # 省
    CITY = "city"  # 市
    DISTRICT = "district"  # 区/县
    DEPARTMENT = "department"  # 部门
    STREET = "street"  # 街道/乡镇
    OTHER = "other"


UNIT_KIND_LABELS = {
    UnitKind.PROVINCE: "省",
    UnitKind.CITY: "市",
    UnitKind.DISTRICT: "区/县",
    UnitKind.DEPARTMENT: "部门",
    UnitKind.STREET: "街道/乡镇",
    UnitKind.OTHER: "其他",
}

_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """A comparison key for a unit name: NFKC, no spaces, 人民政府 → 政府."""
    key = unicodedata.normalize("NFKC", name or "")
    key = _SPACE.sub("", key)
    key = key.replace("人民政府", "政府")
    return key


def name_variants(full_name: str, short_names: list[str], aliases: list[str]) -> set[str]:
    """Every key under which a unit may be found."""
    keys = {name_key(n) for n in [full_name, *short_names, *aliases] if n and n.strip()}
    return {k for k in keys if k}
