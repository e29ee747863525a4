"""Substring keys for the title/发文字号 piece index (plain Python).

A person copies a piece of a title or of a 发文字号 from a citation: 和国个人所得税法 (from
中华人民共和国个人所得税法), 办〔2014〕15 … Word tokens cannot find such a piece when it starts or
ends inside a word, so title and number are also indexed as *keys*: the normalised text with
everything that is not a letter or digit removed (punctuation, brackets, spaces). A query term's
key of at least MIN_PIECE characters is then looked up as a substring of a title key or a number
key (FTS5 trigram tokenizer on SQLite, pg_trgm on PostgreSQL). Because brackets vanish from both
sides, 武政办[2014]153号 and 武政办〔2014〕153号 have the same key.

Pieces shorter than three characters are left to the word index: a two-character piece is often
a fragment of two words (民政 in 人民政府) and would match far too much.
"""

from __future__ import annotations

import re

from gongkai.search.domain.query import ParsedQuery
from gongkai.search.domain.segment import normalize

MIN_PIECE = 3
MAX_PIECES = 4

_NOT_WORD = re.compile(r"[\W_]+")


def key(text: str) -> str:
    """Normalised (full-width → half-width, lower case) letters and digits only."""
    return _NOT_WORD.sub("", normalize(str(text or "")))


def pieces(parsed: ParsedQuery) -> tuple[str, ...]:
    """The substring keys of a query, one per term or phrase, or () when any term is shorter
    than MIN_PIECE (then the query as a whole cannot be a piece of a title)."""
    out: list[str] = []
    for group in parsed.groups:
        k = key(group.text) or "".join(group.tokens)
        if len(k) < MIN_PIECE:
            return ()
        if k not in out:
            out.append(k)
    return tuple(out[:MAX_PIECES]) if len(out) <= MAX_PIECES else ()


def fts5_trigram_query(keys: tuple[str, ...]) -> str:
    """FTS5 MATCH text for a trigram table: every key a quoted string (a substring), ANDed."""
    return " AND ".join('"' + k.replace('"', '""') + '"' for k in keys)


def like_pattern(k: str) -> str:
    """``%key%`` for LIKE with ``\\`` as the escape character."""
    return "%" + k.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
