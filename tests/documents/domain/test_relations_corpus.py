"""Precision and recall of the reference extractor on the corpus' history lines.

Gold: /work/shared/corpus/amendment_links.jsonl lists, per document, the amending decisions its
history lines name. We run `history_references` over every history line of those documents
(the whole header, not only the gold lines, so false positives on other lines count) and compare
titles. The numbers are printed and written to bench/results/relations_accuracy.json.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from gongkai.documents.domain.relations import history_references, title_key
from gongkai.documents.domain.vocab import RelationAction

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus"
LINKS = CORPUS / "amendment_links.jsonl"


def _history_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    head = text.split("<!-- INFO END -->", 1)[0]
    return [ln.strip() for ln in head.splitlines()[1:] if ln.strip() and not ln.startswith("#")]


@pytest.mark.skipif(not LINKS.exists(), reason=f"corpus not found at {LINKS}")
def test_history_reference_precision_recall():
    gold: dict[str, set[str]] = defaultdict(set)
    for line in LINKS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["doc_file"]].add(title_key(row["decision_title"]))

    tp = fp = fn = 0
    amend_ok = found_total = 0
    misses: list[str] = []
    # 修正案 / 决议 / 规定 amend too, but the gold regex only took titles ending in 决定
    not_decision: list[str] = []
    for doc_file, expected in gold.items():
        found: dict[str, RelationAction] = {}
        for line in _history_lines(CORPUS / doc_file):
            for ref in history_references(line):
                found[title_key(ref.title)] = ref.action
        found_total += len(found)
        amend_ok += sum(a == RelationAction.AMEND for a in found.values())
        not_decision += [t for t in set(found) - expected if not t.endswith("决定")]
        found = set(found)
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        misses += sorted(expected - found)[:1]
    # The trust rule (domain/linking.py) keeps a change only from a decision-type source: every
    # amending instrument the gold names must be recognised as one, else a real change would be
    # held as a citation.
    from gongkai.documents.domain.linking import is_decision

    instruments = {t for titles in gold.values() for t in titles}
    recognised = sum(1 for t in instruments if is_decision(t))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    result = {
        "corpus": str(LINKS.relative_to(REPO.parent)),
        "documents": len(gold),
        "gold_links": tp + fn,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "false_positives_not_named_decision": len(not_decision),
        "precision_counting_those_as_correct": round(
            (tp + len(not_decision)) / (tp + fp), 4) if tp + fp else 0.0,
        "amend_action_share": round(amend_ok / found_total, 4) if found_total else 0.0,
        "sample_misses": misses[:10],
        "decision_titles": len(instruments),
        "decision_type_recognised": recognised,
        "decision_type_recall": round(recognised / len(instruments), 4) if instruments else 0.0,
    }
    out = REPO / "bench" / "results" / "relations_accuracy.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("relations accuracy:", json.dumps(result, ensure_ascii=False))
    # a floor well under what the extractor reaches today; a regression shows up here
    assert precision >= 0.95 and recall >= 0.95, result
    assert result["decision_type_recall"] == 1.0, result


@pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus not found at {CORPUS}")
def test_replace_clauses_in_corpus_texts():
    """`本条例自…起施行。…《X》同时废止。`: the document named last before 同时废止 must come
    out as replaced (gold: that title, found by position). Lines that name documents but say
    nothing of 修改 / 废止 / 失效 / 代替 must yield no changing action at all (stray)."""
    import re

    from gongkai.documents.domain.relations import CHANGING_ACTIONS, references_extract
    from gongkai.documents.domain.vocab import RelationAction as A

    clause = re.compile("》[，,]?同时(?:废止|失效)")
    found = missed = stray = plain_lines = 0
    for path in sorted((CORPUS / "lawrefbook").rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "《" not in line:
                continue
            m = clause.search(line)
            if m:
                cut = m.start() + 1
                gold = title_key(line[line.rfind("《", 0, cut) + 1 : cut - 1])
                replaced = {title_key(r.title) for r in references_extract(line)
                            if r.action == A.REPLACE}
                found += gold in replaced
                missed += gold not in replaced
            elif not re.search("废止|失效|代替|取代|替代|停止执行|修改|修正|修订", line):
                plain_lines += 1  # a line that changes nothing: any amend/repeal/… is wrong
                stray += sum(1 for r in references_extract(line) if r.action in CHANGING_ACTIONS)
    recall = found / (found + missed) if found + missed else 0.0
    result = {"lines": found + missed, "found": found, "missed": missed, "recall": round(recall, 4),
              "plain_lines_checked": plain_lines, "stray_changes": stray}
    out = REPO / "bench" / "results" / "relations_accuracy.json"
    data = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    data["replace_clauses"] = result
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("replace clauses:", json.dumps(result, ensure_ascii=False))
    assert recall >= 0.95 and stray == 0, result
