"""demo.disclosure_requests: a year and more of requests through the services, then one request
for each of the staff's newer steps (转办, 协办, fee, 主动公开, 重复申请) and a 模拟测试; idempotent."""

from __future__ import annotations

import io

from gongkai.demo import disclosure_requests as demo
from gongkai.disclosure_requests.models import (
    AssistTask,
    DisclosureRequest,
    FeeNotice,
    MockTest,
    RequestDesk,
)


def test_demo_requests_cover_the_journeys(unit_tree, make_user):
    from gongkai.core.services import unit_save

    for i, name in enumerate(["武汉市发展和改革委员会", "武汉市市场监督管理局", "武汉市自然资源和规划局"]):
        unit_save(full_name=name, code=f"01104325{i}", kind="department", parent=unit_tree["city"])
    make_user("office", unit_tree["city"], "office")
    make_user("submitter", unit_tree["office"], "submitter")
    make_user("xinzhou", unit_tree["district"], "submitter")
    make_user("evaluator", unit_tree["city"], "evaluator")
    demo.load(stdout=io.StringIO())
    count = DisclosureRequest.objects.count()
    assert count > 50
    assert RequestDesk.objects.count() == 2
    assert DisclosureRequest.objects.filter(referred_agency="武汉市自然资源和规划局").count() == 1
    assert AssistTask.objects.filter(unit=unit_tree["district"], replied_on__isnull=True).count() == 1
    assert FeeNotice.objects.get().amount == 300
    assert DisclosureRequest.objects.filter(proactive_flagged_on__isnull=False).count() == 1
    assert DisclosureRequest.objects.filter(duplicate_of__isnull=False).count() == 1
    assert MockTest.objects.get().request.is_test
    demo.load(stdout=io.StringIO())
    assert DisclosureRequest.objects.count() == count
