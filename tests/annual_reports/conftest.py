"""Fixtures for the annual-report tests: units, users, requests and documents of a year, all
through the real services."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(unit_tree, make_user):
    return {
        "stats": make_user("stats_clerk", unit_tree["stats"], "submitter"),
        "district": make_user("district_clerk", unit_tree["district"], "submitter"),
        "office": make_user("city_office", unit_tree["city"], "office"),
        "reviewer": make_user("stats_reviewer", unit_tree["stats"], "reviewer"),
    }


APPLICANT = {
    "applicant_type": "natural", "applicant_name": "张三丰", "id_type": "id_card",
    "id_number": "11010519491231002X", "phone": "027-85551234", "address": "武汉市江岸区沿江大道188号",
    "postcode": "430014", "email": "zhang@example.cn", "info_title": "武汉市统计管理办法",
    "info_doc_number": "", "info_description": "", "delivery_form": "electronic", "delivery_method": "email",
}


@pytest.fixture
def answered_request(unit_tree, people):
    """answered_request(unit, received, answered, outcome, ground, applicant_type) → a request
    received and answered through the services."""
    from gongkai.disclosure_requests import services as s

    def _make(unit=None, received=date(2025, 3, 3), answered=date(2025, 3, 20), outcome="disclosed",
              ground="", applicant_type="natural"):
        unit = unit or unit_tree["stats"]
        at = timezone.make_aware(datetime.combine(received, datetime.min.time().replace(hour=10)))
        data = dict(APPLICANT, applicant_type=applicant_type)
        if applicant_type != "natural":
            data.update(id_type="credit_code", id_number="91420100MA4K0000X1", applicant_name="某某科技有限公司")
        req = s.request_submit(unit=unit, submitted_at=at, **data)
        actor = people["stats"] if unit == unit_tree["stats"] else people["office"]
        req = s.request_receive(request=req, channel="in_person", actor=actor)
        if answered:
            req = s.request_answer(request=req, actor=actor, category=outcome, ground=ground,
                                   reply_text="经审查，现答复如下。", answered_on=answered)
        return req

    return _make
