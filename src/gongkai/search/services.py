"""Full-text search of the public library (检索): the one entry point for pages, API and bench.

    page = search("信息公开", filters=SearchFilters(year=2014), sort="relevance", page=1)

Only ``Document.objects.public()`` documents are ever indexed, and hits are re-read through
``public()`` too, so a stale index entry can never show a non-public document.

Writes: ``index_documents`` (called on commit through ``document_changed``) and
``reindex_all`` (``gongkai reindex``). The index is derived data rebuilt from the documents, so
per-document index updates write no audit record (the document write that caused them did);
a full rebuild, an operator action, is audited.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.errors import GongkaiError
from gongkai.documents.domain.vocab import IN_FORCE
from gongkai.documents.models import Document
from gongkai.search.backends import Row, backend_for
from gongkai.search.domain import query as query_domain
from gongkai.search.domain.highlight import highlight, snippet
from gongkai.search.domain.indexing import index_text

logger = logging.getLogger(__name__)

SORTS = ("relevance", "date")
FACET_KEYS = ("unit", "year", "level", "validity", "category")
MAX_PAGE_SIZE = 100
CHUNK = 500
COMMON_MIN_MATCHES = 20_000  # see _is_common
PINNED_SCORE = 1000.0  # a document whose 发文字号 is the query: above any text score


class SearchError(GongkaiError):
    code = "search"


@dataclass(frozen=True)
class SearchFilters:
    unit: int | None = None
    year: int | None = None
    level: str | None = None
    validity: str | None = None
    category: str | None = None
    in_force_only: bool = False


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


@dataclass
class Hit:
    document: Document
    snippet: SafeString
    score: float
    title_html: SafeString = field(default_factory=lambda: mark_safe(""))


class SearchPage:
    """One page of results. ``facets`` is computed on first access (one more query): the API
    shows no facets and so never pays for them; the results page reads them once."""

    def __init__(self, count: int, page: int, page_size: int, hits: list[Hit],
                 facets: dict[str, list[Facet]] | Callable[[], dict[str, list[Facet]]],
                 query: str = "", sort: str = "relevance"):
        self.count, self.page, self.page_size, self.hits = count, page, page_size, hits
        self.query, self.sort = query, sort
        self._facets = facets

    @property
    def facets(self) -> dict[str, list[Facet]]:
        if callable(self._facets):
            self._facets = self._facets()
        return self._facets

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def __repr__(self) -> str:
        return f"<SearchPage {self.query!r} count={self.count} page={self.page}>"


@dataclass(frozen=True)
class ReindexResult:
    count: int
    seconds: float
    backend: str


# --- reads -----------------------------------------------------------------------------------


def _filter_sql(filters: SearchFilters) -> tuple[str, list]:
    parts, params = [], []
    for column, value in (("unit_id", filters.unit), ("year", filters.year),
                          ("level", filters.level), ("validity", filters.validity),
                          ("category", filters.category)):
        if value is not None and value != "":
            parts.append(f"e.{column} = %s")
            params.append(value)
    if filters.in_force_only:
        parts.append("e.in_force = %s")
        params.append(True)
    return "".join(f" AND {p}" for p in parts), params


def _pinned_ids(query: str, parsed: query_domain.ParsedQuery, filters: SearchFilters) -> list[int]:
    """Public documents whose 发文字号 is one typed in the query, in any bracket form
    (武政办[2014]153号, 武政办（2014）153号 …) or as an order number (武汉市人民政府令第322号):
    they come first. Matched on Document.doc_number_key, the documents app's normal form."""
    keys: set[str] = set()
    numbers: set[str] = set()
    from gongkai.documents.domain.docnumber import find_doc_numbers

    for found in find_doc_numbers(query[: query_domain.MAX_QUERY_CHARS])[:3]:
        keys.add(found.number.key)
        numbers.add(found.number.normalized)
    if parsed.doc_number:
        numbers.add(parsed.doc_number)
    if not keys and not numbers:
        return []
    from django.db.models import Q

    condition = Q(doc_number__in=numbers) | Q(doc_number_key__in=keys)
    ids = list(Document.objects.filter(condition).order_by("-publish_date", "-id")
               .values_list("id", flat=True)[:10])
    if not ids:
        return []
    # The index holds only public documents: keep those, under the current filters.
    where, params = _filter_sql(filters)
    marks = ",".join(["%s"] * len(ids))
    with connection.cursor() as cur:
        cur.execute(f"SELECT e.document_id FROM search_entry e WHERE e.document_id IN ({marks}){where}",
                    [*ids, *params])
        found_ids = {r[0] for r in cur.fetchall()}
    return [i for i in ids if i in found_ids]


