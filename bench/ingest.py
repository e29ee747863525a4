"""Ingest benchmark: import real corpus documents into libraries of growing size.

    .venv/bin/python bench/ingest.py [--levels 0,10000,50000,100000] [--n 1000]
                                     [--database-url URL] [--profile]

The documents are the real texts of /work/shared/corpus (LawRefBook Markdown and the gov.cn
policy pages, about 1,700 files). To import more than the corpus holds without importing
duplicates, round k of the corpus marks each text as its k-th 汇编 copy (one line added to the
title and to the end of the body): the readers, the extraction, the 发文字号 and the issuers are
those of the real text. The unit table is realistic: 1,000 units (ministries, provinces, cities,
districts and their bureaus), so that every issuer lookup runs against it.

For each level L (documents already in the library) the library is first filled up to L (not
timed: copies of the documents already imported, written in bulk with their index entries), then
`--n` further corpus documents are imported and timed, as `gongkai import` does it (one run,
chunks of 200). Reported per level, in one run:
  floor   read + decode every file (gongkai.ingest.readers.read_bytes)
  extract floor + metadata extraction
  import  the full `document_import` (read, extract, dedupe, write, attach, audit, index)
  statements / audit rows / index calls per imported document (an execute wrapper, as CaptureQueriesContext counts them)
  peak memory (max RSS)
JSON in bench/results/ingest.json (or --out). Uses a fresh SQLite database unless
--database-url is given.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from _library import corpus_files, documents, import_batch, library_fill, units_create
from _setup import django_on_fresh_database

ROOT = Path(__file__).resolve().parent.parent

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="0,10000,50000,100000")
    parser.add_argument("--n", type=int, default=1000, help="documents timed at each level")
    parser.add_argument("--database-url")
    parser.add_argument("--profile", action="store_true", help="cProfile the first level")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "ingest.json"))
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]

    django_on_fresh_database("gongkai-ingest-", args.database_url)
    from django.db import connection

    from gongkai.core.models import AuditLog, Unit
    from gongkai.core.services import unit_save
    from gongkai.documents.models import Document
    from gongkai.ingest.domain.metadata import extract, extract_html
    from gongkai.ingest.readers import read_bytes

    units_create()
    unit = unit_save(full_name="武汉市人民政府办公厅", code="011043201", doc_prefixes=["武政办"])
    corpus = corpus_files()
    from gongkai.search import services as search_services
    from gongkai.search.domain.segment import default_segmenter

    started = time.perf_counter()
    default_segmenter()  # loaded once per process (dictionaries): not part of any level's rate
    segmenter_load = time.perf_counter() - started

    index_calls = {"calls": 0, "ids": 0}
    original_index = search_services.index_documents

    def counting_index(*, document_ids):
        ids = list(document_ids)
        index_calls["calls"] += 1
        index_calls["ids"] += len(ids)
        return original_index(document_ids=ids)

    search_services.index_documents = counting_index

    runs = []
    imported_so_far = 0
    for level in levels:
        statuses: dict[str, int] = {}
        if level > Document.objects.count():  # fill the library up to `level` (not timed)
            started = time.perf_counter()
            library_fill(level, Document.objects.count())
            print(f"filled to {level} in {time.perf_counter() - started:.0f} s", flush=True)
        items = list(documents(corpus, imported_so_far, args.n))
        started = time.perf_counter()
        texts = [read_bytes(data, name) for name, data in items]
        floor = time.perf_counter() - started
        started = time.perf_counter()
        for r in texts:
            extract_html(r.html) if r.html else extract(r.text)
        extract_only = time.perf_counter() - started + floor
        statuses = {}
        before = Document.objects.count()
        audit_before = AuditLog.objects.count()
        index_calls.update(calls=0, ids=0)
        profiler = None
        if args.profile and not runs:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        statements: list[str] = []

        def count(execute, sql, params, many, context, statements=statements):
            statements.append(sql.split(None, 1)[0].upper() if sql else "")
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            import_batch(unit, items, statuses)
            full = time.perf_counter() - started
        if profiler is not None:
            import pstats

            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats("cumulative")
            stats.dump_stats(str(Path(args.out).with_suffix(".prof")))
            stats.print_callees("document_import")
            stats.print_callees("services.py.*document_create")
        imported_so_far += args.n
        imported = max(statuses.get("imported", 0), 1)
        run = {
            "library_before": before,
            "documents": args.n,
            "megabytes": round(sum(len(b) for _, b in items) / 1e6, 2),
            "floor_docs_per_second": round(args.n / floor, 1),
            "extract_docs_per_second": round(args.n / extract_only, 1),
            "import_seconds": round(full, 3),
            "import_docs_per_second": round(args.n / full, 1),
            "import_over_floor": round(full / floor, 1),
            "statuses": statuses,
            "statements_per_document": round(len(statements) / imported, 2),
            "transactions_per_document": round(
                sum(1 for s in statements if s in ("BEGIN", "SAVEPOINT"))
                / imported, 2),
            "audit_rows_per_document": round((AuditLog.objects.count() - audit_before) / imported, 2),
            "index_calls": index_calls["calls"],
            "indexed_per_document": round(index_calls["ids"] / imported, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        runs.append(run)
        print(json.dumps(run, ensure_ascii=False), flush=True)

    result = {
        "benchmark": "ingest",
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
        "corpus_files": len(corpus),
        "units": Unit.objects.count(),
        "goal_docs_per_second": 300,
        "segmenter_load_seconds": round(segmenter_load, 2),
        "runs": runs,
        "documents_in_db": Document.objects.count(),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
