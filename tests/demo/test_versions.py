"""Issue 19's done-when on the demo: order 322 links exactly what it names, the worklist shows
the rest, the versions demo has a current and an old version, no collage makes false chains."""

from __future__ import annotations

import io

import pytest

from gongkai.demo import cleanup, core, documents, versions
from gongkai.documents.models import Document, DocumentRelation
from gongkai.documents.selectors import decision_worklist


@pytest.fixture
def demo_library(db):
    out = io.StringIO()
    for module in (core, documents, cleanup, versions):
        module.load(stdout=out)
    return out.getvalue()


def test_issue_19_on_the_demo(demo_library, client):
    """One demo load (it takes a while), three checks."""
    _order_322_links_exactly_the_documents_it_names()
    _demo_bodies_are_not_collages()
    _the_versions_demo(client)


def _order_322_links_exactly_the_documents_it_names():
    order = Document.objects.get(doc_number="武汉市人民政府令第322号")
    changes = DocumentRelation.objects.filter(
        source=order, action__in=["amend", "repeal"], target__isnull=False)
    assert sorted(r.target.title for r in changes) == [
        "武汉市天然气高压管道设施保护办法", "武汉市控制和查处违法建设办法", "武汉市统计管理办法"]
    # nothing else claims to change the statistics rule
    amending = DocumentRelation.objects.filter(target__title="武汉市统计管理办法",
                                               action__in=["amend", "repeal", "replace"])
    assert {r.source_id for r in amending} == {order.pk}
    rows = {r.action: r for r in decision_worklist(order)}
    assert (rows["amend"].declared, rows["amend"].linked) == (19, 2)
    assert (rows["repeal"].declared, rows["repeal"].linked) == (3, 1)


def _demo_bodies_are_not_collages():
    register = Document.objects.filter(body__contains="演示数据：本条目只登记文章属性")
    assert register.exists()
    assert not register.filter(body__contains="《").exclude(title__contains="《").exists()


def _the_versions_demo(client):
    work = Document.objects.filter(title="中华人民共和国会计法").order_by("publish_date")
    old, new = list(work)
    assert old.work_id == new.work_id and new.is_current_version and not old.is_current_version
    page = client.get(old.get_absolute_url()).content.decode()
    assert "本文本不是现行版本" in page and "沿革" in page
    diff = client.get(f"/documents/{new.pk}/diff/").content.decode()
    assert "第二条修改" in diff
