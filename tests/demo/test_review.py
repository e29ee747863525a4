"""`gongkai demo`'s review part: a queue, a return, a late one, a gap; idempotent."""

from __future__ import annotations

from io import StringIO

from gongkai.core.models import AuditLog
from gongkai.demo import core as core_demo
from gongkai.demo import review as demo
from gongkai.documents.models import Document
from gongkai.review.models import GapNote
from gongkai.review.selectors import timeliness_of, unit_serial_gaps


def test_demo_shows_each_workflow_case_and_runs_once(db):
    core_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    docs = Document.objects.filter(doc_prefix="武政办", doc_year=2026)
    states = sorted(docs.values_list("state", flat=True))
    assert states == ["approved", "draft", "published", "secrecy_cleared", "submitted", "withheld"]
    assert AuditLog.objects.filter(action="review_return").exists()
    unit = docs.first().unit
    assert timeliness_of(docs.get(doc_serial=6)).submission.is_late
    assert not timeliness_of(docs.get(doc_serial=1)).is_late
    (gaps,) = unit_serial_gaps([unit.pk])
    assert gaps.gaps.missing == [5, 7] and gaps.unexplained == [5]
    out = StringIO()
    demo.load(stdout=out)
    assert "已存在" in out.getvalue()
    assert docs.count() == 6 and GapNote.objects.count() == 1
