"""Reads of the search app that are not queries: the health of the index."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Q, Subquery

from gongkai.documents.models import Document
from gongkai.search.models import SearchEntry


@dataclass
class IndexCheck:
    """What `gongkai reindex --check` reports. Every list holds document ids."""

    public: int = 0
    indexed: int = 0
    missing: list[int] = field(default_factory=list)  # public, not in the index
    orphaned: list[int] = field(default_factory=list)  # in the index, no longer public
    stale: list[int] = field(default_factory=list)  # changed after it was indexed
    pending: int = 0  # changes still in the outbox (documents.events)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.orphaned or self.stale or self.pending)

    def to_repair(self) -> list[int]:
        return sorted(set(self.missing) | set(self.orphaned) | set(self.stale))


def index_check(*, limit: int = 100_000) -> IndexCheck:
    """Compare the index with ``Document.objects.public()`` (set-based, three queries)."""
    from gongkai.documents.events import changes_pending

    public = Document.objects.public()
    entries = SearchEntry.objects.all()
    indexed_at = Subquery(SearchEntry.objects.filter(document_id=OuterRef("pk"))
                          .values("indexed_at")[:1])
    check = IndexCheck(public=public.count(), indexed=entries.count(), pending=changes_pending())
    check.missing = list(public.exclude(pk__in=entries.values("document_id"))
                         .order_by("pk").values_list("pk", flat=True)[:limit])
    check.orphaned = list(entries.exclude(document_id__in=public.values("pk"))
                          .order_by("document_id").values_list("document_id", flat=True)[:limit])
    check.stale = list(
        public.annotate(indexed_at=indexed_at)
        .filter(Q(indexed_at__isnull=False) & Q(updated_at__gt=F("indexed_at")))
        .order_by("pk").values_list("pk", flat=True)[:limit])
    return check
