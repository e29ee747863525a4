"""建议提案 services: register with deadlines from the rules, 会办, reply, feedback and re-reply,
publish in full as a library document, the yearly summary and the measure."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.domain.errors import AccessDenied
from gongkai.proposals import services
from gongkai.proposals.services import ProposalError

REPLY = "您提出的关于加快老旧小区改造的建议收悉。我局会同新洲区对全市老旧小区进行了摸底，已将其中12个小区纳入2024年改造计划。"


def test_register_sets_the_deadline_from_the_rules(suggestion, unit_tree):
    assert suggestion.number == "128" and suggestion.due_date == date(2024, 6, 1)
    assert list(suggestion.co_units.all()) == [unit_tree["district"]]


def test_a_number_is_registered_once(suggestion, people, unit_tree):
    with pytest.raises(ProposalError, match="编号：市十五届人大三次会议第128号人大代表建议已登记"):
        services.proposal_register(kind="suggestion", session="市十五届人大三次会议", number="128", title="又一件",
                                   author="李代表", main_unit=unit_tree["stats"], assigned_on=date(2024, 3, 1),
                                   actor=people["supervisor"])


def test_units_cannot_register(people, unit_tree):
    with pytest.raises(AccessDenied):
        services.proposal_register(kind="proposal", session="市政协十四届三次会议", number="1", title="x",
                                   author="y", main_unit=unit_tree["stats"], assigned_on=date(2024, 3, 1),
                                   actor=people["stats"])


def test_extension_within_the_maximum_needs_an_approval(suggestion, people):
    with pytest.raises(ProposalError, match="延期批准：请写明批准人"):
        services.proposal_extend(proposal=suggestion, months=2, approval="", actor=people["supervisor"])
    with pytest.raises(ProposalError, match="最多延长3个月"):
        services.proposal_extend(proposal=suggestion, months=4, approval="市人大常委会代表工委", actor=people["supervisor"])
    p = services.proposal_extend(proposal=suggestion, months=2, approval="市人大常委会代表工委", actor=people["supervisor"])
    assert p.due_date == date(2024, 8, 1)


def test_co_opinion_on_time_and_only_by_the_co_unit(suggestion, people, unit_tree):
    item = services.co_opinion_submit(proposal=suggestion, unit=unit_tree["district"], sent_on=date(2024, 3, 20),
                                      text="新洲区已将辖区内12个老旧小区列入改造计划。", actor=people["district"])
    assert item.on_time
    with pytest.raises(ProposalError, match="不是该件的会办单位"):
        services.co_opinion_submit(proposal=suggestion, unit=unit_tree["stats"], sent_on=date(2024, 3, 20),
                                   text="统计局提供老旧小区的统计数据。", actor=people["stats"])


def test_reply_feedback_unsatisfied_then_re_reply(suggestion, people):
    with pytest.raises(ProposalError, match="办理结果：请选择A、B、C类"):
        services.reply_submit(proposal=suggestion, result_code="D", text=REPLY, signer="王局长",
                              replied_on=date(2024, 5, 20), actor=people["stats"])
    with pytest.raises(AccessDenied):
        services.reply_submit(proposal=suggestion, result_code="B", text=REPLY, signer="王局长",
                              replied_on=date(2024, 5, 20), actor=people["district"])
    first = services.reply_submit(proposal=suggestion, result_code="B", text=REPLY, signer="王局长",
                                  replied_on=date(2024, 5, 20), actor=people["stats"])
    assert first.on_time and first.sequence == 1
    p = services.feedback_record(proposal=suggestion, satisfaction="unsatisfied", note="改造进度太慢",
                                 actor=people["supervisor"])
    assert p.state == "reopened"
    second = services.reply_submit(proposal=p, result_code="A", text=REPLY + "已追加资金。", signer="王局长",
                                   replied_on=date(2024, 6, 10), actor=people["stats"])
    assert second.sequence == 2 and second.due_date == date(2024, 6, 20)
    p = services.feedback_record(proposal=p, satisfaction="satisfied", actor=people["supervisor"])
    assert p.state == "closed"
    with pytest.raises(ProposalError, match="状态：办结，不能再答复"):
        services.reply_submit(proposal=p, result_code="A", text=REPLY, signer="王局长",
                              replied_on=date(2024, 6, 12), actor=people["stats"])


def test_publishing_a_reply_files_a_public_document(suggestion, people, unit_tree, django_capture_on_commit_callbacks):
    from gongkai.documents.querysets import is_public

    reply = services.reply_submit(proposal=suggestion, result_code="B", text=REPLY, signer="王局长",
                                  replied_on=date(2024, 5, 20), actor=people["stats"])
    with pytest.raises(AccessDenied):
        services.reply_publish(reply=reply, actor=people["stats"])
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_publish(reply=reply, actor=people["supervisor"])
    doc = reply.document
    assert doc.title == "关于市十五届人大三次会议第128号建议的答复"
    assert doc.category == "建议提案办理" and doc.unit == unit_tree["stats"] and is_public(doc)
    assert "（办理结果：B类，所提问题列入计划拟解决）" in doc.body
    with pytest.raises(ProposalError, match="已公开"):
        services.reply_publish(reply=reply, actor=people["supervisor"])


def test_summary_and_measure(suggestion, people, unit_tree):
    from gongkai.assessment.measures import REGISTRY, MeasureContext

    services.proposal_register(kind="proposal", session="市政协十四届三次会议", number="45", title="关于政务公开的提案",
                               author="陈委员", main_unit=unit_tree["stats"], assigned_on=date(2024, 3, 1),
                               actor=people["supervisor"])
    services.reply_submit(proposal=suggestion, result_code="A", text=REPLY, signer="王局长",
                          replied_on=date(2024, 5, 20), actor=people["stats"])
    item = services.summary_publish(year=2024, unit=unit_tree["city"], day=date(2025, 1, 10), actor=people["supervisor"])
    assert item.text.startswith("2024年共承办人大代表建议1件，政协委员提案1件，合计2件。已答复1件，其中按期答复1件")
    assert item.document.title == "2024年人大代表建议和政协委员提案办理情况"
    ctx = MeasureContext(start=date(2024, 1, 1), end=date(2024, 12, 31), unit_ids=[unit_tree["stats"].pk])
    measured = REGISTRY["proposals_replied_on_time"](ctx, {})[unit_tree["stats"].pk]
    assert measured.detail == "按期答复 1/2 件"
    assert measured.evidence[0]["detail"] == "期限 2024-08-01，未答复"
