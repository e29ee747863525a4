"""Quarterly and half-year runs: bounds, 环比 (the period before) and 同比 (a year before),
and a new run replacing the period's draft or standing beside it as a second draft."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.assessment import services
from gongkai.assessment.domain.bulletin import since_label
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.domain.periods import period_parse
from gongkai.assessment.models import ManualScore, Run


@pytest.mark.parametrize("text,bounds,label", [
    ("2025", (date(2025, 1, 1), date(2025, 12, 31)), "2025年度"),
    ("2025H1", (date(2025, 1, 1), date(2025, 6, 30)), "2025年上半年"),
    ("2025h2", (date(2025, 7, 1), date(2025, 12, 31)), "2025年下半年"),
    ("2025Q1", (date(2025, 1, 1), date(2025, 3, 31)), "2025年第一季度"),
    ("2024Q1", (date(2024, 1, 1), date(2024, 3, 31)), "2024年第一季度"),
    ("2025Q3", (date(2025, 7, 1), date(2025, 9, 30)), "2025年第三季度"),
    ("2025Q4", (date(2025, 10, 1), date(2025, 12, 31)), "2025年第四季度"),
])
def test_period_bounds_and_labels(text, bounds, label):
    p = period_parse(text)
    assert (p.bounds, p.label) == (bounds, label)


def test_preceding_and_year_ago():
    assert period_parse("2025Q1").preceding.code == "2024Q4"
    assert period_parse("2025Q3").preceding.code == "2025Q2"
    assert period_parse("2025Q3").year_ago.code == "2024Q3"
    assert period_parse("2025H1").preceding.code == "2024H2"
    assert period_parse("2025").preceding.code == "2024"
    assert period_parse("2025").year_ago is None


def test_since_words():
    assert since_label("2025", "2024") == "上年度"
    assert since_label("2025Q3", "2025Q2") == "上季度"
    assert since_label("2025H2", "2025H1") == "上半年"
    assert since_label("2025Q3", "2024Q3") == "上年同期"
    assert since_label("2025", "2022") == "上次考评"


def test_a_quarter_is_compared_with_the_quarter_before_and_the_year_before(year_2025, unit_tree):
    def published(period):
        run = services.assessment_run(period=period, previous=None)
        return services.assessment_publish(run=run, allow_pending=True)

    q2 = published("2025Q2")
    year_ago = published("2024Q3")
    published("2024")  # a year is never the previous run of a quarter
    run = services.assessment_run(period="2025Q3")
    assert (run.previous_id, run.year_ago_id) == (q2.pk, year_ago.pk)
    assert (run.period_start, run.period_end) == (date(2025, 7, 1), date(2025, 9, 30))
    result = run.result
    assert (result["previous_period"], result["year_ago_period"]) == ("2025Q2", "2024Q3")
    district = next(u for u in result["units"] if u["unit_id"] == unit_tree["district"].pk)
    assert district["change"] == district["total"] - district["previous_total"]
    assert district["yoy_change"] == round(district["total"] - district["year_ago_total"], 2)
    assert "yoy" in result["groups"][0] and "yoy" in result["summary_groups"][0]
    from gongkai.assessment import rendering

    content = rendering.bulletin_content(run)
    assert content.title.endswith("关于2025年第三季度政务公开工作考评情况的通报")
    text = "".join(t for _, t in content.blocks)
    assert "比上季度" in text or "与上季度持平" in text


def test_a_new_run_replaces_the_draft_and_keeps_its_manual_scores(year_2025, unit_tree):
    first = services.assessment_run(period="2025Q3", previous=None)
    services.manual_scores_set(run=first, entries=[(unit_tree["district"].pk, "D1", "8")])
    second = services.assessment_run(period="2025Q3", previous=None)
    assert list(Run.objects.filter(period="2025Q3").values_list("pk", flat=True)) == [second.pk]
    assert ManualScore.objects.get(run=second).score == 8
    assert services.replaced_drafts(second) == [first.pk]
    third = services.assessment_run(period="2025Q3", previous=None, replace_draft=False)
    assert Run.objects.filter(period="2025Q3").count() == 2
    assert (third.draft_number, third.draft_label) == (2, "第二稿")


def test_command_runs_a_quarter(year_2025):
    out = StringIO()
    call_command("assess", "run", "--period", "2025Q3", "--previous", "none", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("2025年第三季度考评（草稿）")
    assert Run.objects.get(pk=int(lines[-1])).period == "2025Q3"
    with pytest.raises(Exception, match="考评周期"):
        call_command("assess", "run", "--period", "2025Q7", stdout=StringIO())


def test_half_year_refused_beyond_h2():
    with pytest.raises(AssessmentError, match="半年只有"):
        period_parse("2025H3")
