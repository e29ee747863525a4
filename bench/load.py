"""Load test: gunicorn on the demo data, 32 connections for 60 s against search, a document
page and the API; reports requests/s, p50/p99 latency and errors per target.

    .venv/bin/python bench/load.py [--seconds 60] [--connections 32] [--workers 3]

A fresh SQLite database in a temporary folder gets `gongkai demo`; gunicorn serves it on
127.0.0.1 (a free port, sync workers); the load comes from threads of this process, each
sending one request at a time over its own connection, cycling through the targets. Traffic
goes to the loopback address only and stops by itself after --seconds. The shared rate
limits are turned off for the run (a load test from one address would measure only the
429 page). Results go to bench/results/load.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from _setup import ROOT, django_on_fresh_database


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(port: int, timeout: float = 60.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not come up")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    tmp = django_on_fresh_database("gongkai-load-")
    import io

    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    from gongkai.documents.models import Document

    doc = Document.objects.public().order_by("pk").first()
    targets = [
        ("search", "/search/?q=" + quote("政府信息公开")),
        ("document", f"/documents/{doc.pk}/"),
        ("api", "/api/v1/documents?q=" + quote("统计") + "&page_size=20"),
    ]
    port = _free_port()
    env = {**os.environ, "API_RATE_LIMIT": "0", "PAGE_RATE_LIMIT": "0", "SEARCH_RATE_LIMIT": "0",
           "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR",
           "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "gongkai.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--log-level", "warning"],
        env=env, cwd=str(tmp),
    )
    try:
        _wait_up(port)
        results = {name: {"latencies": [], "errors": 0, "statuses": {}} for name, _ in targets}
        lock = threading.Lock()
        stop_at = time.time() + args.seconds

        def worker(offset: int) -> None:
            i = offset
            while time.time() < stop_at:
                name, path = targets[i % len(targets)]
                i += 1
                start = time.perf_counter()
                status = 0
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    conn.close()
                except OSError:
                    status = -1
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    entry = results[name]
                    entry["statuses"][status] = entry["statuses"].get(status, 0) + 1
                    if status == 200:
                        entry["latencies"].append(elapsed)
                    else:
                        entry["errors"] += 1

        started = time.time()
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.connections)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        duration = time.time() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    report = {"seconds": round(duration, 1), "connections": args.connections,
              "gunicorn_workers": args.workers, "database": "sqlite", "targets": {}}
    total_ok = total_errors = 0
    for name, path in targets:
        entry = results[name]
        ok = len(entry["latencies"])
        total_ok += ok
        total_errors += entry["errors"]
        report["targets"][name] = {
            "path": path, "requests": ok + entry["errors"], "errors": entry["errors"],
            "requests_per_s": round(ok / duration, 1),
            "p50_ms": round(_percentile(entry["latencies"], 0.5), 1),
            "p99_ms": round(_percentile(entry["latencies"], 0.99), 1),
            "statuses": {str(k): v for k, v in sorted(entry["statuses"].items())},
        }
    all_latencies = [x for e in results.values() for x in e["latencies"]]
    report["total"] = {"requests_per_s": round(total_ok / duration, 1), "errors": total_errors,
                       "p99_ms": round(_percentile(all_latencies, 0.99), 1)}
    out = ROOT / "bench" / "results" / "load.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
