"""`gongkai import PATH... --unit NAME [--publish]`: import files, folders and .zip archives.

Each document is imported whole or not at all; re-running the same import creates no
duplicates. Prints one line per file (imported / duplicate / failed with the reason) and a
total; exits 1 when any file failed.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.selectors import unit_find
from gongkai.documents.events import changes_drain
from gongkai.ingest.services import (
    IMPORT_CHUNK,
    ImportOutcome,
    document_import,
    import_chunk,
    import_run,
)

BATCH = IMPORT_CHUNK
STATUS_LABELS = {"imported": "已导入", "duplicate": "重复", "failed": "失败", "skipped": "跳过"}


MAX_ZIP_DEPTH = 3  # a zip inside a zip inside a zip; each is checked whole when opened
JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}


def _walk(root: Path):
    """(path, link target or None) for every file under ``root``, sorted; links are reported,
    never followed (a link to /etc/passwd must not become a public document)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = here / name
            if path.is_symlink():
                yield path, os.readlink(path)
            elif name in filenames:
                yield path, None


def _link_refusal(path: Path, target: str, root: Path) -> str:
    resolved = (path.parent / target).resolve()
    if resolved != root and root not in resolved.parents:
        return f"“{path}” 是指向导入目录之外（{target}）的符号链接，拒绝导入"
    return f"“{path}” 是符号链接（指向 {target}），导入不跟随链接；请直接导入原文件"


def _zip_inputs(data: bytes, label: str, limits, depth: int = 1):
    from gongkai.ingest.readers import ReaderError, read_zip

    count = 0
    try:
        # Checked whole when opened; members are inflated one at a time.
        for member, member_data in read_zip(data, label, limits=limits):
            count += 1
            name = f"{label}!{member}"
            if member.lower().endswith(".zip"):
                if depth >= MAX_ZIP_DEPTH:
                    yield name, f"“{name}” 嵌套压缩包超过 {MAX_ZIP_DEPTH} 层，拒绝导入"
                else:
                    yield from _zip_inputs(member_data, name, limits, depth + 1)
                continue
            yield name, member_data
    except ReaderError as exc:
        yield label, str(exc)
        return
    if count == 0:
        yield label, f"压缩包 “{label}” 中没有任何文件"


def _iter_inputs(paths: list[str]):
    """Yield (display name, bytes or an error message or SKIPPED) for every file under the
    paths: each one gets a line of the report, none is dropped in silence."""
    from gongkai.ingest.services import read_limits

    limits = read_limits()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield raw, f"文件 “{raw}” 不存在"
            continue
        if path.is_dir():
            root = path.resolve()
            entries = list(_walk(path))
        else:
            root, entries = path.resolve().parent, [(path, None)]
        for file, link in entries:
            if link is not None:
                yield str(file), _link_refusal(file, link, root)
                continue
            if file.name.lower() in JUNK_NAMES or file.name.startswith("._"):
                yield str(file), SKIPPED
                continue
            suffix = file.suffix.lower()
            try:
                size = file.stat().st_size
            except OSError as exc:
                yield str(file), f"文件 “{file}” 无法读取: {exc}"
                continue
            limit = settings.IMPORT_MAX_ZIP_TOTAL_BYTES if suffix == ".zip" else settings.IMPORT_MAX_FILE_BYTES
            if size > limit:
                yield str(file), (f"文件 “{file}” 过大（{size} 字节，上限 "
                                  f"{limit} 字节）")
                continue
            data = file.read_bytes()
            if suffix == ".zip":
                yield from _zip_inputs(data, str(file), limits)
                continue
            yield str(file), data


SKIPPED = object()  # operating-system clutter (.DS_Store, Thumbs.db): a line, not a failure


class Command(BaseCommand):
    help = "导入文件（txt/md/html/docx/pdf、文件夹或 zip 压缩包），每个文件要么完整导入要么不导入"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--unit", required=True, help="报送单位：全称、简称或单位代码")
        parser.add_argument("--publish", action="store_true", help="导入后直接发布（已公开的文件）")

    def handle(self, *args, **options):
        from tqdm import tqdm

        unit = unit_find(options["unit"])
        if unit is None:
            raise CommandError(f"找不到单位 “{options['unit']}”（可用全称、简称或单位代码）")
        # A run killed earlier may have left committed changes unsent (the outbox): send them
        # first, so every document already published is searchable before this run starts.
        drained = changes_drain()
        if drained:
            self.stdout.write(f"已补发上次中断留下的变更 {drained} 条")
        counts = {"imported": 0, "duplicate": 0, "failed": 0, "skipped": 0}
        # The progress bar goes to stderr, and only when that is a terminal.
        inputs = tqdm(_iter_inputs(options["paths"]), unit="件", file=sys.stderr, disable=None)
        total = 0
        pending = iter(inputs)
        with import_run():
            while True:
                # Listeners (the search index) work on a chunk of documents at once; the
                # inputs are still read one at a time.
                with import_chunk():
                    taken = 0
                    for name, payload in itertools.islice(pending, BATCH):
                        taken += 1
                        outcome = self._import_one(unit, name, payload, options["publish"])
                        counts[outcome.status] += 1
                total += taken
                if taken < BATCH:
                    break
        self.stdout.write(
            f"合计 {total} 个文件：导入 {counts['imported']}，重复 {counts['duplicate']}，"
            f"失败 {counts['failed']}" + (f"，跳过 {counts['skipped']}" if counts["skipped"] else "")
        )
        if counts["failed"]:
            sys.exit(1)

    def _import_one(self, unit, name, payload, publish) -> ImportOutcome:
        if payload is SKIPPED:
            outcome = ImportOutcome(name=name, status="skipped", reason="系统生成的杂项文件")
        elif isinstance(payload, str):
            outcome = ImportOutcome(name=name, status="failed", reason=payload)
        else:
            outcome = document_import(unit=unit, actor=None, name=name, data=payload,
                                      publish=publish)
        detail = outcome.reason
        if outcome.status == "imported":
            detail = f"#{outcome.document.pk} {outcome.document.title}"
        self.stdout.write(f"{STATUS_LABELS[outcome.status]}\t{name}\t{detail}")
        return outcome
