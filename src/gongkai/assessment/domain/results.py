"""Assemble a run's result (the documented result.json, docs/result-json.md) from plain values.

Input: the indicator set, the units (id, name, group, order), what the measures found per
indicator and unit, the evaluators' manual entries, and the previous run's result (or None).
Output: a dict ready for json.dumps, in a stable order, so the same inputs always give the same
bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.assessment.domain import awards as award_rules
from gongkai.assessment.domain.indicators import IndicatorSet, SummaryGroup
from gongkai.assessment.domain.scoring import Score, score_indicator, total_of
from gongkai.assessment.domain.summary import summarize_group, weakest

UNGROUPED = "其他单位"


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    group: str
    order: int = 0
    short: str = ""  # first 简称, for the 通报's lists of names


@dataclass
class Measured:
    """What a measure found for one unit: the value scored and the evidence behind it."""

    value: Decimal | int | None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    detail: str = ""  # e.g. "按时报送 18/20 件"
    evidence_total: int = 0  # findings in all (evidence may be truncated)


def _num(value: Decimal) -> float | int:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def group_order(units: list[UnitInfo], preferred: tuple[str, ...]) -> list[str]:
    present = {u.group or UNGROUPED for u in units}
    ordered = [g for g in preferred if g in present]
    return ordered + sorted(present - set(ordered))


@dataclass
class _Scored:
    """Phase 1's output: every unit's rows and total, and the losses behind the weak points."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # unit name → row
    entries: dict[str, list[award_rules.Entry]] = field(default_factory=lambda: defaultdict(list))
    losses: dict[str, list[Decimal]] = field(default_factory=lambda: defaultdict(list))
    losers: dict[str, list[tuple[Decimal, str, list[Any]]]] = field(default_factory=lambda: defaultdict(list))


def build_result(
    *,
    indicator_set: IndicatorSet,
    units: list[UnitInfo],
    measured: dict[str, dict[int, Measured]],
    manual: dict[tuple[int, str], Decimal],
    previous: dict[str, Any] | None,
    run: dict[str, Any],
    year_ago: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The result in five phases: score every unit; rank and award within groups; summarize the
    summary groups; compare with the previous period (环比) and the year before (同比); the
    weakest indicators with their examples."""
    scored = _score_units(indicator_set, units, measured, manual)
    order = group_order(units, indicator_set.groups)
    ordered_rows, excellent_out, improved_out = _rank_and_award(indicator_set, order, scored, previous)
    groups_out = [_summary_dict(g, [e.total for e in scored.entries[g]], previous, year_ago, (g,))
                  for g in order]
    summary_out = _summaries(indicator_set, order, scored, previous, year_ago)
    _compare(ordered_rows, previous, year_ago)
    return {
        "run": run["id"],
        "period": run["period"],
        "status": run.get("status", "draft"),
        "previous_run": (previous or {}).get("run"),
        "previous_period": (previous or {}).get("period"),
        "year_ago_run": (year_ago or {}).get("run"),
        "year_ago_period": (year_ago or {}).get("period"),
        "indicator_set": {
            "name": indicator_set.name,
            "version": indicator_set.version,
            "sha256": indicator_set.sha256,
            "max_total": _num(indicator_set.max_total),
        },
        "units": ordered_rows,
        "groups": groups_out,
        "summary_groups": summary_out,
        "awards": {"excellent": excellent_out, "improved": improved_out,
                   "improved_by": indicator_set.awards.improved_by},
        "weakest": _weakest(indicator_set, scored),
    }


def _score_units(spec: IndicatorSet, units: list[UnitInfo], measured: dict[str, dict[int, Measured]],
                 manual: dict[tuple[int, str], Decimal]) -> _Scored:
    """Phase 1: each unit's indicator rows and total."""
    leaves = spec.leaves()
    top_of = spec.top_level_of()
    out = _Scored()
    for unit in units:
        group = unit.group or UNGROUPED
        scored: list[tuple[Any, Score]] = []
        rows = []
        for leaf in leaves:
            found = measured.get(leaf.code, {}).get(unit.id) if leaf.measure else None
            entry = manual.get((unit.id, leaf.code))
            score = score_indicator(
                leaf, value=found.value if found else None,
                manual=Decimal(entry) if entry is not None else None,
            )
            scored.append((leaf, score))
            evidence = list(found.evidence) if found else []
            evidence_total = found.evidence_total if found else 0
            if leaf.is_manual and entry is not None:
                evidence = [{"kind": "manual", "detail": f"评估员评分 {entry}"}]
                evidence_total = 1
            evidence_total = max(evidence_total, len(evidence))
            rows.append({
                "code": leaf.code,
                "name": leaf.name,
                "parent": top_of[leaf.code].name,
                "method": leaf.method,
                "manual": leaf.is_manual,
                "score": _num(score.score),
                "max": _num(score.max),
                "status": score.status,
                "vetoed": score.vetoed,
                "detail": (found.detail if found else "") or score.note,
                "evidence_total": evidence_total,
                "evidence_truncated": evidence_total > len(evidence),
                "evidence": evidence,
            })
            if leaf.method in ("ratio", "deduct", "manual") and score.status != "pending":
                out.losses[leaf.code].append(score.lost)
                if score.lost > 0:
                    out.losers[leaf.code].append((score.lost, unit.name, evidence))
        total = total_of(scored, max_total=spec.max_total)
        out.rows[unit.name] = {
            "unit": unit.name,
            "unit_id": unit.id,
            "short": unit.short or unit.name,
            "group": group,
            "total": _num(total.total),
            "points": _num(total.points),
            "rank": None,
            "vetoed": total.vetoed,
            "pending": sum(1 for _, s in scored if s.status == "pending"),
            "indicators": rows,
        }
        out.entries[group].append(award_rules.Entry(unit.name, total.total, total.vetoed, unit.order))
    return out


def _previous_lookup(previous: dict[str, Any] | None) -> Callable[[dict[str, Any]], dict[str, Any] | None]:
    by_id = {u.get("unit_id"): u for u in (previous or {}).get("units", [])}
    by_name = {u["unit"]: u for u in (previous or {}).get("units", [])}

    def find(row: dict[str, Any]) -> dict[str, Any] | None:
        return by_id.get(row["unit_id"]) or by_name.get(row["unit"])

    return find


def _previous_totals(rows: list[dict[str, Any]], previous: dict[str, Any] | None) -> dict[str, Decimal]:
    find = _previous_lookup(previous)
    out = {}
    for row in rows:
        p = find(row)
        if p is not None:
            out[row["unit"]] = Decimal(str(p["total"]))
    return out


def _rank_and_award(
    spec: IndicatorSet, order: list[str], scored: _Scored, previous: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], dict[str, list[str]], dict[str, list[str]]]:
    """Phase 2: ranks within each award group, 优秀 per group, 进步明显 per group or per
    summary group (awards.improved.by)."""
    ordered_rows = []
    excellent_out: dict[str, list[str]] = {}
    improved_out: dict[str, list[str]] = {}
    for group in order:
        entries = scored.entries[group]
        for entry, rank in award_rules.rank_group(entries):
            scored.rows[entry.key]["rank"] = rank
            ordered_rows.append(scored.rows[entry.key])
        excellent_out[group] = award_rules.excellent(entries, spec.award_group(group).rules(spec.awards))
    pools = (
        [(s.name, [g for g in order if g in s.groups]) for s in spec.summary_groups]
        if spec.awards.improved_by == "summary" else [(g, [g]) for g in order]
    )
    # The bulletin lists 进步明显 in the order of the award groups.
    pools = [p for p in pools if p[1]]
    pools.sort(key=lambda p: order.index(p[1][0]))
    for name, members in pools:
        entries = [e for g in members for e in scored.entries[g]]
        already = [u for g in members for u in excellent_out.get(g, [])]
        prev = _previous_totals([scored.rows[e.key] for e in entries], previous)
        improved_out[name] = award_rules.improved(entries, prev, spec.awards, already)
    return ordered_rows, excellent_out, improved_out