_FACET_SQL = (
    "SELECT 'unit', CAST(unit_id AS TEXT), COUNT(*), NULL FROM m GROUP BY unit_id "
    "UNION ALL SELECT 'year', CAST(year AS TEXT), COUNT(*), NULL FROM m WHERE year IS NOT NULL GROUP BY year "
    "UNION ALL SELECT 'level', level, COUNT(*), NULL FROM m WHERE level <> '' GROUP BY level "
    "UNION ALL SELECT 'validity', validity, COUNT(*), NULL FROM m WHERE validity <> '' GROUP BY validity "
    "UNION ALL SELECT 'category', category, COUNT(*), NULL FROM m WHERE category <> '' GROUP BY category"
)
_COUNT_SQL = "SELECT 'count', NULL, COUNT(*), NULL FROM m"
_DATE_ORDER = "publish_date DESC NULLS LAST, document_id DESC"


@dataclass
class _Result:
    count: int
    facets: dict[str, list[tuple[str, int]]]
    ranked: list[tuple[int, float]]


def _read(rows) -> _Result:
    raw: dict[str, list[tuple[str, int]]] = {k: [] for k in FACET_KEYS}
    hits: list[tuple[int, int, float]] = []
    count = None
    for kind, value, number, ordinal in rows:
        if kind == "hit":
            hits.append((int(ordinal), int(value), float(number or 0.0)))
        elif kind == "count":
            count = int(number)
        else:
            raw[kind].append((str(value), int(number)))
    if count is None:
        count = sum(c for _v, c in raw["unit"])
    return _Result(count, raw, [(i, s) for _o, i, s in sorted(hits)])


