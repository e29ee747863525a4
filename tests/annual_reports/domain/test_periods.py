"""Periods of the statistics return."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.annual_reports.domain.errors import AnnualReportError
from gongkai.annual_reports.domain.periods import Period, period_parse


@pytest.mark.parametrize(("text", "start", "end", "previous"), [
    ("2025Q1", date(2025, 1, 1), date(2025, 3, 31), "2024Q4"),
    ("2025q2", date(2025, 4, 1), date(2025, 6, 30), "2025Q1"),
    ("2025年第三季度", date(2025, 7, 1), date(2025, 9, 30), "2025Q2"),
    ("2025Q4", date(2025, 10, 1), date(2025, 12, 31), "2025Q3"),
    ("2025H1", date(2025, 1, 1), date(2025, 6, 30), "2024H2"),
    ("2025年下半年", date(2025, 7, 1), date(2025, 12, 31), "2025H1"),
    ("2025", date(2025, 1, 1), date(2025, 12, 31), "2024"),
    ("2025年度", date(2025, 1, 1), date(2025, 12, 31), "2024"),
])
def test_periods_and_the_one_before(text, start, end, previous):
    period = period_parse(text)
    assert (period.start, period.end, period.previous().code) == (start, end, previous)


def test_labels():
    assert Period("quarter", 2025, 3).label == "2025年第三季度"
    assert Period("half", 2025, 1).label == "2025年上半年"


@pytest.mark.parametrize("text", ["2025Q5", "25Q1", "", "去年"])
def test_unknown_periods_are_refused_naming_the_field(text):
    with pytest.raises(AnnualReportError) as err:
        period_parse(text)
    assert err.value.field == "period" and "无法识别" in err.value.message
