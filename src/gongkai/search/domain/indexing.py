"""What goes into the index for one document (plain Python).

Three fields: title (标题), number (发文字号, so 武政办[2014]153号 typed in any brackets finds it:
brackets are punctuation and vanish, leaving 武 政 办 2014 153 号) and body (正文). Title and
number weigh 10× the body on both backends.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from gongkai.search.domain.segment import tokens

# PostgreSQL limits (docs §8.11.1): positions 1..16383, at most 256 positions per lexeme,
# lexemes < 2 KB.
PG_MAX_POSITION = 16383
PG_MAX_POSITIONS_PER_LEXEME = 256
TITLE_WEIGHT = 10.0
NUMBER_WEIGHT = 10.0
BODY_WEIGHT = 1.0


@dataclass(frozen=True)
class IndexText:
    title: list[str]
    number: list[str]
    body: list[str]

    def joined(self) -> tuple[str, str, str]:
        """Space-joined tokens for FTS5's unicode61 tokenizer."""
        return " ".join(self.title), " ".join(self.number), " ".join(self.body)

    def title_tsvector(self) -> str:
        """tsvector literal of title and number alone (the title tier's small word index)."""
        return IndexText(self.title, self.number, []).tsvector()

    def tsvector(self) -> str:
        """tsvector literal: title and number at weight A, body at D (the default); the same
        positions as FTS5 sees, so phrases are adjacency on both backends."""
        # Positions are gathered as integers per token in one pass, and only the first
        # PG_MAX_POSITIONS_PER_LEXEME of each are formatted, the body's with str in C.
        index: dict[str, list[int]] = {}
        pos = 0
        weighted_until = 0  # positions up to here are the title's and the number's (weight A)
        for part, weighted in ((self.title, True), (self.number, True), (self.body, False)):
            pos += 1  # a gap between fields: no phrase spans title and body
            for at, tok in enumerate(part, pos + 1):
                plist = index.get(tok)
                if plist is None:
                    index[tok] = [at]
                else:
                    plist.append(at)
            pos += len(part)
            if weighted:
                weighted_until = pos
        out = []
        for tok, plist in index.items():
            lexeme = tok.replace("\\", "\\\\").replace("'", "\\'")
            kept = plist[:PG_MAX_POSITIONS_PER_LEXEME]
            if kept[-1] < PG_MAX_POSITION:
                # the common case: weight A first (title, number), then the body's, unclamped
                split = bisect_right(kept, weighted_until)
                joined = ",".join([f"{p}A" for p in kept[:split]] + list(map(str, kept[split:])))
            else:  # clamped positions repeat: keep each once
                joined = ",".join(dict.fromkeys(
                    f"{min(p, PG_MAX_POSITION)}{'A' if p <= weighted_until else ''}"
                    for p in kept))
            out.append(f"'{lexeme}':{joined}")
        return " ".join(out)


def index_text(*, title: str, doc_number: str, body: str) -> IndexText:
    return IndexText(tokens(title), tokens(doc_number), tokens(body))
