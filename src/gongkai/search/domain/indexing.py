"""What goes into the index for one document (plain Python).

Three fields: title (标题), number (发文字号, so 武政办[2014]153号 typed in any brackets finds it:
brackets are punctuation and vanish, leaving 武 政 办 2014 153 号) and body (正文). Title and
number weigh 10× the body on both backends.
"""

from __future__ import annotations

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
        positions: dict[str, list[str]] = {}
        pos = 0
        for part, weight in ((self.title, "A"), (self.number, "A"), (self.body, "")):
            pos += 1  # a gap between fields: no phrase spans title and body
            for tok in part:
                pos += 1
                plist = positions.setdefault(tok, [])
                if len(plist) < PG_MAX_POSITIONS_PER_LEXEME:
                    plist.append(f"{min(pos, PG_MAX_POSITION)}{weight}")
        out = []
        for tok, plist in positions.items():
            lexeme = tok.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"'{lexeme}':{','.join(dict.fromkeys(plist))}")
        return " ".join(out)


def index_text(*, title: str, doc_number: str, body: str) -> IndexText:
    return IndexText(tokens(title), tokens(doc_number), tokens(body))
