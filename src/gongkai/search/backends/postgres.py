"""PostgreSQL backend: a tsvector column on ``search_entry`` built from our own tokens.

The tsvector is written as a literal from the segmented tokens (title/number at weight A, body
at D), so no text search configuration re-parses Chinese; queries are tsquery literals made
from quoted tokens (domain.query.to_tsquery) and cast with ``::tsquery``.

Index: RUM (``rum_tsvector_ops``) when the server has the extension (Debian
postgresql-15-rum): it keeps positions in the index and returns rows in rank order
(``vector <=> query``), so a common term does not mean scoring every matching row. Without RUM,
a GIN index and ts_rank_cd over the matches. Which one exists is read from the catalogue.

Title words: ``title_vector`` (title and 发文字号 tokens alone, small, under GIN) answers the
title tier of short terms without reading the body's tsvector.

Pieces: the ``tri`` column holds the substring keys of title and 发文字号
(domain.substring.key, ``title|number``) under a pg_trgm GIN index (``gin_trgm_ops``), so
``tri LIKE '%key%'`` finds any piece of three or more characters from the index. Without the
pg_trgm extension the column is still there and LIKE scans it.
"""

from __future__ import annotations

from gongkai.search.backends import Match
from gongkai.search.domain.query import ParsedQuery, to_tsquery

# ts_rank weights are {D, C, B, A}: title/number (A) weigh 10× the body (D).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def _has_rum(cur) -> bool:
    cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
    if cur.fetchone() is None:
        return False
    try:
        cur.execute("SAVEPOINT search_rum")
        cur.execute("CREATE EXTENSION IF NOT EXISTS rum")
        cur.execute("RELEASE SAVEPOINT search_rum")
        return True
    except Exception:  # no privilege, broken package: fall back to GIN, never fail
        cur.execute("ROLLBACK TO SAVEPOINT search_rum")
        return False


def _create_vector_index(cur) -> None:
    if _has_rum(cur):
        cur.execute(
            "CREATE INDEX search_entry_vector ON search_entry USING rum (vector rum_tsvector_ops)"
        )
    else:
        cur.execute("CREATE INDEX search_entry_vector ON search_entry USING gin (vector)")


def _has_trgm(cur) -> bool:
    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    if cur.fetchone() is not None:
        return True
    cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    if cur.fetchone() is None:
        return False
    try:
        cur.execute("SAVEPOINT search_trgm")
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cur.execute("RELEASE SAVEPOINT search_trgm")
        return True
    except Exception:  # no privilege: LIKE scans the column instead, never fail
        cur.execute("ROLLBACK TO SAVEPOINT search_trgm")
        return False


def _create_piece_index(cur) -> None:
    cur.execute("CREATE INDEX search_entry_title_vector ON search_entry USING gin (title_vector)")
    if _has_trgm(cur):
        cur.execute("CREATE INDEX search_entry_tri ON search_entry USING gin (tri gin_trgm_ops)")


def create_piece_index(connection) -> None:
    """The ``tri`` column and its trigram index (migration 0003)."""
    with connection.cursor() as cur:
        cur.execute("ALTER TABLE search_entry ADD COLUMN IF NOT EXISTS tri text NOT NULL DEFAULT ''")
        cur.execute("ALTER TABLE search_entry ADD COLUMN IF NOT EXISTS title_vector tsvector "
                    "NOT NULL DEFAULT ''")
        cur.execute("DROP INDEX IF EXISTS search_entry_tri")
        cur.execute("DROP INDEX IF EXISTS search_entry_title_vector")
        _create_piece_index(cur)


def drop_piece_index(connection) -> None:
    with connection.cursor() as cur:
        cur.execute("DROP INDEX IF EXISTS search_entry_tri")
        cur.execute("DROP INDEX IF EXISTS search_entry_title_vector")
        cur.execute("ALTER TABLE search_entry DROP COLUMN IF EXISTS tri")
        cur.execute("ALTER TABLE search_entry DROP COLUMN IF EXISTS title_vector")


def create_index(connection) -> None:
    with connection.cursor() as cur:
        cur.execute("ALTER TABLE search_entry ADD COLUMN IF NOT EXISTS vector tsvector")
        cur.execute("DROP INDEX IF EXISTS search_entry_vector")
        _create_vector_index(cur)
    connection.__dict__.pop("_gongkai_search_kind", None)


def bulk_begin(cur) -> None:
    """A full rebuild loads the rows first and builds the index once at the end (much faster
    than updating RUM/GIN row by row); readers wait for the rebuild's transaction."""
    cur.execute("DROP INDEX IF EXISTS search_entry_vector")
    cur.execute("DROP INDEX IF EXISTS search_entry_tri")
    cur.execute("DROP INDEX IF EXISTS search_entry_title_vector")


