"""The assessment measure of 建议提案办理, in the assessment's registry
(indicator YAML: `measure: proposals_replied_on_time`)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.assessment.domain.results import Measured
from gongkai.assessment.measures import EVIDENCE_LIMIT, MeasureContext, measure


@measure("proposals_replied_on_time", "建议提案按期答复")
def proposals_replied_on_time(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """Share of the 建议/提案 a unit handled as 主办 whose deadline fell in the period and that
    were answered by it; the late or unanswered ones are the evidence."""
    from gongkai.proposals.selectors import reply_facts

    facts = reply_facts(start=ctx.start, end=ctx.end, unit_ids=list(ctx.unit_ids))
    out: dict[int, Measured] = {}
    for unit_id in ctx.unit_ids:
        rows = facts.get(unit_id, [])
        if not rows:
            out[unit_id] = Measured(value=None, detail="本期无到期的建议提案")
            continue
        late = [x for x in rows if not x["on_time"]]
        items = [{"kind": "proposal", "id": x["id"], "number": f"第{x['number']}号", "title": x["title"],
                  "field": "replied_on", "detail": f"期限 {x['due'].isoformat()}，"
                  + (f"{x['replied'].isoformat()} 答复" if x["replied"] else "未答复")} for x in late]
        on_time = len(rows) - len(late)
        out[unit_id] = Measured(value=Decimal(on_time) / Decimal(len(rows)), evidence=items[:EVIDENCE_LIMIT],
                                detail=f"按期答复 {on_time}/{len(rows)} 件", evidence_total=len(items))
    return out