def _single_pass(m_from: str, m_where: str, m_params: list, score_sql: str, score_params: list,
                 order: str, limit: int, offset: int, id_sql: str = "e.document_id",
                 date_sql: str = "e.publish_date") -> _Result:
    """One statement: the matches are found (and scored) once, in a materialised CTE, and the
    page of hits and the count read from it."""
    sql = (
        f"WITH m AS MATERIALIZED (SELECT {id_sql} AS document_id, {date_sql} AS publish_date, "
        f"{score_sql} AS score FROM {m_from} WHERE {m_where}) "
        f"SELECT 'hit', CAST(document_id AS TEXT), score, ROW_NUMBER() OVER (ORDER BY {order}) "
        f"FROM (SELECT document_id, score, publish_date FROM m ORDER BY {order} LIMIT %s OFFSET %s) h "
        f"UNION ALL {_COUNT_SQL}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*score_params, *m_params, limit, offset])
        return _read(cur.fetchall())


def _count(m_from: str, m_where: str, m_params: list, in_index: bool) -> int:
    sql = f"SELECT 'count', NULL, COUNT(*), NULL FROM {m_from} WHERE {m_where}"
    with connection.cursor() as cur:
        if in_index:
            return _read(_bitmap_count(cur, sql, m_params)).count
        cur.execute(sql, m_params)
        return _read(cur.fetchall()).count


def _is_common(count: int) -> bool:
    """A query that does not discriminate: it matches more than COMMON_MIN_MATCHES documents
    and more than half of the library. BM25's idf is then ≤ 0 for every term (FTS5 clamps it
    to 1e-6), so scoring every match — the whole cost of such a search at 100,000 documents,
    on either backend — buys no ranking; such queries list their matches newest first."""
    if count <= COMMON_MIN_MATCHES:
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM search_entry")
        return count * 2 > int(cur.fetchone()[0])


def _newest_first(m_from: str, m_where: str, m_params: list, id_sql: str, count: int,
                  limit: int, offset: int) -> _Result:
    """The page of a common query: matches by document id, newest registered first (FTS5
    walks its doclist backwards; PostgreSQL its primary key, testing each row)."""
    ranked: list[tuple[int, float]] = []
    if limit > 0 and count > offset:
        with connection.cursor() as cur:
            cur.execute(f"SELECT {id_sql} FROM {m_from} WHERE {m_where} ORDER BY {id_sql} DESC "
                        "LIMIT %s OFFSET %s", [*m_params, limit, offset])
            ranked = [(int(r[0]), 0.0) for r in cur.fetchall()]
    return _Result(count, {}, ranked)


def _two_pass(m_from: str, m_where: str, m_params: list, score_sql: str, score_params: list,
              order_sql: str, order_params: list, limit: int, offset: int,
              sort_by_rank: bool = True, counting: tuple[str, str, list] | None = None) -> _Result:
    """For an index that returns rows in rank order (RUM): the page comes from the index
    (ORDER BY … LIMIT, no scoring of every match), the counts from a second, unscored pass."""
    c_from, c_where, c_params = counting or (m_from, m_where, m_params)
    result = _Result(_count(c_from, c_where, c_params, True), {}, [])
    if sort_by_rank and _is_common(result.count):
        return _newest_first(c_from, c_where, c_params, "e.document_id", result.count, limit, offset)
    with connection.cursor() as cur:
        if limit > 0 and result.count > offset:
            cur.execute(
                f"SELECT e.document_id, {score_sql} FROM {m_from} WHERE {m_where} "
                f"ORDER BY {order_sql} LIMIT %s OFFSET %s",
                [*score_params, *m_params, *order_params, limit, offset],
            )
            result.ranked = [(int(i), float(s or 0.0)) for i, s in cur.fetchall()]
    return result


def _bitmap_count(cur, sql: str, params: list) -> list:
    """Run a counting statement on PostgreSQL+RUM: counting many matches from the index's
    bitmap never reads the tsvectors, but the planner underestimates @@ and would rather scan
    (and detoast) the whole table, so sequential scans are off for this one statement."""
    with transaction.atomic():
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute(sql, params)
        rows = cur.fetchall()
        cur.execute("SET LOCAL enable_seqscan TO DEFAULT")
    return rows


def _facet_counts(m_from: str, m_where: str, m_params: list, in_index: bool
                  ) -> dict[str, list[tuple[str, int]]]:
    sql = (f"WITH m AS MATERIALIZED (SELECT e.unit_id, e.year, e.level, e.validity, e.category "
           f"FROM {m_from} WHERE {m_where}) {_FACET_SQL}")
    with connection.cursor() as cur:
        if in_index:
            rows = _bitmap_count(cur, sql, m_params)
        else:
            cur.execute(sql, m_params)
            rows = cur.fetchall()
    return _read(rows).facets


def _label_facets(raw: dict[str, list[tuple[str, int]]]) -> dict[str, list[Facet]]:
    from gongkai.core.models import Unit

    unit_ids = [int(v) for v, _c in raw["unit"]]
    names = dict(Unit.objects.filter(id__in=unit_ids).values_list("id", "full_name")) if unit_ids else {}
    out: dict[str, list[Facet]] = {}
    for key, values in raw.items():
        if key == "year":
            ordered = sorted(values, key=lambda vc: -int(vc[0]))
        else:
            ordered = sorted(values, key=lambda vc: (-vc[1], vc[0]))
        out[key] = [
            Facet(value=v, label=names.get(int(v), v) if key == "unit" else v, count=c)
            for v, c in ordered
        ]
    return out


def search(
    query: str = "",
    *,
    filters: SearchFilters = SearchFilters(),  # noqa: B008 - frozen dataclass, immutable
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    facets: bool = True,
) -> SearchPage:
    """Search public documents. Any query string is data: results or an empty page, never an
    error. An empty query lists public documents (newest first). Bad page numbers clamp;
    page_size is bounded to 1..100. An unknown sort is a SearchError naming ``sort``."""
    if sort not in SORTS:
        raise SearchError(f"排序方式 “{sort}” 无效，可选：relevance（相关度）、date（日期）", field="sort")
    try:
        page_size = max(1, min(MAX_PAGE_SIZE, int(page_size)))
    except (TypeError, ValueError):
        page_size = 20
    try:
        page = max(1, int(page))
    except (TypeError, ValueError):
        page = 1
    query = str(query or "")
    parsed = query_domain.parse(query)
    backend = backend_for(connection)
    filter_where, filter_params = _filter_sql(filters)
    empty_query = parsed.is_empty
    if empty_query and query.strip():
        # Only punctuation / emoji / symbols: nothing can match.
        return SearchPage(0, 1, page_size, [], {k: [] for k in FACET_KEYS} if facets else {},
                          query, sort)

    pinned: list[int] = [] if empty_query or sort != "relevance" else _pinned_ids(query, parsed, filters)
    exclude_marks = ",".join(["%s"] * len(pinned))
    two_pass = False
    id_sql, date_sql = "e.document_id", "e.publish_date"
    if empty_query:
        m_from, m_where, m_params = "search_entry e", "1 = 1", []
        score_sql, score_params, order_sql, order_params = "0.0", [], "", []
        facet_from, facet_where, facet_params = m_from, m_where, []
        c_from, c_where, c_params = m_from, m_where, []
    else:
        compiled = backend.compile(parsed)
        # The same documents without the phrase clauses: for counting and facets, cheaper.
        plain = backend.compile(parsed, phrase_boost=False)
        # The entry table's columns are needed for filters and the date sort only.
        join = bool(filter_where) or sort == "date"
        match = backend.match_clause(compiled, connection, join=join)
        m_from, m_where, m_params = match.from_sql, match.where_sql, list(match.where_params)
        id_sql, date_sql = match.id_sql, match.date_sql
        counting = backend.match_clause(plain, connection, join=join)
        c_from, c_where, c_params = counting.from_sql, counting.where_sql, list(counting.where_params)
        joined = backend.match_clause(plain, connection, join=True)
        facet_from, facet_where, facet_params = joined.from_sql, joined.where_sql, list(joined.where_params)
        score_sql, score_params = match.score_sql, match.score_params
        order_sql, order_params = match.order_sql, match.order_params
        two_pass = backend.ranks_in_index(connection)
        if two_pass:
            # RUM's distance is a cover-density rank: adjacent words already score highest, so
            # the index ranks the plain query (a third cheaper than with the phrase clauses).
            ranking = backend.match_clause(plain, connection, join=join)
            m_where, m_params = ranking.where_sql, list(ranking.where_params)
            score_sql, score_params = ranking.score_sql, ranking.score_params
            order_sql, order_params = ranking.order_sql, ranking.order_params
        if two_pass and sort == "date":
            # Newest first needs no score: never compute one for every match.
            score_sql, score_params = "0.0", []
            order_sql, order_params = "e.publish_date DESC NULLS LAST, e.document_id DESC", []
    if pinned:
        m_where += f" AND {id_sql} NOT IN ({exclude_marks})"
        c_where += f" AND {id_sql} NOT IN ({exclude_marks})"
        facet_where += f" AND e.document_id NOT IN ({exclude_marks})"
    m_where += filter_where
    m_params += [*pinned, *filter_params]
    c_where += filter_where
    c_params += [*pinned, *filter_params]
    facet_where += filter_where
    facet_params += [*pinned, *filter_params]
    order = "score DESC, document_id DESC" if sort == "relevance" and not empty_query else _DATE_ORDER

    def run(page: int) -> _Result:
        offset = (page - 1) * page_size
        limit = page_size - len(pinned[offset:offset + page_size])
        offset = max(0, offset - len(pinned))
        if two_pass:
            return _two_pass(m_from, m_where, m_params, score_sql, score_params, order_sql,
                             order_params, limit, offset, sort_by_rank=sort == "relevance",
                             counting=(c_from, c_where, c_params))
        if sort == "relevance" and not empty_query:
            count = _count(c_from, c_where, c_params, False)
            if _is_common(count):
                return _newest_first(c_from, c_where, c_params, id_sql, count, limit, offset)
        return _single_pass(m_from, m_where, m_params, score_sql, score_params, order,
                            limit, offset, id_sql, date_sql)

    result = run(page)
    count = result.count + len(pinned)
    last_page = max(1, -(-count // page_size))
    if page > last_page:  # past the end: the last page instead
        page = last_page
        result = run(page)
    offset = (page - 1) * page_size
    ranked = [(i, PINNED_SCORE) for i in pinned[offset:offset + page_size]] + result.ranked

    def facet_map() -> dict[str, list[Facet]]:
        out = _label_facets(_facet_counts(facet_from, facet_where, facet_params, two_pass))
        if pinned:
            marks = ",".join(["%s"] * len(pinned))
            extra = _facet_counts("search_entry e", f"e.document_id IN ({marks})", pinned, False)
            out = _merge_facets(out, _label_facets(extra))
        return out

    hits = _hits(ranked, parsed)
    return SearchPage(count, page, page_size, hits, facet_map if facets else {}, query, sort)


def _merge_facets(a: dict[str, list[Facet]], b: dict[str, list[Facet]]) -> dict[str, list[Facet]]:
    out = {}
    for key in FACET_KEYS:
        merged: dict[str, Facet] = {f.value: f for f in a.get(key, [])}
        for f in b.get(key, []):
            old = merged.get(f.value)
            merged[f.value] = Facet(f.value, f.label, f.count + (old.count if old else 0))
        out[key] = sorted(merged.values(), key=lambda f: (-f.count, f.value))
    return out


def _hits(ranked: Sequence[tuple[int, float]], parsed: query_domain.ParsedQuery) -> list[Hit]:
    if not ranked:
        return []
    ids = [i for i, _s in ranked]
    # By primary key, then the model's own public test (Document.is_public mirrors
    # DocumentQuerySet.public()): filtering public() in SQL makes SQLite scan the state index.
    docs = {pk: doc for pk, doc in Document.objects.select_related("unit").in_bulk(ids).items()
            if doc.is_public}
    terms = parsed.highlight_terms()
    hits = []
    for doc_id, score in ranked:
        doc = docs.get(doc_id)
        if doc is None:  # index entry outlived the document's publicity: never show it
            continue
        text = doc.body or doc.title
        hits.append(Hit(
            document=doc,
            snippet=mark_safe(snippet(text, terms)),  # noqa: S308 - escaped by the highlighter
            score=score,
            title_html=mark_safe(highlight(doc.title, terms)),  # noqa: S308 - escaped too
        ))
    return hits


def raw_query(query: str, *, limit: int = 20) -> list[tuple[int, float]]:
    """The backend's ranked match alone (no filters, facets or documents): what the benchmark
    compares the full search() against."""
    parsed = query_domain.parse(query)
    if parsed.is_empty:
        return []
    backend = backend_for(connection)
    match = backend.match_clause(backend.compile(parsed), connection, join=False)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {match.id_sql}, {match.score_sql} FROM {match.from_sql} WHERE {match.where_sql} "
            f"ORDER BY {match.order_sql} LIMIT %s",
            [*match.score_params, *match.where_params, *match.order_params, limit],
        )
        return [(int(i), float(s or 0.0)) for i, s in cur.fetchall()]


# --- writes ----------------------------------------------------------------------------------

_INDEX_FIELDS = ("id", "unit_id", "title", "doc_number", "body", "publish_date", "written_date",
                 "doc_year", "level", "validity", "category")


def _rows(values: Iterable[tuple]) -> list[Row]:
    rows = []
    for (doc_id, unit_id, title, doc_number, body, publish_date, written_date, doc_year, level,
         validity, category) in values:
        text = index_text(title=title or "", doc_number=doc_number or "", body=body or "")
        t, n, b = text.joined()
        year = (publish_date.year if publish_date else None) or doc_year or (
            written_date.year if written_date else None)
        rows.append(Row(
            document_id=doc_id, unit_id=unit_id, year=year, level=level or "",
            validity=validity or "", category=category or "", publish_date=publish_date,
            in_force=validity in IN_FORCE, title=t, number=n, body=b,
            tsvector=text.tsvector() if connection.vendor == "postgresql" else "",
        ))
    return rows


def index_documents(*, document_ids: Iterable[int]) -> int:
    """Bring the index in line with these documents: (re)index the public ones, remove the rest.
    Returns how many are in the index afterwards."""
    ids = sorted({int(i) for i in document_ids})
    if not ids:
        return 0
    backend = backend_for(connection)
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = _rows(Document.objects.public().current_versions().filter(pk__in=chunk)
                     .values_list(*_INDEX_FIELDS))
        with transaction.atomic(), connection.cursor() as cur:
            backend.delete(cur, chunk)
            if rows:
                backend.write(cur, rows, timezone.now())
        written += len(rows)
    return written


def reindex_all(*, actor=None, chunk: int = CHUNK, progress=None) -> ReindexResult:
    """Rebuild the whole index from ``Document.objects.public()`` in one transaction."""
    from gongkai.core.services import audit_record

    started = time.perf_counter()
    backend = backend_for(connection)
    count = 0
    with transaction.atomic():
        with connection.cursor() as cur:
            backend.clear(cur)
            backend.bulk_begin(cur)
        ids = list(Document.objects.public().current_versions().order_by("id")
                   .values_list("id", flat=True))
        now = timezone.now()
        for start in range(0, len(ids), chunk):
            part = ids[start:start + chunk]
            rows = _rows(Document.objects.filter(pk__in=part).values_list(*_INDEX_FIELDS))
            with connection.cursor() as cur:
                backend.write(cur, rows, now)
            count += len(rows)
            if progress:
                progress(count, len(ids))
        with connection.cursor() as cur:
            backend.bulk_end(cur)
        seconds = time.perf_counter() - started
        audit_record(actor=actor, action="search_reindex", target="search_index",
                     data={"count": count, "seconds": round(seconds, 3),
                           "backend": backend.index_kind(connection)})
    with connection.cursor() as cur:
        backend.optimize(cur)
    return ReindexResult(count, time.perf_counter() - started, backend.index_kind(connection))


def on_document_changed(sender, document_ids=(), reason: str = "", **kwargs) -> None:
    """Receiver of documents.signals.document_changed (sent on commit by ``announce``).

    Relations are not in the index, so their changes are skipped. An error propagates: the
    sender keeps the change in the outbox and ``changes_drain`` retries it."""
    from gongkai.documents.events import Reason

    if reason == Reason.RELATIONS:
        return
    index_documents(document_ids=document_ids)
