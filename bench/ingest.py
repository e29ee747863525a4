"""Ingest benchmark: import N generated documents and compare with merely reading them.

    .venv/bin/python bench/ingest.py [--n 10000] [--database-url URL]

Generates N text documents (GB18030 and UTF-8, with a 发文字号 line and a 落款) from the seed's
own sentences, then measures, in the same run:
  floor   read + decode + clean every file (gongkai.ingest.readers.read_bytes)
  extract floor + metadata extraction
  import  the full `document_import` (read, extract, dedupe, write, attach, audit, index)
Reports documents/s for each, the ratio import/floor, and peak memory (max RSS), as JSON in
bench/results/ingest.json. Uses a fresh SQLite database in a temporary folder unless
--database-url is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import time
from pathlib import Path

from _setup import django_on_fresh_database

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "src" / "gongkai" / "demo" / "data" / "seed"


def generate(n: int, folder: Path) -> list[Path]:
    rng = random.Random(7)
    sentences = [
        line.strip()
        for p in sorted(SEED.glob("*.txt"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if 20 <= len(line.strip()) <= 200
    ]
    prefixes = ["武政办", "武政", "武统", "武财", "新政办"]
    paths = []
    for i in range(n):
        prefix = prefixes[i % len(prefixes)]
        year = 2015 + i % 10
        title = f"武汉市人民政府办公厅关于第{i}项工作的通知"
        body = "\n".join(rng.sample(sentences, k=12))
        text = f"{title}\n({prefix}〔{year}〕{i + 1}号)\n各区人民政府，市人民政府各部门：\n{body}\n武汉市人民政府办公厅\n{year}年{1 + i % 12}月{1 + i % 28}日\n"
        path = folder / f"doc{i:06d}.txt"
        path.write_bytes(text.encode("gb18030" if i % 2 else "utf-8"))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "ingest.json"))
    args = parser.parse_args()

    tmp = django_on_fresh_database("gongkai-ingest-", args.database_url)
    from gongkai.core.services import unit_save
    from gongkai.documents.events import announcements_batched
    from gongkai.documents.models import Document
    from gongkai.ingest.domain.metadata import extract
    from gongkai.ingest.readers import read_bytes
    from gongkai.ingest.services import document_import

    folder = tmp / "docs"
    folder.mkdir()
    paths = generate(args.n, folder)
    blobs = [(p.name, p.read_bytes()) for p in paths]
    megabytes = sum(len(b) for _, b in blobs) / 1e6

    started = time.perf_counter()
    texts = [read_bytes(data, name).text for name, data in blobs]
    floor = time.perf_counter() - started

    started = time.perf_counter()
    for text in texts:
        extract(text)
    extract_only = time.perf_counter() - started

    unit = unit_save(full_name="武汉市人民政府办公厅", code="011043201", doc_prefixes=["武政办"])
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    for start in range(0, len(blobs), 200):  # as `gongkai import` does: announce per 200
        with announcements_batched():
            for name, data in blobs[start:start + 200]:
                outcome = document_import(unit=unit, actor=None, name=name, data=data, publish=True)
                statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    full = time.perf_counter() - started

    result = {
        "benchmark": "ingest",
        "documents": args.n,
        "megabytes": round(megabytes, 2),
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
        "floor_read_decode_seconds": round(floor, 3),
        "floor_docs_per_second": round(args.n / floor, 1),
        "extract_seconds": round(extract_only, 3),
        "extract_docs_per_second": round(args.n / extract_only, 1),
        "import_seconds": round(full, 3),
        "import_docs_per_second": round(args.n / full, 1),
        "import_over_floor": round(full / floor, 1),
        "statuses": statuses,
        "documents_in_db": Document.objects.count(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
