"""Works and versions (issue 19): import adds a version, the current one is shown, history kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.documents.models import Document
from gongkai.documents.versions import version_as_of, version_diff, work_versions
from gongkai.ingest.services import document_import

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lawrefbook"
ACCOUNTING = CORPUS / "经济法"

OLD_RULE = """武汉市统计管理办法
（2003年5月6日武汉市人民政府令第152号公布）
第一条 为了加强统计管理，保障统计资料的准确性和及时性，根据有关法律、法规，结合本市实际，制定本办法。
第十八条 违反本办法规定的，由统计行政主管部门依法处理。
第十九条 统计人员玩忽职守的，由其所在单位给予行政处分。
第二十条 当事人对行政处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。
第二十一条 本办法自2003年7月1日起施行。
"""
NEW_RULE = """武汉市统计管理办法
（2003年5月6日武汉市人民政府令第152号公布 根据2024年5月9日武汉市人民政府令第322号修改）
第一条 为了加强统计管理，保障统计资料的准确性和及时性，根据有关法律、法规，结合本市实际，制定本办法。
第十八条 违反本办法，法律、法规有规定的，从其规定。
第十九条 统计人员玩忽职守的，由其所在单位给予处分。
第二十条 本办法自2003年7月1日起施行。
"""


def _import(unit, name, text, **kw):
    return document_import(unit=unit, actor=None, name=name, data=text.encode("utf-8"),
                           publish=True, **kw)


def test_the_republished_rule_becomes_the_current_version_and_the_old_one_stays(unit_tree):
    city = unit_tree["city"]
    old = _import(city, "152.txt", OLD_RULE)
    assert old.status == "imported", old.reason
    new = _import(city, "152-2024.txt", NEW_RULE)
    assert new.status == "imported", new.reason
    old_doc, new_doc = (Document.objects.get(pk=o.document.pk) for o in (old, new))
    assert new_doc.work_id == old_doc.work_id is not None
    assert (new_doc.is_current_version, old_doc.is_current_version) == (True, False)
    assert new_doc.version_kind == "amended"
    assert new_doc.publish_date == date(2024, 5, 9)  # from its history line
    assert new_doc.publish_date_source == "history"
    # re-importing either version creates nothing
    assert _import(city, "again.txt", NEW_RULE.replace("\n", "\n\n")).status == "duplicate"
    assert _import(city, "152.txt", OLD_RULE).status == "duplicate"
    assert Document.objects.count() == 2
    # the library shows the current version; the work's page every version
    assert list(Document.objects.public().current_versions()) == [new_doc]
    assert work_versions(new_doc, Document.objects.public()) == [old_doc, new_doc]


def test_as_of_and_article_diff(unit_tree):
    city = unit_tree["city"]
    old = _import(city, "152.txt", OLD_RULE).document
    new = _import(city, "152-2024.txt", NEW_RULE).document
    old, new = Document.objects.get(pk=old.pk), Document.objects.get(pk=new.pk)
    public = Document.objects.public()
    assert version_as_of(new, date(2023, 1, 1), public).pk == old.pk
    assert version_as_of(old, date(2024, 8, 1), public).pk == new.pk
    assert version_as_of(old, date(2000, 1, 1), public) is None
    labels = [c.label for c in version_diff(Document.objects.get(pk=old.pk),
                                            Document.objects.get(pk=new.pk))]
    assert labels == ["第十八条修改", "第十九条修改", "第二十条删除", "第二十一条改为第二十条"]


def test_a_different_发文字号_with_the_same_title_is_another_document(unit_tree):
    office = unit_tree["office"]
    text = "武汉市人民政府办公厅关于做好政务公开工作的通知\n武政办〔2024〕{n}号\n各区人民政府：{body}"
    a = _import(office, "a.txt", text.format(n=3, body="请做好2024年的工作。"))
    b = _import(office, "b.txt", text.format(n=9, body="请做好2025年的工作。"))
    assert a.status == b.status == "imported"
    assert Document.objects.get(pk=b.document.pk).work_id is None


@pytest.mark.skipif(not ACCOUNTING.exists(), reason="corpus not found")
def test_two_lawrefbook_versions_are_one_work(unit_tree):
    city = unit_tree["city"]
    names = ["会计法(2017-11-04).md", "会计法(2024-06-28).md"]
    docs = []
    for name in names:
        outcome = document_import(unit=city, actor=None, name=name,
                                  data=(ACCOUNTING / name).read_bytes(), publish=True)
        assert outcome.status == "imported", outcome.reason
        docs.append(outcome.document.pk)
    old, new = (Document.objects.get(pk=pk) for pk in docs)
    assert new.work_id == old.work_id is not None
    assert (old.publish_date, new.publish_date) == (date(2017, 11, 4), date(2024, 6, 28))
    assert new.is_current_version and not old.is_current_version
    changes = version_diff(old, new)
    assert any(c.kind == "changed" and c.old.label == "第二条" for c in changes)


def test_a_file_name_date_is_taken_when_the_text_has_none(unit_tree):
    outcome = _import(unit_tree["office"], "20200514_武汉市某某工作规则.txt",
                      "武汉市某某工作规则\n第一条 为了规范工作，制定本规则。\n第二条 本规则自印发之日起施行。")
    doc = Document.objects.get(pk=outcome.document.pk)
    assert (doc.publish_date, doc.publish_date_source) == (date(2020, 5, 14), "filename")
    assert any("取自文件名" in w for w in doc.extraction_warnings)


def test_the_versions_api(client, unit_tree):
    city = unit_tree["city"]
    old = _import(city, "152.txt", OLD_RULE).document
    new = _import(city, "152-2024.txt", NEW_RULE).document
    data = client.get(f"/api/v1/documents/{old.pk}/versions").json()
    assert data["current"]["id"] == new.pk
    assert [(v["id"], v["version_label"], v["is_current"]) for v in data["versions"]] == [
        (old.pk, "公布", False), (new.pk, "修正", True)]
    assert client.get("/api/v1/documents/999999/versions").status_code == 404


def test_a_consolidated_version_from_order_322_is_marked_unofficial(unit_tree, client):
    from gongkai.documents.services import document_create, document_publish_direct
    from gongkai.documents.versions import version_consolidate

    city = unit_tree["city"]
    rule = Document.objects.get(pk=_import(city, "152.txt", OLD_RULE).document.pk)
    order = document_publish_direct(document=document_create(
        unit=city, actor=None, title="武汉市人民政府关于修改和废止部分规章的决定(2024)",
        doc_number="武汉市人民政府令第322号", publish_date=date(2024, 5, 9), level="地方政府规章",
        body="武汉市人民政府决定修改的规章\n一、对《武汉市统计管理办法》（市人民政府令第152号）作如下修改：\n"
             "（一）将第十八条修改为：“违反本办法，法律、法规有规定的，从其规定。”\n"
             "（二）将第十九条中的“行政处分”修改为“处分”。\n（三）删去第二十条。\n"
             "本决定自2024年7月1日起施行。"), actor=None)
    consolidated = version_consolidate(decision=order, target=rule)
    assert consolidated.version_kind == "consolidated" and consolidated.version_decision == order
    assert consolidated.is_current_version  # nothing newer that is official
    assert "第十八条 违反本办法，法律、法规有规定的，从其规定。" in consolidated.body
    assert "第十九条 统计人员玩忽职守的，由其所在单位给予处分。" in consolidated.body
    assert "第二十条 本办法自2003年7月1日起施行。" in consolidated.body
    page = client.get(consolidated.get_absolute_url()).content.decode()
    assert "不是正式文本" in page
    # the official republished text, when it arrives, becomes current
    new = Document.objects.get(pk=_import(city, "152-2024.txt", NEW_RULE).document.pk)
    assert new.is_current_version
    assert not Document.objects.get(pk=consolidated.pk).is_current_version


def test_consolidation_refuses_what_does_not_fit(unit_tree):
    from gongkai.documents.services import document_create, document_publish_direct
    from gongkai.documents.versions import VersionError, version_consolidate

    city = unit_tree["city"]
    rule = Document.objects.get(pk=_import(city, "152.txt", OLD_RULE).document.pk)
    order = document_publish_direct(document=document_create(
        unit=city, actor=None, title="武汉市人民政府关于修改部分规章的决定", publish_date=date(2024, 5, 9),
        body="对《武汉市统计管理办法》作如下修改：\n将第九十条修改为：“甲。”"), actor=None)
    with pytest.raises(VersionError, match="第九十条不存在"):
        version_consolidate(decision=order, target=rule)
    assert Document.objects.count() == 2


def test_the_consolidate_command_names_what_does_not_fit(unit_tree):
    import io

    from django.core.management import CommandError, call_command

    from gongkai.documents.services import document_create, document_publish_direct

    city = unit_tree["city"]
    rule = _import(city, "152.txt", OLD_RULE).document
    order = document_publish_direct(document=document_create(
        unit=city, actor=None, title="武汉市人民政府关于修改部分规章的决定", publish_date=date(2024, 5, 9),
        body="对《武汉市统计管理办法》作如下修改：\n删去第二十条。"), actor=None)
    out = io.StringIO()
    call_command("relations", "--consolidate", str(order.pk), str(rule.pk), stdout=out)
    assert "整理版 #" in out.getvalue() and "现行版本" in out.getvalue()
    with pytest.raises(CommandError, match="文件编号 99999 不存在"):
        call_command("relations", "--consolidate", "99999", str(rule.pk))
