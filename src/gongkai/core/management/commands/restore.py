"""`gongkai restore DIR [--force]`: verify a backup's checksums, then restore it into the
configured database, MEDIA_ROOT and data directory. Refuses a backup that does not verify, and
a database that already holds data unless --force."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "从备份目录恢复（先校验；校验不通过则拒绝恢复）"

    def add_arguments(self, parser):
        parser.add_argument("dir", metavar="DIR")
        parser.add_argument("--force", action="store_true", help="覆盖已有数据")

    def handle(self, *args, **options):
        try:
            report = backup_restore(Path(options["dir"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        # A backup from an older version: bring its schema up to this code.
        call_command("migrate", interactive=False, verbosity=0)
        expected, got = report["counts_expected"], report["counts"]
        for name in expected:
            mark = "" if expected[name] == got.get(name) else "  ← 不一致"
            self.stdout.write(f"{name}\t{got.get(name)}（备份时 {expected[name]}）{mark}")
        self.stdout.write(f"已恢复（备份时间 {report['created_at']}）；{report['secret_key']}")
        if any(expected[n] != got.get(n) for n in expected):
            raise CommandError("恢复后的数据与备份清单不一致")
