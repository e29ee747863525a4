"""Reactions of the documents app to document changes (connected in DocumentsConfig.ready)."""

from __future__ import annotations

import logging

from gongkai.documents.domain.vocab import State
from gongkai.documents.events import Reason

logger = logging.getLogger(__name__)


def link_on_publish(sender, document_ids, reason, **kwargs) -> None:
    """A decision just went public: store what it amends, repeals, invalidates or replaces
    (and cites), so the next `gongkai lifecycle` applies it on its effective date.

    Only texts that change another document are linked here; plain citations of every
    document are linked in bulk by `gongkai relations --all` (for the conflicts report)."""
    if reason != Reason.PUBLISH:
        return
    from gongkai.documents.domain.relations import CHANGING_ACTIONS, references_extract
    from gongkai.documents.models import Document
    from gongkai.documents.relations import relations_extract_and_link

    for doc in Document.objects.filter(pk__in=document_ids, state=State.PUBLISHED.value, body__contains="《"):
        if not any(r.action in CHANGING_ACTIONS for r in references_extract(doc.body)):
            continue
        try:
            relations_extract_and_link(document=doc, actor=None)
        except Exception:  # the publication stands; `gongkai relations --link` can redo it
            logger.exception("linking relations of document %s failed", doc.pk)


def counts_on_change(sender, document_ids, reason, **kwargs) -> None:
    """Recount the public documents of the units whose documents changed (PublicCount). A
    deleted document has no row left to name its unit: every unit is recounted then."""
    if reason == Reason.RELATIONS:
        return
    from gongkai.documents.counts import public_counts_refresh
    from gongkai.documents.models import Document

    if reason == Reason.DELETE:
        public_counts_refresh()
        return
    units = set(Document.objects.filter(pk__in=list(document_ids)).order_by()
                .values_list("unit_id", flat=True).distinct())
    public_counts_refresh(unit_ids=units)
