"""Signals other apps listen to (documents sits below search, so it cannot call search).

document_changed(sender, document_ids: list[int], reason: str)
    sent on commit by ``documents.events.announce`` (the only sender) after a document was
    created, edited, changed state, 时效性 or relations; ``reason`` is a ``events.Reason``
    value. Receivers must be idempotent: a change is sent again after a failure.
"""

from django.dispatch import Signal

document_changed = Signal()
