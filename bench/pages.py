"""Page benchmark: throughput and p99 of the main pages under gunicorn, beside a floor view.

    .venv/bin/python bench/pages.py [--documents 0|100000] [--workers 2,4] [--connections 32]
                                    [--requests 400] [--database-url URL] [--db-keep PATH]

Loads `gongkai demo` into a fresh database (and, with --documents N, imports real corpus
documents and fills the library up to N documents: bench/_library.py), then serves it with
gunicorn (sync workers, loopback) for each --workers value and sends --requests requests per
page from --connections concurrent connections (at most --seconds per page; a bounded load: each connection sends its next
request when the previous answer arrived). Beside the pages, in the same run, the floor view
(bench/_bench_urls.py, bench-only): one document by primary key, one line of text.

Reports per page requests/s, p50/p99 ms, errors and requests/s as a share of the floor view's,
as JSON in bench/results/pages.json (or --out).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from _setup import ROOT, django_on_fresh_database

PAGES = [
    ("floor", None),  # /bench-floor/<id>/
    ("home", "/"),
    ("search", "/search/?q=政府信息公开"),
    ("search_filtered", "/search/?q=公开&in_force=1&sort=date"),
    ("document", None),  # a published document's page (one with a 解读 when there is one)
    ("catalogue", "/catalogue/"),
    ("api_list", "/api/v1/documents?q=统计&page_size=20"),
    ("bulletin", None),  # a published assessment run
]
GOAL = {"share_of_floor": 0.5, "p99_ms": 200}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def _one(host: str, port: int, path: str) -> tuple[float, int]:
    from urllib.parse import quote

    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    target = quote(path, safe="/?&=%")
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return (time.perf_counter() - started) * 1000, status


async def _load(host: str, port: int, path: str, total: int, connections: int,
                seconds: float = 60.0):
    times: list[float] = []
    errors = 0
    left = total
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal left, errors
        while left > 0 and time.perf_counter() < stop:
            left -= 1
            try:
                ms, status = await _one(host, port, path)
            except OSError:
                errors += 1
                continue
            if status != 200:
                errors += 1
            times.append(ms)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return times, errors, time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(workers: int, port: int, env: dict) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "_bench_urls_wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--backlog", "256", "--timeout", "120",
         "--log-level", "warning", "--pythonpath", str(ROOT / "bench")],
        env=env, cwd=str(ROOT / "bench"))
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def prepare(documents: int) -> None:
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    if documents:
        from _library import corpus_files, import_batch, library_fill, units_create

        from gongkai.core.models import Unit
        from gongkai.documents.models import Document

        units_create()
        unit = Unit.objects.get(full_name="武汉市人民政府办公厅") if Unit.objects.filter(
            full_name="武汉市人民政府办公厅").exists() else Unit.objects.order_by("pk").first()
        corpus = corpus_files()
        import_batch(unit, corpus[: min(len(corpus), max(0, documents - Document.objects.count()))], {})
        library_fill(documents, Document.objects.count())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=0, help="fill the library up to N")
    parser.add_argument("--workers", default="2,4")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--requests", type=int, default=400, help="per page and worker count")
    parser.add_argument("--seconds", type=float, default=45.0,
                        help="stop sending a page's requests after this long (slow pages)")
    parser.add_argument("--database-url")
    parser.add_argument("--db-keep", help="SQLite file: reuse it when it exists, else build it there")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "pages.json"))
    args = parser.parse_args()

    os.environ["API_RATE_LIMIT"] = "0"
    os.environ["PAGE_RATE_LIMIT"] = "0"
    os.environ["SEARCH_RATE_LIMIT"] = "0"
    database_url = args.database_url
    reuse = bool(args.db_keep and Path(args.db_keep).exists())
    if args.db_keep:
        database_url = f"sqlite:///{Path(args.db_keep).resolve()}"
    tmp = django_on_fresh_database("gongkai-pages-", database_url)
    if not reuse:
        prepare(args.documents)
    from django.db import connection

    from gongkai.assessment.models import Run
    from gongkai.documents.models import Document

    public = Document.objects.public().current_versions()
    doc = (public.filter(interpretations__isnull=False).order_by("id").first()
           or public.order_by("id").first())
    run = Run.objects.filter(status="published").order_by("id").first()
    urls = {"floor": f"/bench-floor/{doc.pk}/", "document": f"/documents/{doc.pk}/",
            "bulletin": f"/assessment/{run.pk}/" if run else None}
    pages = [(name, url or urls.get(name)) for name, url in PAGES]
    pages = [(name, url) for name, url in pages if url]

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="_bench_settings", DEBUG="0",
               PYTHONPATH=f"{ROOT / 'bench'}:{ROOT / 'src'}", GONGKAI_VAR_DIR=str(tmp))
    runs = []
    for workers in [int(w) for w in args.workers.split(",")]:
        port = _free_port()
        server = _serve(workers, port, env)
        try:
            results = {}
            for name, url in pages:
                asyncio.run(_load("127.0.0.1", port, url, 2 * workers, min(workers, 4)))  # warm up
                times, errors, seconds = asyncio.run(
                    _load("127.0.0.1", port, url, args.requests, args.connections, args.seconds))
                results[name] = {
                    "url": url,
                    "requests": len(times),
                    "requests_per_second": round(len(times) / seconds, 1),
                    "p50_ms": round(_percentile(times, 0.5), 1),
                    "p99_ms": round(_percentile(times, 0.99), 1),
                    "errors": errors,
                }
                print(workers, name, results[name], flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
        floor = results["floor"]["requests_per_second"]
        for row in results.values():
            row["share_of_floor"] = round(row["requests_per_second"] / floor, 2) if floor else None
            row["meets_goal"] = (row["share_of_floor"] or 0) >= GOAL["share_of_floor"] and \
                row["p99_ms"] <= GOAL["p99_ms"]
        runs.append({"workers": workers, "connections": args.connections,
                     "requests_per_page": args.requests, "pages": results})
    out = {"benchmark": "pages", "database": connection.vendor,
           "documents": Document.objects.count(), "server": "gunicorn sync workers, loopback",
           "goal_at_100k": GOAL, "runs": runs}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
