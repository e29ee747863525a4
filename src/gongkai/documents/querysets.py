"""Reads and visibility of documents: one rule, used by every page, feed, API, export and
the search indexer."""

from __future__ import annotations

from django.db import models

from gongkai.documents.domain.vocab import IN_FORCE, Disclosure, State


def public_q() -> models.Q:
    """The visibility rule for the public, as a query expression (matches ``is_public``)."""
    return models.Q(state=State.PUBLISHED.value) & ~models.Q(disclosure=Disclosure.WITHHELD.value)


def is_public(document) -> bool:
    """The visibility rule for the public, as a predicate (matches ``public_q``)."""
    return (document.state == State.PUBLISHED.value
            and document.disclosure != Disclosure.WITHHELD.value)


class DocumentQuerySet(models.QuerySet):
    def public(self) -> DocumentQuerySet:
        """What anyone may see: published, and not 不予公开."""
        return self.filter(public_q())

    def visible_to(self, user) -> DocumentQuerySet:
        """The one visibility rule (DESIGN §2).

        Anonymous / no unit: public documents only. Staff of a unit: public documents plus
        everything of their own unit. Office (公开办) staff: also every unit below theirs.
        Admins and superusers: everything.
        """
        from gongkai.core import access

        if not access.is_active(user):
            return self.public()
        if access.is_admin(user):
            return self.all()
        scope = access.scope_ids(user)
        if not scope:
            return self.public()
        return self.filter(public_q() | models.Q(unit_id__in=scope))

    def current_versions(self) -> DocumentQuerySet:
        """One document per work: its current version (the library and search default)."""
        return self.filter(is_current_version=True)

    def in_force(self) -> DocumentQuerySet:
        return self.filter(validity__in=[v.value for v in IN_FORCE])