def _totals_of(result: dict[str, Any] | None, members: tuple[str, ...]) -> list[Decimal] | None:
    if result is None:
        return None
    return [Decimal(str(u["total"])) for u in result.get("units", []) if u["group"] in members]


def _summary_dict(name: str, totals: list[Decimal], previous: dict[str, Any] | None,
                  year_ago: dict[str, Any] | None, members: tuple[str, ...]) -> dict[str, Any]:
    summary = summarize_group(name, totals, _totals_of(previous, members))
    out = summary.as_dict() | {"previous_ge_90": summary.previous_ge_90}
    yoy = _totals_of(year_ago, members)
    if yoy:
        y = summarize_group(name, totals, yoy)
        out["yoy"] = {"mean_change": float(y.mean_change or 0), "ge_90_change": y.ge_90_change,
                      "ge_80_change": y.ge_80_change}
    return out


def _summaries(spec: IndicatorSet, order: list[str], scored: _Scored, previous: dict[str, Any] | None,
               year_ago: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Phase 3: one summary per summary group (each award group is its own when none are set)."""
    groups = spec.summary_groups or tuple(
        SummaryGroup(name=g, groups=(g,)) for g in order
    )
    out = []
    for s in groups:
        members = tuple(g for g in s.groups if g in scored.entries)
        if not members:
            continue
        totals = [e.total for g in members for e in scored.entries[g]]
        out.append(_summary_dict(s.name, totals, previous, year_ago, members)
                   | {"members": list(members), "scope": s.scope_words, "counter": s.counter})
    return out


def _compare(rows: list[dict[str, Any]], previous: dict[str, Any] | None,
             year_ago: dict[str, Any] | None) -> None:
    """Phase 4: each unit's change against the previous period (环比) and the year before (同比)."""
    for key, other in (("", previous), ("year_ago_", year_ago)):
        find = _previous_lookup(other)
        for row in rows:
            p = find(row) if other is not None else None
            total_key = "previous_total" if not key else "year_ago_total"
            change_key = "change" if not key else "yoy_change"
            row[total_key] = p["total"] if p else None
            row[change_key] = _num(Decimal(str(row["total"])) - Decimal(str(p["total"]))) if p else None


def _weakest(spec: IndicatorSet, scored: _Scored) -> list[dict[str, Any]]:
    """Phase 5: the indicators with the largest average loss, the units and examples behind."""
    top_of = spec.top_level_of()
    names = {leaf.code: leaf.name for leaf in spec.leaves()}
    weak = []
    for loss in weakest(scored.losses, names, limit=spec.weakest):
        behind = sorted(scored.losers[loss.code], key=lambda t: (-t[0], t[1]))
        examples: list[dict[str, Any]] = []
        for _, unit_name, evidence in behind:
            for item in evidence[:1]:
                if item.get("kind") != "manual" and len(examples) < 3:
                    examples.append({**item, "unit": unit_name})
        weak.append({
            "code": loss.code,
            "name": loss.name,
            "parent": top_of[loss.code].name,
            "average_loss": _num(loss.average_loss),
            "units_losing": loss.units_losing,
            "units": [name for _, name, _ in behind[:5]],
            "examples": examples,
        })
    return weak
