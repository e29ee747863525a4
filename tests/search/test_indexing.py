"""The tsvector literal (domain, no database): the fast build equals the plain one."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.search.domain.indexing import (
    PG_MAX_POSITION,
    PG_MAX_POSITIONS_PER_LEXEME,
    IndexText,
    index_text,
)

SEED = Path(__file__).resolve().parents[1] / "data" / "seed"
LIBRARY = Path(__file__).parent / "data" / "library.json"


def reference_tsvector(text: IndexText) -> str:
    """The literal as first written: every position formatted as it comes."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for part, weight in ((text.title, "A"), (text.number, "A"), (text.body, "")):
        pos += 1
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


def test_tsvector_equals_the_plain_build_on_real_texts():
    texts = [(p.stem, "", p.read_text(encoding="utf-8")) for p in sorted(SEED.glob("*.txt"))]
    texts += [(d["title"], d.get("doc_number") or "", d.get("body") or "")
              for d in json.loads(LIBRARY.read_text(encoding="utf-8"))[:100]]
    assert len(texts) > 20
    for title, number, body in texts:
        text = index_text(title=title, doc_number=number, body=body)
        assert text.tsvector() == reference_tsvector(text)
        assert text.title_tsvector() == reference_tsvector(IndexText(text.title, text.number, []))


def test_tsvector_caps_positions_and_clamps_long_texts_like_the_plain_build():
    body = ["政府", "公开", "o'k", "a\\b"] * 6000  # past 16383 positions, > 256 per lexeme
    text = IndexText(["政府", "信息"], ["2014", "153"], body)
    literal = text.tsvector()
    assert literal == reference_tsvector(text)
    assert literal.startswith("'政府':2A,")
    late = IndexText(["标题"], [], [f"w{i}" for i in range(17000)] + ["末尾"] * 3)
    literal = late.tsvector()
    assert literal == reference_tsvector(late)
    assert literal.endswith(f"'末尾':{PG_MAX_POSITION}")  # three clamped positions, kept once
    assert IndexText([], [], []).tsvector() == ""
