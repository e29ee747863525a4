"""Relevance measured on a fixed set of queries (relevance.yaml): MRR and success@1.

The score is printed (run with -s, or see the captured output on failure) and held above a
floor; raise the floor when ranking improves, never lower it to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from gongkai.search.services import search

CASES = yaml.safe_load((Path(__file__).parent / "relevance.yaml").read_text(encoding="utf-8"))
MRR_FLOOR = 0.85
SUCCESS_AT_1_FLOOR = 0.80


def test_relevance_set_scores_above_floor(library, capsys):
    key_of = {doc.pk: key for key, doc in library.items()}
    reciprocal, first_hits, misses = [], 0, []
    for case in CASES:
        ranked = [key_of[h.document.pk] for h in search(case["query"], page_size=10).hits]
        rank = next((i + 1 for i, key in enumerate(ranked) if key in case["first"]), None)
        reciprocal.append(1.0 / rank if rank else 0.0)
        first_hits += rank == 1
        if rank != 1:
            misses.append(f"{case['query']}: rank {rank}, top {ranked[:3]}")
    mrr = sum(reciprocal) / len(CASES)
    success_at_1 = first_hits / len(CASES)
    with capsys.disabled():
        print(f"\nsearch relevance: {len(CASES)} queries, MRR {mrr:.3f}, success@1 {success_at_1:.3f}")
        for line in misses:
            print("  miss", line)
    assert mrr >= MRR_FLOOR, misses
    assert success_at_1 >= SUCCESS_AT_1_FLOOR, misses
