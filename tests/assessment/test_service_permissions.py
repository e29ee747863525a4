"""The access gate, called directly: every role against the assessment and cleanup services.

The pages' matrix is in tests/workbench/test_permissions.py; this one calls the services the
way a command or a future API endpoint would, so a check that only a view made would fail here.
Each refusal is AccessDenied and leaves the data as it was."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.assessment import services as assessment
from gongkai.assessment.models import ManualScore, Run
from gongkai.cleanup import services as cleanup
from gongkai.cleanup.models import Campaign
from gongkai.core import access
from gongkai.core.access import AccessDenied

ROLES = ["submitter_a", "reviewer_a", "submitter_b", "office", "evaluator", "admin"]


@pytest.fixture
def draft_run(year_2025):
    return assessment.assessment_run(period="2025", previous=None)


@pytest.mark.parametrize("who", ROLES)
def test_assessment_publish_and_delete(draft_run, wf_people, who):
    allowed = who in ("office", "admin")
    user = wf_people[who]
    if allowed:
        run = assessment.assessment_publish(run=draft_run, actor=user, allow_pending=True)
        assert run.status == "published"
        return
    with pytest.raises(AccessDenied):
        assessment.assessment_publish(run=draft_run, actor=user, allow_pending=True)
    with pytest.raises(AccessDenied):
        assessment.assessment_delete(run=draft_run, actor=user)
    with pytest.raises(AccessDenied):
        assessment.assessment_run(period="2025", previous=None, actor=user)
    assert Run.objects.get(pk=draft_run.pk).status == "draft"
    assert Run.objects.count() == 1


@pytest.mark.parametrize("who", ROLES)
def test_manual_scores_set(draft_run, wf_people, unit_tree, who):
    allowed = who in ("office", "admin", "evaluator")
    user = wf_people[who]
    code = next(iter(assessment.spec_parse(draft_run.set_yaml).manual_leaves())).code
    entries = [(unit_tree["district"].pk, code, 1)]
    if allowed:
        assessment.manual_scores_set(run=draft_run, entries=entries, actor=user)
        assert ManualScore.objects.filter(run=draft_run, indicator_code=code).count() == 1
    else:
        with pytest.raises(AccessDenied):
            assessment.manual_scores_set(run=draft_run, entries=entries, actor=user)
        assert not ManualScore.objects.filter(run=draft_run).exists()


def test_the_command_line_may_run_and_publish(draft_run):
    assert access.is_operator(None)
    run = assessment.assessment_publish(run=draft_run, actor=None, allow_pending=True)
    assert run.status == "published"


@pytest.mark.parametrize("who", ROLES)
def test_campaign_open(wf_people, unit_tree, who):
    user = wf_people[who]
    deadline = date.today() + timedelta(days=30)
    units = [unit_tree["district"]]
    if who == "office":
        campaign = cleanup.campaign_open(actor=user, title="2026年规范性文件清理", units=units,
                                         deadline=deadline)
        assert campaign.state == "open"
    else:
        with pytest.raises(AccessDenied):
            cleanup.campaign_open(actor=user, title="2026年规范性文件清理", units=units,
                                  deadline=deadline)
        assert not Campaign.objects.exists()


def test_anonymous_and_inactive_users_act_nowhere(wf_people, unit_tree):
    from django.contrib.auth.models import AnonymousUser

    office = wf_people["office"]
    office.is_active = False
    office.save()
    for user in (AnonymousUser(), office):
        assert access.workbench_scope_ids(user) == set()
        assert not access.can_campaign_run(user, unit_tree["city"].pk)
        assert not access.can_assessment_manage(user)
        assert not access.can_request_handle(user, unit_tree["district"].pk)


@pytest.mark.parametrize("who", ROLES)
def test_appeal_lodge_decide_and_rectification_close(draft_run, wf_people, unit_tree, who):
    """申诉 and 整改 reports: the unit's own staff only; decisions: the office and admins."""
    from gongkai.assessment.models import Appeal, Rectification

    user = wf_people[who]
    district = unit_tree["district"].pk
    assessment.appeal_window_open(run=draft_run, until=date.today() + timedelta(days=3))
    if who in ("submitter_a", "reviewer_a"):
        appeal = assessment.appeal_lodge(run=draft_run, unit_id=district, indicator_code="D1",
                                         reason="平台已上线运行，请复核", actor=user)
    else:
        with pytest.raises(AccessDenied):
            assessment.appeal_lodge(run=draft_run, unit_id=district, indicator_code="D1",
                                    reason="平台已上线运行，请复核", actor=user)
        assert not Appeal.objects.exists()
        appeal = assessment.appeal_lodge(run=draft_run, unit_id=district, indicator_code="D1",
                                         reason="平台已上线运行，请复核", actor=None)
    if who in ("office", "admin"):
        assessment.appeal_decide(appeal=appeal, upheld=False, decision="维持原评分", actor=user)
        assert Appeal.objects.get().status == "rejected"
    else:
        with pytest.raises(AccessDenied):
            assessment.appeal_decide(appeal=appeal, upheld=False, decision="维持原评分", actor=user)
        assert Appeal.objects.get().status == "pending"
        assessment.appeal_decide(appeal=appeal, upheld=False, decision="维持原评分", actor=None)
    run = assessment.assessment_publish(run=draft_run, actor=None, allow_pending=True)
    item = Rectification.objects.get(run=run, unit_id=district)
    report = "已逐项整改并完善平台栏目设置。"
    if who in ("submitter_a", "reviewer_a", "office", "admin"):
        assessment.rectification_close(item=item, report=report, actor=user)
        assert Rectification.objects.get(pk=item.pk).status == "closed"
    else:
        with pytest.raises(AccessDenied):
            assessment.rectification_close(item=item, report=report, actor=user)
        assert Rectification.objects.get(pk=item.pk).status == "open"
