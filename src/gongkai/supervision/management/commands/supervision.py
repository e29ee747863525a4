"""`gongkai supervision read FILE... [--json]`: the tasks a 分解方案's annex (DOCX / XLSX / text)
holds, one line (or JSON object) per task, nothing written.

`gongkai supervision import FILE --title T --year 2024 [--doc-number N] [--plan-due 2024-02-08]
[--first-quarter 1] [--shift next_workday] [--measured 3,5]`: the breakdown with its tasks and
rounds (the command line acts as the 督查室; an unknown unit refuses the whole import, naming the
task)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "读取或导入目标任务责任分解方案（附表 DOCX、XLSX 或文本）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["read", "import"])
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--title", default="")
        parser.add_argument("--year", type=int)
        parser.add_argument("--doc-number", default="")
        parser.add_argument("--plan-due", default="")
        parser.add_argument("--first-quarter", type=int, default=1, choices=[1, 2, 3, 4])
        parser.add_argument("--shift", default="keep", choices=["keep", "next_workday", "previous_workday"])
        parser.add_argument("--measured", default="", help="有量化目标的任务序号，逗号分隔")

    def handle(self, *args, **o):
        from gongkai.supervision.domain.breakdown import BreakdownError
        from gongkai.supervision.reading import tasks_read

        rows = []
        for name in o["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}：文件不存在")
            try:
                rows.extend(tasks_read(path.name, path.read_bytes()))
            except BreakdownError as exc:
                raise CommandError(f"{name}：{exc.message}") from None
        if o["action"] == "read":
            for r in rows:
                if o["json"]:
                    self.stdout.write(json.dumps({"code": r.code, "section": r.section, "title": r.title,
                                                  "target": r.target, "lead": r.lead, "units": r.units,
                                                  "deadline": r.deadline_text}, ensure_ascii=False))
                else:
                    self.stdout.write(f"{r.code}. {r.title}（牵头单位：{r.lead}"
                                      f"{'；责任单位：' + '、'.join(r.units) if r.units else ''}）")
            return
        self._import(rows, o)

    def _import(self, rows, o):
        from gongkai.core.errors import GongkaiError
        from gongkai.core.models import Unit
        from gongkai.supervision import services

        if not o["title"] or not o["year"]:
            raise CommandError("导入需要 --title 和 --year")
        try:
            plan_due = date.fromisoformat(o["plan_due"]) if o["plan_due"] else None
        except ValueError:
            raise CommandError(f"--plan-due：“{o['plan_due']}”不是有效日期") from None
        issuer = Unit.objects.filter(parent__isnull=True).first()
        try:
            breakdown = services.breakdown_import(
                title=o["title"], year=o["year"], issuer=issuer, tasks=rows, doc_number=o["doc_number"],
                plan_due=plan_due, first_quarter=o["first_quarter"], shift_rule=o["shift"],
                measured_codes=frozenset(c.strip() for c in o["measured"].split(",") if c.strip()), actor=None)
        except GongkaiError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已导入 {breakdown.title}：任务 {breakdown.tasks.count()} 项，"
                          f"报送轮次 {breakdown.rounds.count()} 个")
