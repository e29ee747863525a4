"""`gongkai extract FILE... [--json]`: show the metadata read from each file, write nothing.

With ``--json`` each file gives one JSON object per line with exactly the keys
``file, title, doc_number, issuers, written_date, publish_date, effective_date, level,
validity, category, index_no, warnings`` (ISO dates, null where absent); other tools rely on
this shape. A file that cannot be read gives ``{"file": …, "error": …}``; the other files are
still processed and the command exits with status 1 at the end.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.ingest.domain.metadata import Metadata, extract, extract_html

LABELS = (
    ("title", "标题"),
    ("doc_number", "发文字号"),
    ("issuers", "制定机关"),
    ("written_date", "成文日期"),
    ("publish_date", "公布日期"),
    ("effective_date", "施行日期"),
    ("level", "效力等级"),
    ("validity", "时效性"),
    ("category", "主题分类"),
    ("index_no", "索引号"),
)


class ExtractError(Exception):
    pass


def read_file(path: Path) -> tuple[Metadata, list[str]]:
    """Read one file with the shared readers and extract its metadata."""
    from gongkai.ingest.readers import ReaderError, read_path

    try:
        result = read_path(path)
    except ReaderError as exc:
        raise ExtractError(str(exc)) from exc
    meta = extract_html(result.html) if result.html else extract(result.text)
    return meta, list(result.warnings)


class Command(BaseCommand):
    help = "从文件中提取文章属性（标题、发文字号、制定机关、日期……），不写入数据库"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")

    def handle(self, *args, **options):
        failed = False
        for name in options["files"]:
            path = Path(name)
            try:
                if path.is_dir():
                    raise ExtractError(f"“{name}” 是目录，请给出文件")
                if not path.is_file():
                    raise ExtractError(f"文件 “{name}” 不存在")
                try:
                    meta, read_warnings = read_file(path)
                except ExtractError:
                    raise
                except Exception as exc:  # one bad file must not stop the others
                    raise ExtractError(f"文件 “{name}” 提取失败: {exc!r}") from exc
            except ExtractError as exc:
                failed = True
                if options["json"]:
                    self.stdout.write(json.dumps({"file": name, "error": str(exc)}, ensure_ascii=False))
                else:
                    self.stderr.write(f"{name}: 错误: {exc}")
                continue
            data = meta.as_json(name)
            data["warnings"] = read_warnings + data["warnings"]
            if options["json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            else:
                self.stdout.write(_summary(data))
        if failed:
            sys.exit(1)


def _summary(data: dict) -> str:
    lines = [f"== {data['file']}"]
    for key, label in LABELS:
        value = data[key]
        if isinstance(value, list):
            value = "、".join(value)
        lines.append(f"  {label}: {value if value else '（无）'}")
    for warning in data["warnings"]:
        lines.append(f"  提示: {warning}")
    return "\n".join(lines)
