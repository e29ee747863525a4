"""Two reviewers acting on the same document at the same moment: exactly one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from gongkai.core.models import AuditLog
from gongkai.documents.models import Document
from gongkai.review import services
from gongkai.review.errors import ReviewError

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs PostgreSQL: SQLite serialises writers, so no real race"),
]


def _race(doc_pk: int, calls: dict) -> dict:
    """Run each call in its own thread, all starting together on a stale copy of the document."""
    barrier = threading.Barrier(len(calls))
    outcomes: dict[str, object] = {}

    def act(name, call):
        stale = Document.objects.get(pk=doc_pk)  # every thread saw "submitted"
        barrier.wait()
        try:
            outcomes[name] = call(stale).state
        except ReviewError as exc:
            outcomes[name] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=item) for item in calls.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("rounds", [5])
def test_two_reviewers_at_once_exactly_one_wins(wf_doc, wf_people, rounds):
    for _ in range(rounds):
        doc = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
        outcomes = _race(doc.pk, {
            "pass": lambda d: services.review_secrecy_pass(document=d, actor=wf_people["reviewer_a"]),
            "return": lambda d: services.review_return(document=d, actor=wf_people["reviewer2_a"],
                                                       reason="附件缺失"),
        })
        errors = [v for v in outcomes.values() if isinstance(v, ReviewError)]
        wins = [v for v in outcomes.values() if not isinstance(v, ReviewError)]
        assert len(errors) == 1 and len(wins) == 1, outcomes
        assert errors[0].code == "conflict" and "已被他人处理" in errors[0].message
        assert Document.objects.get(pk=doc.pk).state == wins[0]
        assert AuditLog.objects.filter(
            target_id=str(doc.pk), action__in=["review_secrecy_pass", "review_return"]
        ).count() == 1
