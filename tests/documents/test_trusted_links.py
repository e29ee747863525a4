"""Links you can trust (issue 19): who may change what, the reasons, the worklist, confirming."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.access import AccessDenied
from gongkai.documents.models import Document, DocumentRelation
from gongkai.documents.relations import relation_confirm, relations_extract_and_link
from gongkai.documents.selectors import conflicts_report, decision_worklist
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.documents.validity import lifecycle_apply_due, validity_change

ORDER_322 = (
    "经过清理，市人民政府决定：一、对《武汉市统计管理办法》(市人民政府令第152号)等19部规章的部分条款，予以修改。\n"
    "二、对《武汉市控制和查处违法建设办法》(市人民政府令第189号)等3部规章，予以废止。\n"
    "本决定自2024年7月1日起施行。"
)


def _doc(unit, title, *, number="", publish=date(2010, 1, 1), body="", level="地方政府规章",
         issuer_names=None):
    doc = document_create(unit=unit, actor=None, title=title, doc_number=number,
                          publish_date=publish, body=body or title, level=level,
                          issuer_names=issuer_names or [unit.full_name])
    return document_publish_direct(document=doc, actor=None)


@pytest.fixture
def rules(unit_tree):
    city = unit_tree["city"]
    return {
        "stats": _doc(city, "武汉市统计管理办法", number="武汉市人民政府令第152号"),
        "building": _doc(city, "武汉市控制和查处违法建设办法", number="武汉市人民政府令第189号",
                         publish=date(2007, 9, 1)),
    }


def _decision(unit, title, body, *, number="武汉市人民政府令第322号", level="地方政府规章"):
    doc = _doc(unit, title, number=number, publish=date(2024, 5, 9), body=body, level=level)
    relations_extract_and_link(document=doc, actor=None)
    return doc


def _by_title(doc):
    return {r.target_title: r for r in DocumentRelation.objects.filter(source=doc)}


def test_order_322_links_the_rules_it_names_and_keeps_its_declared_counts(unit_tree, rules):
    order = _decision(unit_tree["city"], "武汉市人民政府关于修改和废止部分规章的决定(2024)", ORDER_322)
    rels = _by_title(order)
    assert (rels["武汉市统计管理办法"].action, rels["武汉市统计管理办法"].target_id) == (
        "amend", rules["stats"].pk)
    assert rels["武汉市控制和查处违法建设办法"].action == "repeal"
    assert rels["武汉市统计管理办法"].link_reason == "linked"
    order.refresh_from_db()
    assert order.declared_counts == {"amend": 19, "repeal": 3}

    rows = {r.action: r for r in decision_worklist(order)}
    assert (rows["amend"].declared, rows["amend"].linked, rows["amend"].unnamed) == (19, 1, 18)
    assert (rows["repeal"].declared, rows["repeal"].linked, rows["repeal"].unnamed) == (3, 1, 2)


def test_a_work_document_quoting_the_decision_changes_nothing_and_waits_for_a_person(
        unit_tree, rules):
    # the demo's old sentence collages did exactly this
    notice = _decision(unit_tree["office"], "武汉市人民政府办公厅关于做好2025年政务公开工作的通知",
                       ORDER_322, number="武政办〔2025〕3号", level="工作文件")
    rel = _by_title(notice)["武汉市统计管理办法"]
    assert (rel.stated_action, rel.action, rel.link_reason) == ("amend", "cite", "not_decision")
    lifecycle_apply_due(today=date(2025, 1, 1))
    assert Document.objects.get(pk=rules["stats"].pk).validity == "现行有效"
    report = conflicts_report(today=date(2025, 1, 1))
    assert [(r.source_id, r.target_id) for r in report.unconfirmed] == [
        (notice.pk, rules["stats"].pk), (notice.pk, rules["building"].pk)]
    assert "不是决定类文件" in report.as_dict()["unconfirmed"][0]["reason_label"]
    assert report.citing_dead == []


def test_a_district_cannot_repeal_a_city_rule(unit_tree, rules):
    district = unit_tree["district"]
    decision = _decision(district, "新洲区人民政府关于废止部分文件的决定",
                         "决定废止《武汉市控制和查处违法建设办法》。", number="新政〔2024〕2号",
                         level="地方规范性文件")
    rel = _by_title(decision)["武汉市控制和查处违法建设办法"]
    assert (rel.action, rel.link_reason) == ("cite", "issuer_not_above")


def test_the_province_above_the_city_may_repeal_its_rule(unit_tree, rules):
    decision = _decision(unit_tree["province"], "湖北省人民政府关于废止部分规章的决定",
                         "决定废止《武汉市控制和查处违法建设办法》。", number="湖北省人民政府令第400号")
    assert _by_title(decision)["武汉市控制和查处违法建设办法"].action == "repeal"


def test_a_rule_already_repealed_is_not_repealed_again(unit_tree, rules):
    validity_change(document=rules["building"], to_validity="废止", date=date(2020, 1, 1),
                    cause="manual")
    decision = _decision(unit_tree["city"], "武汉市人民政府关于废止部分规章的决定",
                         "决定废止《武汉市控制和查处违法建设办法》。", number="武汉市人民政府令第330号")
    rel = _by_title(decision)["武汉市控制和查处违法建设办法"]
    assert (rel.action, rel.link_reason) == ("cite", "target_not_in_force")


def test_repealing_some_articles_makes_the_rule_partly_invalid(unit_tree, rules):
    decision = _decision(unit_tree["city"], "武汉市人民政府关于废止部分规章条款的决定",
                         "决定废止《武汉市统计管理办法》第二十条、第二十一条。\n本决定自2024年7月1日起施行。",
                         number="武汉市人民政府令第331号")
    assert _by_title(decision)["武汉市统计管理办法"].action == "partly_repeal"
    lifecycle_apply_due(today=date(2024, 7, 1))
    assert Document.objects.get(pk=rules["stats"].pk).validity == "部分失效"


def test_the_office_confirms_a_held_link_and_a_submitter_may_not(unit_tree, rules, make_user):
    notice = _decision(unit_tree["office"], "武汉市人民政府办公厅关于做好2025年政务公开工作的通知",
                       ORDER_322, number="武政办〔2025〕3号", level="工作文件")
    rel = _by_title(notice)["武汉市统计管理办法"]
    clerk = make_user("clerk", unit_tree["office"], "submitter")
    with pytest.raises(AccessDenied):
        relation_confirm(relation=rel, accept=True, actor=clerk)
    office = make_user("office", unit_tree["city"], "office")
    rel = relation_confirm(relation=rel, accept=False, actor=office)
    assert (rel.action, rel.link_reason, rel.confirmed_by) == ("cite", "rejected", office)
    assert rel.pk not in {r.pk for r in conflicts_report(today=date(2025, 1, 1)).unconfirmed}
    # re-linking keeps a person's decision
    relations_extract_and_link(document=notice, actor=None)
    assert DocumentRelation.objects.get(pk=rel.pk).link_reason == "rejected"
