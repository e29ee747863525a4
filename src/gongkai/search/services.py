"""Writes of the search index (检索索引). The query side lives in ``search.selectors``
(``search``, ``SearchFilters``, ``SearchPage`` … are imported here too, for older callers).

Writes: ``index_documents`` (called on commit through ``document_changed``) and
``reindex_all`` (``gongkai reindex``). The index is derived data rebuilt from the documents, so
per-document index updates write no audit record (the document write that caused them did);
a full rebuild, an operator action, is audited.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from gongkai.documents.domain.vocab import IN_FORCE
from gongkai.documents.models import Document
from gongkai.search import tantivy_engine
from gongkai.search.backends import Row, backend_for
from gongkai.search.domain.indexing import index_text
from gongkai.search.domain.substring import key as substring_key
from gongkai.search.selectors import (  # noqa: F401 - the query side, for older imports
    COMMON_MIN_MATCHES,
    FACET_KEYS,
    MAX_PAGE_SIZE,
    SORTS,
    Facet,
    Hit,
    SearchError,
    SearchFilters,
    SearchPage,
    raw_query,
    search,
)

logger = logging.getLogger(__name__)

__all__ = [
    "COMMON_MIN_MATCHES", "FACET_KEYS", "MAX_PAGE_SIZE", "SORTS", "Facet", "Hit", "ReindexResult",
    "SearchError", "SearchFilters", "SearchPage", "index_documents", "on_document_changed",
    "raw_query", "reindex_all", "search",
]

CHUNK = 500


@dataclass(frozen=True)
class ReindexResult:
    count: int
    seconds: float
    backend: str


# --- writes ----------------------------------------------------------------------------------

_INDEX_FIELDS = ("id", "unit_id", "title", "doc_number", "body", "publish_date", "written_date",
                 "doc_year", "level", "validity", "category")


def _rows(values: Iterable[tuple]) -> list[Row]:
    vectors = connection.vendor == "postgresql" and not tantivy_engine.enabled()
    rows = []
    for (doc_id, unit_id, title, doc_number, body, publish_date, written_date, doc_year, level,
         validity, category) in values:
        text = index_text(title=title or "", doc_number=doc_number or "", body=body or "")
        t, n, b = text.joined()
        year = (publish_date.year if publish_date else None) or doc_year or (
            written_date.year if written_date else None)
        rows.append(Row(
            document_id=doc_id, unit_id=unit_id, year=year, level=level or "",
            validity=validity or "", category=category or "", publish_date=publish_date,
            in_force=validity in IN_FORCE, title=t, number=n, body=b,
            tsvector=text.tsvector() if vectors else "",
            title_key=substring_key(title or ""), number_key=substring_key(doc_number or ""),
            title_tsvector=text.title_tsvector() if vectors else "",
        ))
    return rows


def index_documents(*, document_ids: Iterable[int]) -> int:
    """Bring the index in line with these documents: (re)index the public ones, remove the rest.
    Returns how many are in the index afterwards."""
    ids = sorted({int(i) for i in document_ids})
    if not ids:
        return 0
    if tantivy_engine.enabled():
        return _tantivy_index(ids)
    backend = backend_for(connection)
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = _rows(Document.objects.public().current_versions().filter(pk__in=chunk)
                     .values_list(*_INDEX_FIELDS))
        with transaction.atomic(), connection.cursor() as cur:
            backend.delete(cur, chunk)
            if rows:
                backend.write(cur, rows, timezone.now())
        written += len(rows)
    return written


def _tantivy_index(ids: list[int]) -> int:
    """index_documents on the tantivy engine: one commit per chunk (under its write lock)."""
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = _rows(Document.objects.public().current_versions().filter(pk__in=chunk)
                     .values_list(*_INDEX_FIELDS))
        tantivy_engine.replace(chunk, rows, timezone.now())
        written += len(rows)
    return written


def _tantivy_reindex(actor, chunk: int, progress) -> ReindexResult:
    """reindex_all on the tantivy engine: the new index is committed once, at the end (readers
    keep the old one until then); the rebuild is audited like the database's."""
    from gongkai.core.services import audit_record

    started = time.perf_counter()
    ids = list(Document.objects.public().current_versions().order_by("id")
               .values_list("id", flat=True))

    def chunks():
        done = 0
        for start in range(0, len(ids), chunk):
            rows = _rows(Document.objects.filter(pk__in=ids[start:start + chunk])
                         .values_list(*_INDEX_FIELDS))
            done += len(rows)
            yield rows
            if progress:
                progress(done, len(ids))

    count = tantivy_engine.rebuild(chunks(), timezone.now())
    seconds = time.perf_counter() - started
    with transaction.atomic():
        audit_record(actor=actor, action="search_reindex", target="search_index",
                     data={"count": count, "seconds": round(seconds, 3), "backend": tantivy_engine.KIND})
    return ReindexResult(count, seconds, tantivy_engine.KIND)


def reindex_all(*, actor=None, chunk: int = CHUNK, progress=None) -> ReindexResult:
    """Rebuild the whole index from ``Document.objects.public()`` in one transaction."""
    from gongkai.core.services import audit_record

    if tantivy_engine.enabled():
        return _tantivy_reindex(actor, chunk, progress)
    started = time.perf_counter()
    backend = backend_for(connection)
    count = 0
    with transaction.atomic():
        with connection.cursor() as cur:
            backend.clear(cur)
            backend.bulk_begin(cur)
        ids = list(Document.objects.public().current_versions().order_by("id")
                   .values_list("id", flat=True))
        now = timezone.now()
        for start in range(0, len(ids), chunk):
            part = ids[start:start + chunk]
            rows = _rows(Document.objects.filter(pk__in=part).values_list(*_INDEX_FIELDS))
            with connection.cursor() as cur:
                backend.write(cur, rows, now)
            count += len(rows)
            if progress:
                progress(count, len(ids))
        with connection.cursor() as cur:
            backend.bulk_end(cur)
        seconds = time.perf_counter() - started
        audit_record(actor=actor, action="search_reindex", target="search_index",
                     data={"count": count, "seconds": round(seconds, 3),
                           "backend": backend.index_kind(connection)})
    with connection.cursor() as cur:
        backend.optimize(cur)
    return ReindexResult(count, time.perf_counter() - started, backend.index_kind(connection))


def on_document_changed(sender, document_ids=(), reason: str = "", **kwargs) -> None:
    """Receiver of documents.signals.document_changed (sent on commit by ``announce``).

    Relations are not in the index, so their changes are skipped. An error propagates: the
    sender keeps the change in the outbox and ``changes_drain`` retries it."""
    from gongkai.documents.events import Reason

    if reason == Reason.RELATIONS:
        return
    index_documents(document_ids=document_ids)