def bulk_end(cur) -> None:
    # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED; their pending checks would
    # forbid CREATE INDEX in this transaction, so run them now.
    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _create_vector_index(cur)
    _create_piece_index(cur)


def drop_index(connection) -> None:
    with connection.cursor() as cur:
        cur.execute("DROP INDEX IF EXISTS search_entry_vector")
        cur.execute("ALTER TABLE search_entry DROP COLUMN IF EXISTS vector")


def index_kind(connection) -> str:
    cached = getattr(connection, "_gongkai_search_kind", None)
    name = connection.settings_dict.get("NAME")
    if cached and cached[0] == name:
        return cached[1]
    with connection.cursor() as cur:
        cur.execute(
            "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'search_entry_vector'"
        )
        row = cur.fetchone()
    kind = f"postgres-{row[0]}" if row else "postgres-none"
    connection._gongkai_search_kind = (name, kind)
    return kind


def ranks_in_index(connection) -> bool:
    return index_kind(connection) == "postgres-rum"


def compile(parsed: ParsedQuery, *, phrase_boost: bool = True) -> str:
    return to_tsquery(parsed, phrase_boost=phrase_boost)


def title_query(parsed: ParsedQuery) -> str:
    """The plain query, for ``title_vector`` (title and 发文字号 lexemes only)."""
    return to_tsquery(parsed, phrase_boost=False)


def delete(cur, ids: list[int]) -> None:
    cur.execute("DELETE FROM search_entry WHERE document_id = ANY(%s)", [list(ids)])


def clear(cur) -> None:
    cur.execute("DELETE FROM search_entry")


def write_pieces(cur, rows: list[tuple[int, str, str, str]]) -> None:
    """(document id, title key, number key, title tsvector) of documents already indexed."""
    cur.executemany("UPDATE search_entry SET tri = %s, title_vector = %s::tsvector "
                    "WHERE document_id = %s", [(f"{t}|{n}", v, i) for i, t, n, v in rows])


def write(cur, rows, now) -> None:
    cur.executemany(
        "INSERT INTO search_entry (document_id, unit_id, year, level, validity, category, "
        "publish_date, in_force, indexed_at, vector, tri, title_vector) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector, %s, %s::tsvector)",
        [(r.document_id, r.unit_id, r.year, r.level, r.validity, r.category, r.publish_date,
          r.in_force, now, r.tsvector, f"{r.title_key}|{r.number_key}", r.title_tsvector)
         for r in rows],
    )


def optimize(cur) -> None:
    cur.execute("ANALYZE search_entry")


def match_clause(query_text: str, connection=None, join: bool = True) -> Match:
    from django.db import connection as default

    if index_kind(connection or default) == "postgres-rum":
        # RUM orders by distance inside the index (no tie-breaker: a second sort key would
        # make PostgreSQL sort every match instead); its score is 1/distance.
        return Match(
            from_sql="search_entry e",
            where_sql="e.vector @@ %s::tsquery",
            where_params=[query_text],
            score_sql="1.0 / NULLIF(e.vector <=> %s::tsquery, 0)",
            score_params=[query_text],
            order_sql="e.vector <=> %s::tsquery",
            order_params=[query_text],
        )
    return Match(
        from_sql="search_entry e",
        where_sql="e.vector @@ %s::tsquery",
        where_params=[query_text],
        score_sql=f"ts_rank_cd('{WEIGHTS}', e.vector, %s::tsquery)",
        score_params=[query_text],
        order_sql=f"ts_rank_cd('{WEIGHTS}', e.vector, %s::tsquery) DESC, e.document_id DESC",
        order_params=[query_text],
    )


def size_bytes(connection) -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT pg_total_relation_size('search_entry')")
        return int(cur.fetchone()[0] or 0)


def piece_candidates(keys: tuple[str, ...], join: bool) -> tuple[str, str, list]:
    """(from, where, params) of the documents whose title or 发文字号 key holds every key
    (pg_trgm answers ``LIKE '%key%'`` from its GIN index)."""
    from gongkai.search.domain.substring import like_pattern

    return ("search_entry e", " AND ".join(["e.tri LIKE %s"] * len(keys)),
            [like_pattern(k) for k in keys])


def title_word_candidates(query_text: str, join: bool) -> tuple[str, str, list]:
    """(from, where, params) of the word matches inside title or 发文字号 (``title_vector``)."""
    return "search_entry e", "e.title_vector @@ %s::tsquery", [query_text]


CANDIDATE_ID = "e.document_id"
# ts_rank_cd reads (detoasts) each candidate's tsvector: without RUM rank fewer.
RANK_CANDIDATES = 500
CANDIDATE_LENGTH = "length(e.tri)"
