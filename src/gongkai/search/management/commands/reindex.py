"""`gongkai reindex`: rebuild the search index from the public documents.

``--check`` reports documents whose index entry is missing, orphaned or stale (and changes still
in the outbox) and exits 1 when there are any; ``--repair`` sends the outbox and reindexes
exactly those documents instead of rebuilding everything."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from gongkai.documents.events import changes_drain
from gongkai.search.selectors import index_check
from gongkai.search.services import index_documents, reindex_all


class Command(BaseCommand):
    help = "重建全文检索索引（只收录公开文件）；--check 检查缺失或过期的索引条目，--repair 只修复这些条目"

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--check", action="store_true", help="只检查，不修改；有问题时退出码为 1")
        group.add_argument("--repair", action="store_true", help="发送待处理的变更并修复有问题的条目")

    def handle(self, *args, **options):
        if options["check"]:
            check = index_check()
            self.stdout.write(
                f"公开文件 {check.public} 件，索引条目 {check.indexed} 条；"
                f"缺失 {len(check.missing)}，多余 {len(check.orphaned)}，过期 {len(check.stale)}，"
                f"待处理变更 {check.pending}")
            for label, ids in (("缺失", check.missing), ("多余", check.orphaned),
                               ("过期", check.stale)):
                if ids:
                    shown = "、".join(f"#{i}" for i in ids[:50])
                    self.stdout.write(f"{label}：{shown}{' …' if len(ids) > 50 else ''}")
            if not check.ok:
                sys.exit(1)
            return
        if options["repair"]:
            drained = changes_drain()
            ids = index_check().to_repair()
            index_documents(document_ids=ids)
            self.stdout.write(f"已发送待处理变更 {drained} 条，修复索引条目 {len(ids)} 条")
            return
        changes_drain()  # the outbox is empty afterwards; the rebuild covers every document
        result = reindex_all()
        self.stdout.write(
            f"已索引 {result.count} 件文件，用时 {result.seconds:.2f} 秒（{result.backend}）\n"
            f"indexed {result.count} documents in {result.seconds:.2f} s ({result.backend})"
        )
