"""Import batching (ADR 0011): an imported and published document reaches the search index
once per import, the announcements of a chunk are coalesced, units are read once per run."""

from __future__ import annotations

import pytest

from gongkai.documents.events import Reason, coalesce
from gongkai.documents.models import PendingChange


def _text(i: int) -> bytes:
    return (f"武汉市统计局关于第{i}批统计调查项目的通知\n武统〔2025〕{i + 1}号\n各区统计局：\n"
            f"现将第{i}批统计调查项目清单印发给你们，请认真执行。\n武汉市统计局\n2025年3月{1 + i}日\n"
            ).encode()


def test_coalesce_folds_generic_reasons_into_the_specific_one_of_the_same_document():
    groups, folded = coalesce({Reason.CREATE: [1, 2, 2], Reason.PUBLISH: [1],
                               Reason.RELATIONS: [1], Reason.UPDATE: [3]})
    assert groups == {Reason.CREATE: [2], Reason.PUBLISH: [1], Reason.RELATIONS: [1],
                      Reason.UPDATE: [3]}
    assert folded == {Reason.CREATE: [1]}


def test_relations_alone_do_not_absorb_a_create():
    groups, folded = coalesce({Reason.CREATE: [5], Reason.RELATIONS: [5]})
    assert groups == {Reason.CREATE: [5], Reason.RELATIONS: [5]}
    assert folded == {}


@pytest.mark.django_db(transaction=True)
def test_imported_and_published_documents_are_indexed_once_and_leave_no_outbox(monkeypatch):
    from gongkai.core.services import unit_save
    from gongkai.ingest.services import document_import, import_chunk, import_run
    from gongkai.search import services as search_services
    from gongkai.search.services import search

    unit = unit_save(full_name="武汉市统计局", code="W0001", short_names=["市统计局"])
    indexed: list[int] = []
    original = search_services.index_documents

    def spy(*, document_ids):
        ids = list(document_ids)
        indexed.extend(ids)
        return original(document_ids=ids)

    monkeypatch.setattr(search_services, "index_documents", spy)
    with import_run(), import_chunk():
        outcomes = [document_import(unit=unit, actor=None, name=f"{i}.txt", data=_text(i),
                                    publish=True) for i in range(3)]
    ids = sorted(o.document.pk for o in outcomes)
    assert [o.status for o in outcomes] == ["imported"] * 3
    assert sorted(indexed) == ids  # once each, not once per announcement
    assert PendingChange.objects.count() == 0
    assert {h.document.pk for h in search("统计调查项目").hits} == set(ids)


@pytest.mark.django_db(transaction=True)
def test_rerun_in_batches_is_idempotent():
    from gongkai.core.services import unit_save
    from gongkai.documents.models import Document
    from gongkai.ingest.services import document_import, import_chunk, import_run

    unit = unit_save(full_name="武汉市统计局", code="W0001")
    for _ in range(2):
        with import_run(), import_chunk():
            statuses = [document_import(unit=unit, actor=None, name=f"{i}.txt", data=_text(i),
                                        publish=True).status for i in range(2)]
    assert statuses == ["duplicate", "duplicate"]
    assert Document.objects.count() == 2


@pytest.mark.django_db
def test_units_resolved_answers_every_name_from_one_reading(django_assert_num_queries):
    from gongkai.core.selectors import unit_find, units_resolved
    from gongkai.core.services import unit_save

    city = unit_save(full_name="武汉市人民政府", code="W0100", short_names=["武汉市政府"])
    unit_save(full_name="武汉市统计局", code="W0001")
    with units_resolved():
        with django_assert_num_queries(1):  # the unit read once, then from the table
            assert unit_find("武汉市政府") == city
            assert unit_find("武汉市政府") == city
            assert unit_find("W0100") == city
        with django_assert_num_queries(0):  # a miss scans nothing
            assert unit_find("不存在的单位") is None
    assert unit_find("武汉市政府") == city  # outside the run: the ordinary lookup
