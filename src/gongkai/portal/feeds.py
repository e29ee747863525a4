"""Atom feeds of the library: every new document, and per unit."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.core.models import Unit
from gongkai.portal import selectors


def _as_datetime(document):
    if document.published_at:
        return document.published_at
    if document.publish_date:
        return timezone.make_aware(datetime.combine(document.publish_date, time.min))
    return document.created_at


class DocumentsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("政策文件库：最新文件")

    def subtitle(self):
        return _("新发布的政府信息公开文件")

    def link(self):
        return reverse("portal:home")

    def items(self):
        return selectors.feed_documents()

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        parts = [item.unit.full_name]
        if item.doc_number:
            parts.append(item.doc_number)
        if item.publish_date:
            parts.append(_("公布日期：%(date)s") % {"date": item.publish_date.isoformat()})
        if item.validity:
            parts.append(item.validity)
        return "；".join(parts)

    def item_pubdate(self, item):
        return _as_datetime(item)

    def item_updateddate(self, item):
        return item.updated_at or _as_datetime(item)

    def item_author_name(self, item):
        return item.unit.full_name

    def item_categories(self, item):
        return [c for c in (item.level, item.category) if c]


class UnitDocumentsFeed(DocumentsFeed):
    def get_object(self, request, unit_id: int):
        return get_object_or_404(Unit, pk=unit_id, is_active=True)

    def title(self, obj):
        return _("%(unit)s：最新文件") % {"unit": obj.full_name}

    def subtitle(self, obj):
        return _("%(unit)s 新发布的政府信息公开文件") % {"unit": obj.full_name}

    def link(self, obj):
        return reverse("portal:catalogue_unit", args=[obj.pk])

    def items(self, obj):
        return selectors.feed_documents(unit=obj)
