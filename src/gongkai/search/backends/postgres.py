"""PostgreSQL backend: a tsvector column on ``search_entry`` built from our own tokens.

The tsvector is written as a literal from the segmented tokens (title/number at weight A, body
at D), so no text search configuration re-parses Chinese; queries are tsquery literals made
from quoted tokens (domain.query.to_tsquery) and cast with ``::tsquery``.

Index: RUM (``rum_tsvector_ops``) when the server has the extension (Debian
postgresql-15-rum): it keeps positions in the index and returns rows in rank order
(``vector <=> query``), so a common term does not mean scoring every matching row. Without RUM,
a GIN index and ts_rank_cd over the matches. Which one exists is read from the catalogue.
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


def bulk_end(cur) -> None:
    # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED; their pending checks would
    # forbid CREATE INDEX in this transaction, so run them now.
    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _create_vector_index(cur)


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


def delete(cur, ids: list[int]) -> None:
    cur.execute("DELETE FROM search_entry WHERE document_id = ANY(%s)", [list(ids)])


def clear(cur) -> None:
    cur.execute("DELETE FROM search_entry")


def write(cur, rows, now) -> None:
    cur.executemany(
        "INSERT INTO search_entry (document_id, unit_id, year, level, validity, category, "
        "publish_date, in_force, indexed_at, vector) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector)",
        [(r.document_id, r.unit_id, r.year, r.level, r.validity, r.category, r.publish_date,
          r.in_force, now, r.tsvector) for r in rows],
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
