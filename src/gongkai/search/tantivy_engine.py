"""The optional embedded search engine: tantivy (``GONGKAI_SEARCH_ENGINE=tantivy``).

The documents stay in the database; the index lives in a directory on local disk
(``GONGKAI_TANTIVY_DIR``, default ``<GONGKAI_DATA_DIR>/search-tantivy``) and holds, per public
document: its id, the filter and facet fields (unit, year, level, validity, category,
in_force), a sort key (publish date, then id), the title key's length, when it was indexed, and
the token text of title / 发文字号 / body cut by the same segmenter as the database engine
(``domain/indexing.py``, whitespace tokenizer: one token per segmenter token, positions
kept, so phrases are adjacency) plus the title and 发文字号 keys as trigram sequences
(``title_tri`` / ``number_tri``: a piece of three or more characters is the phrase of its
trigrams, an exact substring test).

The tiers are those of the database engine (``selectors``): pinned 发文字号, the title tier
(pieces, or words in title / 发文字号; at most TITLE_CANDIDATES newest, shortest title first),
then the text tier, which tantivy ranks in full (BM25, block-max WAND: no candidate bound and
no newest-first fallback for common queries are needed). Counts are exact (``count=True``),
the date sort is one ordered read of the union, facets one aggregation over it.

Several processes (gunicorn workers, the Celery worker, ``gongkai`` commands) share the
directory. tantivy allows one IndexWriter per directory (its ``.tantivy-writer.lock``); a
process takes it only for one batch, under an ``fcntl.flock`` on ``gongkai-writer.lock`` in the
directory (waiting up to ``GONGKAI_TANTIVY_LOCK_TIMEOUT`` seconds, then ``IndexBusy``: the
change stays in the documents outbox and is resent), commits, and drops it. Readers compare
``meta.json`` (which a commit replaces) before every search and reload when it changed, so a
search sees any commit of another process. Limits: one host, a local file system (flock and
mmap'd segment files; not NFS), writes serialised, each batch one commit (an fsync), and the
index is outside the database transaction (the outbox and ``gongkai reindex --check`` cover
a crash between the two commits).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from gongkai.core.errors import GongkaiError
from gongkai.search.domain import query as query_domain
from gongkai.search.domain import substring
from gongkai.search.domain.indexing import BODY_WEIGHT, NUMBER_WEIGHT, TITLE_WEIGHT

ENGINES = ("database", "tantivy")
KIND = "tantivy"
LOCK_FILE = "gongkai-writer.lock"
WRITER_HEAP = 64_000_000  # bytes for one writer thread; tantivy flushes a segment when full
FACET_SIZE = 10_000  # terms per facet (units); more would be cut by the aggregation
_TEXT_FIELDS = ((("title", TITLE_WEIGHT), ("number", NUMBER_WEIGHT), ("body", BODY_WEIGHT)))
_TITLE_FIELDS = (("title", 1.0), ("number", 1.0))


class IndexBusy(GongkaiError):
    """Another process held the index's write lock for longer than the timeout."""

    code = "search_index_busy"


def engine() -> str:
    """The configured engine: ``database`` (default) or ``tantivy``."""
    value = getattr(settings, "SEARCH_ENGINE", "database") or "database"
    if value not in ENGINES:
        raise ImproperlyConfigured(
            f"GONGKAI_SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {value!r}")
    return value


def enabled() -> bool:
    return engine() == KIND


def _tv():
    try:
        import tantivy
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImproperlyConfigured(
            "GONGKAI_SEARCH_ENGINE=tantivy needs the tantivy package (pip install 'gongkai[tantivy]')"
        ) from exc
    return tantivy


