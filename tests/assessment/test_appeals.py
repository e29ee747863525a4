"""反馈与复核 and 整改: units see their draft scores and lodge 申诉 within the window; the office
decides each with a reason before publishing; publishing opens a 整改 item per unit that lost
points, due in 20 working days, closed with the unit's report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.assessment import services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.models import Appeal, ManualScore, Rectification, Run
from gongkai.core.access import AccessDenied


@pytest.fixture
def draft(year_2025):
    return services.assessment_run(period="2025", previous=None, bulletin_date=date(2026, 3, 20))


def test_appeal_needs_the_window_and_the_unit_s_own_staff(draft, unit_tree, wf_people):
    district = unit_tree["district"].pk
    with pytest.raises(AssessmentError, match="不在申诉期内"):
        services.appeal_lodge(run=draft, unit_id=district, indicator_code="D1",
                              reason="平台已于6月上线，评分有误", actor=wf_people["submitter_a"])
    services.appeal_window_open(run=draft, until=timezone.localdate() + timedelta(days=5))
    with pytest.raises(AccessDenied):
        services.appeal_lodge(run=draft, unit_id=district, indicator_code="D1",
                              reason="平台已于6月上线，评分有误", actor=wf_people["submitter_b"])
    with pytest.raises(AssessmentError, match="至少5个字"):
        services.appeal_lodge(run=draft, unit_id=district, indicator_code="D1", reason="不服",
                              actor=wf_people["submitter_a"])
    appeal = services.appeal_lodge(run=draft, unit_id=district, indicator_code="D1",
                                   reason="平台已于6月上线，评分有误", actor=wf_people["submitter_a"])
    with pytest.raises(AssessmentError, match="已对指标“政府信息公开平台建设”提出过申诉"):
        services.appeal_lodge(run=draft, unit_id=district, indicator_code="D1",
                              reason="再次申诉一下理由", actor=wf_people["submitter_a"])
    # publishing waits for the decision
    with pytest.raises(AssessmentError, match="还有 1 项申诉未复核"):
        services.assessment_publish(run=draft, allow_pending=True)
    with pytest.raises(AssessmentError, match="复核理由"):
        services.appeal_decide(appeal=appeal, upheld=True, decision="")
    services.appeal_decide(appeal=appeal, upheld=True, decision="核实平台已上线，改为8分", score="8")
    appeal.refresh_from_db()
    assert (appeal.status, appeal.decision) == ("upheld", "核实平台已上线，改为8分")
    assert ManualScore.objects.get(run=draft, unit_id=district, indicator_code="D1").score == 8
    run = services.assessment_publish(run=draft, allow_pending=True)
    assert run.status == "published"


def test_publishing_opens_rectification_items_due_in_20_working_days(draft, unit_tree, wf_people):
    run = services.assessment_publish(run=draft, allow_pending=True)
    items = {r.unit_id: r for r in Rectification.objects.filter(run=run)}
    assert set(items) == set(run.unit_ids)  # manual items not entered count as lost points
    item = items[unit_tree["district"].pk]
    assert {"code": "A2", "name": "报送完整性", "lost": 1} in item.lost
    from gongkai.core.calendar import work_calendar

    assert item.due_date == work_calendar().add_workdays(date(2026, 3, 20), 20).date
    with pytest.raises(AccessDenied):
        services.rectification_close(item=item, report="已补报缺号文件并说明原因。" * 2,
                                     actor=wf_people["submitter_b"])
    with pytest.raises(AssessmentError, match="至少10个字"):
        services.rectification_close(item=item, report="已整改", actor=wf_people["submitter_a"])
    services.rectification_close(item=item, report="已补报新政办〔2025〕3号并说明缺号原因。",
                                 actor=wf_people["submitter_a"])
    item.refresh_from_db()
    assert item.status == "closed"


def test_unit_sees_its_draft_only_during_the_window(client, draft, unit_tree, wf_people):
    district = unit_tree["district"].pk
    url = f"/assessment/{draft.pk}/units/{district}/"
    client.force_login(wf_people["submitter_a"])
    assert client.get(url).status_code == 404
    services.appeal_window_open(run=draft, until=timezone.localdate() + timedelta(days=3))
    page = client.get(url).content.decode()
    assert "这是考评草稿得分，尚未发布。" in page and "提出申诉：政府信息公开平台建设" in page
    assert client.get(f"/assessment/{draft.pk}/units/{unit_tree['stats'].pk}/").status_code == 404
    response = client.post(url + "appeal/", {"indicator_code": "D1", "reason": "平台已上线运行"})
    assert response.status_code == 302
    assert Appeal.objects.get().unit_id == district
    assert Run.objects.get(pk=draft.pk).status == "draft"
