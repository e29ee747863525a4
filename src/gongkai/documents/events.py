"""The one path for "a document changed" (ADR 0011).

Every service that changes a document calls ``announce(ids, Reason.X)`` inside its transaction.
``announce`` writes the change to the durable outbox (``PendingChange``) in that transaction and,
on commit, sends ``documents.signals.document_changed(document_ids, reason)`` once; receivers live
in the app that owns the reaction (search indexes, documents links the relations of what was
published). When every receiver succeeded the outbox rows are deleted; otherwise they stay and
``changes_drain()`` sends them again later (import and reindex runs, the periodic job), so a
document can never be public without being searchable, even after ``kill -9``.

Inside ``announcements_batched()`` (bulk imports) the signals are collected and sent once per
reason at the end, so listeners work set-based on one list of ids; announcements are coalesced
per document there: a CREATE or UPDATE (or REINDEX) of a document that has a more specific reason
in the same batch (a PUBLISH, say) is folded into it, so an imported and published document
reaches the search index once, not once per announcement (ADR 0011).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum

from django.db import transaction

from gongkai.documents.signals import document_changed

logger = logging.getLogger(__name__)


class Reason(StrEnum):
    CREATE = "create"  # 登记 / 导入
    UPDATE = "update"  # 修改文章属性
    REVIEW = "review"  # a review step other than publishing (报送, 退回, 不予公开, 撤回, 重新办理 …)
    PUBLISH = "publish"  # 发布 (through review or directly)
    VALIDITY = "validity"  # 时效性 event
    RELATIONS = "relations"  # relations linked or resolved (not in the search index)
    DELETE = "delete"
    REINDEX = "reindex"  # repair: the index entry is missing or stale


# Reasons that say no more than "the row changed": in a batch they are folded into any other
# (not RELATIONS) reason of the same document, whose receivers reread the row anyway.
GENERIC_REASONS = frozenset({Reason.CREATE, Reason.UPDATE, Reason.REINDEX})

_batch: ContextVar[dict[Reason, list[int]] | None] = ContextVar("document_announce_batch",
                                                                default=None)


def _record(ids: list[int], reason: Reason) -> list[int]:
    from gongkai.documents.models import PendingChange

    rows = PendingChange.objects.bulk_create(
        [PendingChange(document_id=i, reason=reason.value) for i in ids])
    return [r.pk for r in rows if r.pk is not None] or list(
        PendingChange.objects.filter(document_id__in=ids, reason=reason.value)
        .values_list("pk", flat=True))


def _dispatch(ids: list[int], reason: Reason, outbox_ids: list[int] | None) -> bool:
    """Send the signal; delete the outbox rows when every receiver succeeded."""
    from gongkai.documents.models import Document, PendingChange

    failed = False
    for receiver, result in document_changed.send_robust(sender=Document, document_ids=ids,
                                                         reason=reason.value):
        if isinstance(result, Exception):
            failed = True
            logger.error("document_changed receiver %s failed for %s (%s): %r; the change stays "
                         "in the outbox", getattr(receiver, "__qualname__", receiver), reason,
                         ids[:20], result, exc_info=result)
    if not failed:
        qs = (PendingChange.objects.filter(pk__in=outbox_ids) if outbox_ids is not None
              else PendingChange.objects.filter(document_id__in=ids, reason=reason.value))
        qs.delete()
    return not failed


def announce(document_ids: Iterable[int], reason: Reason | str) -> None:
    """Record that these documents changed; listeners run once the transaction commits."""
    reason = Reason(reason)
    ids = sorted({int(i) for i in document_ids if i is not None})
    if not ids:
        return
    outbox_ids = _record(ids, reason)
    pending = _batch.get()
    if pending is not None:
        pending.setdefault(reason, []).extend(ids)
        return
    transaction.on_commit(lambda: _dispatch(ids, reason, outbox_ids))


@contextmanager
def announcements_batched() -> Iterator[None]:
    """Collect announcements and send them once, at the end, per reason (bulk imports).

    Per document, the generic reasons (CREATE, UPDATE, REINDEX) are dropped when the document
    has a specific one in the batch (PUBLISH, REVIEW, VALIDITY, DELETE): every receiver rereads
    the row, so one signal carries both; their outbox rows are deleted with it.

    Use it outside any transaction (or around the one transaction of a chunk) so that every
    document's transaction has committed when the listeners run; a change that was committed
    but not sent (the process died) is in the outbox and the next ``changes_drain()`` sends it."""
    token = _batch.set({})
    try:
        yield
    finally:
        pending = _batch.get() or {}
        _batch.reset(token)
        if pending:
            groups, folded = coalesce(pending)
            transaction.on_commit(lambda: _dispatch_batch(groups, folded))


def coalesce(pending: dict[Reason, list[int]]) -> tuple[dict[Reason, list[int]],
                                                        dict[Reason, list[int]]]:
    """(what to send per reason, the generic announcements folded into another reason)."""
    specific: set[int] = set()
    for reason, ids in pending.items():
        if reason not in GENERIC_REASONS and reason != Reason.RELATIONS:
            specific.update(ids)
    groups: dict[Reason, list[int]] = {}
    folded: dict[Reason, list[int]] = {}
    for reason, ids in pending.items():
        unique = sorted(set(ids))
        if reason in GENERIC_REASONS:
            keep = [i for i in unique if i not in specific]
            dropped = [i for i in unique if i in specific]
            if dropped:
                folded[reason] = dropped
            unique = keep
        if unique:
            groups[reason] = unique
    return groups, folded


def _dispatch_batch(groups: dict[Reason, list[int]], folded: dict[Reason, list[int]]) -> None:
    failed: set[int] = set()
    for reason, ids in groups.items():
        if not _dispatch(ids, reason, None):
            failed.update(ids)
    if folded:
        from gongkai.documents.models import PendingChange

        for reason, ids in folded.items():
            done = [i for i in ids if i not in failed]
            if done:
                PendingChange.objects.filter(document_id__in=done, reason=reason.value).delete()


def changes_pending() -> int:
    from gongkai.documents.models import PendingChange

    return PendingChange.objects.count()


def changes_drain(*, chunk: int = 2000) -> int:
    """Send every change still in the outbox (left by a killed run or a failed listener).

    Returns the number of outbox rows handled. Safe to run at any time and concurrently with
    live changes: the listeners are idempotent."""
    from gongkai.documents.models import PendingChange

    handled = 0
    last_id = 0
    while True:
        rows = list(PendingChange.objects.filter(pk__gt=last_id).order_by("pk")
                    .values_list("pk", "document_id", "reason")[:chunk])
        if not rows:
            return handled
        last_id = rows[-1][0]
        groups: dict[Reason, tuple[set[int], list[int]]] = {}
        for pk, document_id, reason in rows:
            try:
                key = Reason(reason)
            except ValueError:
                key = Reason.REINDEX
            ids, pks = groups.setdefault(key, (set(), []))
            ids.add(document_id)
            pks.append(pk)
        for reason, (ids, pks) in groups.items():
            _dispatch(sorted(ids), reason, pks)
        handled += len(rows)
