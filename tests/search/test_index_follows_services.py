"""The index follows the documents as the document services change them (on commit)."""

from __future__ import annotations

from datetime import date

from gongkai.documents.lifecycle import validity_change
from gongkai.documents.services import document_create, document_publish_direct, document_update
from gongkai.search.services import SearchFilters, search


def test_create_publish_edit_and_repeal_through_the_services(
    unit_tree, make_user, django_capture_on_commit_callbacks
):
    clerk = make_user("clerk", unit_tree["office"], "submitter", "office")  # direct publishing is the office's
    with django_capture_on_commit_callbacks(execute=True):
        doc = document_create(
            unit=unit_tree["office"], actor=clerk, title="武汉市人民政府办公厅关于做好防汛抗旱工作的通知",
            doc_number="武政办[2024]12号", publish_date="2024-05-06", level="工作文件",
            body="各区人民政府：为做好今年防汛抗旱工作，现将有关事项通知如下。",
        )
    assert search("防汛").count == 0  # a draft is not public

    with django_capture_on_commit_callbacks(execute=True):
        document_publish_direct(document=doc, actor=clerk)
    page = search("武政办（2024）12号")
    assert [h.document.pk for h in page.hits] == [doc.pk]
    assert search("防汛", filters=SearchFilters(in_force_only=True)).count == 1

    with django_capture_on_commit_callbacks(execute=True):
        document_update(document=doc, actor=clerk, title="武汉市人民政府办公厅关于做好森林防火工作的通知")
    assert search("森林防火").count == 1

    with django_capture_on_commit_callbacks(execute=True):
        validity_change(document=doc, to_validity="废止", date=date(2025, 1, 1), cause="manual",
                        actor=clerk, note="测试")
    assert search("森林防火").count == 1  # still public, no longer in force
    assert search("森林防火", filters=SearchFilters(in_force_only=True)).count == 0
    assert search("森林防火", filters=SearchFilters(validity="废止")).count == 1


def test_withdrawal_takes_the_document_out_of_search(
    unit_tree, make_user, django_capture_on_commit_callbacks
):
    from gongkai.review.services import document_withdraw

    clerk = make_user("clerk2", unit_tree["office"], "submitter", "reviewer", "office")
    with django_capture_on_commit_callbacks(execute=True):
        doc = document_create(unit=unit_tree["office"], actor=clerk,
                              title="关于公布住房保障对象名单的通知", body="住房保障对象名单如下。")
        doc = document_publish_direct(document=doc, actor=clerk)
    assert search("住房保障").count == 1
    with django_capture_on_commit_callbacks(execute=True):
        document_withdraw(document=doc, actor=clerk, reason="信息有误")
    assert search("住房保障").count == 0
    assert search("").count == 0
