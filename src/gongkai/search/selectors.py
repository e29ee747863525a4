"""Reads of the search app: the library search (检索) and the health of the index.

    page = search("信息公开", filters=SearchFilters(year=2014), sort="relevance", page=1)

Only ``Document.objects.public()`` documents are ever indexed, and hits are re-read through
the model's public test too, so a stale index entry can never show a non-public document.

A relevance page is made of three tiers, each chosen by an index and bounded:

1. *pinned*: documents whose 发文字号 is the one typed (any bracket form);
2. *title*: documents whose title or 发文字号 holds every term — as a substring key when every
   term has three or more characters (trigram index), else as words in those fields — at most
   TITLE_CANDIDATES, taken newest first from the index and ranked shortest title first;
3. *text*: every other word match. Up to the backend's RANK_CANDIDATES matches (SQLite
   2,000; PostgreSQL without RUM 500: ts_rank_cd detoasts each tsvector) are ranked by BM25 /
   ts_rank_cd; beyond that the newest RANK_CANDIDATES are ranked (taken from the index in id
   order, scored only those) and the rest follow newest first; a query matching more than
   COMMON_MIN_MATCHES documents and more than half of the library lists them newest first
   (BM25 then ranks nothing: every idf is ≤ 0).

The count is exact over the union of the three tiers; sorting by date lists the same union.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.errors import GongkaiError
from gongkai.documents.models import Document
from gongkai.search import tantivy_engine
from gongkai.search.backends import backend_for
from gongkai.search.domain import query as query_domain
from gongkai.search.domain import substring
from gongkai.search.domain.highlight import highlight, snippet
from gongkai.search.models import SearchEntry

SORTS = ("relevance", "date")
FACET_KEYS = ("unit", "year", "level", "validity", "category")
MAX_PAGE_SIZE = 100
COMMON_MIN_MATCHES = 20_000  # see _is_common
TITLE_CANDIDATES = 200  # the title tier's bound
TEXT_CANDIDATES: int | None = None  # override of the backends' RANK_CANDIDATES (tests), see _text_tier
PHRASE_BOOST_MAX_TOKENS = 8  # longer queries rank the text tier without the phrase clauses
PINNED_SCORE = 1000.0  # a document whose 发文字号 is the query: above any text score
TITLE_SCORE = 500.0  # the title tier: above any text score, below the pinned


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


# --- SQL pieces ------------------------------------------------------------------------------


@dataclass
class _Clause:
    """``FROM <from_sql> WHERE <where>`` with its parameters."""

    from_sql: str
    where: str
    params: list

    def excluding(self, id_sql: str, ids: Sequence[int]) -> _Clause:
        if not ids:
            return self
        marks = ",".join(["%s"] * len(ids))
        return _Clause(self.from_sql, f"{self.where} AND {id_sql} NOT IN ({marks})",
                       [*self.params, *ids])

    def filtered(self, where: str, params: list) -> _Clause:
        return _Clause(self.from_sql, self.where + where, [*self.params, *params])


@dataclass
class _Plan:
    """How one query is answered: the text tier's match (ranked), the same documents for
    counting and for facets, and the front tiers (pinned, title) as ranked id lists."""

    parsed: query_domain.ParsedQuery
    sort: str
    empty: bool
    match: _Clause
    counting: _Clause
    facet: _Clause
    score_sql: str = "0.0"
    score_params: list = field(default_factory=list)
    order_sql: str = ""
    order_params: list = field(default_factory=list)
    id_sql: str = "e.document_id"
    date_sql: str = "e.publish_date"
    two_pass: bool = False
    pinned: list[int] = field(default_factory=list)
    title: list[int] = field(default_factory=list)

    @property
    def front(self) -> list[int]:
        return [*self.pinned, *self.title]


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
    ids = _pinned_candidates(query, parsed)
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


def _pinned_candidates(query: str, parsed: query_domain.ParsedQuery) -> list[int]:
    """Documents (any state) whose 发文字号 is one typed in the query, newest first, at most
    ten: the engine keeps those in its index under the filters."""
    from gongkai.documents.domain.docnumber import find_doc_numbers

    keys: set[str] = set()
    numbers: set[str] = set()
    for found in find_doc_numbers(query[: query_domain.MAX_QUERY_CHARS])[:3]:
        keys.add(found.number.key)
        numbers.add(found.number.normalized)
    if parsed.doc_number:
        numbers.add(parsed.doc_number)
    if not keys and not numbers:
        return []
    condition = Q(doc_number__in=numbers) | Q(doc_number_key__in=keys)
    return list(Document.objects.filter(condition).order_by("-publish_date", "-id")
                .values_list("id", flat=True)[:10])


def _title_ids(backend, parsed: query_domain.ParsedQuery, filters: SearchFilters,
               exclude: Sequence[int]) -> list[int]:
    """The title tier: documents whose title or 发文字号 holds every term, at most
    TITLE_CANDIDATES taken newest first from the index, ranked shortest title first (the
    closer a title is to the query, the shorter it is around it)."""
    keys = substring.pieces(parsed)
    filter_where, filter_params = _filter_sql(filters)
    join = bool(filter_where)
    if keys:
        from_sql, where, params = backend.piece_candidates(keys, join)
    else:
        from_sql, where, params = backend.title_word_candidates(backend.title_query(parsed), join)
    clause = _Clause(from_sql, where, list(params)).filtered(filter_where, filter_params)
    clause = clause.excluding(backend.CANDIDATE_ID, exclude)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {backend.CANDIDATE_ID}, {backend.CANDIDATE_LENGTH} FROM {clause.from_sql} "
            f"WHERE {clause.where} ORDER BY {backend.CANDIDATE_ID} DESC LIMIT %s",
            [*clause.params, TITLE_CANDIDATES],
        )
        rows = cur.fetchall()
    return [int(i) for i, _n in sorted(rows, key=lambda r: (int(r[1] or 0), -int(r[0])))]


def _plan(query: str, parsed: query_domain.ParsedQuery, filters: SearchFilters, sort: str) -> _Plan:
    """Compile the query for the database in use and choose the front tiers."""
    backend = backend_for(connection)
    filter_where, filter_params = _filter_sql(filters)
    if parsed.is_empty:
        everything = _Clause("search_entry e", "1 = 1", [])
        plan = _Plan(parsed, sort, True, everything, everything, everything)
    else:
        # A long query (a whole title) is found as one run by the title tier; its phrase
        # clauses would double the cost of BM25 (each phrase's statistics is a doclist scan).
        tokens = sum(len(g.tokens) for g in parsed.groups)
        compiled = backend.compile(parsed, phrase_boost=tokens <= PHRASE_BOOST_MAX_TOKENS)
        # The same documents without the phrase clauses: for counting and facets, cheaper.
        plain = backend.compile(parsed, phrase_boost=False)
        # The entry table's columns are needed for filters and the date sort only.
        join = bool(filter_where) or sort == "date"
        match = backend.match_clause(compiled, connection, join=join)
        counting = backend.match_clause(plain, connection, join=join)
        joined = backend.match_clause(plain, connection, join=True)
        plan = _Plan(
            parsed, sort, False,
            _Clause(match.from_sql, match.where_sql, list(match.where_params)),
            _Clause(counting.from_sql, counting.where_sql, list(counting.where_params)),
            _Clause(joined.from_sql, joined.where_sql, list(joined.where_params)),
            match.score_sql, list(match.score_params), match.order_sql, list(match.order_params),
            match.id_sql, match.date_sql, backend.ranks_in_index(connection),
        )
        if plan.two_pass:
            # RUM's distance is a cover-density rank: adjacent words already score highest, so
            # the index ranks the plain query (a third cheaper than with the phrase clauses).
            plan.match = _Clause(counting.from_sql, counting.where_sql, list(counting.where_params))
            plan.score_sql, plan.score_params = counting.score_sql, list(counting.score_params)
            plan.order_sql, plan.order_params = counting.order_sql, list(counting.order_params)
        if sort == "date":  # newest first needs no score: never compute one for every match
            plan.match = _Clause(counting.from_sql, counting.where_sql, list(counting.where_params))
            plan.score_sql, plan.score_params = "0.0", []
            plan.order_sql, plan.order_params = _DATE_ORDER_E, []
        if sort == "relevance":
            plan.pinned = _pinned_ids(query, parsed, filters)
        plan.title = _title_ids(backend, parsed, filters, plan.pinned)
    front = plan.front
    plan.match = plan.match.excluding(plan.id_sql, front).filtered(filter_where, filter_params)
    plan.counting = plan.counting.excluding(plan.id_sql, front).filtered(filter_where, filter_params)
    plan.facet = plan.facet.excluding("e.document_id", front).filtered(filter_where, filter_params)
    return plan


# --- the text tier ---------------------------------------------------------------------------

_FACET_SQL = (
    "SELECT 'unit', CAST(unit_id AS TEXT), COUNT(*), NULL FROM m GROUP BY unit_id "
    "UNION ALL SELECT 'year', CAST(year AS TEXT), COUNT(*), NULL FROM m WHERE year IS NOT NULL GROUP BY year "
    "UNION ALL SELECT 'level', level, COUNT(*), NULL FROM m WHERE level <> '' GROUP BY level "
    "UNION ALL SELECT 'validity', validity, COUNT(*), NULL FROM m WHERE validity <> '' GROUP BY validity "
    "UNION ALL SELECT 'category', category, COUNT(*), NULL FROM m WHERE category <> '' GROUP BY category"
)
_COUNT_SQL = "SELECT 'count', NULL, COUNT(*), NULL FROM m"
_DATE_ORDER = "publish_date DESC NULLS LAST, document_id DESC"
_DATE_ORDER_E = "e.publish_date DESC NULLS LAST, e.document_id DESC"


@dataclass
class _Result:
    count: int
    facets: dict[str, list[tuple[str, int]]]
    ranked: list[tuple[int, float]]
    dates: dict[int, object] = field(default_factory=dict)


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


def _single_pass(plan: _Plan, order: str, limit: int, offset: int) -> _Result:
    """One statement: the matches are found (and scored) once, in a materialised CTE, and the
    page of hits and the count read from it."""
    m = plan.match
    sql = (
        f"WITH m AS MATERIALIZED (SELECT {plan.id_sql} AS document_id, {plan.date_sql} AS publish_date, "
        f"{plan.score_sql} AS score FROM {m.from_sql} WHERE {m.where}) "
        f"SELECT 'hit', CAST(document_id AS TEXT), score, ROW_NUMBER() OVER (ORDER BY {order}) "
        f"FROM (SELECT document_id, score, publish_date FROM m ORDER BY {order} LIMIT %s OFFSET %s) h "
        f"UNION ALL {_COUNT_SQL}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*plan.score_params, *m.params, limit, offset])
        return _read(cur.fetchall())


def _count(clause: _Clause, in_index: bool) -> int:
    sql = f"SELECT 'count', NULL, COUNT(*), NULL FROM {clause.from_sql} WHERE {clause.where}"
    with connection.cursor() as cur:
        if in_index:
            return _read(_bitmap_count(cur, sql, clause.params)).count
        cur.execute(sql, clause.params)
        return _read(cur.fetchall()).count


def _is_common(count: int) -> bool:
    """A query that does not discriminate: it matches more than COMMON_MIN_MATCHES documents
    and more than half of the library. BM25's idf is then ≤ 0 for every term (FTS5 clamps it
    to 1e-6), so scoring every match — the whole cost of such a search at 100,000 documents,
    on either backend — buys no ranking; such matches are listed newest first (after the
    title tier, which does rank them)."""
    if count <= COMMON_MIN_MATCHES:
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM search_entry")
        return count * 2 > int(cur.fetchone()[0])


def _newest_first(plan: _Plan, count: int, limit: int, offset: int) -> _Result:
    """The page of a common query: matches by document id, newest registered first (FTS5
    walks its doclist backwards; PostgreSQL its primary key, testing each row)."""
    ranked: list[tuple[int, float]] = []
    c = plan.counting
    if limit > 0 and count > offset:
        with connection.cursor() as cur:
            cur.execute(f"SELECT {plan.id_sql} FROM {c.from_sql} WHERE {c.where} "
                        f"ORDER BY {plan.id_sql} DESC LIMIT %s OFFSET %s", [*c.params, limit, offset])
            ranked = [(int(r[0]), 0.0) for r in cur.fetchall()]
    return _Result(count, {}, ranked)


def _two_pass(plan: _Plan, limit: int, offset: int) -> _Result:
    """For an index that returns rows in rank order (RUM): the page comes from the index
    (ORDER BY … LIMIT, no scoring of every match), the counts from a second, unscored pass."""
    result = _Result(_count(plan.counting, True), {}, [])
    if plan.sort == "relevance" and _is_common(result.count):
        return _newest_first(plan, result.count, limit, offset)
    m = plan.match
    if limit > 0 and result.count > offset:
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT e.document_id, {plan.score_sql} FROM {m.from_sql} WHERE {m.where} "
                f"ORDER BY {plan.order_sql} LIMIT %s OFFSET %s",
                [*plan.score_params, *m.params, *plan.order_params, limit, offset],
            )
            result.ranked = [(int(i), float(s or 0.0)) for i, s in cur.fetchall()]
    return result


def _text_tier(plan: _Plan, limit: int, offset: int) -> _Result:
    """The text tier's count and its rows ``offset .. offset + limit`` in the plan's order."""
    relevance = plan.sort == "relevance" and not plan.empty
    if plan.two_pass:
        return _two_pass(plan, limit, offset)
    if not relevance:
        return _single_pass(plan, _DATE_ORDER, limit, offset)
    count = _count(plan.counting, connection.vendor == "postgresql")
    if _is_common(count):
        return _newest_first(plan, count, limit, offset)
    if count <= _rank_candidates():
        return _ranked_page(plan, count, limit, offset)
    return _candidates_page(plan, count, limit, offset)


def _rank_candidates() -> int:
    return TEXT_CANDIDATES or backend_for(connection).RANK_CANDIDATES


def _ranked_page(plan: _Plan, count: int, limit: int, offset: int) -> _Result:
    """Every match scored (there are at most RANK_CANDIDATES)."""
    m = plan.match
    ranked: list[tuple[int, float]] = []
    if limit > 0 and count > offset:
        with connection.cursor() as cur:
            cur.execute(f"SELECT {plan.id_sql}, {plan.score_sql} FROM {m.from_sql} WHERE {m.where} "
                        f"ORDER BY {plan.order_sql} LIMIT %s OFFSET %s",
                        [*plan.score_params, *m.params, *plan.order_params, limit, offset])
            ranked = [(int(i), float(s or 0.0)) for i, s in cur.fetchall()]
    return _Result(count, {}, ranked)


def _candidates_page(plan: _Plan, count: int, limit: int, offset: int) -> _Result:
    """More matches than RANK_CANDIDATES: the newest RANK_CANDIDATES, read from the index in
    id order and scored (only they are), come first by score; the others follow newest first.
    One bounded statement for either part of the page."""
    m = plan.match
    ranked: list[tuple[int, float]] = []
    bound = _rank_candidates()
    with connection.cursor() as cur:
        if limit > 0 and offset < bound:
            if connection.vendor == "postgresql":
                ranked = _pg_candidates(cur, plan, bound, min(limit, bound - offset), offset)
            else:
                cur.execute(
                    f"SELECT document_id, score FROM (SELECT {plan.id_sql} AS document_id, "
                    f"{plan.score_sql} AS score FROM {m.from_sql} WHERE {m.where} "
                    f"ORDER BY {plan.id_sql} DESC LIMIT %s) c "
                    "ORDER BY score DESC, document_id DESC LIMIT %s OFFSET %s",
                    [*plan.score_params, *m.params, bound, min(limit, bound - offset), offset])
                ranked = [(int(i), float(s or 0.0)) for i, s in cur.fetchall()]
        rest, c = limit - len(ranked), plan.counting
        if rest > 0 and count > bound:
            cur.execute(f"SELECT {plan.id_sql} FROM {c.from_sql} WHERE {c.where} "
                        f"ORDER BY {plan.id_sql} DESC LIMIT %s OFFSET %s",
                        [*c.params, rest, max(bound, offset)])
            ranked += [(int(r[0]), 0.0) for r in cur.fetchall()]
    return _Result(count, {}, ranked)


def _pg_candidates(cur, plan: _Plan, bound: int, limit: int, offset: int) -> list[tuple[int, float]]:
    """PostgreSQL: the newest ``bound`` matches from the GIN bitmap (``document_id + 0``: the
    primary key's backward scan would test, and detoast, row after row), then only they are
    scored."""
    c, m = plan.counting, plan.match
    rows = _bitmap_count(
        cur, f"SELECT e.document_id, 'x', 0, 0 FROM {c.from_sql} WHERE {c.where} "
             "ORDER BY e.document_id + 0 DESC LIMIT %s", [*c.params, bound])
    ids = [int(r[0]) for r in rows]
    if not ids:
        return []
    cur.execute(
        f"SELECT e.document_id, {plan.score_sql} AS score FROM search_entry e "
        f"WHERE e.document_id = ANY(%s) AND {m.where} ORDER BY score DESC, e.document_id DESC "
        "LIMIT %s OFFSET %s", [*plan.score_params, ids, *m.params, limit, offset])
    return [(int(i), float(s or 0.0)) for i, s in cur.fetchall()]


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


# --- pages -----------------------------------------------------------------------------------


def _relevance_page(plan: _Plan, offset: int, page_size: int) -> tuple[int, list[tuple[int, float]]]:
    front = plan.front
    scores = [PINNED_SCORE] * len(plan.pinned) + [TITLE_SCORE] * len(plan.title)
    ranked = list(zip(front, scores, strict=True))[offset:offset + page_size]
    rest = _text_tier(plan, page_size - len(ranked), max(0, offset - len(front)))
    return len(front) + rest.count, ranked + rest.ranked


def _date_page(plan: _Plan, offset: int, page_size: int) -> tuple[int, list[tuple[int, float]]]:
    """Newest first over the text tier and the title tier together (the same documents as the
    relevance order): the title tier's dates are read and merged with the text tier's first
    ``offset + page_size`` rows."""
    if not plan.title:
        rest = _text_tier(plan, page_size, offset)
        return rest.count, rest.ranked
    marks = ",".join(["%s"] * len(plan.title))
    with connection.cursor() as cur:
        cur.execute(f"SELECT e.document_id, e.publish_date FROM search_entry e "
                    f"WHERE e.document_id IN ({marks})", plan.title)
        front = cur.fetchall()
    rest = _text_tier(plan, offset + page_size, 0)
    marks_rest = ",".join(["%s"] * len(rest.ranked))
    dates = {}
    if rest.ranked:
        with connection.cursor() as cur:
            cur.execute(f"SELECT e.document_id, e.publish_date FROM search_entry e "
                        f"WHERE e.document_id IN ({marks_rest})", [i for i, _s in rest.ranked])
            dates = dict(cur.fetchall())
    merged = [(i, dates.get(i)) for i, _s in rest.ranked] + list(front)
    # publish_date DESC NULLS LAST, document_id DESC
    merged.sort(key=lambda r: (r[1] is not None, r[1] or date.min, r[0]), reverse=True)
    page = [(int(i), 0.0) for i, _d in merged[offset:offset + page_size]]
    return len(plan.title) + rest.count, page


def _ranked(plan: _Plan, page: int, page_size: int) -> tuple[int, int, list[tuple[int, float]]]:
    """(count, page, ranked ids) of one page, clamped to the last page."""
    run = _relevance_page if plan.sort == "relevance" and not plan.empty else _date_page
    count, ranked = run(plan, (page - 1) * page_size, page_size)
    last_page = max(1, -(-count // page_size))
    if page > last_page:  # past the end: the last page instead
        page = last_page
        count, ranked = run(plan, (page - 1) * page_size, page_size)
    return count, page, ranked


def _clamp(page, page_size) -> tuple[int, int]:
    try:
        page_size = max(1, min(MAX_PAGE_SIZE, int(page_size)))
    except (TypeError, ValueError):
        page_size = 20
    try:
        page = max(1, int(page))
    except (TypeError, ValueError):
        page = 1
    return page, page_size


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
    page, page_size = _clamp(page, page_size)
    query = str(query or "")
    parsed = query_domain.parse(query)
    if parsed.is_empty and query.strip():
        # Only punctuation / emoji / symbols: nothing can match.
        return SearchPage(0, 1, page_size, [], {k: [] for k in FACET_KEYS} if facets else {},
                          query, sort)
    if tantivy_engine.enabled():
        count, page, ranked, tv_plan = _tantivy_ranked(query, parsed, filters, sort, page, page_size)
        return SearchPage(count, page, page_size, _hits(ranked, parsed),
                          (lambda: _label_facets(tv_plan.facets())) if facets else {}, query, sort)
    plan = _plan(query, parsed, filters, sort)
    count, page, ranked = _ranked(plan, page, page_size)
    return SearchPage(count, page, page_size, _hits(ranked, parsed),
                      (lambda: _facets(plan)) if facets else {}, query, sort)


def _tantivy_ranked(query: str, parsed: query_domain.ParsedQuery, filters: SearchFilters,
                    sort: str, page: int, page_size: int):
    """The same page from the tantivy engine (GONGKAI_SEARCH_ENGINE=tantivy)."""
    pinned = (_pinned_candidates(query, parsed)
              if sort == "relevance" and not parsed.is_empty else [])
    return tantivy_engine.ranked(parsed, filters, sort, page, page_size, pinned)


def raw_query(query: str, *, filters: SearchFilters = SearchFilters(),  # noqa: B008
              sort: str = "relevance", page: int = 1, page_size: int = 20
              ) -> tuple[int, list[tuple[int, float]]]:
    """The statements search() sends for one page, without reading documents, snippets or
    facets: (count, ranked ids). The benchmark's "raw engine query", like with like."""
    page, page_size = _clamp(page, page_size)
    parsed = query_domain.parse(query)
    if parsed.is_empty and str(query or "").strip():
        return 0, []
    if tantivy_engine.enabled():
        count, _page, ranked, _plan_tv = _tantivy_ranked(query, parsed, filters, sort, page, page_size)
        return count, ranked
    count, _page, ranked = _ranked(_plan(query, parsed, filters, sort), page, page_size)
    return count, ranked


# --- facets and hits -------------------------------------------------------------------------


def _facet_counts(clause: _Clause, in_index: bool) -> dict[str, list[tuple[str, int]]]:
    sql = (f"WITH m AS MATERIALIZED (SELECT e.unit_id, e.year, e.level, e.validity, e.category "
           f"FROM {clause.from_sql} WHERE {clause.where}) {_FACET_SQL}")
    with connection.cursor() as cur:
        if in_index:
            rows = _bitmap_count(cur, sql, clause.params)
        else:
            cur.execute(sql, clause.params)
            rows = cur.fetchall()
    return _read(rows).facets


def _facets(plan: _Plan) -> dict[str, list[Facet]]:
    """Counts per facet value over the text tier, plus the front tiers' own documents."""
    out = _label_facets(_facet_counts(plan.facet, plan.two_pass))
    front = plan.front
    if front:
        marks = ",".join(["%s"] * len(front))
        extra = _facet_counts(_Clause("search_entry e", f"e.document_id IN ({marks})", front), False)
        out = _merge_facets(out, _label_facets(extra))
    return out


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


def _merge_facets(a: dict[str, list[Facet]], b: dict[str, list[Facet]]) -> dict[str, list[Facet]]:
    out = {}
    for key in FACET_KEYS:
        merged: dict[str, Facet] = {f.value: f for f in a.get(key, [])}
        for f in b.get(key, []):
            old = merged.get(f.value)
            merged[f.value] = Facet(f.value, f.label, f.count + (old.count if old else 0))
        if key == "year":
            out[key] = sorted(merged.values(), key=lambda f: -int(f.value))
        else:
            out[key] = sorted(merged.values(), key=lambda f: (-f.count, f.value))
    return out


def _hits(ranked: Sequence[tuple[int, float]], parsed: query_domain.ParsedQuery) -> list[Hit]:
    if not ranked:
        return []
    ids = [i for i, _s in ranked]
    # By primary key, then the model's own public test (Document.is_public mirrors
    # DocumentQuerySet.public()): filtering public() in SQL makes SQLite scan the state index.
    # The import's own JSON (warnings, declared counts) is never shown with a hit: left unread.
    rows = (Document.objects.select_related("unit")
            .defer("extraction_warnings", "declared_counts").in_bulk(ids))
    docs = {pk: doc for pk, doc in rows.items() if doc.is_public}
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


# --- the health of the index -----------------------------------------------------------------


@dataclass
class IndexCheck:
    """What `gongkai reindex --check` reports. Every list holds document ids."""

    public: int = 0
    indexed: int = 0
    missing: list[int] = field(default_factory=list)  # public, not in the index
    orphaned: list[int] = field(default_factory=list)  # in the index, no longer public
    stale: list[int] = field(default_factory=list)  # changed after it was indexed
    pending: int = 0  # changes still in the outbox (documents.events)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.orphaned or self.stale or self.pending)

    def to_repair(self) -> list[int]:
        return sorted(set(self.missing) | set(self.orphaned) | set(self.stale))


def index_check(*, limit: int = 100_000) -> IndexCheck:
    """Compare the index with what it should hold — ``Document.objects.public()
    .current_versions()``, as the indexer does (set-based, three queries)."""
    from gongkai.documents.events import changes_pending

    if tantivy_engine.enabled():
        return _tantivy_index_check(limit)
    public = Document.objects.public().current_versions()
    entries = SearchEntry.objects.all()
    indexed_at = Subquery(SearchEntry.objects.filter(document_id=OuterRef("pk"))
                          .values("indexed_at")[:1])
    check = IndexCheck(public=public.count(), indexed=entries.count(), pending=changes_pending())
    check.missing = list(public.exclude(pk__in=entries.values("document_id"))
                         .order_by("pk").values_list("pk", flat=True)[:limit])
    check.orphaned = list(entries.exclude(document_id__in=public.values("pk"))
                          .order_by("document_id").values_list("document_id", flat=True)[:limit])
    check.stale = list(
        public.annotate(indexed_at=indexed_at)
        .filter(Q(indexed_at__isnull=False) & Q(updated_at__gt=F("indexed_at")))
        .order_by("pk").values_list("pk", flat=True)[:limit])
    return check


def _tantivy_index_check(limit: int) -> IndexCheck:
    """The same comparison against the tantivy index: its ids and indexing times are read
    from its fast fields, the public documents' from the database."""
    from gongkai.documents.events import changes_pending

    indexed = tantivy_engine.entries()
    public = dict(Document.objects.public().current_versions().values_list("pk", "updated_at"))
    check = IndexCheck(public=len(public), indexed=len(indexed), pending=changes_pending())
    check.missing = sorted(set(public) - set(indexed))[:limit]
    check.orphaned = sorted(set(indexed) - set(public))[:limit]
    check.stale = sorted(pk for pk, updated in public.items()
                         if pk in indexed and updated and updated > indexed[pk])[:limit]
    return check
