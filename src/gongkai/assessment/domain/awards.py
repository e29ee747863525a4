"""Ranks within a group, 优秀 and 进步明显.

Tie rule (documented in docs/indicators.md):
* Ranks are competition ranks on the total, two decimals: 95, 93, 93, 90 → 1, 2, 2, 4. Units with
  equal totals are listed by their unit order (sort order, then name) but share the rank.
* 优秀 top N takes every unit whose rank ≤ N, so a tie on the boundary admits all the tied units
  (the group may get more than N). With a threshold (min_total) a unit also needs total ≥ it.
* 进步明显 ranks the gain (total − previous total, only units present in both runs) the same way:
  every unit whose gain rank ≤ N and whose gain ≥ min_gain; units already 优秀 are left out first
  when exclude_excellent is set.
* A vetoed unit (单项否决) is ranked after all others and gets no award.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.assessment.domain.indicators import AwardRules


@dataclass(frozen=True)
class Entry:
    key: str  # unit name (unique)
    total: Decimal
    vetoed: bool = False
    order: int = 0  # display order among equals


def competition_ranks(values: Sequence[tuple[str, Decimal]]) -> dict[str, int]:
    """Rank by value descending; equal values share the rank (1, 2, 2, 4)."""
    ordered = sorted(values, key=lambda kv: -kv[1])
    ranks: dict[str, int] = {}
    previous = None
    rank = 0
    for position, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            rank = position
            previous = value
        ranks[key] = rank
    return ranks


def rank_group(entries: Sequence[Entry]) -> list[tuple[Entry, int]]:
    """Entries in bulletin order with their rank; vetoed units come last."""
    live = [e for e in entries if not e.vetoed]
    ranks = competition_ranks([(e.key, e.total) for e in live])
    out = [(e, ranks[e.key]) for e in live]
    vetoed = [e for e in entries if e.vetoed]
    last = len(live) + 1
    out += [(e, last) for e in vetoed]
    out.sort(key=lambda pair: (pair[0].vetoed, pair[1], pair[0].order, pair[0].key))
    return out


def excellent(entries: Sequence[Entry], rules: AwardRules) -> list[str]:
    """优秀 of one group, in rank order."""
    if rules.excellent_top_n is None and rules.excellent_min_total is None:
        return []
    chosen = []
    for entry, rank in rank_group(entries):
        if entry.vetoed:
            continue
        if rules.excellent_top_n is not None and rank > rules.excellent_top_n:
            continue
        if rules.excellent_min_total is not None and entry.total < rules.excellent_min_total:
            continue
        chosen.append(entry.key)
    return chosen


def improved(
    entries: Sequence[Entry],
    previous: dict[str, Decimal],
    rules: AwardRules,
    already_excellent: Sequence[str] = (),
) -> list[str]:
    """进步明显 of one group, in order of gain."""
    if rules.improved_top_n <= 0:
        return []
    skip = set(already_excellent) if rules.improved_exclude_excellent else set()
    order = {e.key: e.order for e in entries}
    gains = [
        (e.key, e.total - previous[e.key])
        for e in entries
        if not e.vetoed and e.key in previous and e.key not in skip
    ]
    gains = [(k, g) for k, g in gains if g >= rules.improved_min_gain and g > 0]
    ranks = competition_ranks(gains)
    chosen = [(ranks[k], order[k], k) for k, _ in gains if ranks[k] <= rules.improved_top_n]
    return [k for _, _, k in sorted(chosen)]
