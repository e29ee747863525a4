"""Public document counts per unit and 时效性 (``PublicCount``), kept current on every change.

The counts are recounted, never incremented: a refresh reads the units' rows from the
`document_public_counts` index and writes the result, so running it twice, late or for a unit
that did not change gives the same table (receivers are idempotent, ADR 0005)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count

from gongkai.documents.models import Document, PublicCount


def public_counts_refresh(*, unit_ids: Iterable[int] | None = None) -> int:
    """Recount the public documents of these units (all units when None). Returns the number
    of (unit, 时效性) rows written."""
    from gongkai.core.models import Unit

    ids = sorted(set(unit_ids)) if unit_ids is not None else None
    if ids is not None and not ids:
        return 0
    public = Document.objects.public().current_versions().order_by()
    if ids is not None:
        public = public.filter(unit_id__in=ids)
    rows = [PublicCount(unit_id=u, validity=v, count=n) for u, v, n in
            public.values_list("unit_id", "validity").annotate(n=Count("unit_id"))]
    with transaction.atomic():
        stale = PublicCount.objects.all() if ids is None else PublicCount.objects.filter(
            unit_id__in=ids)
        stale.delete()
        if ids is None:
            known = set(Unit.objects.values_list("pk", flat=True))
            rows = [r for r in rows if r.unit_id in known]
        PublicCount.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
