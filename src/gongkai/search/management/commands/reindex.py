"""`gongkai reindex`: rebuild the search index from the public documents."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.search.services import reindex_all


class Command(BaseCommand):
    help = "重建全文检索索引（只收录公开文件），输出文件数和耗时"

    def handle(self, *args, **options):
        result = reindex_all()
        self.stdout.write(
            f"已索引 {result.count} 件文件，用时 {result.seconds:.2f} 秒（{result.backend}）\n"
            f"indexed {result.count} documents in {result.seconds:.2f} s ({result.backend})"
        )
