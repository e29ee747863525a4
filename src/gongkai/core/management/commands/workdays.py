"""`gongkai workdays add 2026-09-25 20` / `gongkai workdays between A B`: a deadline
calculator people can check. The first line is the answer (ISO date / count); the lines after
it list the holidays and 调休 make-up working days it used."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.calendar import work_calendar
from gongkai.core.errors import CalendarError


def _parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{name}: “{value}” 不是有效日期，应为 YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "工作日计算：add 起始日 N（第N个工作日，起始日不计）；between A B（A之后至B的工作日数）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="op", required=True)
        add = sub.add_parser("add", help="起始日之后第N个工作日（起始日不计入）")
        add.add_argument("start")
        add.add_argument("n", type=int)
        between = sub.add_parser("between", help="A之后至B（含B）的工作日数")
        between.add_argument("a")
        between.add_argument("b")

    def handle(self, *args, **options):
        calendar = work_calendar()
        try:
            if options["op"] == "add":
                start = _parse_date(options["start"], "start")
                if options["n"] < 0:
                    raise CommandError("n: 工作日数不能为负")
                result = calendar.add_workdays(start, options["n"])
                self.stdout.write(result.date.isoformat())
                self.stdout.write(f"起始日 {start.isoformat()} 不计入，第 {options['n']} 个工作日")
            else:
                a = _parse_date(options["a"], "a")
                b = _parse_date(options["b"], "b")
                result = calendar.workdays_between(a, b)
                self.stdout.write(str(result.count))
                self.stdout.write(f"{a.isoformat()} 之后至 {b.isoformat()}（含）的工作日数")
        except CalendarError as exc:
            raise CommandError(str(exc)) from None
        weekends = [d for d in result.skipped if d.kind == "weekend"]
        for day in result.holidays:
            self.stdout.write(f"节假日 {day}")
        for day in result.makeup:
            self.stdout.write(f"调休上班 {day}")
        self.stdout.write(f"跳过周末 {len(weekends)} 天")
