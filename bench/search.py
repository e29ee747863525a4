"""Search benchmark: index build and query latency at 10,000 and 100,000 documents.

    .venv/bin/python bench/search.py --backend sqlite --sizes 10000,100000
    .venv/bin/python bench/search.py --backend postgres --sizes 10000,100000 \
        --pg-url postgres://postgres@127.0.0.1:5432/

Documents are real sentences of the corpus (../shared/corpus/lawrefbook: laws and regulations)
recombined at random — each document 8–40 different sentences, titles made from a unit name,
a sentence fragment and a document kind — so terms are distributed as in real text rather than
repeated. Each size gets a fresh database (SQLite file under var/bench/, or a PostgreSQL
database bench_search_<n>), migrated, filled with bulk inserts, then indexed with
`reindex_all()` (timed: the index build).

Then a fixed mix of 1–3 term queries (and two quoted phrases) runs: a warm-up pass, then
--repeat passes, each query timed as
  raw    the backend's ranked top-20 match alone (services.raw_query: FTS5 bm25 / RUM <=>),
  search the full search() call (count, facets, 20 documents, snippets),
  api    GET /api/v1/documents?q=… through Django's test client (when the URL exists).
p50/p99 in milliseconds, with ratios to raw, go to stdout and bench/results/search-<backend>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "bench" / "results"

QUERIES = [
    # one term
    "公开", "信息公开", "人民政府", "管理办法", "安全生产", "环境保护", "税收", "档案", "行政许可",
    "统计", "食品安全", "土地", "医疗", "教育", "知识产权", "消防", "交通运输", "罚款",
    "国务院", "规章",
    # two terms
    "安全生产 责任", "政府信息 公开", "土地 征收", "环境 污染", "行政 处罚", "职工 工资",
    "药品 监督", "城市 规划", "农村 土地承包", "银行 监管", "海关 进出口", "学校 教师",
    "公共 卫生", "网络 安全", "资源 保护",
    # three terms
    "行政 复议 申请", "人民政府 应当 组织", "企业 安全 生产", "个人 信息 保护",
    "违反 本法 规定", "县级以上 人民政府 部门", "消费者 权益 保护", "森林 防火 责任",
    "公民 法人 其他组织", "水 污染 防治",
    # phrases
    '"信息公开"', '"人民政府"',
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def sentences(limit_files: int | None = None) -> list[str]:
    pool: set[str] = set()
    files = sorted((CORPUS / "lawrefbook").rglob("*.md"))[:limit_files]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        body = text.split("<!-- INFO END -->", 1)[-1]
        for part in re.split(r"[。；！？\n]", body):
            part = re.sub(r"^[#\s]+", "", part).strip()
            if 8 <= len(part) <= 160:
                pool.add(part + "。")
    return sorted(pool)


def titles() -> list[str]:
    out = []
    with open(CORPUS / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            title = json.loads(line).get("title")
            if title:
                out.append(title)
    return out


UNIT_NAMES = ["武汉市人民政府", "武汉市人民政府办公厅", "新洲区人民政府", "江岸区人民政府",
              "武汉市教育局", "武汉市财政局", "武汉市统计局", "武汉市生态环境局", "武汉市卫生健康委员会",
              "武汉市市场监督管理局", "武汉市交通运输局", "武汉市自然资源和规划局", "武汉市应急管理局",
              "武汉市人力资源和社会保障局", "武汉市住房保障和房屋管理局", "武汉市农业农村局",
              "武汉市民政局", "武汉市司法局", "武汉市商务局", "武汉市文化和旅游局"]
KINDS = ["通知", "意见", "办法", "规定", "决定", "方案", "批复", "通报", "实施细则", "工作要点"]
LEVELS = ["地方政府规章", "地方规范性文件", "工作文件", "行政法规", "部门规章"]
VALIDITIES = ["现行有效"] * 6 + ["已被修改", "部分失效", "失效", "废止"]
CATEGORIES = ["综合政务", "国民经济管理", "财政、金融、审计", "国土资源、能源", "农业、林业、水利",
              "工业、交通", "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护",
              "科技、教育", "文化、广电、新闻出版", "卫生、体育", "人口与计划生育、妇女儿童工作",
              "劳动、人事、监察", "公安、安全、司法", "民政、扶贫、救灾"]


def one_size(args, n: int) -> dict:
    """Runs in a child process whose DATABASE_URL points at a fresh database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import Resolver404, resolve

    from gongkai.core.models import Unit
    from gongkai.documents.models import Document
    from gongkai.search.backends import backend_for
    from gongkai.search.services import raw_query, reindex_all, search

    call_command("migrate", verbosity=0)
    rng = random.Random(20260601 + n)
    t0 = time.perf_counter()
    pool = sentences()
    title_pool = titles()
    load_seconds = time.perf_counter() - t0

    units = [Unit.objects.create(full_name=name, code=f"BENCH{i:04d}")
             for i, name in enumerate(UNIT_NAMES)]
    t0 = time.perf_counter()
    batch: list[Document] = []
    chars = 0
    for i in range(n):
        body = "".join(rng.sample(pool, rng.randint(8, 40)))
        chars += len(body)
        fragment = rng.choice(rng.choice([pool, title_pool]))[:rng.randint(6, 24)].rstrip("。")
        unit = rng.choice(units)
        year = rng.randint(2000, 2025)
        batch.append(Document(
            unit=unit, title=f"{unit.full_name}关于{fragment}的{rng.choice(KINDS)}",
            doc_number=f"测政{i % 7}〔{year}〕{i + 1}号", body=body,
            publish_date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
            level=rng.choice(LEVELS), validity=rng.choice(VALIDITIES),
            category=rng.choice(CATEGORIES), state="published", disclosure="主动公开",
        ))
        if len(batch) == 2000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    insert_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = reindex_all()
    build_seconds = time.perf_counter() - t0
    backend = backend_for(connection)
    size = backend.size_bytes(connection)

    setup_test_environment()
    client = Client()
    try:
        resolve("/api/v1/documents")
        api = True
    except Resolver404:
        api = False

    timings: dict[str, list[float]] = {"raw": [], "search": [], "api": []}
    per_query = []
    for rep in range(args.repeat + 1):
        for q in QUERIES:
            t = time.perf_counter()
            raw_hits = raw_query(q, limit=20)
            raw_ms = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            page = search(q, page_size=20)
            search_ms = (time.perf_counter() - t) * 1000
            api_ms = None
            if api:
                t = time.perf_counter()
                response = client.get("/api/v1/documents", {"q": q})
                api_ms = (time.perf_counter() - t) * 1000
                assert response.status_code == 200, (q, response.status_code, response.content[:300])
            if rep == 0:
                per_query.append({"query": q, "count": page.count, "raw_hits": len(raw_hits)})
                continue  # warm-up
            timings["raw"].append(raw_ms)
            timings["search"].append(search_ms)
            if api_ms is not None:
                timings["api"].append(api_ms)

    def stats(values):
        if not values:
            return None
        return {"p50_ms": round(percentile(values, 50), 2), "p99_ms": round(percentile(values, 99), 2),
                "mean_ms": round(statistics.fmean(values), 2), "n": len(values)}

    out = {
        "documents": n,
        "indexed": result.count,
        "index_kind": result.backend,
        "body_chars_total": chars,
        "sentence_pool": len(pool),
        "corpus_load_seconds": round(load_seconds, 2),
        "insert_seconds": round(insert_seconds, 2),
        "index_build_seconds": round(build_seconds, 2),
        "index_docs_per_second": round(n / build_seconds, 1),
        "index_size_bytes": size,
        "raw": stats(timings["raw"]),
        "search": stats(timings["search"]),
        "api": stats(timings["api"]),
        "queries": per_query,
    }
    for leg in ("search", "api"):
        if out[leg] and out["raw"]:
            out[f"{leg}_over_raw_p99"] = round(out[leg]["p99_ms"] / out["raw"]["p99_ms"], 2)
            out[f"{leg}_over_raw_p50"] = round(out[leg]["p50_ms"] / out["raw"]["p50_ms"], 2)
    return out


