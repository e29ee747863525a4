"""索引号: one number per document, even when many registrations arrive at once."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document
from gongkai.documents.services import document_create, document_update


@pytest.mark.django_db
def test_two_documents_cannot_hold_the_same_index_no(unit_tree):
    doc = document_create(unit=unit_tree["office"], actor=None, title="关于甲的通知", body="正文")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=doc.pk).values("index_no")  # the row exists
        Document.objects.create(unit=unit_tree["office"], title="关于乙的通知", index_no=doc.index_no)


@pytest.mark.django_db
def test_an_entered_index_no_already_held_is_refused_by_name(unit_tree):
    doc = document_create(unit=unit_tree["office"], actor=None, title="关于甲的通知", body="正文")
    with pytest.raises(DocumentError, match=f"索引号 “{doc.index_no}” 已被文件 #{doc.pk} 使用"):
        document_create(unit=unit_tree["office"], actor=None, title="关于乙的通知", body="正文",
                        index_no=doc.index_no)
    other = document_create(unit=unit_tree["office"], actor=None, title="关于丙的通知", body="正文")
    with pytest.raises(DocumentError) as exc:
        document_update(document=other, actor=None, index_no=doc.index_no)
    assert exc.value.field == "index_no"


@pytest.mark.django_db
def test_allocation_skips_numbers_entered_by_hand(unit_tree):
    office = unit_tree["office"]
    document_create(unit=office, actor=None, title="关于甲的通知", body="正文",
                    publish_date="2025-03-01", index_no=f"{office.code}/2025-00007")
    doc = document_create(unit=office, actor=None, title="关于乙的通知", body="正文",
                          publish_date="2025-03-02")
    assert doc.index_no == f"{office.code}/2025-00008"


@pytest.mark.django_db
def test_allocation_skips_a_taken_number_behind_an_irregular_highest_one(unit_tree):
    """The highest number by text order is not five digits (entered by hand): the next
    number is looked up, and one already taken is skipped."""
    office = unit_tree["office"]
    prefix = f"{office.code}/2025-"
    for n in (f"{prefix}00001", f"{prefix}9"):
        document_create(unit=office, actor=None, title=f"关于{n}的通知", body="正文",
                        publish_date="2025-03-01", index_no=n)
    document_create(unit=office, actor=None, title="关于乙的通知", body="正文",
                    publish_date="2025-03-01", index_no=f"{prefix}00010")
    doc = document_create(unit=office, actor=None, title="关于丙的通知", body="正文",
                          publish_date="2025-03-02")
    # highest by text order is …-9 (serial 9): 10 is taken, so 11
    assert doc.index_no == f"{prefix}00011"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="needs PostgreSQL: SQLite serialises writers, so no real race")
def test_concurrent_registrations_get_distinct_index_numbers(unit_tree):
    office = unit_tree["office"]
    count = 16
    barrier = threading.Barrier(count)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def register(i: int) -> None:
        try:
            barrier.wait()
            doc = document_create(unit=office, actor=None, title=f"关于第{i}项工作的通知",
                                  body=f"正文{i}", publish_date="2025-05-01")
            numbers.append(doc.index_no)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert len(set(numbers)) == count
