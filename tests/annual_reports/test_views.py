"""The pages: one end-to-end pass through each, and the denied cases."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from gongkai.annual_reports import services
from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.reading import report_read

pytestmark = pytest.mark.django_db
ENTERED = {f"entered_{F.LICENSING}": "8", f"entered_{F.PENALTY}": "0", f"entered_{F.COERCION}": "0",
           f"entered_{F.FEES}": "0"}
TEXTS = {"text_management": "先审查后公开。", "text_problems": "解读形式单一，将改进。", "text_other": "未收取信息处理费。"}


@pytest.fixture
def stats_report(unit_tree, people, answered_request):
    answered_request(received=date(2025, 3, 3), answered=date(2025, 3, 20))
    return unit_tree["stats"]


def test_the_unit_fills_submits_and_the_office_publishes(client, stats_report, people,
                                                          django_capture_on_commit_callbacks):
    client.force_login(people["stats"])
    page = client.get(reverse("annual_reports:index") + "?year=2025")
    assert "编制2025年度报告" in page.content.decode()
    response = client.post(reverse("annual_reports:open"), {"unit": stats_report.pk, "year": "2025"})
    report = AnnualReport.objects.get(unit=stats_report, year=2025)
    assert response.url == reverse("annual_reports:report", args=[report.pk])
    html = client.get(response.url).content.decode()
    assert "表二中由本单位填报的数据" in html and "新收政府信息公开申请1件" in html
    client.post(reverse("annual_reports:save", args=[report.pk]), {**TEXTS, **ENTERED, "version": report.version + 0})
    report.refresh_from_db()
    assert report.entered[F.LICENSING] == 8
    client.post(reverse("annual_reports:submit", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.state == "submitted"
    # the unit cannot publish; the office can
    assert client.post(reverse("annual_reports:publish", args=[report.pk])).status_code == 403
    client.force_login(people["office"])
    overview = client.get(reverse("annual_reports:index") + "?year=2025").content.decode()
    assert "各单位年度报告情况" in overview and "已报送，待公开办审核" in overview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("annual_reports:publish", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.state == "published"
    client.logout()
    public = client.get(reverse("annual_reports:public", args=[report.pk]))
    assert public.status_code == 200
    body = public.content.decode()
    assert "武汉市统计局2025年政府信息公开工作年度报告" in body and "结转下年度继续办理" in body
    # the public page is in the national layout: the reader reads it back to the same figures
    read = report_read("page.html", public.content)
    assert read.figures == F.figures_copy(report.figures)
    data = json.loads(client.get(reverse("annual_reports:json", args=[report.pk])).content)
    assert list(data) == ["file", "unit", "year", "table2", "table3", "table4", "findings"]
    docx = client.get(reverse("annual_reports:docx", args=[report.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert report_read("r.docx", docx.content).figures == F.figures_copy(report.figures)
    assert report.title in client.get(reverse("annual_reports:public_list")).content.decode()


def test_others_cannot_see_or_change_a_draft(client, stats_report, people):
    report = services.annual_report_open(unit=stats_report, year=2025, actor=people["stats"])
    client.force_login(people["district"])
    assert client.get(reverse("annual_reports:report", args=[report.pk])).status_code == 404
    assert client.post(reverse("annual_reports:save", args=[report.pk]), TEXTS).status_code == 404
    client.logout()
    assert client.get(reverse("annual_reports:json", args=[report.pk])).status_code == 404
    assert client.get(reverse("annual_reports:public", args=[report.pk])).status_code == 404
    assert client.get(reverse("annual_reports:index")).status_code == 302  # to the login page
    client.force_login(people["district"])
    assert client.post(reverse("annual_reports:open"), {"unit": stats_report.pk, "year": "2025"}).status_code == 403


def test_a_wrong_entry_is_explained_and_nothing_is_saved(client, stats_report, people):
    report = services.annual_report_open(unit=stats_report, year=2025, actor=people["stats"])
    client.force_login(people["stats"])
    response = client.post(reverse("annual_reports:save", args=[report.pk]),
                           {f"entered_{F.LICENSING}": "十二"}, follow=True)
    assert "“行政许可”应填写数字" in response.content.decode()
    report.refresh_from_db()
    assert report.entered == {}


def test_the_case_register_page(client, stats_report, people):
    client.force_login(people["stats"])
    response = client.post(reverse("annual_reports:cases"), {
        "unit": stats_report.pk, "kind": "review", "filed_on": "2025-06-01", "outcome": "pending",
        "number": "武政复〔2025〕1号"}, follow=True)
    assert "已登记案件" in response.content.decode() and "武政复〔2025〕1号" in response.content.decode()
    bad = client.post(reverse("annual_reports:cases"), {
        "unit": stats_report.pk, "kind": "review", "filed_on": "2025-06-01", "request_number": "2025-999999"},
        follow=True)
    assert "找不到本单位编号为“2025-999999”的公开申请" in bad.content.decode()


def test_the_office_roll_up(client, stats_report, people):
    services.annual_report_open(unit=stats_report, year=2025, actor=people["stats"])
    client.force_login(people["office"])
    page = client.get(reverse("annual_reports:roll_up") + "?year=2025").content.decode()
    assert "汇总了 1 份报告" in page and "尚未编制" in page
    data = json.loads(client.get(reverse("annual_reports:roll_up") + "?year=2025&format=json").content)
    assert data["table3"][F.NEW][6] == 1
    client.force_login(people["stats"])
    assert client.get(reverse("annual_reports:roll_up")).status_code == 403


def test_the_workbench_reminds_the_unit_of_its_deadline(client, unit_tree, people):
    from unittest import mock

    from django.utils import timezone

    client.force_login(people["stats"])
    with mock.patch.object(timezone, "localdate", return_value=date(2026, 1, 20)):
        page = client.get("/workbench/").content.decode()
    assert "2025年度政府信息公开工作年度报告须于 2026-01-31 前发布，还剩 11 天。" in page
    with mock.patch.object(timezone, "localdate", return_value=date(2026, 6, 1)):
        page = client.get("/workbench/").content.decode()
    assert "2025年度政府信息公开工作年度报告已超过发布期限（2026-01-31）。" in page
    with mock.patch.object(timezone, "localdate", return_value=date(2025, 11, 1)):
        AnnualReport.objects.create(unit=unit_tree["stats"], year=2024, state="published")
        page = client.get("/workbench/").content.decode()
    assert "annual-reminder" not in page


def test_the_statistics_page(client, stats_report, people):
    client.force_login(people["office"])
    page = client.get(reverse("annual_reports:statistics"), {"unit": stats_report.pk, "period": "2025Q1"})
    body = page.content.decode()
    assert "武汉市统计局 2025年第一季度（2025-01-01 — 2025-03-31）" in body and "2024年第四季度" in body
    data = json.loads(client.get(reverse("annual_reports:statistics"),
                                 {"unit": stats_report.pk, "period": "2025Q1", "format": "json"}).content)
    assert data["table3"][F.NEW][6] == 1 and data["previous"]["period"] == "2024Q4"
    bad = client.get(reverse("annual_reports:statistics"), {"unit": stats_report.pk, "period": "2025Q9"})
    assert "无法识别" in bad.content.decode()
    client.force_login(people["district"])
    assert client.get(reverse("annual_reports:statistics"), {"unit": stats_report.pk}).status_code == 403
    from django.utils import timezone

    last_year = timezone.localdate().year - 1
    assert f"新洲区人民政府 {last_year}年（" in client.get(reverse("annual_reports:statistics")).content.decode()


def test_the_public_api_lists_published_reports_only(client, stats_report, people,
                                                     django_capture_on_commit_callbacks):
    report = services.annual_report_open(unit=stats_report, year=2025, actor=people["stats"])
    assert client.get("/api/v1/annual-reports").json() == []
    assert client.get(f"/api/v1/annual-reports/{report.pk}").status_code == 404
    report = services.annual_report_update(report=report, actor=people["stats"],
                                           texts={k[5:]: v for k, v in TEXTS.items()},
                                           entered={k[8:]: v for k, v in ENTERED.items()})
    report = services.annual_report_submit(report=report, actor=people["stats"])
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_publish(report=report, actor=people["office"])
    (item,) = client.get("/api/v1/annual-reports?year=2025").json()
    assert item["title"] == "武汉市统计局2025年政府信息公开工作年度报告"
    data = client.get(item["json_url"]).json()
    assert list(data) == ["file", "unit", "year", "table2", "table3", "table4", "findings"]
    assert data["table3"]["一、本年新收政府信息公开申请数量"][6] == 1


def test_the_units_catalogue_lists_its_published_reports(client, unit_tree):
    AnnualReport.objects.create(unit=unit_tree["stats"], year=2024, state="published")
    AnnualReport.objects.create(unit=unit_tree["stats"], year=2025, state="draft")
    page = client.get(f"/catalogue/{unit_tree['stats'].pk}/").content.decode()
    assert "武汉市统计局2024年政府信息公开工作年度报告" in page
    assert "武汉市统计局2025年政府信息公开工作年度报告" not in page
