"""The search benchmark's relevance set, built once from the corpus and stored in
bench/data/search-relevance.json (deterministic: re-running writes the same file).

    .venv/bin/python bench/search_relevance.py

Queries as people type them, each judged by rule from the corpus labels (labels.jsonl):

* ``title``  a document's full title → that document;
* ``number`` its 发文字号, in one of the bracket forms people type (〔〕, [], ()) → that document;
* ``piece``  eight characters of its title starting inside a word (as copied from a citation,
  e.g. 和国个人所得税法), occurring in no other corpus title → that document;
* ``topic``  a subject term → any document whose title contains the term (judged in the run,
  over every document of the benchmark library).

``fragments`` is a second, larger set of pieces (fragment_recall_at_3). Documents of the search
tests' library (tests/search/data/library.json, used when tuning) are left out of the pieces
and titles, so both measure unseen documents. ``documents`` holds the judged documents' title,
发文字号 and date, so a test can build a small library from this file alone.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "data" / "search-relevance.json"
sys.path.insert(0, str(ROOT / "src"))

TOPICS = ["安全生产", "食品安全", "个人所得税", "知识产权", "环境保护", "政务公开", "养老",
          "公立医院", "义务教育", "生态环境", "营商环境", "社会保险", "消防", "档案", "统计",
          "行政复议", "土地管理", "药品", "水污染防治", "野生动物保护"]
PIECE_CHARS = 8


def _labels() -> list[dict]:
    seen, out = set(), []
    with open(CORPUS / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            title = (item.get("title") or "").strip()
            if title and title not in seen:
                seen.add(title)
                out.append(item)
    return out


def _mid_word_starts(title: str) -> list[int]:
    """Offsets inside one of the index's tokens (not at a token boundary)."""
    from gongkai.search.domain.segment import normalize, tokens

    text, starts, pos = normalize(title), [], 0
    for tok in tokens(title):
        at = text.find(tok, pos)
        if at < 0:
            continue
        starts.extend(range(at + 1, at + len(tok)))
        pos = at + len(tok)
    return starts


def _bracket_form(number: str, rng: random.Random) -> str:
    left, right = rng.choice([("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）")])
    return number.replace("〔", left).replace("〕", right)


def build() -> dict:
    from gongkai.search.domain.substring import key

    rng = random.Random(18)
    labels = _labels()
    tuned = {d["title"] for d in json.loads(
        (ROOT / "tests" / "search" / "data" / "library.json").read_text(encoding="utf-8"))}
    unseen = [d for d in labels if d["title"] not in tuned]
    keys = [key(d["title"]) for d in labels]

    def unique_piece(doc: dict) -> str | None:
        title = doc["title"]
        starts = [s for s in _mid_word_starts(title) if s + PIECE_CHARS <= len(title)]
        rng.shuffle(starts)
        for s in starts:
            piece = title[s:s + PIECE_CHARS]
            if key(piece) != piece:  # punctuation inside: people copy words
                continue
            if sum(piece in k for k in keys) == 1:
                return piece
        return None

    queries: list[dict] = []
    judged: dict[str, dict] = {}

    def judge(doc: dict) -> str:
        judged[doc["id"]] = {"title": doc["title"], "doc_number": doc.get("doc_number") or "",
                             "publish_date": doc.get("publish_date")}
        return doc["id"]

    pool = unseen[:]
    rng.shuffle(pool)
    for doc in pool[:20]:
        queries.append({"kind": "title", "query": doc["title"], "relevant": [judge(doc)]})
    numbered = [d for d in labels if d.get("doc_number")]
    for doc in rng.sample(numbered, min(20, len(numbered))):
        queries.append({"kind": "number", "query": _bracket_form(doc["doc_number"], rng),
                        "relevant": [judge(doc)]})
    pieces, fragments = pool[20:], []
    for doc in pieces:
        if len(queries) < 55 or len(fragments) < 100:
            piece = unique_piece(doc)
            if not piece:
                continue
            entry = {"kind": "piece", "query": piece, "relevant": [judge(doc)]}
            if sum(q["kind"] == "piece" for q in queries) < 15:
                queries.append(entry)
            else:
                fragments.append(entry)
        if len(fragments) >= 100:
            break
    for topic in TOPICS:
        if any(topic in d["title"] for d in labels):
            queries.append({"kind": "topic", "query": topic, "relevant": "title_contains"})
    return {"about": __doc__.split("\n\n")[0], "queries": queries, "fragments": fragments,
            "documents": judged}


def load() -> dict:
    return json.loads(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    kinds: dict[str, int] = {}
    for q in data["queries"]:
        kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['queries'])} queries {kinds}, "
          f"{len(data['fragments'])} fragments, {len(data['documents'])} judged documents")
