"""`gongkai consultations read FILE... [--json]`: read 征求意见 notices, write nothing.

With ``--json`` each file gives one JSON object per line with exactly the keys
``file, draft_title, issuer, comment_start, comment_end, comment_days, channels,
reason_for_short_period, findings`` (ISO dates; null where the notice does not say;
``channels`` from the fixed list 网上, 信函, 电子邮件, 传真, 电话, 现场; ``findings`` a list of
``{"code", "message"}``). A file that cannot be read gives ``{"file": …, "error": …}``; the
other files are still read and the command exits with status 1 at the end.

`gongkai consultations tick` records openings and closings that are due (the phase itself is
computed from the dates, so pages are right even when the job has not run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

LABELS = (
    ("draft_title", "草案名称"),
    ("issuer", "发布机关"),
    ("comment_start", "征求意见开始"),
    ("comment_end", "征求意见截止"),
    ("comment_days", "征求意见天数"),
    ("channels", "意见提交途径"),
    ("reason_for_short_period", "缩短期限的理由"),
)


def _calendar():
    """The office's calendar when the database is there, else the package's own."""
    from gongkai.core.domain.workdays import WorkCalendar

    try:
        from gongkai.core.calendar import work_calendar

        return work_calendar()
    except Exception:  # no database yet (a fresh checkout): holidays from chinesecalendar
        return WorkCalendar()


def read_one(path: Path, calendar) -> dict:
    from gongkai.consultations.domain.notice import read_notice
    from gongkai.ingest.readers import ReaderError, read_path

    try:
        result = read_path(path)
    except ReaderError as exc:
        return {"file": str(path), "error": str(exc)}
    except OSError as exc:
        return {"file": str(path), "error": f"文件 “{path}” 无法读取: {exc.strerror}"}
    if not (result.text or "").strip():
        return {"file": str(path), "error": f"文件 “{path}” 没有可读的正文"}
    return read_notice(result.text, calendar=calendar).as_json(str(path))


class Command(BaseCommand):
    help = "征求意见：读取征求意见公告（read），按日期开启和结束征求意见（tick）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("read", help="读取征求意见公告，不写入任何数据")
        r.add_argument("files", nargs="+", metavar="FILE")
        r.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
        sub.add_parser("tick", help="记录到期的开启和结束（可每日定时运行）")

    def handle(self, *args, **options):
        if options["action"] == "read":
            self._read(options)
        elif options["action"] == "tick":
            from gongkai.consultations.services import consultations_tick

            opened, closed = consultations_tick()
            self.stdout.write(f"opened: {opened}, closed: {closed}")

    def _read(self, options):
        calendar = _calendar()
        failed = False
        for name in options["files"]:
            item = read_one(Path(name), calendar)
            failed = failed or "error" in item
            if options["json"]:
                self.stdout.write(json.dumps(item, ensure_ascii=False))
                continue
            self.stdout.write(f"== {item['file']}")
            if "error" in item:
                self.stdout.write(f"  错误: {item['error']}")
                continue
            for key, label in LABELS:
                value = item[key]
                if isinstance(value, list):
                    value = "、".join(value) if value else "-"
                self.stdout.write(f"  {label}: {value if value not in (None, '') else '-'}")
            for finding in item["findings"]:
                self.stdout.write(f"  问题: {finding['message']}")
        if failed:
            sys.stdout.flush()
            raise CommandError("部分文件无法读取", returncode=1)
