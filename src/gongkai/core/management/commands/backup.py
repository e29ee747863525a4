"""`gongkai backup DIR`: the database, media files and secret key into a new folder, with a
manifest of checksums (docs/deploy.md: scheduling, off-site copies, testing a restore)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import BackupError, backup_create, backup_verify


class Command(BaseCommand):
    help = "备份数据库、附件和密钥到一个新目录（含校验清单）"

    def add_arguments(self, parser):
        parser.add_argument("dir", metavar="DIR")
        parser.add_argument("--verify", action="store_true",
                            help="只校验一个已有的备份目录，不备份")

    def handle(self, *args, **options):
        path = Path(options["dir"])
        if options["verify"]:
            check = backup_verify(path)
            if not check.ok:
                raise CommandError("校验未通过：\n" + "\n".join(check.problems))
            self.stdout.write(f"校验通过：{len(check.manifest['files'])} 个文件")
            return
        try:
            result = backup_create(path)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        counts = "，".join(f"{k} {v}" for k, v in result.manifest["counts"].items())
        self.stdout.write(f"已备份到 {result.path}：{result.files} 个文件，{result.bytes} 字节（{counts}）")
