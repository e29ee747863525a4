"""Reads and visibility of documents: one rule, used by every page, feed, API, export and
the search indexer."""

from __future__ import annotations

from django.db import models


class DocumentQuerySet(models.QuerySet):
    def public(self) -> DocumentQuerySet:
        """What anyone may see: published, and not 不予公开."""
        return self.filter(state="published").exclude(disclosure="不予公开")

    def visible_to(self, user) -> DocumentQuerySet:
        """The one visibility rule (DESIGN §2).

        Anonymous / no unit: public documents only. Staff of a unit: public documents plus
        everything of their own unit. Office (公开办) staff: also every unit below theirs.
        Admins and superusers: everything.
        """
        from gongkai.core.selectors import unit_scope_ids

        if user is None or not getattr(user, "is_authenticated", False):
            return self.public()
        if user.is_superuser or user.has_role("admin"):
            return self.all()
        scope = unit_scope_ids(user)
        if not scope:
            return self.public()
        public = models.Q(state="published") & ~models.Q(disclosure="不予公开")
        return self.filter(public | models.Q(unit_id__in=scope))

    def in_force(self) -> DocumentQuerySet:
        return self.filter(validity__in=["现行有效", "已被修改", "部分失效"])
