"""Assemble a run's result (the documented result.json, docs/result-json.md) from plain values.

Input: the indicator set, the units (id, name, group, order), what the measures found per
indicator and unit, the evaluators' manual entries, and the previous run's result (or None).
Output: a dict ready for json.dumps, in a stable order, so the same inputs always give the same
bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.assessment.domain import awards as award_rules
from gongkai.assessment.domain.indicators import IndicatorSet
from gongkai.assessment.domain.scoring import Score, score_indicator, total_of
from gongkai.assessment.domain.summary import summarize_group, weakest

UNGROUPED = "其他单位"


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    group: str
    order: int = 0


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


def build_result(
    *,
    indicator_set: IndicatorSet,
    units: list[UnitInfo],
    measured: dict[str, dict[int, Measured]],
    manual: dict[tuple[int, str], Decimal],
    previous: dict | None,
    run: dict[str, Any],
) -> dict[str, Any]:
    leaves = indicator_set.leaves()
    top_of = indicator_set.top_level_of()
    max_total = indicator_set.max_total
    unit_rows: list[dict[str, Any]] = []
    losses: dict[str, list[Decimal]] = defaultdict(list)
    losers: dict[str, list[tuple[Decimal, str, list]]] = defaultdict(list)
    entries_by_group: dict[str, list[award_rules.Entry]] = defaultdict(list)

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
            if leaf.is_manual and entry is not None:
                evidence = [{"kind": "manual", "detail": f"评估员评分 {entry}"}]
            row = {
                "code": leaf.code,
                "name": leaf.name,
                "parent": top_of[leaf.code].name,
                "method": leaf.method,
                "score": _num(score.score),
                "max": _num(score.max),
                "status": score.status,
                "vetoed": score.vetoed,
                "detail": (found.detail if found else "") or score.note,
                "evidence_total": (found.evidence_total if found else len(evidence)),
                "evidence": evidence,
            }
            rows.append(row)
            if leaf.method in ("ratio", "deduct", "manual") and score.status != "pending":
                losses[leaf.code].append(score.lost)
                if score.lost > 0:
                    losers[leaf.code].append((score.lost, unit.name, evidence))
        total = total_of(scored, max_total=max_total)
        unit_rows.append({
            "unit": unit.name,
            "unit_id": unit.id,
            "group": group,
            "total": _num(total.total),
            "points": _num(total.points),
            "rank": None,
            "vetoed": total.vetoed,
            "pending": sum(1 for _, s in scored if s.status == "pending"),
            "indicators": rows,
            "_order": unit.order,
        })
        entries_by_group[group].append(
            award_rules.Entry(unit.name, total.total, total.vetoed, unit.order)
        )

    prev_units = {u.get("unit_id"): u for u in (previous or {}).get("units", [])}
    prev_by_name = {u["unit"]: u for u in (previous or {}).get("units", [])}

    def prev_of(row):
        return prev_units.get(row["unit_id"]) or prev_by_name.get(row["unit"])

    groups_out = []
    excellent_out: dict[str, list[str]] = {}
    improved_out: dict[str, list[str]] = {}
    by_name = {r["unit"]: r for r in unit_rows}
    ordered_rows = []
    for group in group_order(units, indicator_set.groups):
        entries = entries_by_group[group]
        ranked = award_rules.rank_group(entries)
        for entry, rank in ranked:
            by_name[entry.key]["rank"] = rank
            ordered_rows.append(by_name[entry.key])
        totals = [e.total for e in entries]
        prev_totals = None
        if previous is not None:
            prev_totals = [
                Decimal(str(u["total"])) for u in previous.get("units", []) if u["group"] == group
            ]
        summary = summarize_group(group, totals, prev_totals)
        groups_out.append(summary.as_dict() | {"previous_ge_90": summary.previous_ge_90})
        exc = award_rules.excellent(entries, indicator_set.awards)
        excellent_out[group] = exc
        previous_totals = {}
        for row in (by_name[e.key] for e in entries):
            p = prev_of(row)
            if p is not None:
                previous_totals[row["unit"]] = Decimal(str(p["total"]))
        improved_out[group] = award_rules.improved(entries, previous_totals, indicator_set.awards, exc)

    for row in ordered_rows:
        p = prev_of(row)
        row["previous_total"] = p["total"] if p else None
        row["change"] = (
            _num(Decimal(str(row["total"])) - Decimal(str(p["total"]))) if p else None
        )
        row.pop("_order", None)

    names = {leaf.code: leaf.name for leaf in leaves}
    weak = []
    for loss in weakest(losses, names, limit=indicator_set.weakest):
        behind = sorted(losers[loss.code], key=lambda t: (-t[0], t[1]))
        examples = []
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

    return {
        "run": run["id"],
        "period": run["period"],
        "status": run.get("status", "draft"),
        "previous_run": (previous or {}).get("run"),
        "previous_period": (previous or {}).get("period"),
        "indicator_set": {
            "name": indicator_set.name,
            "version": indicator_set.version,
            "sha256": indicator_set.sha256,
            "max_total": _num(max_total),
        },
        "units": ordered_rows,
        "groups": groups_out,
        "awards": {"excellent": excellent_out, "improved": improved_out},
        "weakest": weak,
    }
