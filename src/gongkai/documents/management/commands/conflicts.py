"""`gongkai conflicts [--days N] [--today DATE] [--json]`: documents in force that cite a
repealed or expired document, and documents whose 有效期 ends within N days."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.documents.domain.dates import parse_date
from gongkai.documents.selectors import conflicts_report
from gongkai.documents.validity import LifecycleError


class Command(BaseCommand):
    help = "列出引用已废止/失效文件的现行文件，以及 N 天内到期的文件"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90, help="到期提醒天数（默认 90）")
        parser.add_argument("--today", help="按这一天计算（默认今天）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **opts):
        today = None
        if opts["today"]:
            today = parse_date(opts["today"])
            if today is None:
                raise CommandError(f"--today “{opts['today']}” 不是有效日期")
        try:
            report = conflicts_report(today=today, days=opts["days"])
        except LifecycleError as exc:
            raise CommandError(f"--days: {exc}") from exc
        if opts["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"引用已废止或失效文件的现行文件：{len(report.citing_dead)} 件")
        for c in report.citing_dead:
            self.stdout.write(f"  #{c.source.pk}《{c.source.title}》引用 #{c.target.pk}"
                              f"《{c.target.title}》（{c.target.validity}）")
        self.stdout.write(f"{report.days} 天内有效期届满的文件：{len(report.expiring)} 件")
        for d in report.expiring:
            self.stdout.write(f"  #{d.pk}《{d.title}》有效期至 {d.expiry_date.isoformat()}")
        self.stdout.write(f"待确认的修改、废止关系：{len(report.unconfirmed)} 条")
        for r in report.unconfirmed:
            self.stdout.write(f"  关系#{r.pk} #{r.source_id}《{r.source.title}》称"
                              f"{r.get_stated_action_display()}《{r.target.title}》：{r.link_label}")
        self.stdout.write(f"待完成的修改任务：{len(report.revision_tasks)} 件")
        for t in report.revision_tasks:
            late = "（已逾期）" if t.due_date < report.today else ""
            self.stdout.write(f"  #{t.document_id}《{t.document.title}》期限 {t.due_date.isoformat()}{late}")
