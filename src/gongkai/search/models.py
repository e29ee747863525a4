"""Models of the search app: one row per public document in the index (检索索引).

The text index itself is not a Django field: on SQLite it is the FTS5 table ``search_fts``
(rowid = document id), on PostgreSQL the ``vector`` tsvector column of this table with a RUM
or GIN index. Both are created by migration 0002 for the database in use. The columns here are
copies of the document's facet fields, so filtering and counting never join the documents.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Document


class SearchEntry(models.Model):
    document = models.OneToOneField(
        Document, primary_key=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("文件"),
    )
    unit_id = models.BigIntegerField(_("报送单位"), db_index=True)
    year = models.IntegerField(_("年份"), null=True, blank=True)
    level = models.CharField(_("效力等级"), max_length=20, blank=True)
    validity = models.CharField(_("时效性"), max_length=10, blank=True)
    category = models.CharField(_("主题分类"), max_length=200, blank=True)
    publish_date = models.DateField(_("公布日期"), null=True, blank=True)
    in_force = models.BooleanField(_("现行有效"), default=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        db_table = "search_entry"
        verbose_name = _("检索索引条目")
        verbose_name_plural = _("检索索引条目")
        indexes = [
            models.Index(fields=["-publish_date", "-document"], name="search_entry_date"),
        ]

    def __str__(self) -> str:
        return f"search entry {self.document_id}"
