"""Search benchmark: index build and query latency at 10,000 and 100,000 documents.

    .venv/bin/python bench/search.py --backend sqlite --sizes 10000,100000
    .venv/bin/python bench/search.py --backend postgres --sizes 10000,100000 \
        --pg-url postgres://postgres@127.0.0.1:5432/
    .venv/bin/python bench/search.py --backend sqlite --engine tantivy --sizes 20000

``--engine tantivy`` runs the same benchmark with gongkai's search on the optional tantivy
engine (GONGKAI_SEARCH_ENGINE=tantivy, its index in var/bench/search-<n>-tantivy/): the index
build is `reindex_all()` into that directory, "raw" and "search" and "api" go through it, and
the results go to bench/results/search-<backend>-tantivy.json (the same JSON shape, plus
"engine").

Documents are real sentences of the corpus (../shared/corpus/lawrefbook: laws and regulations)
recombined at random — each document 8–40 different sentences, titles made from a unit name,
a sentence fragment and a document kind — so terms are distributed as in real text rather than
repeated. Each size gets a fresh database (SQLite file under var/bench/, or a PostgreSQL
database bench_search_<n>), migrated, filled with bulk inserts, then indexed with
`reindex_all()` (timed: the index build).

The library also holds every titled corpus document of labels.jsonl (real title, 发文字号 and
date, a body of corpus sentences): the judged documents of the relevance set
(bench/data/search-relevance.json, built by bench/search_relevance.py).

Queries: a fixed mix of 1–3 term queries and two quoted phrases ("mixed"), some of them with a
unit or year filter ("filtered"), and the relevance set's titles, 发文字号, title pieces and topics.
A warm-up pass, then --repeat passes, each query timed as
  raw     the statements search() sends for the page (selectors.raw_query: pinned 发文字号,
          title tier, text tier with count), without reading documents, snippets or facets —
          the same work per query as the API's engine part, like with like;
  search  the full search() call (count, 20 documents, snippets);
  api     GET /api/v1/documents?q=… through Django's test client;
  tantivy the same documents in a tantivy index in memory (PyPI ``tantivy``), segmented by the
          same segmenter, title and 发文字号 boosted 10×, every token required, the phrase
          boosted, top 20 with the count (what an embedded engine does for the same query).
p50/p99 in milliseconds, with ratios, and the relevance figures (MRR, recall@3 of the set;
fragment_recall_at_3 of the unseen title pieces) go to stdout and
bench/results/search-<backend>.json.
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


FILTERED = [("安全生产", "unit"), ("信息公开", "year"), ("人民政府", "unit"), ("土地 征收", "year"),
            ("行政 处罚", "unit"), ("管理办法", "year"), ("环境 污染", "unit"), ("税收", "year")]


def _corpus_documents() -> list[dict]:
    seen, out = set(), []
    with open(CORPUS / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            title = (item.get("title") or "").strip()
            if title and title not in seen:
                seen.add(title)
                out.append(item)
    return out


class Tantivy:
    """The same documents in tantivy (in memory), tokens from our segmenter."""

    def __init__(self):
        import tantivy

        self.t = tantivy
        sb = tantivy.SchemaBuilder()
        sb.add_integer_field("id", stored=True, indexed=True, fast=True)
        sb.add_integer_field("unit", indexed=True, fast=True)
        sb.add_integer_field("year", indexed=True, fast=True)
        for name in ("title", "number", "body"):
            sb.add_text_field(name, tokenizer_name="whitespace")
        self.schema = sb.build()
        self.index = tantivy.Index(self.schema)
        self.writer = self.index.writer(heap_size=200_000_000, num_threads=1)

    def add(self, doc_id, unit_id, year, title, number, body):
        self.writer.add_document(self.t.Document(id=doc_id, unit=unit_id, year=year or 0,
                                                 title=title, number=number, body=body))

    def commit(self):
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, query: str, filters: dict | None = None, limit: int = 20):
        from gongkai.search.domain.query import parse

        Q, Occ = self.t.Query, self.t.Occur  # noqa: N806 - tantivy names
        parsed = parse(query)
        clauses = []
        for g in parsed.groups:
            per_token = [Q.boolean_query([
                (Occ.Should, Q.boost_query(Q.term_query(self.schema, "title", tok), 10.0)),
                (Occ.Should, Q.boost_query(Q.term_query(self.schema, "number", tok), 10.0)),
                (Occ.Should, Q.term_query(self.schema, "body", tok))]) for tok in g.tokens]
            if g.phrase:
                clauses.append((Occ.Must, Q.boolean_query([
                    (Occ.Should, Q.boost_query(Q.phrase_query(self.schema, f, list(g.tokens)), w))
                    for f, w in (("title", 10.0), ("body", 1.0))])))
                continue
            clauses += [(Occ.Must, q) for q in per_token]
            if len(g.tokens) > 1:
                clauses += [(Occ.Should, Q.boost_query(Q.phrase_query(self.schema, f, list(g.tokens)), w))
                            for f, w in (("title", 10.0), ("body", 1.0))]
        for field_name, value in (filters or {}).items():
            clauses.append((Occ.Must, Q.term_query(self.schema, field_name, value)))
        if not clauses:
            return 0, []
        result = self.searcher.search(Q.boolean_query(clauses), limit, count=True)
        return result.count, [self.searcher.doc(addr)["id"][0] for _score, addr in result.hits]


def _relevance(ranked_of, cases, title_of) -> dict:
    """MRR (rank > 10 counts 0) and recall@3 of the judged cases; ranked_of(query) -> ids."""
    reciprocal, at3, misses = [], 0, []
    for case in cases:
        ranked = ranked_of(case["query"])[:10]
        if case["relevant"] == "title_contains":
            good = {i for i in ranked if case["query"] in title_of(i)}
        else:
            good = set(case["relevant_ids"])
        rank = next((k + 1 for k, i in enumerate(ranked) if i in good), None)
        reciprocal.append(1.0 / rank if rank else 0.0)
        at3 += bool(rank and rank <= 3)
        if not rank or rank > 3:
            misses.append(f"{case['kind']} {case['query']}: rank {rank}")
    n = max(1, len(cases))
    return {"mrr": round(sum(reciprocal) / n, 3), "recall_at_3": round(at3 / n, 3),
            "n": len(cases), "misses": misses[:20]}


def one_size(args, n: int) -> dict:
    """Runs in a child process whose DATABASE_URL points at a fresh database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    sys.path.insert(0, str(ROOT / "bench"))
    from search_relevance import load as load_relevance

    from gongkai.core.models import Unit
    from gongkai.documents.domain.docnumber import doc_number_key
    from gongkai.documents.models import Document
    from gongkai.search.backends import backend_for
    from gongkai.search.domain.indexing import index_text
    from gongkai.search.selectors import SearchFilters, raw_query, search
    from gongkai.search.services import reindex_all

    call_command("migrate", verbosity=0)
    rng = random.Random(20260601 + n)
    t0 = time.perf_counter()
    pool = sentences()
    title_pool = titles()
    corpus_docs = _corpus_documents()
    relevance = load_relevance()
    load_seconds = time.perf_counter() - t0

    units = [Unit.objects.create(full_name=name, code=f"BENCH{i:04d}")
             for i, name in enumerate(UNIT_NAMES)]
    t0 = time.perf_counter()
    batch: list[Document] = []
    corpus_ids: list[str] = []
    chars = 0
    for i in range(n):
        body = "".join(rng.sample(pool, rng.randint(8, 40)))
        chars += len(body)
        unit = rng.choice(units)
        year = rng.randint(2000, 2025)
        fields = dict(
            unit=unit, body=body, level=rng.choice(LEVELS), validity=rng.choice(VALIDITIES),
            category=rng.choice(CATEGORIES), state="published", disclosure="主动公开",
            publish_date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
        )
        if i < len(corpus_docs) and i * 2 < n:  # the corpus documents, spread over the ids
            doc = corpus_docs[i]
            corpus_ids.append(doc["id"])
            if doc.get("publish_date"):
                fields["publish_date"] = date.fromisoformat(doc["publish_date"])
            number = doc.get("doc_number") or ""
            batch.append(Document(title=doc["title"], doc_number=number,
                                  doc_number_key=doc_number_key(number) if number else "", **fields))
        else:
            fragment = rng.choice(rng.choice([pool, title_pool]))[:rng.randint(6, 24)].rstrip("。")
            number = f"测政{i % 7}〔{year}〕{i + 1}号"
            batch.append(Document(title=f"{unit.full_name}关于{fragment}的{rng.choice(KINDS)}",
                                  doc_number=number, doc_number_key=doc_number_key(number), **fields))
        if len(batch) == 2000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    insert_seconds = time.perf_counter() - t0
    pk_of = dict(zip(corpus_ids, Document.objects.order_by("id").values_list("id", flat=True)
                     [:len(corpus_ids)], strict=True))

    t0 = time.perf_counter()
    result = reindex_all()
    build_seconds = time.perf_counter() - t0
    if args.engine == "tantivy":
        from gongkai.search import tantivy_engine

        size = tantivy_engine.size_bytes()
    else:
        size = backend_for(connection).size_bytes(connection)

    t0 = time.perf_counter()
    tv = Tantivy()
    titles_by_id = {}
    for start in range(0, n, 2000):
        for doc_id, unit_id, title, number, body, publish_date in (
                Document.objects.filter(id__gt=start, id__lte=start + 2000).order_by("id")
                .values_list("id", "unit_id", "title", "doc_number", "body", "publish_date")):
            t, num, b = index_text(title=title, doc_number=number, body=body).joined()
            tv.add(doc_id, unit_id, publish_date.year if publish_date else 0, t, num, b)
            titles_by_id[doc_id] = title
    tv.commit()
    tantivy_build_seconds = time.perf_counter() - t0

    # The judged cases of the documents in this library.
    def judged(cases):
        out = []
        for case in cases:
            if case["relevant"] != "title_contains":
                ids = [pk_of[c] for c in case["relevant"] if c in pk_of]
                if not ids:
                    continue
                case = dict(case, relevant_ids=ids)
            out.append(case)
        return out

    cases, fragments = judged(relevance["queries"]), judged(relevance["fragments"])
    unit_ids = [u.pk for u in units]
    work: list[tuple[str, str, dict]] = [("mixed", q, {}) for q in QUERIES]
    for k, (q, what) in enumerate(FILTERED):
        work.append(("filtered", q, {"unit": unit_ids[k % len(unit_ids)]} if what == "unit"
                     else {"year": 2010 + k}))
    work += [(c["kind"], c["query"], {}) for c in cases]

    setup_test_environment()
    client = Client()
    legs = ("raw", "search", "api", "tantivy")
    timings: dict[str, list[float]] = {leg: [] for leg in legs}
    by_kind: dict[str, dict[str, list[float]]] = {}
    per_query = []
    for rep in range(args.repeat + 1):
        for kind, q, flt in work:
            filters = SearchFilters(unit=flt.get("unit"), year=flt.get("year"))
            t = time.perf_counter()
            raw_count, _raw = raw_query(q, filters=filters, page_size=20)
            raw_ms = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            page = search(q, filters=filters, page_size=20, facets=False)
            search_ms = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            response = client.get("/api/v1/documents", {"q": q, **flt})
            api_ms = (time.perf_counter() - t) * 1000
            assert response.status_code == 200, (q, response.status_code, response.content[:300])
            t = time.perf_counter()
            tv_count, _tv = tv.search(q, flt)
            tv_ms = (time.perf_counter() - t) * 1000
            if rep == 0:
                per_query.append({"kind": kind, "query": q, **flt, "count": page.count,
                                  "raw_count": raw_count, "tantivy_count": tv_count})
                continue  # warm-up
            for leg, ms in zip(legs, (raw_ms, search_ms, api_ms, tv_ms), strict=True):
                timings[leg].append(ms)
                by_kind.setdefault(kind, {x: [] for x in legs})[leg].append(ms)

    def stats(values):
        if not values:
            return None
        return {"p50_ms": round(percentile(values, 50), 2), "p99_ms": round(percentile(values, 99), 2),
                "mean_ms": round(statistics.fmean(values), 2), "n": len(values)}

    # Index writes as the document services cause them: one document (a publish or an edit),
    # and an import chunk of 200; each is one commit (tantivy: under its write lock).
    from gongkai.search.services import index_documents

    all_ids = list(Document.objects.order_by("id").values_list("id", flat=True))
    write_one = []
    for k in range(20):
        t = time.perf_counter()
        index_documents(document_ids=[all_ids[(k * 997) % len(all_ids)]])
        write_one.append((time.perf_counter() - t) * 1000)
    write_chunk = []
    for k in range(3):
        t = time.perf_counter()
        index_documents(document_ids=all_ids[k * 200:(k + 1) * 200])
        write_chunk.append((time.perf_counter() - t) * 1000)

    def ours(q):
        return [h.document.pk for h in search(q, page_size=10, facets=False).hits]

    def theirs(q):
        return tv.search(q, None, 10)[1]

    title_of = titles_by_id.get
    quality = _relevance(ours, cases, lambda i: title_of(i) or "")
    fragment_quality = _relevance(ours, fragments, lambda i: title_of(i) or "")
    tv_quality = _relevance(theirs, cases, lambda i: title_of(i) or "")
    tv_fragments = _relevance(theirs, fragments, lambda i: title_of(i) or "")
    slowest = sorted(((statistics.fmean(v), k) for v, k in _per_query_api(work, args, client)),
                     reverse=True)[:5] if args.slowest else []

    out = {
        "documents": n,
        "engine": args.engine,
        "indexed": result.count,
        "index_kind": result.backend,
        "body_chars_total": chars,
        "sentence_pool": len(pool),
        "corpus_documents": len(corpus_ids),
        "corpus_load_seconds": round(load_seconds, 2),
        "insert_seconds": round(insert_seconds, 2),
        "index_build_seconds": round(build_seconds, 2),
        "index_docs_per_second": round(n / build_seconds, 1),
        "index_size_bytes": size,
        "tantivy_build_seconds": round(tantivy_build_seconds, 2),
        "raw": stats(timings["raw"]),
        "search": stats(timings["search"]),
        "api": stats(timings["api"]),
        "tantivy": stats(timings["tantivy"]),
        "writes": {"one_document": stats(write_one), "chunk_200": stats(write_chunk)},
        "by_kind": {kind: {leg: stats(v) for leg, v in legs_.items()} for kind, legs_ in by_kind.items()},
        "mrr": quality["mrr"],
        "recall_at_3": quality["recall_at_3"],
        "fragment_recall_at_3": fragment_quality["recall_at_3"],
        "relevance": {"queries": quality, "fragments": fragment_quality,
                      "tantivy_queries": tv_quality, "tantivy_fragments": tv_fragments},
        "slowest_api": [{"query": k, "mean_ms": round(ms, 2)} for ms, k in slowest],
        "queries": per_query,
    }
    for leg in ("search", "api"):
        out[f"{leg}_over_raw_p99"] = round(out[leg]["p99_ms"] / out["raw"]["p99_ms"], 2)
        out[f"{leg}_over_raw_p50"] = round(out[leg]["p50_ms"] / out["raw"]["p50_ms"], 2)
        out[f"{leg}_over_tantivy_p99"] = round(out[leg]["p99_ms"] / out["tantivy"]["p99_ms"], 2)
    return out


