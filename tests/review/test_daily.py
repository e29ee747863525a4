"""The daily review work: posts and the two-person rule, 负责人, 公布日期 on publishing, date
plausibility, 撤回报送, deleting drafts, attachments, 不予公开 re-review, duplicate 发文字号."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.core.access import AccessDenied
from gongkai.core.models import AuditLog
from gongkai.documents.models import Attachment, Document
from gongkai.review import selectors, services
from gongkai.review.errors import ReviewError


def _approved(doc, p):
    doc = services.document_submit(document=doc, actor=p["submitter_a"])
    doc = services.review_secrecy_pass(document=doc, actor=p["secrecy_a"])
    return services.review_approve(document=doc, actor=p["approver_a"], responsible="王主任")


def test_nobody_takes_two_consecutive_steps(wf_doc, wf_people):
    doc = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    doc = services.review_secrecy_pass(document=doc, actor=wf_people["reviewer_a"])
    with pytest.raises(ReviewError) as err:
        services.review_approve(document=doc, actor=wf_people["reviewer_a"], responsible="王主任")
    assert err.value.code == "two_person" and "保密审查通过" in err.value.message
    assert Document.objects.get(pk=doc.pk).state == "secrecy_cleared"
    assert not AuditLog.objects.filter(action="review_approve").exists()
    # another holder of the post may; non-consecutive steps may share a person
    doc = services.review_approve(document=doc, actor=wf_people["reviewer2_a"], responsible="王主任")
    assert services.document_publish(document=doc, actor=wf_people["reviewer_a"]).state == "published"


def test_the_rule_follows_the_nearest_unit_with_a_policy(wf_doc, wf_people, unit_tree):
    services.review_policy_set(unit=unit_tree["city"], actor=wf_people["office"],
                               two_person_rule=False, reason="人员不足")
    assert services.two_person_rule_applies(unit_tree["district"]) is False
    services.review_policy_set(unit=unit_tree["district"], actor=wf_people["office"],
                               two_person_rule=True)
    assert services.two_person_rule_applies(unit_tree["district"]) is True


def test_only_the_office_switches_the_rule_and_must_say_why(wf_people, unit_tree):
    with pytest.raises(AccessDenied):
        services.review_policy_set(unit=unit_tree["district"], actor=wf_people["reviewer_a"],
                                   two_person_rule=False, reason="x")
    with pytest.raises(ReviewError) as err:
        services.review_policy_set(unit=unit_tree["district"], actor=wf_people["office"],
                                   two_person_rule=False)
    assert err.value.field == "reason"


def test_approval_names_the_responsible_leader(wf_doc, wf_people):
    doc = _approved(wf_doc(), wf_people)
    entry = AuditLog.objects.get(action="review_approve", target_id=str(doc.pk))
    assert entry.data["responsible"] == "王主任" and entry.actor == wf_people["approver_a"]


def test_publishing_fills_a_missing_publish_date(wf_doc, wf_people):
    doc = _approved(wf_doc(publish_date=None), wf_people)
    doc = services.document_publish(document=doc, actor=wf_people["publisher_a"])
    assert doc.publish_date == timezone.localdate()
    entry = AuditLog.objects.get(action="document_publish", target_id=str(doc.pk))
    assert entry.data["publish_date_set"] == timezone.localdate().isoformat()
    assert selectors.timeliness_of(doc).publication.label != "无法计算"


def test_publishing_keeps_a_given_publish_date(wf_doc, wf_people):
    doc = services.document_publish(document=_approved(wf_doc(), wf_people),
                                    actor=wf_people["publisher_a"])
    assert doc.publish_date == date(2026, 9, 25) or doc.publish_date.isoformat() == "2026-09-25"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"publish_date": "2099-01-05"}, "publish_date", "晚于今天"),
        ({"written_date": "2099-01-05", "publish_date": None}, "written_date", "晚于今天"),
        ({"written_date": "2026-09-20", "publish_date": "2026-09-10"}, "publish_date", "早于成文日期"),
        ({"publish_date": "2026-09-10", "effective_date": "2026-09-01"}, "effective_date", "溯及既往"),
    ],
)
def test_implausible_dates_cannot_be_submitted(wf_doc, wf_people, fields, field, words):
    doc = wf_doc(**fields)
    with pytest.raises(ReviewError) as err:
        services.document_submit(document=doc, actor=wf_people["submitter_a"])
    assert err.value.field == field and words in err.value.message
    assert Document.objects.get(pk=doc.pk).state == "draft"


def test_retroactive_effect_with_a_reason_is_accepted(wf_doc, wf_people):
    doc = wf_doc(publish_date="2026-09-10", effective_date="2026-09-01")
    services.document_dates_explain(document=doc, actor=wf_people["submitter_a"],
                                    reason="按省政府要求自9月1日起执行")
    assert services.document_submit(document=doc, actor=wf_people["submitter_a"]).state == "submitted"


def test_recall_before_review_and_not_after(wf_doc, wf_people):
    doc = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    doc = services.document_recall(document=doc, actor=wf_people["submitter_a"], reason="附件有误")
    assert doc.state == "draft"
    assert AuditLog.objects.filter(action="document_recall", reason="附件有误").count() == 1
    doc = services.document_submit(document=doc, actor=wf_people["submitter_a"])
    doc = services.review_secrecy_pass(document=doc, actor=wf_people["secrecy_a"])
    with pytest.raises(ReviewError):
        services.document_recall(document=doc, actor=wf_people["submitter_a"])
    assert Document.objects.get(pk=doc.pk).state == "secrecy_cleared"


def test_delete_a_never_submitted_draft_only(wf_doc, wf_people):
    doc = wf_doc(attachments=[("附件.txt", b"abc")])
    with pytest.raises(AccessDenied):
        services.document_draft_delete(document=doc, actor=wf_people["submitter_b"])
    services.document_draft_delete(document=doc, actor=wf_people["submitter_a"])
    assert not Document.objects.filter(pk=doc.pk).exists()
    entry = AuditLog.objects.get(action="document_draft_delete")
    assert entry.data["title"] == doc.title and entry.target_id == str(doc.pk)
    returned = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    returned = services.review_return(document=returned, actor=wf_people["secrecy_a"], reason="补充")
    with pytest.raises(ReviewError) as err:
        services.document_draft_delete(document=returned, actor=wf_people["submitter_a"])
    assert err.value.code == "not_deletable"
    assert Document.objects.filter(pk=returned.pk).exists()


def test_attachments_change_until_submitted(wf_doc, wf_people):
    doc = wf_doc()
    sub = wf_people["submitter_a"]
    att = services.attachment_add(document=doc, actor=sub, name="细则.txt", data=b"v1")
    att = services.attachment_replace(attachment=att, actor=sub, name="细则（修订）.txt", data=b"v2")
    assert att.file.read() == b"v2" and att.name == "细则（修订）.txt"
    extra = services.attachment_add(document=doc, actor=sub, name="表格.txt", data=b"t")
    services.attachment_remove(attachment=extra, actor=sub)
    assert [a.name for a in Attachment.objects.filter(document=doc)] == ["细则（修订）.txt"]
    assert AuditLog.objects.filter(action__startswith="attachment_").count() == 4
    services.document_submit(document=doc, actor=sub)
    with pytest.raises(ReviewError) as err:
        services.attachment_add(document=doc, actor=sub, name="迟到.txt", data=b"x")
    assert err.value.code == "not_draft"


@pytest.mark.parametrize(("name", "data", "words"), [
    ("空.txt", b"", "是空文件"),
    ("", b"x", "请选择"),
    ("/srv/gongkai/var/media/x.txt", b"", "x.txt 是空文件"),
])
def test_bad_attachments_get_a_chinese_message_without_paths(wf_doc, wf_people, name, data, words):
    with pytest.raises(ReviewError) as err:
        services.attachment_add(document=wf_doc(), actor=wf_people["submitter_a"], name=name,
                                data=data)
    assert words in err.value.message and "/srv" not in err.value.message


def test_withheld_decisions_come_back_for_review(wf_doc, wf_people, settings):
    settings.WITHHELD_REVIEW_MONTHS = 12
    doc = _approved(wf_doc(disclosure="不予公开", disclosure_reason="过程性信息"), wf_people)
    doc = services.document_withhold(document=doc, actor=wf_people["publisher_a"], ground="第十六条")
    today = timezone.localdate()
    assert selectors.withheld_rereviews({doc.unit_id}, today=today) == []
    later = today + timedelta(days=350)
    [(due_doc, item)] = selectors.withheld_rereviews({doc.unit_id}, today=later)
    assert due_doc.pk == doc.pk and not item.overdue
    [(_d, item)] = selectors.withheld_rereviews({doc.unit_id}, today=today + timedelta(days=400))
    assert item.overdue
    # 复审维持: a new decision the next review counts from (the same day here), state unchanged
    doc = services.withheld_reconfirm(document=doc, actor=wf_people["approver_a"],
                                      reason="仍属过程性信息")
    assert doc.state == "withheld"
    assert AuditLog.objects.filter(action="withheld_reconfirm", reason="仍属过程性信息").count() == 1
    [(_d, item)] = selectors.withheld_rereviews({doc.unit_id}, today=later, due_only=False)
    assert item.decided_on == timezone.localdate()


def test_duplicate_doc_numbers_are_found_in_any_spelling(wf_doc):
    first = wf_doc(doc_number="新政办〔2026〕31号")
    found = selectors.same_doc_number(unit_id=first.unit_id, doc_number="新政办[2026]31号")
    assert [d.pk for d in found] == [first.pk]
    assert selectors.same_doc_number(unit_id=first.unit_id, doc_number="新政办〔2026〕31号",
                                     exclude_pk=first.pk) == []
