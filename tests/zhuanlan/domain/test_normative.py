"""规范性文件 register rules (domain: no database)."""

from datetime import date

import pytest

from gongkai.zhuanlan.domain import normative as n

RULES = n.load_rules()


def test_the_packaged_rules_are_the_documented_defaults():
    assert (RULES.term_years, RULES.provisional_term_years, RULES.min_effective_gap_days,
            RULES.evaluation_months, RULES.filing_deadline_days) == (5, 2, 30, 6, 30)


@pytest.mark.parametrize(("title", "years"), [
    ("武汉市统计管理办法", 5),
    ("武汉市政务信息化项目管理暂行办法", 2),
    ("武汉市重大行政决策程序规定（试行）", 2),
])
def test_term_by_title(title, years):
    assert n.term_years(RULES, title) == years


def test_expiry_is_the_day_before_the_anniversary():
    assert n.expiry_date(date(2020, 3, 1), 5) == date(2025, 2, 28)
    assert n.expiry_date(date(2020, 2, 29), 2) == date(2022, 2, 27)


def test_effective_gap_rule():
    assert n.effective_gap_finding(RULES, published=date(2024, 1, 1), effective=date(2024, 2, 1)) == ""
    assert "仅 10 日" in n.effective_gap_finding(RULES, published=date(2024, 1, 1),
                                                 effective=date(2024, 1, 11))
    assert n.effective_gap_finding(RULES, published=date(2024, 1, 1), effective=date(2024, 1, 1),
                                   reason="涉及重大公共利益，需要立即施行") == ""
    assert n.effective_gap_finding(RULES, published=date(2024, 2, 1),
                                   effective=date(2024, 1, 1)) == "施行日期早于公布日期"


@pytest.mark.parametrize(("today", "status"), [
    (date(2025, 8, 27), n.TermStatus.IN_TERM),
    (date(2025, 8, 28), n.TermStatus.EVALUATE),
    (date(2026, 3, 1), n.TermStatus.EXPIRED),
])
def test_term_status_reminds_six_months_before_expiry(today, status):
    assert n.term_status(RULES, expires=date(2026, 2, 28), today=today) == status


@pytest.mark.parametrize(("filed", "today", "status"), [
    (date(2024, 1, 31), date(2024, 6, 1), n.FilingStatus.ON_TIME),
    (date(2024, 2, 1), date(2024, 6, 1), n.FilingStatus.LATE),
    (None, date(2024, 1, 20), n.FilingStatus.PENDING),
    (None, date(2024, 2, 1), n.FilingStatus.MISSING),
])
def test_filing_on_time_late_missing(filed, today, status):
    assert n.filing_status(RULES, published=date(2024, 1, 1), filed_on=filed, today=today) == status


def test_rules_are_data_and_bad_values_are_named():
    rules = n.load_rules("term_years: 3\nfiling_deadline_days: 15\n")
    assert (rules.term_years, rules.filing_deadline_days) == (3, 15)
    with pytest.raises(n.NormativeRuleError, match="term_years"):
        n.load_rules("term_years: 五\n")
    with pytest.raises(n.NormativeRuleError, match="registration_format"):
        n.load_rules("registration_format: '{unit}-{year}'\n")


def test_registration_number_format():
    assert n.registration_number(RULES, prefix="武政规", year=2024, serial=3) == "武政规-2024-0003"
