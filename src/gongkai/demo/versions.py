"""Demo of works and versions (issue 19), after the lifecycle demo. Idempotent.

A law in two dated versions from the corpus (LawRefBook, `demo/data/versions/`: 中华人民共和国
会计法 as amended in 2017 and in 2024) is imported through the normal importer: the second file
becomes the current version of the same work, the first stays in its history, and the document
page shows the 沿革, both versions and the article-level diff. Filed under the city government
for the demo (the importer's unit); 制定机关 stays 全国人民代表大会常务委员会 as the text says.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.core.models import Unit
from gongkai.ingest.services import document_import

DATA = Path(__file__).resolve().parent / "data" / "versions"
UNIT = "武汉市人民政府"


def load(*, stdout) -> None:
    unit = Unit.objects.filter(full_name=UNIT).first()
    if unit is None:
        return
    counts = {"imported": 0, "duplicate": 0, "failed": 0}
    for path in sorted(DATA.glob("*.md")):  # oldest first: the file names carry the dates
        outcome = document_import(unit=unit, actor=None, name=path.name, data=path.read_bytes(),
                                  publish=True)
        counts[outcome.status] += 1
        if outcome.status == "failed":
            stdout.write(f"  版本演示 {path.name} 导入失败：{outcome.reason}")
    stdout.write(f"版本演示（会计法 2017、2024 两个版本）：导入 {counts['imported']}，"
                 f"已存在 {counts['duplicate']}，失败 {counts['failed']}")
