"""督办 and 建议提案 demo: the 2024 breakdown in seed 08's words, two quarters with one lagging
task, the quarterly report, replies published in full and the summary — idempotently."""

from __future__ import annotations

import io


def test_demo_breakdown_quarters_and_proposals(db):
    from gongkai.assessment.models import Rectification
    from gongkai.demo import core
    from gongkai.demo import proposals as demo_proposals
    from gongkai.demo import supervision as demo_supervision
    from gongkai.proposals.models import Proposal, YearSummary
    from gongkai.proposals.selectors import published_replies
    from gongkai.supervision.models import Breakdown
    from gongkai.supervision.selectors import quarter_report

    core.load(stdout=io.StringIO())
    demo_supervision.load(stdout=io.StringIO())
    demo_proposals.load(stdout=io.StringIO())
    b = Breakdown.objects.get(title=demo_supervision.TITLE)
    assert b.tasks.count() == 5 and b.is_public
    assert b.tasks.get(code="3").title == "研究建立市级层面调度推进机制"  # seed 08's own words
    q2 = b.rounds.get(kind="progress", quarter=2)
    summary = quarter_report(q2)
    assert [r.task_code for r in summary.lagging] == ["3"]
    assert summary.late == 1 and summary.not_reported == 1
    assert Rectification.objects.filter(source="inspection", unit=b.tasks.get(code="3").lead_unit).count() == 1
    assert Proposal.objects.count() == 4
    assert published_replies().count() == 3
    assert YearSummary.objects.get(year=2024).document.state == "published"
    out = io.StringIO()
    demo_supervision.load(stdout=out)
    demo_proposals.load(stdout=out)
    assert Breakdown.objects.count() == 1 and Proposal.objects.count() == 4
