"""The document page: 沿革, versions, as-of, diff, the decision's worklist; the conflicts page."""

from __future__ import annotations

from datetime import date

from tests.documents.test_versions import NEW_RULE, OLD_RULE, _import

from gongkai.documents.models import Document, DocumentRelation
from gongkai.documents.relations import relations_extract_and_link
from gongkai.documents.services import document_create, document_publish_direct

ORDER = ("经过清理，市人民政府决定：一、对《武汉市统计管理办法》(市人民政府令第152号)等19部规章的部分条款，予以修改。\n"
         "二、对《武汉市控制和查处违法建设办法》(市人民政府令第189号)等3部规章，予以废止。\n本决定自2024年7月1日起施行。")


def _versions(unit_tree):
    city = unit_tree["city"]
    old = _import(city, "152.txt", OLD_RULE).document
    new = _import(city, "152-2024.txt", NEW_RULE).document
    return Document.objects.get(pk=old.pk), Document.objects.get(pk=new.pk)


def test_the_page_shows_history_versions_and_says_when_a_text_is_old(client, unit_tree):
    old, new = _versions(unit_tree)
    page = client.get(old.get_absolute_url()).content.decode()
    assert "本文本不是现行版本。现行版本：" in page
    history = page.split('id="history-title"')[1].split("</section>")[0]
    assert "2003-05-06" in history and "公布" in history
    assert "2024-05-09" in history and "修正" in history and "现行版本" in history
    versions = page.split('id="versions-title"')[1].split("</section>")[0]
    assert f'href="/documents/{new.pk}/diff/"' in versions
    current = client.get(new.get_absolute_url()).content.decode()
    assert "本文本不是现行版本" not in current
    assert "（取自沿革）" in current


def test_as_of_shows_the_version_in_force_then(client, unit_tree):
    old, new = _versions(unit_tree)
    page = client.get(f"{new.get_absolute_url()}?as_of=2023-01-01").content.decode()
    assert "以下为 2023-01-01 时有效的版本。" in page
    assert "由其所在单位给予行政处分" in page  # the old 第十九条
    bad = client.get(f"{new.get_absolute_url()}?as_of=2023-13-01")
    assert bad.status_code == 400
    assert "参数 as_of “2023-13-01” 不是有效日期" in bad.content.decode()
    early = client.get(f"{new.get_absolute_url()}?as_of=1990-01-01").content.decode()
    assert "1990-01-01 时本文件尚未公布或施行" in early


def test_the_diff_page_lists_changes_by_article(client, unit_tree):
    old, new = _versions(unit_tree)
    page = client.get(f"/documents/{new.pk}/diff/").content.decode()
    for label in ("第十八条修改", "第十九条修改", "第二十条删除"):
        assert label in page
    assert client.get(f"/documents/{new.pk}/diff/?from=99999").status_code == 400
    assert "本文件没有更早的版本可以比较" in client.get(f"/documents/{old.pk}/diff/").content.decode()


def test_a_decision_page_shows_declared_and_linked_counts(client, unit_tree, make_user):
    city = unit_tree["city"]
    rule = document_publish_direct(document=document_create(
        unit=city, actor=None, title="武汉市统计管理办法", doc_number="武汉市人民政府令第152号",
        publish_date=date(2003, 5, 6), level="地方政府规章", body="第一条 为了加强统计管理。"), actor=None)
    order = document_publish_direct(document=document_create(
        unit=city, actor=None, title="武汉市人民政府关于修改和废止部分规章的决定(2024)",
        doc_number="武汉市人民政府令第322号", publish_date=date(2024, 5, 9), level="地方政府规章",
        body=ORDER), actor=None)
    relations_extract_and_link(document=order, actor=None)
    page = client.get(order.get_absolute_url()).content.decode()
    block = page.split('id="worklist-title"')[1].split("</section>")[0]
    assert "声明修改 19 件 / 已关联 1 件" in block
    assert "声明废止 3 件 / 已关联 0 件" in block
    assert "检索候选文件" not in block  # the worklist itself is for staff
    client.force_login(make_user("office", city, "office"))
    block = client.get(order.get_absolute_url()).content.decode().split('id="worklist-title"')[1]
    assert "《武汉市控制和查处违法建设办法》" in block and "检索候选文件" in block
    assert DocumentRelation.objects.get(source=order, target=rule).action == "amend"


def test_the_office_settles_a_held_link_on_the_conflicts_page(client, unit_tree, make_user):
    office_unit = unit_tree["office"]
    document_publish_direct(document=document_create(
        unit=unit_tree["city"], actor=None, title="武汉市统计管理办法", doc_number="武汉市人民政府令第152号",
        publish_date=date(2003, 5, 6), level="地方政府规章", body="第一条 为了加强统计管理。"), actor=None)
    notice = document_publish_direct(document=document_create(
        unit=office_unit, actor=None, title="武汉市人民政府办公厅关于做好2025年政务公开工作的通知",
        doc_number="武政办〔2025〕3号", publish_date=date(2025, 1, 6), level="工作文件", body=ORDER),
        actor=None)
    relations_extract_and_link(document=notice, actor=None)
    client.force_login(make_user("office", unit_tree["city"], "office"))
    page = client.get("/cleanup/conflicts/").content.decode()
    assert "待确认的修改、废止关系（1）" in page
    assert "来源文件不是决定类文件" in page
    rel = DocumentRelation.objects.get(source=notice, target__isnull=False)
    response = client.post(f"/cleanup/conflicts/relations/{rel.pk}/", {"accept": "0"})
    assert response.status_code == 302
    assert DocumentRelation.objects.get(pk=rel.pk).link_reason == "rejected"
    assert "待确认的修改、废止关系（0）" in client.get("/cleanup/conflicts/").content.decode()