def _fresh_database(args, n: int) -> str:
    if args.backend == "sqlite":
        path = ROOT / "var" / "bench" / f"search-{n}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    name = f"bench_search_{n}"
    base = args.pg_url.rstrip("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one_size:
        print(json.dumps(one_size(args, args.one_size), ensure_ascii=False))
        return

    runs = []
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        env = dict(os.environ, DATABASE_URL=_fresh_database(args, n), API_RATE_LIMIT="0",
                   DJANGO_SETTINGS_MODULE="gongkai.settings", DEBUG="0")
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--backend", args.backend, "--repeat", str(args.repeat),
             "--one-size", str(n)],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"bench failed at {n} documents")
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        run["wall_seconds"] = round(time.perf_counter() - started, 1)
        runs.append(run)
        print(f"{args.backend} {n:>7} docs ({run['index_kind']}): build {run['index_build_seconds']} s, "
              f"index {run['index_size_bytes'] / 1e6:.1f} MB | raw p50/p99 "
              f"{run['raw']['p50_ms']}/{run['raw']['p99_ms']} ms | search "
              f"{run['search']['p50_ms']}/{run['search']['p99_ms']} ms"
              + (f" | api {run['api']['p50_ms']}/{run['api']['p99_ms']} ms "
                 f"(api/raw p99 {run.get('api_over_raw_p99')})" if run.get("api") else ""),
              flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"search-{args.backend}.json"
    out.write_text(json.dumps({
        "benchmark": "search",
        "backend": args.backend,
        "machine": {"cpus": os.cpu_count()},
        "goal": "100k docs: api p99 < 100 ms and <= 3x raw",
        "runs": runs,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
