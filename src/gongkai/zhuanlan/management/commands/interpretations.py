"""`gongkai interpretations`: list the 解读 that interpret nothing, or link them (--link).

A 解读 imported before its document stays unlinked until the document arrives; `--link` runs
the same matcher as the import over every unlinked 解读 (of one unit with --unit) and links
those that name exactly one document. Output: one line per 解读, then the totals."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.selectors import unit_find
from gongkai.documents.interpretations import (
    interpretation_autolink,
    interpretation_choice,
    interpretations_unlinked,
)


class Command(BaseCommand):
    help = "列出未关联的政策解读；--link 自动关联能唯一确定所解读文件的"

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="单位名称（全称、简称均可）")
        parser.add_argument("--link", action="store_true", help="自动关联能唯一确定的解读")

    def handle(self, *args, unit=None, link=False, **options):
        unit_ids = None
        if unit:
            found = unit_find(unit)
            if found is None:
                raise CommandError(f"单位 “{unit}” 不存在")
            unit_ids = [found.pk]
        linked = pending = 0
        for doc in interpretations_unlinked(unit_ids):
            if link:
                choice = interpretation_autolink(doc)
            else:
                choice = interpretation_choice(title=doc.title, body=doc.body,
                                               unit_id=doc.unit_id, self_id=doc.pk)
            if link and choice is not None and choice.status == "linked":
                linked += 1
                self.stdout.write(f"已关联 #{doc.pk}《{doc.title}》→ #{choice.document_id}")
            else:
                pending += 1
                reason = ("可唯一确定，使用 --link 关联" if choice and choice.status == "linked"
                          else choice.reason if choice else "")
                self.stdout.write(f"待关联 #{doc.pk}《{doc.title}》：{reason}")
        self.stdout.write(f"共关联 {linked} 件，待人工选择 {pending} 件")
