"""The assessment measure 年报按时发布且无勾稽错误 (assessment.measures.annual_report_on_time)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from gongkai.annual_reports.models import AnnualReport
from gongkai.assessment.measures import REGISTRY, MeasureContext

pytestmark = pytest.mark.django_db


def _at(d: date):
    return timezone.make_aware(datetime(d.year, d.month, d.day, 10))


def test_on_time_and_clean_scores_one_else_zero_with_the_reason(unit_tree):
    stats, office, district, city = (unit_tree[k] for k in ("stats", "office", "district", "city"))
    AnnualReport.objects.create(unit=stats, year=2025, state="published", published_at=_at(date(2026, 1, 30)))
    AnnualReport.objects.create(unit=office, year=2025, state="published", published_at=_at(date(2026, 2, 3)))
    AnnualReport.objects.create(unit=district, year=2025, state="published", published_at=_at(date(2026, 3, 30)),
                                findings=[{"code": "table3_identity", "message": "一+二≠三+四", "cells": ["x"]}])
    ctx = MeasureContext(start=date(2026, 1, 1), end=date(2026, 12, 31),
                         unit_ids=[stats.pk, office.pk, district.pk, city.pk])
    result = REGISTRY["annual_report_on_time"](ctx, {})
    assert result[stats.pk].value == 1 and result[stats.pk].evidence == []
    assert result[office.pk].value == 0
    assert "2026-02-03 发布，晚于期限 2026-01-31" in result[office.pk].evidence[0]["detail"]
    assert result[district.pk].value == 0 and result[district.pk].evidence[0]["detail"] == "一+二≠三+四"
    assert result[city.pk].value == 0 and "未发布" in result[city.pk].detail
    # an explained finding no longer costs the point
    AnnualReport.objects.filter(unit=district).update(reasons={"table3_identity|x": "已核实"})
    assert REGISTRY["annual_report_on_time"](ctx, {})[district.pk].value == 1
    # year_offset 0 assesses the report of the period's own year
    ctx2025 = MeasureContext(start=date(2025, 1, 1), end=date(2025, 12, 31), unit_ids=[stats.pk])
    assert REGISTRY["annual_report_on_time"](ctx2025, {"year_offset": 0})[stats.pk].value == 1
    assert REGISTRY["annual_report_on_time"](ctx2025, {})[stats.pk].value == 0