def _per_query_api(work, args, client):
    """Mean API time per query over a few extra passes (to name the slowest)."""
    for kind, q, flt in work:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            client.get("/api/v1/documents", {"q": q, **flt})
            times.append((time.perf_counter() - t) * 1000)
        yield times, f"{kind}: {q} {flt or ''}".strip()


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


def _fresh_tantivy_dir(n: int) -> Path:
    import shutil

    path = ROOT / "var" / "bench" / f"search-{n}-tantivy"
    shutil.rmtree(path, ignore_errors=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/")
    parser.add_argument("--engine", choices=["database", "tantivy"], default="database",
                        help="gongkai's search engine (GONGKAI_SEARCH_ENGINE) under test")
    parser.add_argument("--slowest", action="store_true", help="name the five slowest API queries")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one_size:
        print(json.dumps(one_size(args, args.one_size), ensure_ascii=False))
        return

    runs = []
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        env = dict(os.environ, DATABASE_URL=_fresh_database(args, n), API_RATE_LIMIT="0",
                   DJANGO_SETTINGS_MODULE="gongkai.settings", DEBUG="0",
                   GONGKAI_SEARCH_ENGINE=args.engine)
        if args.engine == "tantivy":
            env["GONGKAI_TANTIVY_DIR"] = str(_fresh_tantivy_dir(n))
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--backend", args.backend, "--repeat", str(args.repeat),
             "--engine", args.engine,
             "--one-size", str(n), *(["--slowest"] if args.slowest else [])],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"bench failed at {n} documents")
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        run["wall_seconds"] = round(time.perf_counter() - started, 1)
        runs.append(run)
        print(f"{args.backend}/{args.engine} {n:>7} docs ({run['index_kind']}): build {run['index_build_seconds']} s, "
              f"index {run['index_size_bytes'] / 1e6:.1f} MB | raw p50/p99 "
              f"{run['raw']['p50_ms']}/{run['raw']['p99_ms']} ms | search "
              f"{run['search']['p50_ms']}/{run['search']['p99_ms']} ms"
              + f" | api {run['api']['p50_ms']}/{run['api']['p99_ms']} ms "
              f"(api/raw p99 {run.get('api_over_raw_p99')}) | tantivy "
              f"{run['tantivy']['p50_ms']}/{run['tantivy']['p99_ms']} ms "
              f"(api/tantivy p99 {run.get('api_over_tantivy_p99')}) | MRR {run['mrr']} "
              f"recall@3 {run['recall_at_3']} fragment recall@3 {run['fragment_recall_at_3']}",
              flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "-tantivy" if args.engine == "tantivy" else ""
    out = RESULTS / f"search-{args.backend}{suffix}.json"
    out.write_text(json.dumps({
        "benchmark": "search",
        "backend": args.backend,
        "engine": args.engine,
        "machine": {"cpus": os.cpu_count()},
        "goal": "100k docs: api p99 <= 30 ms and <= 2x tantivy p99; fragment_recall_at_3 >= 0.95",
        "runs": runs,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
