"""Signals other apps listen to (documents sits below search, so it cannot call search).

document_changed(sender, document_ids: list[int], reason: str)
    sent on commit after a document was created, edited, changed state or 时效性.
"""

from django.dispatch import Signal

document_changed = Signal()
