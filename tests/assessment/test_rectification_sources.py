"""整改 as one engine: items from a 通报 (as before), from a 督查 or entered by hand, reported
on the same page by the owner unit."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from gongkai.assessment import services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.models import Rectification
from gongkai.core.domain.errors import AccessDenied


@pytest.fixture
def people(unit_tree, make_user):
    return {"office": make_user("rs_office", unit_tree["city"], "office"),
            "supervisor": make_user("rs_dcs", unit_tree["office"], "supervisor"),
            "stats": make_user("rs_stats", unit_tree["stats"], "submitter"),
            "evaluator": make_user("rs_eval", unit_tree["city"], "evaluator")}


def test_the_office_enters_an_item_and_the_unit_reports_on_it(client, people, unit_tree):
    client.force_login(people["office"])
    client.post("/assessment/rectifications/new/", {"unit": str(unit_tree["stats"].pk), "title": "政务公开专栏栏目更新不及时",
                                                    "origin": "2024年第二季度网站检查", "due_date": "2024-08-30"})
    item = Rectification.objects.get()
    assert (item.source, item.run, item.unit, item.due_date) == ("manual", None, unit_tree["stats"], date(2024, 8, 30))
    client.force_login(people["stats"])
    page = client.get("/assessment/rectifications/").content.decode()
    assert "政务公开专栏栏目更新不及时" in page and "手工录入（2024年第二季度网站检查）" in page
    client.post(f"/assessment/rectifications/{item.pk}/close/", {"report": "已建立栏目更新提醒机制，每周检查一次。"})
    item.refresh_from_db()
    assert item.status == "closed"


def test_a_bad_entry_is_named_and_nothing_is_written(client, people, unit_tree):
    client.force_login(people["supervisor"])
    page = client.post("/assessment/rectifications/new/", {"unit": str(unit_tree["stats"].pk), "title": "",
                                                           "due_date": "2024-02-30"}, follow=True).content.decode()
    assert "整改期限：“2024-02-30”不是有效日期" in page
    page = client.post("/assessment/rectifications/new/", {"unit": str(unit_tree["stats"].pk), "title": "",
                                                           "due_date": "2024-08-30"}, follow=True).content.decode()
    assert "整改事项：请写明要整改的问题" in page
    assert not Rectification.objects.exists()


def test_units_and_evaluators_cannot_open_items(client, people, unit_tree):
    for who in ("stats", "evaluator"):
        client.force_login(people[who])
        response = client.post("/assessment/rectifications/new/", {"unit": str(unit_tree["stats"].pk), "title": "x",
                                                                    "due_date": "2024-08-30"})
        assert response.status_code == 403
    with pytest.raises(AccessDenied):
        services.rectification_open(unit=unit_tree["stats"], source="manual", title="x", due_date=date(2024, 8, 30),
                                    actor=people["stats"])


def test_bulletin_items_come_only_from_publishing(people, unit_tree):
    with pytest.raises(AssessmentError, match="考评通报的整改事项由发布通报生成"):
        services.rectification_open(unit=unit_tree["stats"], source="bulletin", title="x", due_date=date(2024, 8, 30),
                                    actor=people["office"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Rectification.objects.create(unit=unit_tree["stats"], source="bulletin", due_date=date(2024, 8, 30))
