"""Services of 征求意见: the period rule, the draft as a document, comments and moderation,
decisions, the feedback gate, the final document, the catalogue and hearings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gongkai.consultations import services
from gongkai.consultations.domain.errors import ConsultationError
from gongkai.consultations.domain.vocab import Phase
from gongkai.core.access import AccessDenied
from gongkai.core.models import AuditLog


def test_a_major_decision_shorter_than_30_days_needs_a_reason(make_consultation, today):
    with pytest.raises(ConsultationError) as exc:
        make_consultation(end=today + timedelta(days=19))
    assert exc.value.field == "short_reason"
    assert "20 天" in exc.value.message and "第十五条" in exc.value.message
    c = make_consultation(end=today + timedelta(days=19), reason="上级要求年底前出台，时间紧迫")
    assert c.short_reason == "上级要求年底前出台，时间紧迫"


def test_a_normative_document_counts_working_days(make_consultation):
    from datetime import date

    # 2026-03-02 (Mon) … 2026-03-10 (Tue): 7 working days, 9 calendar days
    c = make_consultation(kind="normative", start=date(2026, 3, 2), end=date(2026, 3, 10), publish=False)
    assert c.pk
    with pytest.raises(ConsultationError) as exc:
        make_consultation(kind="normative", start=date(2026, 3, 2), end=date(2026, 3, 9), publish=False)
    assert "6 个工作日" in exc.value.message


def test_the_draft_is_a_document_published_with_the_consultation(make_consultation, people):
    c = make_consultation(publish=False)
    assert c.draft.state == "draft" and c.draft.category == "征求意见"
    c = services.consultation_publish(actor=people["office"], consultation=c)
    c.draft.refresh_from_db()
    assert c.draft.state == "published"
    assert AuditLog.objects.filter(action="consultation_publish", target_id=str(c.pk)).exists()


def test_a_submitter_publishes_the_draft_through_review(make_consultation, people, make_user, unit_tree,
                                                         django_capture_on_commit_callbacks):
    from gongkai.review import services as review

    c = make_consultation(publish=False)
    with pytest.raises(ConsultationError) as exc:
        services.consultation_publish(actor=people["submitter"], consultation=c)
    assert exc.value.field == "draft" and "保密审查和审核" in exc.value.message
    approver = make_user("cs_rev2", unit_tree["stats"], "reviewer")
    from gongkai.documents.models import Document

    def draft():
        return Document.objects.get(pk=c.draft_id)

    with django_capture_on_commit_callbacks(execute=True):
        review.document_submit(document=draft(), actor=people["submitter"])
        review.review_secrecy_pass(document=draft(), actor=people["reviewer"])
        review.review_approve(document=draft(), actor=approver, responsible="王主任")
        review.document_publish(document=draft(), actor=people["reviewer"])
    c.refresh_from_db()
    assert c.published_at is not None  # followed its draft (documents' document_changed)
    assert services.consultation_phase(c) is Phase.OPEN


def _docx(paragraphs) -> bytes:
    import io

    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_an_uploaded_draft_is_read_and_extracted(people, unit_tree, today):
    data = _docx(["武汉市统计数据发布管理办法（征求意见稿）", "第一条 为了规范统计数据发布，制定本办法。"])
    c = services.consultation_create(
        actor=people["submitter"], unit=unit_tree["stats"], kind="other", start_date=today,
        end_date=today + timedelta(days=30), channels=[{"channel": "online"}],
        file=("draft.docx", data))
    assert c.title == "武汉市统计数据发布管理办法（征求意见稿）"
    assert "规范统计数据发布" in c.draft.body
    assert c.draft.attachments.filter(is_source=True).count() == 1


def test_an_unreadable_upload_names_the_file(people, unit_tree, today):
    with pytest.raises(ConsultationError) as exc:
        services.consultation_create(
            actor=people["submitter"], unit=unit_tree["stats"], kind="other", start_date=today,
            end_date=today + timedelta(days=30), channels=[{"channel": "online"}],
            file=("draft.docx", b"not a zip"))
    assert exc.value.field == "file" and "draft.docx" in exc.value.message


def test_explanation_is_required_for_a_major_decision(make_consultation):
    with pytest.raises(ConsultationError) as exc:
        make_consultation(explanation="")
    assert exc.value.field == "explanation"


def test_every_channel_but_online_needs_an_address(make_consultation):
    with pytest.raises(ConsultationError) as exc:
        make_consultation(channels=[{"channel": "fax", "address": ""}])
    assert exc.value.field == "channel_fax"


def test_only_the_unit_and_its_office_run_consultations(make_consultation, people, unit_tree, today):
    c = make_consultation(publish=False)
    with pytest.raises(AccessDenied):
        services.consultation_publish(actor=people["other"], consultation=c)
    with pytest.raises(AccessDenied):
        services.consultation_publish(actor=people["reviewer"], consultation=c)
    c = services.consultation_publish(actor=people["office"], consultation=c)  # office over the unit
    services.comment_enter(actor=people["submitter"], consultation=c, channel="letter", body="来信",
                           received_on=c.start_date)  # the unit's own submitter runs it


def test_it_opens_and_closes_by_itself(make_consultation, today):
    c = make_consultation(start=today + timedelta(days=1), end=today + timedelta(days=31))
    assert services.consultation_phase(c) is Phase.SCHEDULED
    assert services.consultation_phase(c, today + timedelta(days=1)) is Phase.OPEN
    assert services.consultation_phase(c, today + timedelta(days=32)) is Phase.CLOSED
    assert services.consultations_tick(today + timedelta(days=32)) == (1, 1)
    assert services.consultations_tick(today + timedelta(days=33)) == (0, 0)  # once only


def test_public_comment_under_pre_moderation_waits(make_consultation):
    c = make_consultation(moderation="pre")
    comment = services.comment_submit(consultation=c, body="建议增加第四条。", name="张三", contact="139")
    assert comment.status == "pending" and comment.channel == "online" and comment.number == 1
    services.comment_moderate(actor=c.created_by, comment=comment, publish=True)
    comment.refresh_from_db()
    assert comment.status == "published"


def test_post_moderation_publishes_at_once_and_hiding_needs_a_reason(make_consultation):
    c = make_consultation(moderation="post")
    comment = services.comment_submit(consultation=c, body="广告：代办证件")
    assert comment.status == "published"
    with pytest.raises(ConsultationError) as exc:
        services.comment_moderate(actor=c.created_by, comment=comment, publish=False, reason=" ")
    assert exc.value.field == "reason"
    services.comment_moderate(actor=c.created_by, comment=comment, publish=False, reason="广告信息")
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason) == ("hidden", "广告信息")


def test_no_public_comment_outside_the_period(make_consultation, today):
    c = make_consultation(start=today + timedelta(days=3), end=today + timedelta(days=33))
    with pytest.raises(ConsultationError):
        services.comment_submit(consultation=c, body="太早了")


def test_empty_or_overlong_comment_is_refused(make_consultation):
    c = make_consultation()
    with pytest.raises(ConsultationError) as exc:
        services.comment_submit(consultation=c, body="   ")
    assert exc.value.field == "body"
    with pytest.raises(ConsultationError):
        services.comment_submit(consultation=c, body="意" * 5001)


def test_staff_enter_a_letter_with_its_date(make_consultation, people, today):
    c = make_consultation()
    comment = services.comment_enter(actor=people["submitter"], consultation=c, channel="letter",
                                     body="来信：建议……", received_on=today)
    assert comment.status == "published" and comment.entered_by == people["submitter"]
    with pytest.raises(ConsultationError) as exc:
        services.comment_enter(actor=people["submitter"], consultation=c, channel="letter",
                               body="x", received_on=today + timedelta(days=1))
    assert exc.value.field == "received_on"


def test_grouping_waits_for_the_close(make_consultation):
    c = make_consultation()
    with pytest.raises(ConsultationError) as exc:
        services.view_save(actor=c.created_by, consultation=c, summary="扩大适用范围")
    assert "结束后" in exc.value.message


def test_feedback_cannot_be_published_while_a_comment_lacks_a_decision(closed_consultation, people):
    c = closed_consultation
    actor = people["submitter"]
    first, second, third = list(c.comments.order_by("number"))
    scope = services.view_save(actor=actor, consultation=c, summary="扩大适用范围至开发区")
    services.comments_assign(actor=actor, consultation=c, comment_ids=[first.pk], view=scope)
    with pytest.raises(ConsultationError) as exc:
        services.feedback_publish(actor=actor, consultation=c)
    assert "第2条意见尚未归入" in exc.value.message and "尚未作出采纳决定" in exc.value.message

    services.view_decide(actor=actor, view=scope, decision="adopted")
    period = services.view_save(actor=actor, consultation=c, summary="明确公开期限和不公开范围")
    services.comments_assign(actor=actor, consultation=c, comment_ids=[second.pk, third.pk], view=period)
    with pytest.raises(ConsultationError) as exc:
        services.view_decide(actor=actor, view=period, decision="not_adopted", reason="")
    assert exc.value.field == "reason"
    services.view_decide(actor=actor, view=period, decision="partly",
                         reason="公开期限已在第五条规定；不公开范围由上位法确定，不宜列举。")
    c = services.feedback_publish(actor=actor, consultation=c, summary="感谢社会各界的参与。")
    assert services.consultation_phase(c) is Phase.FEEDBACK
    with pytest.raises(ConsultationError):
        services.view_decide(actor=actor, view=period, decision="adopted")


def test_hidden_comments_need_no_decision(closed_consultation, people):
    c = closed_consultation
    actor = people["submitter"]
    comments = list(c.comments.order_by("number"))
    view = services.view_save(actor=actor, consultation=c, summary="观点")
    services.comments_assign(actor=actor, consultation=c, comment_ids=[m.pk for m in comments[:2]], view=view)
    services.comment_moderate(actor=actor, comment=comments[2], publish=False, reason="与草案无关")
    services.view_decide(actor=actor, view=view, decision="adopted")
    services.feedback_publish(actor=actor, consultation=c)


def test_final_document_must_be_published(closed_consultation, people, publish_document):
    draft = publish_document("stats", title="武汉市统计数据发布管理办法", state="draft")
    with pytest.raises(ConsultationError) as exc:
        services.final_document_link(actor=people["submitter"], consultation=closed_consultation, document=draft)
    assert exc.value.field == "document"
    final = publish_document("stats", title="武汉市统计数据发布管理办法")
    c = services.final_document_link(actor=people["submitter"], consultation=closed_consultation, document=final)
    assert c.final_document == final


def test_catalogue_items_link_to_consultation_and_final_document(people, unit_tree, make_consultation,
                                                                 publish_document):
    actor = people["submitter"]
    catalog = services.catalog_save(actor=actor, unit=unit_tree["stats"], year=2026)
    with pytest.raises(ConsultationError):
        services.catalog_publish(actor=actor, catalog=catalog)  # empty
    with pytest.raises(ConsultationError) as exc:
        services.decision_item_save(actor=actor, catalog=catalog, title="", lead_unit_name="x", planned_time="y")
    assert exc.value.field == "title"
    item = services.decision_item_save(actor=actor, catalog=catalog, title="制定统计数据发布管理办法",
                                       lead_unit_name="市统计局", planned_time="2026年第四季度")
    services.catalog_publish(actor=actor, catalog=catalog)
    c = make_consultation(item=item)
    item.refresh_from_db()
    assert item.status == "consulting"
    final = publish_document("stats", title="武汉市统计数据发布管理办法")
    services.final_document_link(actor=actor, consultation=c, document=final)
    item.refresh_from_db()
    assert (item.status, item.final_document_id) == ("decided", final.pk)
    with pytest.raises(AccessDenied):
        services.decision_item_save(actor=people["other"], catalog=catalog, title="x", lead_unit_name="x",
                                    planned_time="x")


def test_hearing_registration_selection_and_record(make_consultation, people, today):
    from datetime import datetime

    from django.utils import timezone

    c = make_consultation()
    held = timezone.make_aware(datetime.combine(today + timedelta(days=10), datetime.min.time()))
    with pytest.raises(ConsultationError) as exc:
        services.hearing_announce(actor=people["submitter"], consultation=c, title="听证", announcement="公告",
                                  held_at=held, place="市民之家", registration_end=today + timedelta(days=10))
    assert exc.value.field == "registration_end"
    hearing = services.hearing_announce(actor=people["submitter"], consultation=c, title="统计数据发布管理办法听证会",
                                        announcement="定于……举行听证会", held_at=held, place="市民之家",
                                        registration_end=today + timedelta(days=5), seats=1)
    a = services.hearing_register(hearing=hearing, name="李四", contact="139", position="赞成")
    b = services.hearing_register(hearing=hearing, name="王五", contact="138", position="反对")
    services.hearing_select(actor=people["submitter"], registration=a, selected=True)
    with pytest.raises(ConsultationError):
        services.hearing_select(actor=people["submitter"], registration=b, selected=True)
    with pytest.raises(ConsultationError):
        services.hearing_register(hearing=hearing, name="赵六", contact="137", today=today + timedelta(days=6))
    with pytest.raises(ConsultationError):
        services.hearing_record(actor=people["submitter"], hearing=hearing, record="笔录")  # not held yet
