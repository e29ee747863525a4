"""Assessment benchmark: a run over 1,000 units and 200,000 documents.

    .venv/bin/python bench/assess.py [--units 1000] [--docs-per-unit 200] [--sizes 100,300,1000]
                                     [--database-url URL]

Builds the data with bulk_create (units in three assessment groups; per unit a year of
documents with late submissions, serial gaps, missing metadata, 规范性文件 with and without 解读,
issuers, review returns in the audit log), then measures in the same run:
  floor    the engine underneath: one raw SQL SELECT of the document columns the measures read
           (fetching every row into Python, nothing computed)
  measures every registered measure of the default indicator set, over all units
  run      the whole `assessment_run` service (measures, scoring, ranks, awards, summary, save)
  stored   bytes of the run's JSON columns (measured, result) as the database holds them
  rerun    the period run again with every manual score entered (they carry over), as a
           second draft; the carry-over timed on its own
  render   result.json, bulletin HTML and DOCX, scores.xlsx of that run
Each measure is also timed over the first 100, 300 and 1,000 units (--sizes), beside the floor
for the same units (the raw SELECT restricted to them), as `sizes` in the JSON.
Reports seconds, SQL queries issued (the measures are set-based: the count does not depend on
the number of units or documents), and the ratio run/floor, as JSON in bench/results/assess.json.
Uses a fresh SQLite database in a temporary folder unless --database-url is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from _setup import django_on_fresh_database

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ["区政府", "承担行政许可事项较多的部门", "承担行政许可事项较少的部门"]


def build(n_units: int, per_unit: int) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.core.models import AuditLog, Unit
    from gongkai.documents.models import Document

    rng = random.Random(20250101)
    tz = timezone.get_current_timezone()
    started = time.perf_counter()
    with transaction.atomic():
        Unit.objects.bulk_create([
            Unit(full_name=f"测试单位{i:04d}", code=f"B{i:06d}", doc_prefixes=[f"测{i}"],
                 assessment_group=GROUPS[i % 3], sort_order=i, name_keys=[f"测试单位{i:04d}"])
            for i in range(n_units)
        ], batch_size=1000)
        units = list(Unit.objects.filter(code__startswith="B").order_by("sort_order"))
        through = Document.issuers.through
        for unit in units:
            docs = []
            late_share = rng.random() * 0.3
            gap = rng.randint(2, per_unit - 1) if rng.random() < 0.5 else None
            for serial in range(1, per_unit + 1):
                if serial == gap:
                    continue
                published = date(2025, 1, 2) + timedelta(days=int(serial * 360 / (per_unit + 1)))
                delay = rng.randint(30, 60) if rng.random() < late_share else rng.randint(1, 20)
                submitted = datetime.combine(published + timedelta(days=delay), datetime.min.time()).replace(hour=10, tzinfo=tz)
                prefix = unit.doc_prefixes[0]
                docs.append(Document(
                    unit=unit, title=f"{unit.full_name}关于第{serial}项工作的通知",
                    doc_number=f"{prefix}〔2025〕{serial}号", doc_number_key=f"{prefix}2025{serial}",
                    doc_prefix=prefix, doc_year=2025, doc_serial=serial, publish_date=published,
                    level="地方规范性文件" if serial % 10 == 0 else "工作文件",
                    category="" if rng.random() < 0.05 else "机关工作",
                    index_no=f"{unit.code}/2025-{serial:05d}", state="published",
                    submitted_at=submitted, published_at=submitted + timedelta(days=1),
                    issuer_names=[unit.full_name],
                ))
            created = Document.objects.bulk_create(docs, batch_size=2000)
            through.objects.bulk_create(
                [through(document_id=d.pk, unit_id=unit.pk) for d in created if rng.random() > 0.02],
                batch_size=5000,
            )
            readings = [
                Document(unit=unit, title=f"《{d.title}》政策解读", publish_date=d.publish_date,
                         state="published", interprets_id=d.pk, submitted_at=d.submitted_at,
                         published_at=d.published_at, level="工作文件")
                for d in created if d.level == "地方规范性文件" and rng.random() < 0.6
            ]
            Document.objects.bulk_create(readings, batch_size=2000)
        AuditLog.objects.bulk_create([
            AuditLog(unit=units[rng.randrange(len(units))], action="review_return",
                     target_type="documents.document", target_id=str(rng.randint(1, 1000)),
                     reason="要素不全", from_state="submitted", to_state="draft")
            for _ in range(n_units * 2)
        ], batch_size=5000)
    return {"seconds": round(time.perf_counter() - started, 1),
            "documents": Document.objects.count(), "units": len(units)}


def stored_bytes(connection, run_id: int) -> dict:
    """Bytes of the run's JSON columns as the database stores them."""
    if connection.vendor == "postgresql":
        sql = "SELECT octet_length(measured::text), octet_length(result::text) FROM assessment_run WHERE id = %s"
    else:
        sql = "SELECT length(CAST(measured AS BLOB)), length(CAST(result AS BLOB)) FROM assessment_run WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [run_id])
        measured, result = cursor.fetchone()
    return {"measured": measured, "result": result, "total": measured + result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--docs-per-unit", type=int, default=200)
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--database-url")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "assess.json"))
    args = parser.parse_args()

    tmp = django_on_fresh_database("gongkai-assess-", args.database_url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.assessment import measures, rendering, selectors, services

    built = build(args.units, args.docs_per_unit)
    print(f"built {built}", flush=True)

    indicator_set = services.indicator_set_default()
    spec = services.spec_parse(indicator_set.yaml_text)
    all_unit_ids = selectors.units_resolve(None)
    names = []
    for leaf in spec.leaves():
        if leaf.measure and leaf.measure not in {n for n, _ in names}:
            names.append((leaf.measure, dict(leaf.params)))

    def floor_for(unit_ids) -> tuple[float, int]:
        """The rows the measures read, fetched raw (nothing computed)."""
        started = time.perf_counter()
        with connection.cursor() as cursor:
            marks = ",".join(["%s"] * len(unit_ids))
            cursor.execute(
                "SELECT id, unit_id, title, doc_number, publish_date, submitted_at, published_at, "
                "state, disclosure, doc_prefix, doc_serial, category, level, index_no, interprets_id "
                f"FROM documents_document WHERE publish_date BETWEEN %s AND %s AND unit_id IN ({marks})",
                [date(2025, 1, 1), date(2025, 12, 31), *unit_ids],
            )
            rows = len(cursor.fetchall())
        return time.perf_counter() - started, rows

    sizes = []
    for size in [int(x) for x in args.sizes.split(",") if int(x) <= len(all_unit_ids)]:
        unit_ids = all_unit_ids[:size]
        floor_seconds, rows = floor_for(unit_ids)
        ctx = measures.MeasureContext(date(2025, 1, 1), date(2025, 12, 31), unit_ids)
        timed = {}
        for name, params in names:
            t = time.perf_counter()
            measures.REGISTRY[name](ctx, params)
            timed[name] = round(time.perf_counter() - t, 3)
        sizes.append({"units": size, "rows": rows, "floor_raw_select_seconds": round(floor_seconds, 3),
                      "measures_seconds": round(sum(timed.values()), 3),
                      "per_measure_seconds": timed})
        print(sizes[-1], flush=True)

    floor, floor_rows = floor_for(all_unit_ids)
    unit_ids = all_unit_ids
    ctx = measures.MeasureContext(date(2025, 1, 1), date(2025, 12, 31), unit_ids)
    per_measure = {}
    with CaptureQueriesContext(connection) as measure_queries:
        started = time.perf_counter()
        for name, params in names:
            t = time.perf_counter()
            measures.REGISTRY[name](ctx, params)
            per_measure[name] = round(time.perf_counter() - t, 3)
        measure_seconds = time.perf_counter() - started

    with CaptureQueriesContext(connection) as run_queries:
        started = time.perf_counter()
        run = services.assessment_run(period="2025", previous=None, bulletin_date=date(2026, 3, 20))
        run_seconds = time.perf_counter() - started

    stored = stored_bytes(connection, run.pk)

    # A re-run of the period with every manual score entered: the scores carry over.
    from gongkai.assessment.models import ManualScore

    ManualScore.objects.bulk_create([
        ManualScore(run=run, unit_id=uid, indicator_code=leaf.code, score=leaf.max_points)
        for uid in unit_ids for leaf in spec.manual_leaves()
    ], batch_size=5000)
    carry = {}
    original_carry = services._manual_carry_over

    def timed_carry(new_run):
        t = time.perf_counter()
        carry["copied"] = original_carry(new_run)
        carry["seconds"] = round(time.perf_counter() - t, 3)
        return carry["copied"]

    services._manual_carry_over = timed_carry
    with CaptureQueriesContext(connection) as rerun_queries:
        started = time.perf_counter()
        rerun = services.assessment_run(period="2025", previous=None, bulletin_date=date(2026, 3, 20),
                                        replace_draft=False)
        rerun_seconds = time.perf_counter() - started
    services._manual_carry_over = original_carry

    started = time.perf_counter()
    written = rendering.run_export(rerun, tmp / "export")
    render_seconds = time.perf_counter() - started

    result = {
        "benchmark": "assess",
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
        "units": built["units"],
        "documents": built["documents"],
        "build_seconds": built["seconds"],
        "floor_raw_select_seconds": round(floor, 3),
        "floor_rows": floor_rows,
        "measures_seconds": round(measure_seconds, 3),
        "measures_queries": len(measure_queries.captured_queries),
        "per_measure_seconds": per_measure,
        "goal_run_seconds": 5,
        "sizes": sizes,
        "run_seconds": round(run_seconds, 3),
        "run_queries": len(run_queries.captured_queries),
        "stored_json_bytes": stored,
        "rerun_seconds": round(rerun_seconds, 3),
        "rerun_queries": len(rerun_queries.captured_queries),
        "carry_over": carry,
        "run_over_floor": round(run_seconds / floor, 1) if floor else None,
        "render_seconds": round(render_seconds, 3),
        "export_bytes": {p.name: p.stat().st_size for p in written},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
