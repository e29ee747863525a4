"""A search query is data, never syntax (DESIGN §5): parse what a person typed into groups
of tokens, and compile them into FTS5 MATCH strings and PostgreSQL tsquery strings in which
every token is quoted. Plain Python.

Rules
* Text between double quotes (", “ ”, 「 」, 『 』) is a phrase: its tokens must be adjacent.
* Other whitespace-separated terms: all their tokens must occur (AND); a term cut into several
  tokens (信息公开 → 信息 公开) also matches as a phrase, and that phrase is a second clause of
  the query, so documents holding the term as one run score higher (BM25 / ts_rank sum over
  clauses) than those holding its words apart.
* Operators are not operators: OR, NOT, NEAR(, *, -, ^, :, SQL — all become tokens or vanish
  with the punctuation. At most MAX_QUERY_CHARS characters and MAX_TOKENS tokens are used.
* A 发文字号 in any bracket form is recognised (doc_number_candidate) so the service can match
  it against the documents' normalised number too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.search.domain.segment import normalize, tokens

MAX_QUERY_CHARS = 200
MAX_TOKENS = 32

_QUOTES = {"“": "\"", "”": "\"", "「": "\"", "」": "\"", "『": "\"", "』": "\"", "＂": "\""}
_QUOTE_RE = re.compile("|".join(map(re.escape, _QUOTES)))
_PHRASE_RE = re.compile(r'"([^"]*)"')
# 机关代字 + year in any brackets + serial + 号: 武政办[2014]153号, 国办发（2019）6号 …
_DOC_NUMBER_RE = re.compile(
    r"([\u3400-\u9fff]{1,20})\s*[〔\[【(（［{｛〖]\s*((?:19|20)\d\d)\s*[〕\]】)）］}｝〗]\s*第?\s*(\d{1,6})\s*号?"
)


@dataclass(frozen=True)
class Group:
    """One part of a query: its tokens, and whether they must be adjacent (a quoted phrase)."""

    tokens: tuple[str, ...]
    phrase: bool
    text: str


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[Group, ...]
    doc_number: str | None = None  # e.g. 武政办〔2014〕153号 when the query looks like one

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def highlight_terms(self) -> list[str]:
        """Strings to mark in the original text: a phrase only as a whole; a plain term as a
        whole (as typed, or its tokens joined) and by its tokens of two or more characters (one
        character only when the term is one); the 发文字号 in its 〔〕 form."""
        terms: set[str] = set()
        for g in self.groups:
            terms.add("".join(g.tokens))
            if g.phrase:
                continue
            terms.add(normalize(g.text))
            terms.update(t for t in g.tokens if len(t) > 1 or len(g.tokens) == 1)
        if self.doc_number:
            terms.add(self.doc_number)
        return sorted((t for t in terms if t), key=len, reverse=True)


def doc_number_candidate(text: str) -> str | None:
    """The 发文字号 in the query, with 〔〕 brackets, or None."""
    m = _DOC_NUMBER_RE.search(normalize(text))
    if not m:
        return None
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"


def parse(text: str) -> ParsedQuery:
    text = _QUOTE_RE.sub(lambda m: _QUOTES[m.group(0)], str(text or ""))[:MAX_QUERY_CHARS]
    groups: list[Group] = []
    budget = MAX_TOKENS

    def add(part: str, phrase: bool) -> None:
        nonlocal budget
        toks = tuple(tokens(part))[:budget]
        if toks:
            budget -= len(toks)
            groups.append(Group(toks, phrase and len(toks) > 1, part.strip()))

    pos = 0
    if text.count('"') >= 2:
        for m in _PHRASE_RE.finditer(text):
            for term in text[pos:m.start()].replace('"', " ").split():
                add(term, False)
            add(m.group(1), True)
            pos = m.end()
    for term in text[pos:].replace('"', " ").split():
        add(term, False)
    # The same group twice adds nothing but cost.
    unique: list[Group] = []
    for g in groups:
        if all((g.tokens, g.phrase) != (u.tokens, u.phrase) for u in unique):
            unique.append(g)
    return ParsedQuery(tuple(unique), doc_number_candidate(text))


def _fts_token(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def to_fts5(query: ParsedQuery, *, phrase_boost: bool = True) -> str:
    """FTS5 MATCH expression: every token a quoted string, so nothing is syntax.

    ``phrase_boost=False`` leaves out the phrase clause of plain terms: the same documents
    match (a phrase implies its words), at half the cost, for counting and facets."""
    clauses = []
    for g in query.groups:
        quoted = [_fts_token(t) for t in g.tokens]
        phrase = " + ".join(quoted)
        if len(quoted) == 1 or g.phrase:
            clauses.append(f"({phrase})")
        elif not phrase_boost:
            clauses.append(f"({' AND '.join(quoted)})")
        else:
            clauses.append(f"(({phrase}) OR ({' AND '.join(quoted)}))")
    return " AND ".join(clauses)


def _ts_lexeme(token: str, weight: str = "") -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:{weight}" if weight else quoted


def to_tsquery(query: ParsedQuery, *, phrase_boost: bool = True, weight: str = "") -> str:
    """PostgreSQL tsquery text (cast with ::tsquery, never parsed by a text search config).
    ``weight="A"`` restricts every lexeme to the title and 发文字号 positions."""
    clauses = []
    for g in query.groups:
        quoted = [_ts_lexeme(t, weight) for t in g.tokens]
        phrase = " <-> ".join(quoted)
        if len(quoted) == 1 or g.phrase:
            clauses.append(f"({phrase})")
        elif not phrase_boost:
            clauses.append(f"({' & '.join(quoted)})")
        else:
            clauses.append(f"(({phrase}) | ({' & '.join(quoted)}))")
    return " & ".join(clauses)
