"""The assessment measure of 督办 (seed 08: 反馈市考评办，作为各责任单位年度考核依据),
registered in the assessment's measure registry (indicator YAML: `measure: supervision_reported_on_time`)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.assessment.domain.results import Measured
from gongkai.assessment.measures import EVIDENCE_LIMIT, MeasureContext, measure


@measure("supervision_reported_on_time", "督办任务按时报送")
def supervision_reported_on_time(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """Share of the lead unit's task reports (plans, quarterly progress) due in the period that
    were submitted by the due date; the late or missing ones are the evidence."""
    from gongkai.supervision.selectors import reporting_facts

    facts = reporting_facts(start=ctx.start, end=ctx.end, unit_ids=list(ctx.unit_ids))
    out: dict[int, Measured] = {}
    for unit_id in ctx.unit_ids:
        rows = facts.get(unit_id, [])
        if not rows:
            out[unit_id] = Measured(value=None, detail="本期无到期的督办报送")
            continue
        late = [r for r in rows if not r["on_time"]]
        items = [{"kind": "supervision_task", "id": r["task_id"], "title": r["title"], "field": "submitted_at",
                  "detail": f"{r['round']}：期限 {r['due'].isoformat()}，"
                            + (f"{r['submitted'].isoformat()} 报送" if r["submitted"] else "未报送")}
                 for r in late]
        on_time = len(rows) - len(late)
        out[unit_id] = Measured(value=Decimal(on_time) / Decimal(len(rows)), evidence=items[:EVIDENCE_LIMIT],
                                detail=f"按时报送 {on_time}/{len(rows)} 次", evidence_total=len(items))
    return out
