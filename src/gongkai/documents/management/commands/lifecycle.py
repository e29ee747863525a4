"""`gongkai lifecycle [--today DATE] [--json]`: apply every 时效性 transition due up to today.

Safe to run from cron, as often as wanted: a second run changes nothing, and two runs at once
apply each change once (row locks and conditional updates in documents.lifecycle).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.documents.domain.dates import parse_date
from gongkai.documents.validity import lifecycle_apply_due


class Command(BaseCommand):
    help = "执行到期的时效性变化（施行、修改、废止、有效期届满）；可重复运行"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按这一天计算（默认今天），如 2024-07-01")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **opts):
        today = None
        if opts["today"]:
            today = parse_date(opts["today"])
            if today is None:
                raise CommandError(f"--today “{opts['today']}” 不是有效日期")
        report = lifecycle_apply_due(today=today)
        if opts["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
            return
        for c in report.changes:
            self.stdout.write(f"{c.date.isoformat()}  #{c.document_id}《{c.title}》 "
                              f"{c.from_validity or '—'} → {c.to_validity}（{c.cause}）")
        for line in report.skipped:
            self.stdout.write(f"跳过：{line}")
        self.stdout.write(f"截至 {report.today.isoformat()}：时效性变化 {len(report.changes)} 件，"
                          f"执行决定 {report.relations_applied} 条，新关联 {report.relations_resolved} 条")
