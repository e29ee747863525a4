"""Extraction accuracy on the labelled corpus (shared/corpus/labels.jsonl).

The corpus lives next to the checkout (``../shared/corpus``); without it the test is skipped.
Per-field accuracy is printed, attached to the test report (record_property) and written to
``bench/results/extract_accuracy.json``. Accuracy counts only documents whose label is not null
(null means the source has no value). Asserted: gov.cn title, 发文字号, 发文机关 and 发布日期
≥ 95%, and LawRefBook titles ≥ 95%. The other LawRefBook labels (publish and effective dates,
category) come from the collection's database and file paths, not from the text, so they are
reported and not asserted.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest

from gongkai.ingest.domain.metadata import extract

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus"
RESULTS = REPO / "bench" / "results" / "extract_accuracy.json"
FIELDS = ("title", "doc_number", "issuer", "written_date", "publish_date", "effective_date", "index_no", "category")


def _got(meta) -> dict[str, str | None]:
    def iso(d):
        return d.isoformat() if d else None

    return {
        "title": meta.title,
        "doc_number": meta.doc_number,
        "issuer": " ".join(meta.issuers) or None,
        "written_date": iso(meta.written_date),
        "publish_date": iso(meta.publish_date),
        "effective_date": iso(meta.effective_date),
        "index_no": meta.index_no,
        "category": meta.category,
    }


@pytest.fixture(scope="module")
def accuracy():
    labels = CORPUS / "labels.jsonl"
    if not labels.exists():
        pytest.skip(f"corpus not found at {CORPUS} (expected next to the checkout)")
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    hits: dict[str, Counter] = {"govcn": Counter(), "lawrefbook": Counter()}
    totals: dict[str, Counter] = {"govcn": Counter(), "lawrefbook": Counter()}
    misses: dict[str, list] = {}
    started = time.perf_counter()
    for row in rows:
        source = "govcn" if row["file"].startswith("govcn") else "lawrefbook"
        got = _got(extract((CORPUS / row["file"]).read_text(encoding="utf-8")))
        for field in FIELDS:
            expected = row.get("subject_category" if field == "category" else field)
            if expected is None:
                continue
            totals[source][field] += 1
            if got[field] == expected:
                hits[source][field] += 1
            else:
                misses.setdefault(f"{source}.{field}", []).append(
                    {"file": row["file"], "expected": expected, "got": got[field]}
                )
    seconds = time.perf_counter() - started
    # No timings in the file: it is committed, and must change only when accuracy does.
    report = {
        "documents": len(rows),
        "accuracy": {
            source: {
                field: {"correct": hits[source][field], "labelled": totals[source][field],
                        "rate": round(hits[source][field] / totals[source][field], 4)}
                for field in FIELDS
                if totals[source][field]
            }
            for source in hits
        },
        "examples_of_misses": {k: v[:5] for k, v in misses.items()},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    tmp = RESULTS.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(RESULTS)
    lines = [f"extract accuracy over {len(rows)} documents in {seconds:.1f}s"]
    for source, fields in report["accuracy"].items():
        lines.append(source + ": " + ", ".join(
            f"{f} {v['rate']:.1%} ({v['correct']}/{v['labelled']})" for f, v in fields.items()
        ))
    print("\n" + "\n".join(lines))
    return report


def rate(report, source: str, field: str) -> float:
    return report["accuracy"][source][field]["rate"]


@pytest.mark.parametrize("field", ["title", "doc_number", "issuer", "publish_date"])
def test_govcn_field_accuracy(accuracy, field, record_property):
    record_property(f"govcn_{field}_accuracy", rate(accuracy, "govcn", field))

    assert rate(accuracy, "govcn", field) >= 0.95, accuracy["examples_of_misses"].get(f"govcn.{field}")


def test_lawrefbook_title_accuracy(accuracy, record_property):
    record_property("lawrefbook_title_accuracy", rate(accuracy, "lawrefbook", "title"))

    assert rate(accuracy, "lawrefbook", "title") >= 0.95
