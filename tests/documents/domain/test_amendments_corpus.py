"""整理版 accuracy on the corpus' before/after pairs (LawRefBook: one work in two dated versions).

The corpus holds no decision text for its pairs, so the instructions are written from the
real change between the two versions, in the drafting forms decisions use (将第X条中的“A”修改为
“B” when one passage changed, else 将第X条修改为：“…”; 删去第X条; 增加一条，作为第X条：“…”;
条文顺序作相应调整). They are then parsed by `instructions_parse` and applied to the older
version by `consolidate`; the result is compared with the newer version article by article.
This measures the parser and the consolidation on real texts and real changes; it does not
measure reading a real decision's wording (the seed's order 322 does that, see
test_amendments.py). Results go to bench/results/consolidation_accuracy.json.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from gongkai.documents.domain.amendments import article_label, consolidate, instructions_parse
from gongkai.documents.domain.versions import articles, articles_diff
from gongkai.ingest.domain.metadata import extract

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus" / "lawrefbook"


def _pairs():
    groups = defaultdict(list)
    for path in sorted(CORPUS.rglob("*.md")):
        groups[re.sub(r"\(\d{4}-\d{2}-\d{2}\)(?=\.md$)", "", str(path))].append(path)
    for paths in groups.values():
        if len(paths) == 2:
            yield paths


def _instructions(old, new) -> str:
    lines = []
    for c in articles_diff(old, new):
        if c.kind == "changed":
            ops = [op for op in difflib.SequenceMatcher(None, c.old.text, c.new.text,
                                                        autojunk=False).get_opcodes()
                   if op[0] != "equal"]
            if len(ops) == 1 and ops[0][0] == "replace" and "\n" not in c.old.text[ops[0][1]:ops[0][2]] \
                    and c.old.text.count(c.old.text[ops[0][1]:ops[0][2]]) == 1 and ops[0][2] > ops[0][1]:
                a, b = c.old.text[ops[0][1]:ops[0][2]], c.new.text[ops[0][3]:ops[0][4]]
                lines.append(f"将{article_label(c.old.number)}中的“{a}”修改为“{b}”。")
            else:
                body = "\n“".join(c.new.text.split("\n"))
                lines.append(f"将{article_label(c.old.number)}修改为：“{body}”")
        elif c.kind == "deleted":
            lines.append(f"删去{article_label(c.old.number)}。")
        elif c.kind == "added":
            body = "\n“".join(c.new.text.split("\n"))
            lines.append(f"增加一条，作为{article_label(c.new.number)}：“{body}”")
    lines.append("条文顺序作相应调整。")
    numbers = [article_label(i)[1:-1] for i in range(1, len(lines) + 1)]  # 一 二 三 …
    return "\n".join(f"（{n}）{line}" for n, line in zip(numbers, lines, strict=True))


@pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus not found at {CORPUS}")
def test_consolidation_accuracy_on_corpus_pairs():
    pairs = equal_pairs = arts_total = arts_equal = problems = skipped = 0
    misses = []
    for a, b in _pairs():
        ma, mb = extract(a.read_text(encoding="utf-8")), extract(b.read_text(encoding="utf-8"))
        if not (ma.publish_date and mb.publish_date) or ma.publish_date == mb.publish_date:
            skipped += 1
            continue
        (old_meta, new_meta) = (ma, mb) if ma.publish_date < mb.publish_date else (mb, ma)
        old, new = articles(old_meta.body), articles(new_meta.body)
        if not old or not new or any(x.sub for x in old + new):
            skipped += 1  # 之一 numbering is not renumbered sequentially: outside this check
            continue
        parsed = instructions_parse(_instructions(old, new))
        result = consolidate(old_meta.body, parsed.changes)
        problems += len(result.problems) + len(parsed.not_understood)
        got = [x.text for x in result.articles]
        want = [x.text for x in new]
        same = sum(1 for g, w in zip(got, want, strict=False) if g == w)
        pairs += 1
        arts_total += len(want)
        arts_equal += same
        if got == want:
            equal_pairs += 1
        elif len(misses) < 5:
            misses.append(str(b.relative_to(CORPUS)))
    result = {
        "corpus": "shared/corpus/lawrefbook (works in two dated versions)",
        "method": "instructions written from the real change between versions, parsed and applied",
        "pairs": pairs, "pairs_skipped": skipped,
        "pairs_equal_article_by_article": equal_pairs,
        "articles": arts_total, "articles_equal": arts_equal,
        "article_accuracy": round(arts_equal / arts_total, 4) if arts_total else 0.0,
        "problems_reported": problems,
        "sample_misses": misses,
    }
    out = REPO / "bench" / "results" / "consolidation_accuracy.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("consolidation accuracy:", json.dumps(result, ensure_ascii=False))
    assert pairs >= 30 and result["article_accuracy"] >= 0.95, result
