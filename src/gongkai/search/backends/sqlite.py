"""SQLite FTS5 backend.

``search_fts(title, number, body)``, rowid = document id, over pre-segmented text (tokens
joined by spaces; unicode61 splits on the spaces and keeps CJK letters). Ranking is FTS5's
bm25() with column weights title 10, number 10, body 1; bm25 sums over every phrase of the
query, so the extra phrase clause of a multi-token term lifts documents holding it as one run.
"""

from __future__ import annotations

from gongkai.search.backends import Match
from gongkai.search.domain.indexing import BODY_WEIGHT, NUMBER_WEIGHT, TITLE_WEIGHT
from gongkai.search.domain.query import ParsedQuery, to_fts5

NAME = "sqlite-fts5"
RANK = f"bm25(search_fts, {TITLE_WEIGHT}, {NUMBER_WEIGHT}, {BODY_WEIGHT})"


def create_index(connection) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            "title, number, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
    create_piece_index(connection)


def create_piece_index(connection) -> None:
    """The trigram table of title and 发文字号 keys (migration 0003)."""
    with connection.cursor() as cur:
        cur.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_tri USING fts5("
            "title, number, tokenize = 'trigram')"
        )


def drop_piece_index(connection) -> None:
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS search_tri")


def drop_index(connection) -> None:
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS search_fts")
        cur.execute("DROP TABLE IF EXISTS search_tri")


def index_kind(connection) -> str:
    return NAME


def ranks_in_index(connection) -> bool:
    """FTS5 scores every match (bm25 is computed per row), so one pass does it all."""
    return False


def compile(parsed: ParsedQuery, *, phrase_boost: bool = True) -> str:
    return to_fts5(parsed, phrase_boost=phrase_boost)


def title_query(parsed: ParsedQuery) -> str:
    """The plain query restricted to the title and 发文字号 columns."""
    return "{title number} : (" + to_fts5(parsed, phrase_boost=False) + ")"


def delete(cur, ids: list[int]) -> None:
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join(["%s"] * len(chunk))
        cur.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)
        cur.execute(f"DELETE FROM search_tri WHERE rowid IN ({marks})", chunk)
        cur.execute(f"DELETE FROM search_entry WHERE document_id IN ({marks})", chunk)


def clear(cur) -> None:
    cur.execute("DELETE FROM search_fts")
    cur.execute("DELETE FROM search_tri")
    cur.execute("DELETE FROM search_entry")


def write_pieces(cur, rows: list[tuple[int, str, str, str]]) -> None:
    """(document id, title key, number key, -) of documents already in the index."""
    cur.executemany("INSERT INTO search_tri (rowid, title, number) VALUES (%s, %s, %s)",
                    [r[:3] for r in rows])


def write(cur, rows, now) -> None:
    cur.executemany(
        "INSERT INTO search_entry (document_id, unit_id, year, level, validity, category, "
        "publish_date, in_force, indexed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [(r.document_id, r.unit_id, r.year, r.level, r.validity, r.category, r.publish_date,
          r.in_force, now) for r in rows],
    )
    cur.executemany(
        "INSERT INTO search_fts (rowid, title, number, body) VALUES (%s, %s, %s, %s)",
        [(r.document_id, r.title, r.number, r.body) for r in rows],
    )
    cur.executemany(
        "INSERT INTO search_tri (rowid, title, number) VALUES (%s, %s, %s)",
        [(r.document_id, r.title_key, r.number_key) for r in rows],
    )


def bulk_begin(cur) -> None:
    pass


def bulk_end(cur) -> None:
    pass


def optimize(cur) -> None:
    cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    cur.execute("INSERT INTO search_tri(search_tri) VALUES ('optimize')")


def match_clause(match_query: str, connection=None, join: bool = True) -> Match:
    """Without filters or a date sort the entry table is not joined: counting and ranking
    read the FTS index alone (the join costs a lookup per match)."""
    if join:
        return Match(
            from_sql="search_fts CROSS JOIN search_entry e ON e.document_id = search_fts.rowid",
            where_sql="search_fts MATCH %s", where_params=[match_query],
            score_sql=f"-{RANK}", score_params=[],
            order_sql=f"{RANK}, e.document_id DESC", order_params=[],
        )
    return Match(
        from_sql="search_fts",
        where_sql="search_fts MATCH %s", where_params=[match_query],
        score_sql=f"-{RANK}", score_params=[],
        order_sql=f"{RANK}, search_fts.rowid DESC", order_params=[],
        id_sql="search_fts.rowid", date_sql="NULL",
    )


def size_bytes(connection) -> int:
    with connection.cursor() as cur:
        try:
            cur.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%' "
                "OR name LIKE 'search_tri%' OR name LIKE 'search_entry%' OR name = 'sqlite_autoindex_search_entry_1'"
            )
            return int(cur.fetchone()[0] or 0)
        except Exception:  # dbstat is an optional SQLite build option
            return 0


def piece_candidates(keys: tuple[str, ...], join: bool) -> tuple[str, str, list]:
    """(from, where, params) of the documents whose title or 发文字号 key holds every key; the
    caller selects ``search_tri.rowid`` and ``length(search_tri.title)``."""
    from gongkai.search.domain.substring import fts5_trigram_query

    from_sql = "search_tri"
    if join:
        from_sql += " CROSS JOIN search_entry e ON e.document_id = search_tri.rowid"
    return from_sql, "search_tri MATCH %s", [fts5_trigram_query(keys)]


def title_word_candidates(query_text: str, join: bool) -> tuple[str, str, list]:
    """(from, where, params) of the word matches inside title or 发文字号 (FTS5 column filter),
    with ``search_tri`` joined for the title length."""
    from_sql = "search_fts CROSS JOIN search_tri ON search_tri.rowid = search_fts.rowid"
    if join:
        from_sql += " CROSS JOIN search_entry e ON e.document_id = search_fts.rowid"
    return from_sql, "search_fts MATCH %s", [query_text]


CANDIDATE_ID = "search_tri.rowid"
RANK_CANDIDATES = 2000  # the text tier scores at most this many matches
CANDIDATE_LENGTH = "length(search_tri.title)"
