"""Index backends behind one interface, chosen by the database in use.

SQLite → FTS5 (sqlite.py); PostgreSQL → tsvector with a RUM or GIN index (postgres.py).
Each backend module provides:

    create_index(connection) / drop_index(connection)
    index_kind(connection) -> str  e.g. "sqlite-fts5", "postgres-rum", "postgres-gin"
    write(cursor, rows, now)       rows: list[Row] (their old entries already deleted)
    delete(cursor, ids) / clear(cursor) / optimize(cursor) / bulk_begin(cursor) / bulk_end(cursor)
    compile(parsed) -> str         the backend's query text, every token quoted
    match_clause(query_text, connection, join=True) -> Match  (join=False: entry columns
                                   are not needed, a backend may skip reading them)
    size_bytes(connection) -> int
    piece_candidates(keys, join) -> (sql, params)   documents whose title or 发文字号 key holds
                                   every key as a substring: SELECT id, title length, newest first
    title_word_candidates(query_text, join) -> (sql, params)   the same for word matches in the
                                   title or 发文字号 (short terms)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection as default_connection


@dataclass(frozen=True)
class Match:
    """How a backend matches and ranks: ``SELECT <score> FROM <from> WHERE <where> ORDER BY
    <order>``; the entry table is always aliased ``e``."""

    from_sql: str
    where_sql: str
    where_params: list
    score_sql: str
    score_params: list
    order_sql: str  # relevance order, best first, complete (with any tie-breaker)
    order_params: list
    id_sql: str = "e.document_id"
    date_sql: str = "e.publish_date"


@dataclass(frozen=True)
class Row:
    document_id: int
    unit_id: int
    year: int | None
    level: str
    validity: str
    category: str
    publish_date: date | None
    in_force: bool
    title: str
    number: str
    body: str
    tsvector: str
    title_key: str = ""  # domain.substring.key(title): the piece index (trigrams)
    number_key: str = ""
    title_tsvector: str = ""  # PostgreSQL: title and number words alone


def backend_for(connection=None):
    connection = connection or default_connection
    if connection.vendor == "postgresql":
        from gongkai.search.backends import postgres

        return postgres
    if connection.vendor == "sqlite":
        from gongkai.search.backends import sqlite

        return sqlite
    raise NotImplementedError(f"search: no index backend for {connection.vendor}")


def create_index(connection) -> None:
    backend_for(connection).create_index(connection)


def drop_index(connection) -> None:
    backend_for(connection).drop_index(connection)


def create_piece_index(connection) -> None:
    backend_for(connection).create_piece_index(connection)


def drop_piece_index(connection) -> None:
    backend_for(connection).drop_piece_index(connection)
