"""PostgreSQL without RUM: the GIN fallback behaves the same (skipped on SQLite)."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.search.services import SearchFilters, index_documents, search


@pytest.fixture
def gin_index(db, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cur:  # DDL is transactional: the test's rollback restores RUM
        cur.execute("DROP INDEX IF EXISTS search_entry_vector")
        cur.execute("CREATE INDEX search_entry_vector ON search_entry USING gin (vector)")
    monkeypatch.setattr(connection, "_gongkai_search_kind", None, raising=False)
    yield
    connection.__dict__.pop("_gongkai_search_kind", None)


def test_gin_fallback_ranks_filters_and_counts(gin_index, make_doc, unit_tree):
    from gongkai.search.backends import postgres

    assert postgres.index_kind(connection) == "postgres-gin"
    filler = "各单位要认真组织实施，按时报送有关材料。" * 3
    apart = make_doc(unit_tree["city"], title="关于做好工作的通知",
                     body=f"加强信息化建设。{filler}依法主动公开办事指南。", publish_date="2020-01-01")
    run = make_doc(unit_tree["office"], title="关于做好工作的通知",
                   body=f"加强政府信息公开。{filler}依法办理办事指南。", publish_date="2021-01-01")
    index_documents(document_ids=[apart.pk, run.pk])
    assert [h.document.pk for h in search("信息公开").hits] == [run.pk, apart.pk]
    assert [h.document.pk for h in search('"信息公开"').hits] == [run.pk]
    assert search("信息公开", filters=SearchFilters(unit=unit_tree["office"].pk)).count == 1
    assert [h.document.pk for h in search("信息公开", sort="date").hits] == [run.pk, apart.pk]
    assert sum(f.count for f in search("信息公开").facets["year"]) == 2