def _schema():
    t = _tv()
    sb = t.SchemaBuilder()
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    sb.add_integer_field("unit", indexed=True, fast=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    for name in ("level", "validity", "category"):
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
    sb.add_integer_field("in_force", indexed=True, fast=True)
    sb.add_integer_field("date_key", fast=True)  # publish_date DESC NULLS LAST, id DESC
    sb.add_integer_field("title_len", fast=True)  # the title tier: shortest title first
    sb.add_integer_field("indexed_at", fast=True)  # µs since the epoch (index_check: stale)
    for name in ("title", "number", "body", "title_tri", "number_tri"):
        sb.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    return sb.build()


# --- the directory: one handle per path and process ------------------------------------------


@contextmanager
def _file_lock(path: Path, timeout: float) -> Iterator[None]:
    """An exclusive ``flock`` on the directory's lock file (separate open() calls exclude each
    other, threads of one process included); released on close, or when the process dies."""
    with open(path / LOCK_FILE, "a+b") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(f"检索索引正被其他进程写入（等待 {timeout:g} 秒后放弃）") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class _Handle:
    """An opened index directory: tantivy's Index with a manually reloaded reader. It holds
    no documents' data, only the reader; ``searcher()`` reloads when ``meta.json`` changed."""

    def __init__(self, path: Path):
        t = _tv()
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        with _file_lock(path, _lock_timeout()):  # two processes must not both create it
            self.index = t.Index(_schema(), path=str(path), reuse=True)
        self.index.config_reader("Manual")
        self.schema = self.index.schema
        self._seen = self._stamp()
        self._lock = threading.Lock()

    def _stamp(self):
        try:
            st = os.stat(self.path / "meta.json")
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def searcher(self):
        stamp = self._stamp()
        if stamp != self._seen:
            with self._lock:
                self.index.reload()
                self._seen = stamp
        return self.index.searcher()

    @contextmanager
    def writing(self, *, heap: int = WRITER_HEAP) -> Iterator[object]:
        """The IndexWriter for one batch, under the file lock: committed when the block ends,
        rolled back on an error, and dropped (tantivy's own lock released) either way."""
        with _file_lock(self.path, _lock_timeout()):
            writer = self.index.writer(heap_size=heap, num_threads=1)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()  # consumes the writer: the lock is released
                del writer


_handles: dict[str, _Handle] = {}
_handles_lock = threading.Lock()


def _lock_timeout() -> float:
    return float(getattr(settings, "SEARCH_TANTIVY_LOCK_TIMEOUT", 30))


def directory() -> Path:
    configured = getattr(settings, "SEARCH_TANTIVY_DIR", None)
    return Path(configured or Path(settings.DATA_DIR) / "search-tantivy").resolve()


def handle() -> _Handle:
    path = directory()
    key = str(path)
    with _handles_lock:
        h = _handles.get(key)
        if h is None or not (path / "meta.json").exists():
            h = _handles[key] = _Handle(path)
        return h


def size_bytes() -> int:
    path = directory()
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file()) if path.exists() else 0


# --- writes ----------------------------------------------------------------------------------


def _trigrams(key: str) -> str:
    return " ".join(key[i:i + 3] for i in range(len(key) - 2))


def _date_key(publish_date: date | None, document_id: int) -> int:
    return ((publish_date.toordinal() if publish_date else 0) << 32) | int(document_id)


def _micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


def _document(row, indexed_at: int):
    fields = {
        "id": row.document_id, "unit": row.unit_id, "level": row.level,
        "validity": row.validity, "category": row.category, "in_force": int(bool(row.in_force)),
        "date_key": _date_key(row.publish_date, row.document_id),
        "title_len": len(row.title_key), "indexed_at": indexed_at,
        "title": row.title, "number": row.number, "body": row.body,
        "title_tri": _trigrams(row.title_key), "number_tri": _trigrams(row.number_key),
    }
    if row.year is not None:
        fields["year"] = row.year
    return _tv().Document(**fields)


def replace(ids: Sequence[int], rows: Sequence, now: datetime) -> None:
    """One commit: the entries of ``ids`` removed, ``rows`` (backends.Row) added."""
    h = handle()
    stamp = _micros(now)
    with h.writing() as writer:
        for doc_id in ids:
            writer.delete_documents_by_term("id", int(doc_id))
        for row in rows:
            writer.add_document(_document(row, stamp))


def rebuild(chunks: Iterable[Sequence], now: datetime) -> int:
    """Everything replaced by the rows of ``chunks`` in one commit: readers see the old index
    until the new one is complete."""
    h = handle()
    stamp, count = _micros(now), 0
    with h.writing(heap=2 * WRITER_HEAP) as writer:
        writer.delete_all_documents()
        for rows in chunks:
            for row in rows:
                writer.add_document(_document(row, stamp))
            count += len(rows)
    return count


