"""The 决策预公开 measures on consultations built through the services: evidence per
consultation, so the seed's 存在问题 sentences come out of data."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from gongkai.assessment.measures import (
    MeasureContext,
    consultation_explained,
    consultation_feedback_complete,
    consultation_period_kept,
    decision_catalog_published,
)
from gongkai.consultations import services


def _ctx(unit_tree, today):
    return MeasureContext(start=today.replace(month=1, day=1) - timedelta(days=400), end=today + timedelta(days=60),
                          unit_ids=[unit_tree["stats"].pk, unit_tree["district"].pk])


def test_catalogue_not_published_is_a_finding(unit_tree, people, today):
    ctx = MeasureContext(start=today.replace(month=1, day=1), end=today.replace(month=12, day=31),
                         unit_ids=[unit_tree["stats"].pk, unit_tree["district"].pk])
    catalog = services.catalog_save(actor=people["submitter"], unit=unit_tree["stats"], year=today.year)
    services.decision_item_save(actor=people["submitter"], catalog=catalog, title="制定统计数据发布管理办法",
                                lead_unit_name="市统计局", planned_time="第四季度")
    services.catalog_publish(actor=people["submitter"], catalog=catalog)
    found = decision_catalog_published(ctx, {})
    assert found[unit_tree["stats"].pk].value == 0
    district = found[unit_tree["district"].pk]
    assert district.value == 1 and f"未公布{today.year}年度重大行政决策事项目录" in district.detail


def test_explanation_and_period_measures_name_the_consultation(make_consultation, unit_tree, today):
    make_consultation(title="有说明的草案")
    make_consultation(title="无说明的草案", kind="other", explanation="")
    # a 10-day normative consultation is within its 7-working-day rule; a short "other" needs a reason
    make_consultation(title="期限过短的草案", kind="other", end=today + timedelta(days=9),
                      reason="时间紧迫，需尽快出台")
    ctx = _ctx(unit_tree, today)
    explained = consultation_explained(ctx, {})[unit_tree["stats"].pk]
    assert explained.value == Decimal(2) / Decimal(3)
    assert [e["title"] for e in explained.evidence] == ["无说明的草案"]
    kept = consultation_period_kept(ctx, {})[unit_tree["stats"].pk]
    assert kept.value == 1
    assert consultation_explained(ctx, {})[unit_tree["district"].pk].value is None  # none held


def test_a_short_period_without_reason_recorded_elsewhere_is_evidence(make_consultation, unit_tree, today):
    from gongkai.consultations.models import Consultation

    c = make_consultation(title="补录的草案")
    Consultation.objects.filter(pk=c.pk).update(end_date=c.start_date + timedelta(days=13))  # data from before the rule
    kept = consultation_period_kept(_ctx(unit_tree, today), {})[unit_tree["stats"].pk]
    assert kept.value == 0 and "14 天" in kept.evidence[0]["detail"] and "且未说明理由" in kept.evidence[0]["detail"]


def test_feedback_measure_counts_due_ones_and_says_what_is_missing(closed_consultation, people, unit_tree, today):
    ctx = MeasureContext(start=today - timedelta(days=400), end=today + timedelta(days=60),
                         unit_ids=[unit_tree["stats"].pk])
    missing = consultation_feedback_complete(ctx, {"within_days": 30})[unit_tree["stats"].pk]
    assert missing.value == 0
    assert "未公布反馈情况" in missing.evidence[0]["detail"] and "第1条意见尚未归入" in missing.evidence[0]["detail"]
    # not yet due when the period ends earlier than the close + 30 days
    early = MeasureContext(start=ctx.start, end=today, unit_ids=ctx.unit_ids)
    assert consultation_feedback_complete(early, {"within_days": 30})[unit_tree["stats"].pk].value is None
    actor = people["submitter"]
    view = services.view_save(actor=actor, consultation=closed_consultation, summary="观点")
    services.comments_assign(actor=actor, consultation=closed_consultation,
                             comment_ids=list(closed_consultation.comments.values_list("pk", flat=True)), view=view)
    services.view_decide(actor=actor, view=view, decision="adopted")
    services.feedback_publish(actor=actor, consultation=closed_consultation)
    assert consultation_feedback_complete(ctx, {"within_days": 30})[unit_tree["stats"].pk].value == 1
