"""Workflow services: permission, transition, audit, signal, timestamps, conflicts."""

from __future__ import annotations

import pytest

from gongkai.core.access import AccessDenied
from gongkai.core.models import AuditLog
from gongkai.documents.models import Document
from gongkai.documents.signals import document_changed
from gongkai.review import services
from gongkai.review.errors import ReviewError


def _through(doc, wf_people, *steps):
    for name in steps:
        if name == "submit":
            doc = services.document_submit(document=doc, actor=wf_people["submitter_a"])
        elif name == "pass":
            doc = services.review_secrecy_pass(document=doc, actor=wf_people["secrecy_a"])
        elif name == "approve":
            doc = services.review_approve(document=doc, actor=wf_people["approver_a"],
                                          responsible="王主任")
        elif name == "publish":
            doc = services.document_publish(document=doc, actor=wf_people["publisher_a"])
    return doc


def test_full_path_sets_times_audits_and_publishes(wf_doc, wf_people, django_capture_on_commit_callbacks):
    doc = wf_doc()
    seen = []
    handler = lambda sender, document_ids, reason, **kw: seen.append((document_ids, reason))  # noqa: E731
    document_changed.connect(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            doc = _through(doc, wf_people, "submit", "pass", "approve", "publish")
    finally:
        document_changed.disconnect(handler)
    assert doc.state == "published" and doc.submitted_at and doc.published_at
    assert doc in Document.objects.public()
    log = AuditLog.objects.filter(target_type="documents.document", target_id=str(doc.pk)
                                  ).order_by("id")
    assert [(e.action, e.from_state, e.to_state) for e in log][1:] == [
        ("document_submit", "draft", "submitted"),
        ("review_secrecy_pass", "submitted", "secrecy_cleared"),
        ("review_approve", "secrecy_cleared", "approved"),
        ("document_publish", "approved", "published"),
    ]
    assert log.last().actor == wf_people["publisher_a"]
    assert seen[-1] == ([doc.pk], "publish")  # one vocabulary of reasons (events.Reason)
    assert len(seen) >= 4


def test_return_needs_a_reason_and_keeps_the_first_submission_time(wf_doc, wf_people):
    doc = _through(wf_doc(), wf_people, "submit", "pass")
    first = doc.submitted_at
    with pytest.raises(ReviewError) as err:
        services.review_return(document=doc, actor=wf_people["reviewer_a"], reason=" ")
    assert err.value.field == "reason"
    doc = services.review_return(document=doc, actor=wf_people["reviewer_a"], reason="缺少公布日期依据")
    assert doc.state == "draft"
    entry = AuditLog.objects.filter(action="review_return").get()
    assert (entry.reason, entry.from_state, entry.to_state) == ("缺少公布日期依据", "secrecy_cleared", "draft")
    doc = services.document_submit(document=doc, actor=wf_people["submitter_a"])
    assert doc.state == "submitted" and doc.submitted_at == first


def test_withhold_records_the_legal_ground_and_never_publishes(wf_doc, wf_people):
    doc = wf_doc(disclosure="不予公开", disclosure_reason="涉及个人隐私")
    doc = _through(doc, wf_people, "submit", "pass", "approve")
    doc = services.document_withhold(document=doc, actor=wf_people["publisher_a"], ground="第十五条")
    assert doc.state == "withheld" and doc.disclosure == "不予公开"
    assert doc.disclosure_reason.startswith("条例第十五条")
    assert doc.disclosure_reason.endswith("涉及个人隐私")
    assert doc not in Document.objects.public()
    with pytest.raises(ReviewError):
        services.document_publish(document=doc, actor=wf_people["reviewer_a"])
    doc = services.document_reopen(document=doc, actor=wf_people["submitter_a"], reason="已脱敏")
    assert doc.state == "draft"


def test_publishing_a_document_registered_as_withheld_is_refused(wf_doc, wf_people):
    doc = wf_doc(disclosure="不予公开", disclosure_reason="条例第十四条 国家秘密")
    doc = _through(doc, wf_people, "submit", "pass", "approve")
    with pytest.raises(ReviewError) as err:
        services.document_publish(document=doc, actor=wf_people["reviewer_a"])
    assert err.value.field == "disclosure"
    assert Document.objects.get(pk=doc.pk).state == "approved"


def test_withdraw_takes_a_document_out_of_the_public_library(wf_doc, wf_people):
    doc = _through(wf_doc(), wf_people, "submit", "pass", "approve", "publish")
    doc = services.document_withdraw(document=doc, actor=wf_people["office"], reason="内容有误")
    assert doc.state == "withdrawn" and doc not in Document.objects.public()


@pytest.mark.parametrize(
    ("who", "step", "code"),
    [
        ("submitter_b", "submit", "forbidden"),  # other unit
        ("reviewer_b", "pass", "forbidden"),  # other unit
        ("submitter_a", "pass", "forbidden"),  # wrong role
        ("evaluator", "submit", "forbidden"),
        ("admin", "pass", "forbidden"),  # IT staff do not review
        ("office", "pass", "forbidden"),  # the office publishes, it does not clear secrecy
    ],
)
def test_who_may_act_where(wf_doc, wf_people, who, step, code):
    doc = wf_doc()
    if step == "pass":
        doc = _through(doc, wf_people, "submit")
    call = {"submit": services.document_submit, "pass": services.review_secrecy_pass}[step]
    with pytest.raises(AccessDenied) as err:
        call(document=doc, actor=wf_people[who])
    assert err.value.code == code
    action = {"submit": "document_submit", "pass": "review_secrecy_pass"}[step]
    assert not AuditLog.objects.filter(action=action, actor=wf_people[who]).exists()
    assert Document.objects.get(pk=doc.pk).state == doc.state


def test_anonymous_may_not_act(wf_doc):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(AccessDenied, match="请先登录"):
        services.document_submit(document=wf_doc(), actor=AnonymousUser())


def test_office_publishes_for_units_below(wf_doc, wf_people):
    doc = _through(wf_doc(), wf_people, "submit", "pass", "approve")
    assert services.document_publish(document=doc, actor=wf_people["office"]).state == "published"


def test_reviewer_of_parent_unit_needs_the_setting_for_subunits(wf_doc, make_user, wf_people,
                                                                unit_tree, settings):
    city_reviewer = make_user("rev_city", unit_tree["city"], "reviewer")
    doc = _through(wf_doc(), wf_people, "submit")
    with pytest.raises(AccessDenied):
        services.review_secrecy_pass(document=doc, actor=city_reviewer)
    settings.REVIEW_INCLUDES_SUBUNITS = True
    assert services.review_secrecy_pass(document=doc, actor=city_reviewer).state == "secrecy_cleared"


def test_stale_state_loses_with_a_clear_message(wf_doc, wf_people):
    doc = _through(wf_doc(), wf_people, "submit")
    stale = Document.objects.get(pk=doc.pk)
    services.review_secrecy_pass(document=doc, actor=wf_people["reviewer_a"])
    with pytest.raises(ReviewError) as err:
        services.review_return(document=stale, actor=wf_people["reviewer2_a"], reason="格式不对")
    assert err.value.code == "conflict" and "已被他人处理" in err.value.message
    assert Document.objects.get(pk=doc.pk).state == "secrecy_cleared"
    assert AuditLog.objects.filter(action="review_return").count() == 0


def test_expected_state_from_the_page_is_honoured(wf_doc, wf_people):
    doc = _through(wf_doc(), wf_people, "submit", "pass")
    with pytest.raises(ReviewError) as err:
        services.review_secrecy_pass(document=doc, actor=wf_people["reviewer_a"],
                                     expected_state="submitted")
    assert err.value.code == "conflict"


def test_token_acts_as_its_units_submitter(wf_doc, unit_tree):
    token, raw = services.api_token_create(unit=unit_tree["district"], name="新洲区OA")
    assert services.api_token_authenticate(raw) == token
    doc = services.document_submit(document=wf_doc(), actor=None, token=token)
    entry = AuditLog.objects.get(action="document_submit", target_id=str(doc.pk))
    assert entry.actor is None and entry.actor_label.startswith("接口令牌 新洲区OA")
    other = wf_doc("stats")
    with pytest.raises(AccessDenied):
        services.document_submit(document=other, actor=None, token=token)
    services.api_token_revoke(token=token)
    assert services.api_token_authenticate(raw) is None
    with pytest.raises(AccessDenied, match="吊销"):
        services.document_submit(document=wf_doc(), actor=None, token=token)


@pytest.mark.parametrize("raw", ["", "gk_", "Bearer x", "gk_" + "x" * 300, "not-a-token"])
def test_unknown_tokens_do_not_authenticate(db, raw):
    assert services.api_token_authenticate(raw) is None


def test_token_is_stored_hashed(unit_tree):
    from gongkai.review.models import ApiToken

    token, raw = services.api_token_create(unit=unit_tree["district"], name="OA")
    row = ApiToken.objects.get(pk=token.pk)
    assert raw not in (row.digest, row.prefix) and len(row.digest) == 64
    assert raw.startswith(row.prefix)


def test_gap_note_only_for_a_real_gap_of_ones_own_unit(wf_doc, wf_people, unit_tree):
    for serial in (1, 3):
        wf_doc(serial=serial)
    note = services.gap_note_save(unit=unit_tree["district"], actor=wf_people["submitter_a"],
                                  doc_prefix="新政", year=2026, serial=2, kind="作废",
                                  reason="号码已占用，文件未印发")
    assert note.kind == "作废"
    cases = [
        (wf_people["submitter_a"], 5, "作废", "x", "serial"),
        (wf_people["submitter_a"], 2, "丢了", "x", "kind"),
        (wf_people["submitter_a"], 2, "作废", " ", "reason"),
    ]
    for actor, serial, kind, reason, field in cases:
        with pytest.raises(ReviewError) as err:
            services.gap_note_save(unit=unit_tree["district"], actor=actor, doc_prefix="新政",
                                   year=2026, serial=serial, kind=kind, reason=reason)
        assert err.value.field == field
    with pytest.raises(AccessDenied) as err:
        services.gap_note_save(unit=unit_tree["district"], actor=wf_people["submitter_b"],
                               doc_prefix="新政", year=2026, serial=2, kind="作废", reason="x")
    assert err.value.code == "forbidden"
