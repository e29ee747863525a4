"""Fixtures for the 依申请公开 tests: a calendar, handlers, and a request factory that goes
through the real services."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from django.utils import timezone


@pytest.fixture
def cal():
    from gongkai.core.domain.workdays import WorkCalendar

    return WorkCalendar()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


APPLICANT = {
    "applicant_type": "natural",
    "applicant_name": "张三丰",
    "id_type": "id_card",
    "id_number": "11010519491231002X",
    "phone": "027-85551234",
    "address": "武汉市江岸区沿江大道188号",
    "postcode": "430014",
    "email": "zhang@example.cn",
    "info_title": "武汉市统计管理办法",
    "info_doc_number": "市人民政府令第152号",
    "info_description": "",
    "delivery_form": "electronic",
    "delivery_method": "email",
}


@pytest.fixture
def handlers(unit_tree, make_user):
    """A submitter of 市统计局, a submitter of 新洲区, the city's office, a reviewer of 市统计局."""
    return {
        "stats": make_user("stats_clerk", unit_tree["stats"], "submitter"),
        "district": make_user("district_clerk", unit_tree["district"], "submitter"),
        "office": make_user("city_office", unit_tree["city"], "office"),
        "reviewer": make_user("stats_reviewer", unit_tree["stats"], "reviewer"),
    }


@pytest.fixture
def file_request(unit_tree):
    """file_request(unit=…, submitted=date, **overrides) → a submitted request."""
    from gongkai.disclosure_requests.services import request_submit

    def _file(unit=None, submitted: date | None = None, **overrides):
        data = {**APPLICANT, **overrides}
        at = None
        if submitted is not None:
            at = timezone.make_aware(datetime.combine(submitted, datetime.min.time().replace(hour=10)))
        return request_submit(unit=unit or unit_tree["stats"], submitted_at=at, **data)

    return _file


def form_post_data(unit, /, **overrides):
    from gongkai.disclosure_requests.forms import form_started_token

    data = {**APPLICANT, "unit": str(unit.pk), "website": "", "started": form_started_token(time.time() - 60)}
    data.update(overrides)
    return data