def entries() -> dict[int, datetime]:
    """Every indexed document id with the time it was indexed (for ``index_check``)."""
    t = _tv()
    s = handle().searcher()
    n = s.num_docs
    if not n:
        return {}
    result = s.search(t.Query.all_query(), n, count=False, order_by_field="id", order=t.Order.Asc)
    addresses = [a for _k, a in result.hits]
    ids = s.fast_field_values("id", addresses)
    stamps = s.fast_field_values("indexed_at", addresses)
    return {int(i): datetime.fromtimestamp((at or 0) / 1_000_000, tz=UTC)
            for i, at in zip(ids, stamps, strict=True)}


# --- queries ---------------------------------------------------------------------------------


def _seq(schema, name: str, toks: Sequence[str]):
    q = _tv().Query
    if len(toks) == 1:
        return q.term_query(schema, name, toks[0])
    return q.phrase_query(schema, name, list(toks))


def _any_field(schema, toks: Sequence[str], fields) -> object:
    t = _tv()
    return t.Query.boolean_query([
        (t.Occur.Should, t.Query.boost_query(_seq(schema, name, toks), weight) if weight != 1.0
         else _seq(schema, name, toks)) for name, weight in fields])


def _words(schema, parsed: query_domain.ParsedQuery, fields, *, phrase_boost: bool):
    """Every group's tokens in any of ``fields`` (a phrase adjacent); a plain multi-token term
    also as a phrase clause that only scores (like the database's ``(a + b) OR (a AND b)``)."""
    t = _tv()
    must, should = t.Occur.Must, t.Occur.Should
    clauses = []
    for g in parsed.groups:
        if len(g.tokens) == 1 or g.phrase:
            clauses.append((must, _any_field(schema, g.tokens, fields)))
            continue
        clauses += [(must, _any_field(schema, (tok,), fields)) for tok in g.tokens]
        if phrase_boost:
            clauses.append((should, _any_field(schema, g.tokens, fields)))
    return t.Query.boolean_query(clauses)


def _pieces(schema, keys: Sequence[str]):
    """Every key a substring of the title key or of the 发文字号 key: the phrase of its
    trigrams in ``title_tri`` / ``number_tri``."""
    t = _tv()
    clauses = []
    for k in keys:
        tris = [k[i:i + 3] for i in range(len(k) - 2)]
        clauses.append((t.Occur.Must, t.Query.boolean_query([
            (t.Occur.Should, _seq(schema, "title_tri", tris)),
            (t.Occur.Should, _seq(schema, "number_tri", tris))])))
    return t.Query.boolean_query(clauses)


def _filtered(schema, base, filters, exclude: Sequence[int] = ()):
    """``base`` under the filters (they do not score), without the ``exclude`` ids."""
    t = _tv()
    q, must = t.Query, t.Occur.Must
    clauses = [(must, base)]
    for name, value in (("unit", filters.unit), ("year", filters.year)):
        if value is not None and value != "":
            clauses.append((must, q.const_score_query(q.term_query(schema, name, int(value)), 0.0)))
    for name, value in (("level", filters.level), ("validity", filters.validity),
                        ("category", filters.category)):
        if value is not None and value != "":
            clauses.append((must, q.const_score_query(q.term_query(schema, name, str(value)), 0.0)))
    if filters.in_force_only:
        clauses.append((must, q.const_score_query(q.term_query(schema, "in_force", 1), 0.0)))
    if exclude:
        clauses.append((t.Occur.MustNot, q.term_set_query(schema, "id", [int(i) for i in exclude])))
    return q.boolean_query(clauses)


def _ids_of(searcher, hits) -> list[int]:
    addresses = [a for _k, a in hits]
    return [int(i) for i in searcher.fast_field_values("id", addresses)] if addresses else []


