"""`gongkai calendar load NOTICE.txt --year 2027 [--note "国办发明电〔2026〕N号"] [--dry-run]`:
read the State Council's holiday notice for a year chinesecalendar does not know yet and enter
its days off and 调休 working days; prints each day it read."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.domain.holidays import parse_holiday_notice
from gongkai.core.errors import CalendarError
from gongkai.core.services import calendar_year_load


class Command(BaseCommand):
    help = "录入某年的节假日安排：读取国务院办公厅节假日安排通知的正文"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="op", required=True)
        load = sub.add_parser("load", help="从通知正文（txt）录入一年的放假和调休上班日期")
        load.add_argument("file")
        load.add_argument("--year", type=int, required=True)
        load.add_argument("--note", default="", help="依据，如通知的文号")
        load.add_argument("--dry-run", action="store_true", help="只显示读到的日期，不录入")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"文件 “{path}” 无法读取: {exc}") from None
        try:
            entries = parse_holiday_notice(text, options["year"])
        except CalendarError as exc:
            raise CommandError(f"{path}: {exc}") from None
        for e in entries:
            kind = "上班" if e.is_workday else "放假"
            self.stdout.write(f"{e.date.isoformat()}\t{kind}\t{e.name}")
        off = sum(not e.is_workday for e in entries)
        self.stdout.write(f"合计：放假 {off} 天，调休上班 {len(entries) - off} 天")
        if options["dry_run"]:
            self.stdout.write("（试运行，未录入）")
            return
        calendar_year_load(year=options["year"], entries=entries, note=options["note"])
        self.stdout.write(f"{options['year']}年节假日安排已录入")
