"""demo.annual_reports: a 2025 report per unit of the demo office, built from the data, idempotent."""

from __future__ import annotations

import io
from datetime import date

from gongkai.annual_reports import selectors
from gongkai.annual_reports.models import AnnualReport, ReviewCase
from gongkai.demo import annual_reports as demo


def test_demo_reports_agree_with_the_data_and_are_idempotent(unit_tree, make_user):
    make_user("office", unit_tree["city"], "office")
    out = io.StringIO()
    demo.load(stdout=out)
    scope = ["武汉市人民政府", "武汉市人民政府办公厅", "新洲区人民政府", "武汉市统计局"]
    reports = {r.unit.full_name: r for r in AnnualReport.objects.filter(year=2025)}
    assert sorted(reports) == sorted(scope)
    for name, report in reports.items():
        built = selectors.figures_from_data(report.unit, 2025, entered=report.entered)
        assert report.figures == built, name
        assert report.findings == [], name
        assert report.state == "published"
        due = date(2026, 3, 31) if report.unit.kind in ("city", "district") else date(2026, 1, 31)
        assert report.published_at.date() <= due
        assert report.document.state == "published"
    counts = (AnnualReport.objects.count(), ReviewCase.objects.count())
    demo.load(stdout=io.StringIO())
    assert (AnnualReport.objects.count(), ReviewCase.objects.count()) == counts
