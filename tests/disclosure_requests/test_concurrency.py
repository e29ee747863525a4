"""Two clerks acting on the same request at the same moment: exactly one wins."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from gongkai.disclosure_requests import services as s
from gongkai.disclosure_requests.domain.errors import RequestError
from gongkai.disclosure_requests.models import DisclosureRequest

D = date.fromisoformat


@pytest.mark.django_db(transaction=True)
def test_simultaneous_answers_one_wins(file_request, handlers, cal):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so the race cannot happen there "
                    "(the stale-version case is covered in test_requests_services)")
    req = s.request_receive(request=file_request(submitted=D("2026-03-02")), channel="in_person",
                            actor=handlers["stats"], calendar=cal)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def act(user, category):
        try:
            barrier.wait(timeout=10)
            s.request_answer(request=req.pk, category=category, reply_text="x", answered_on=D("2026-03-10"),
                             actor=user, expected_version=req.version)
            results.append("won:" + category)
        except RequestError:  # ConflictError, or "已答复" if it loaded after the winner committed
            results.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(handlers["stats"], "disclosed")),
               threading.Thread(target=act, args=(handlers["office"], "partly"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert sorted(r.split(":")[0] for r in results) == ["conflict", "won"]
    winner = next(r for r in results if r.startswith("won:")).split(":")[1]
    req = DisclosureRequest.objects.get(pk=req.pk)
    assert (req.status, req.outcome, req.version) == ("answered", winner, 2)
