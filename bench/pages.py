"""Page benchmark: latency and throughput of the main pages on the demo data, beside a bare
Django view measured in the same run (the floor: middleware, routing, a response).

    .venv/bin/python bench/pages.py [--repeat 50] [--database-url URL]

Loads `gongkai demo` into a fresh database, then requests each page `--repeat` times through
Django's WSGI handler (test client, one process), reporting p50/p99 ms, requests/s and queries
per request, as JSON in bench/results/pages.json.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from pathlib import Path

from _setup import ROOT, django_on_fresh_database

PAGES = [
    ("home", "/"),
    ("search", "/search/?q=政府信息公开"),
    ("search_filtered", "/search/?q=公开&in_force=1&sort=date"),
    ("document", None),  # filled in with a published document's page
    ("catalogue", "/catalogue/"),
    ("feed", "/feeds/documents.atom"),
    ("api_list", "/api/v1/documents?q=统计&page_size=20"),
    ("api_units", "/api/v1/units"),
    ("bulletin", None),  # a published assessment run
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--database-url")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "pages.json"))
    args = parser.parse_args()

    import os

    os.environ["API_RATE_LIMIT"] = "0"
    django_on_fresh_database("gongkai-pages-", args.database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import path

    call_command("demo", stdout=io.StringIO())
    from gongkai.assessment.models import Run
    from gongkai.documents.models import Document

    doc = Document.objects.public().order_by("id").first()
    run = Run.objects.filter(status="published").order_by("id").first()
    pages = [(name, url or (f"/documents/{doc.pk}/" if name == "document" else
                            f"/assessment/{run.pk}/" if run else None)) for name, url in PAGES]
    pages = [(name, url) for name, url in pages if url]

    # The floor: a bare view through the same middleware stack.
    import gongkai.urls as project_urls

    project_urls.urlpatterns.insert(0, path("bench-bare/", lambda request: HttpResponse("ok")))
    pages.insert(0, ("bare_view", "/bench-bare/"))

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    with override_settings(ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
        for name, url in pages:
            client.get(url)  # warm up (templates, segmenter)
            times = []
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                total = time.perf_counter() - started
            assert response.status_code == 200, (name, response.status_code)
            results[name] = {
                "url": url,
                "p50_ms": round(statistics.median(times), 2),
                "p99_ms": round(_percentile(times, 0.99), 2),
                "requests_per_second": round(args.repeat / total, 1),
                "queries_per_request": round(len(queries.captured_queries) / args.repeat, 1),
            }
    floor = results["bare_view"]["p50_ms"]
    for row in results.values():
        row["p50_over_bare_view"] = round(row["p50_ms"] / floor, 1) if floor else None
    out = {"benchmark": "pages", "database": connection.vendor, "repeat": args.repeat,
           "documents": Document.objects.count(), "pages": results}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
