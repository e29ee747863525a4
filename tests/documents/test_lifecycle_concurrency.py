"""`gongkai lifecycle` from cron, twice at the same moment: each change is applied once."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from gongkai.documents.lifecycle import lifecycle_apply_due, relations_extract_and_link
from gongkai.documents.models import Document, ValidityEvent
from gongkai.documents.services import document_create, document_publish_direct

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs PostgreSQL: SQLite serialises writers, so no real race"),
]


def _doc(unit, title, number="", **fields):
    doc = document_create(unit=unit, actor=None, title=title, doc_number=number,
                          publish_date=date(2020, 1, 1), body=fields.pop("body", title), **fields)
    return document_publish_direct(document=doc, actor=None)


def test_parallel_runs_apply_each_change_once(unit_tree):
    office = unit_tree["office"]
    docs = [_doc(office, f"武汉市甲{i}办法", f"武政办〔2020〕{i}号") for i in range(1, 6)]
    docs.append(_doc(office, "武汉市乙办法", validity="尚未生效", effective_date=date(2024, 3, 1)))
    docs.append(_doc(office, "武汉市丙办法", expiry_date=date(2024, 1, 31)))
    names = "、".join(f"《武汉市甲{i}办法》（武政办〔2020〕{i}号）" for i in range(1, 6))
    decision = _doc(unit_tree["city"], "关于废止部分文件的决定", "武政〔2024〕9号",
                    body=f"对{names}予以废止。本决定自2024年7月1日起施行。")
    relations_extract_and_link(document=decision, actor=None)

    runs = 4
    barrier = threading.Barrier(runs)
    reports, errors = [], []

    def run():
        try:
            barrier.wait()
            reports.append(lifecycle_apply_due(today=date(2024, 8, 1)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sum(len(r.changes) for r in reports) == 7
    assert sum(r.relations_applied for r in reports) == 5
    for doc in docs:
        assert ValidityEvent.objects.filter(document=doc).exclude(cause="import").count() == 1
    assert set(Document.objects.filter(pk__in=[d.pk for d in docs[:5]])
               .values_list("validity", flat=True)) == {"废止"}
