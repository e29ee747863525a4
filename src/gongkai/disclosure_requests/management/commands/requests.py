"""`gongkai requests deadline --received 2026-09-25 [--extend 20] [--correction-sent DATE
--correction-received DATE] [--pause FROM TO]…`: the answer deadline as a calculator anyone can
check. The first line is `due: YYYY-MM-DD` (or `due: -` while the clock is stopped), then one
line per step of the reckoning with the holidays it skipped."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.calendar import work_calendar
from gongkai.core.errors import GongkaiError
from gongkai.disclosure_requests.domain.deadline import Pause, PauseKind, Timeline, reckon


def _date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: 日期格式应为 YYYY-MM-DD，收到 {value!r}") from None


class Command(BaseCommand):
    help = "依申请公开：计算答复期限（第三十条至第三十四条）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        d = sub.add_parser("deadline", help="计算答复期限并列出每一步")
        d.add_argument("--received", required=True, help="收到申请之日 YYYY-MM-DD")
        d.add_argument("--extend", type=int, default=0, help="延长的工作日数（最多20）")
        d.add_argument("--correction-sent", dest="correction_sent", help="补正通知发出日")
        d.add_argument("--correction-received", dest="correction_received", help="收到补正日")
        d.add_argument("--pause", nargs=2, action="append", default=[], metavar=("FROM", "TO"),
                       help="暂停计时（含首尾两日），可重复")
        d.add_argument("--co-handling", dest="co_handling", action="store_true",
                       help="暂停按征求其他机关意见（第三十四条）记，默认征求第三方意见（第三十二条）")

        p = sub.add_parser("purge", help="匿名化已办结且超过保存期限的申请人个人信息")
        p.add_argument("--days", type=int, default=None,
                       help="保存期限（天），默认取 REQUEST_RETENTION_DAYS")
        p.add_argument("--dry-run", dest="dry_run", action="store_true", help="只列出，不修改")
        e = sub.add_parser("export", help="导出申请人本人的申请数据（JSON，记入审计日志）")
        e.add_argument("--token", required=True, help="申请的查询凭证（查询页网址中的一段）")

    def handle(self, *args, **options):
        if options["action"] == "deadline":
            self._deadline(options)
        elif options["action"] == "purge":
            self._purge(options)
        elif options["action"] == "export":
            self._export(options)

    def _purge(self, o):
        from django.conf import settings
        from django.utils import timezone

        from gongkai.disclosure_requests.services import requests_anonymise_expired

        days = settings.REQUEST_RETENTION_DAYS if o["days"] is None else o["days"]
        if days < 0:
            raise CommandError("--days 不能为负数")
        numbers = requests_anonymise_expired(today=timezone.localdate(), retention_days=days,
                                             dry_run=o["dry_run"])
        verb = "将匿名化" if o["dry_run"] else "已匿名化"
        for number in numbers:
            self.stdout.write(f"{verb}\t{number}")
        self.stdout.write(f"保存期限 {days} 天：{verb} {len(numbers)} 件申请的申请人信息")

    def _export(self, o):
        import json

        from gongkai.disclosure_requests.domain.errors import RequestError
        from gongkai.disclosure_requests.services import request_export_own_data

        try:
            data = request_export_own_data(token=o["token"], address="命令行")
        except RequestError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _deadline(self, o):
        if o.get("correction_received") and not o.get("correction_sent"):
            raise CommandError("--correction-received 需要同时给出 --correction-sent")
        kind = PauseKind.CO_HANDLING if o.get("co_handling") else PauseKind.THIRD_PARTY
        timeline = Timeline(
            received=_date(o["received"], "--received"),
            correction_sent=_date(o["correction_sent"], "--correction-sent") if o.get("correction_sent") else None,
            correction_received=(
                _date(o["correction_received"], "--correction-received") if o.get("correction_received") else None
            ),
            extension_days=o["extend"] or 0,
            pauses=tuple(Pause(_date(a, "--pause"), _date(b, "--pause"), kind) for a, b in o["pause"]),
        )
        try:
            result = reckon(timeline, work_calendar())
        except GongkaiError as exc:
            option = {"extend": "--extend", "correction_sent": "--correction-sent",
                      "correction_received": "--correction-received", "pause": "--pause"}.get(exc.field or "", "")
            raise CommandError(f"{option + ': ' if option else ''}{exc.message}") from exc
        self.stdout.write(f"due: {result.due.isoformat() if result.due else '-'}")
        for i, step in enumerate(result.steps, 1):
            self.stdout.write(f"{i}. [{step.article}] {step.text}")