class _Plan:
    """One query against one searcher: the front tiers' ids and the text tier's query."""

    def __init__(self, parsed, filters, sort: str, pinned_candidates: Sequence[int]):
        from gongkai.search.selectors import TITLE_CANDIDATES  # the same bound as the database

        t = _tv()
        h = handle()
        self.t, self.s, self.schema = t, h.searcher(), h.schema
        self.parsed, self.filters, self.sort = parsed, filters, sort
        self.empty = parsed.is_empty
        self.pinned: list[int] = []
        self.title: list[int] = []
        if self.empty:
            self.text = t.Query.all_query()
            return
        if sort == "relevance" and pinned_candidates:
            found = self.s.search(
                _filtered(self.schema, t.Query.term_set_query(self.schema, "id", list(pinned_candidates)),
                          filters), len(pinned_candidates), count=False)
            present = set(_ids_of(self.s, found.hits))
            self.pinned = [i for i in pinned_candidates if i in present]
        keys = substring.pieces(parsed)
        base = (_pieces(self.schema, keys) if keys
                else _words(self.schema, parsed, _TITLE_FIELDS, phrase_boost=False))
        found = self.s.search(_filtered(self.schema, base, filters, self.pinned), TITLE_CANDIDATES,
                              count=False, order_by_field="id", order=t.Order.Desc)
        addresses = [a for _k, a in found.hits]
        if addresses:
            ids = self.s.fast_field_values("id", addresses)
            lengths = self.s.fast_field_values("title_len", addresses)
            rows = sorted(zip(ids, lengths, strict=True), key=lambda r: (int(r[1] or 0), -int(r[0])))
            self.title = [int(i) for i, _n in rows]
        self.text = _words(self.schema, parsed, _TEXT_FIELDS, phrase_boost=True)

    @property
    def front(self) -> list[int]:
        return [*self.pinned, *self.title]

    def union(self, *, with_pinned: bool):
        """The text tier's matches and the front tiers' ids, filtered: the date order and
        the facets read the same documents as the relevance order."""
        ids = self.front if with_pinned else self.title
        if self.empty or not ids:
            return _filtered(self.schema, self.text, self.filters)
        t = self.t
        either = t.Query.boolean_query([
            (t.Occur.Should, self.text),
            (t.Occur.Should, t.Query.term_set_query(self.schema, "id", ids))])
        return _filtered(self.schema, either, self.filters)

    def _search(self, query, limit: int, offset: int, **kw):
        result = self.s.search(query, max(1, limit), count=True, offset=offset, **kw)
        return result.count, (result.hits if limit > 0 else [])

    def relevance_page(self, offset: int, page_size: int) -> tuple[int, list[tuple[int, float]]]:
        from gongkai.search.selectors import PINNED_SCORE, TITLE_SCORE

        front = self.front
        scores = [PINNED_SCORE] * len(self.pinned) + [TITLE_SCORE] * len(self.title)
        ranked = list(zip(front, scores, strict=True))[offset:offset + page_size]
        count, hits = self._search(_filtered(self.schema, self.text, self.filters, front),
                                   page_size - len(ranked), max(0, offset - len(front)))
        ids = _ids_of(self.s, hits)
        return len(front) + count, ranked + [(i, float(sc)) for i, (sc, _a) in zip(ids, hits, strict=True)]

    def date_page(self, offset: int, page_size: int) -> tuple[int, list[tuple[int, float]]]:
        count, hits = self._search(self.union(with_pinned=False), page_size, offset,
                                   order_by_field="date_key", order=self.t.Order.Desc)
        return count, [(i, 0.0) for i in _ids_of(self.s, hits)]

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        spec = {name: {"terms": {"field": name, "size": FACET_SIZE}}
                for name in ("unit", "year", "level", "validity", "category")}
        result = self.s.aggregate(self.union(with_pinned=True), spec)
        out: dict[str, list[tuple[str, int]]] = {}
        for name in spec:
            values = []
            for bucket in result.get(name, {}).get("buckets", []):
                key = bucket["key"]
                if isinstance(key, float):
                    key = int(key)
                if key == "" or key is None:
                    continue
                values.append((str(key), int(bucket["doc_count"])))
            out[name] = values
        return out


def ranked(parsed, filters, sort: str, page: int, page_size: int,
           pinned_candidates: Sequence[int]) -> tuple[int, int, list[tuple[int, float]], _Plan]:
    """(count, page, ranked ids, plan) of one page, clamped to the last page, as
    ``selectors._ranked`` does for the database."""
    plan = _Plan(parsed, filters, sort, pinned_candidates)
    run = plan.relevance_page if sort == "relevance" and not plan.empty else plan.date_page
    count, hits = run((page - 1) * page_size, page_size)
    last_page = max(1, -(-count // page_size))
    if page > last_page:
        page = last_page
        count, hits = run((page - 1) * page_size, page_size)
    return count, page, hits, plan
