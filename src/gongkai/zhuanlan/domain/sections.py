"""法定主动公开内容 (条例 第二十条): the fifteen sections of a 专栏 and which documents go in
each, from a mapping held as data (``zhuanlan/data/sections.yaml``). Plain Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "sections.yaml"


class SectionError(ValueError):
    pass


@dataclass(frozen=True)
class SectionRule:
    key: str
    item: str  # 第二十条 (一) … (十五)
    label: str
    levels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    stale_days: int = 365

    def matches(self, *, level: str, category: str, title: str) -> bool:
        return ((level and level in self.levels)
                or any(word in (category or "") for word in self.categories)
                or any(word in (title or "") for word in self.titles))


class SectionStatus(StrEnum):
    CURRENT = "current"  # 已更新
    STALE = "stale"  # 未及时更新
    EMPTY = "empty"  # 暂无


STATUS_LABELS = {SectionStatus.CURRENT: "正常", SectionStatus.STALE: "未及时更新",
                 SectionStatus.EMPTY: "暂无内容"}


@dataclass
class SectionState:
    rule: SectionRule
    count: int = 0
    last_update: date | None = None
    status: SectionStatus = SectionStatus.EMPTY
    document_ids: list[int] = field(default_factory=list)


def load_rules(text: str | None = None) -> list[SectionRule]:
    """Read the mapping (the packaged file unless `text` is given); errors name the entry."""
    raw = yaml.safe_load(text if text is not None else DATA_FILE.read_text(encoding="utf-8"))
    entries = (raw or {}).get("sections")
    if not isinstance(entries, list) or not entries:
        raise SectionError("sections.yaml: 缺少 sections 列表")
    rules, seen = [], set()
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("key") or not entry.get("label"):
            raise SectionError(f"sections.yaml 第{i}项: 缺少 key 或 label")
        key = str(entry["key"])
        if key in seen:
            raise SectionError(f"sections.yaml 第{i}项: key “{key}” 重复")
        seen.add(key)
        try:
            stale = int(entry.get("stale_days", 365))
        except (TypeError, ValueError) as exc:
            raise SectionError(f"sections.yaml 第{i}项 ({key}): stale_days 不是整数") from exc
        if stale <= 0:
            raise SectionError(f"sections.yaml 第{i}项 ({key}): stale_days 须大于 0")
        rules.append(SectionRule(
            key=key, item=str(entry.get("item", "")), label=str(entry["label"]),
            levels=tuple(entry.get("levels") or ()), categories=tuple(entry.get("categories") or ()),
            titles=tuple(entry.get("titles") or ()), stale_days=stale))
    return rules


def classify(rules: Iterable[SectionRule], *, level: str, category: str, title: str) -> list[str]:
    """The keys of every section a document belongs to (may be none, may be several)."""
    return [r.key for r in rules if r.matches(level=level, category=category, title=title)]


def section_status(rule: SectionRule, *, count: int, last_update: date | None,
                   today: date) -> SectionStatus:
    """暂无 when nothing is listed; 未及时更新 when the newest item is older than the rule's
    stale_days; otherwise 正常."""
    if count == 0 or last_update is None:
        return SectionStatus.EMPTY
    if (today - last_update).days > rule.stale_days:
        return SectionStatus.STALE
    return SectionStatus.CURRENT


def sections_summarise(rules: list[SectionRule], documents: Iterable[tuple[int, str, str, str,
                                                                              date | None]],
                       *, today: date) -> list[SectionState]:
    """Fill every section from (id, level, category, title, publish_date) rows."""
    states = {r.key: SectionState(rule=r) for r in rules}
    for pk, level, category, title, published in documents:
        for key in classify(rules, level=level, category=category, title=title):
            st = states[key]
            st.count += 1
            st.document_ids.append(pk)
            if published and (st.last_update is None or published > st.last_update):
                st.last_update = published
    for st in states.values():
        st.status = section_status(st.rule, count=st.count, last_update=st.last_update,
                                   today=today)
    return [states[r.key] for r in rules]
