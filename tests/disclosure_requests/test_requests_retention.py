"""Applicants' personal data: anonymised after the retention period, exportable by the
applicant, every step audited; the same form sent twice files one request."""

from __future__ import annotations

import io
import json
import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.core.models import AuditLog
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.domain.retention import ANONYMISED_NAME, is_due
from gongkai.disclosure_requests.models import DisclosureRequest

from .conftest import APPLICANT, form_post_data

pytestmark = pytest.mark.django_db



def _closed(unit, answered_on: date) -> DisclosureRequest:
    req = services.request_submit(unit=unit, **APPLICANT)
    DisclosureRequest.objects.filter(pk=req.pk).update(status="answered", answered_on=answered_on,
                                                       outcome="disclosed")
    return DisclosureRequest.objects.get(pk=req.pk)


@pytest.mark.parametrize("closed_on, is_open, due", [
    (date(2022, 1, 1), False, True), (date(2025, 6, 1), False, False),
    (None, False, False), (date(2020, 1, 1), True, False),
])
def test_due_for_anonymisation(closed_on, is_open, due):
    assert is_due(closed_on, today=date(2026, 1, 1), retention_days=3 * 365, is_open=is_open) is due


def test_purge_anonymises_only_requests_closed_before_the_period(unit_tree, settings):
    settings.REQUEST_RETENTION_DAYS = 365
    old = _closed(unit_tree["office"], date(2020, 3, 1))
    recent = _closed(unit_tree["office"], date.today())
    still_open = services.request_submit(unit=unit_tree["office"], **APPLICANT)
    out = io.StringIO()
    call_command("requests", "purge", stdout=out)
    assert "已匿名化 1 件" in out.getvalue() and old.number in out.getvalue()
    old.refresh_from_db()
    assert old.applicant_name == ANONYMISED_NAME and old.id_number == "" and old.phone == ""
    assert old.email == "" and old.address == ""
    assert old.outcome == "disclosed" and old.applicant_type == APPLICANT["applicant_type"]  # table 三 still counts it
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.applicant_name == APPLICANT["applicant_name"] and kept.id_number
    assert AuditLog.objects.filter(action="request_anonymise", target_id=str(old.pk)).count() == 1
    again = io.StringIO()
    call_command("requests", "purge", stdout=again)
    assert "已匿名化 0 件" in again.getvalue()


def test_purge_dry_run_changes_nothing(unit_tree):
    old = _closed(unit_tree["office"], date(2019, 3, 1))
    out = io.StringIO()
    call_command("requests", "purge", "--dry-run", stdout=out)
    assert "将匿名化 1 件" in out.getvalue()
    old.refresh_from_db()
    assert old.applicant_name == APPLICANT["applicant_name"]


def test_the_applicant_downloads_their_own_data_and_it_is_audited(client, unit_tree):
    req = services.request_submit(unit=unit_tree["office"], **APPLICANT)
    page = client.get(f"/requests/track/{req.token}/")
    assert "下载本人的申请数据" in page.content.decode()
    response = client.get(f"/requests/track/{req.token}/my-data.json")
    data = json.loads(response.content)
    assert data["applicant_name"] == APPLICANT["applicant_name"]
    assert data["id_number"] == APPLICANT["id_number"]
    assert data["number"] == req.number and data["unit"] == unit_tree["office"].full_name
    assert "no-store" in response["Cache-Control"]
    assert AuditLog.objects.filter(action="request_export_own_data", target_id=str(req.pk)).exists()
    assert client.get("/requests/track/not-a-token/my-data.json").status_code == 404


def test_the_same_form_sent_twice_files_one_request(client, unit_tree):
    page = client.get("/requests/new/").content.decode()
    key = page.split('name="idempotency_key" value="', 1)[1].split('"', 1)[0]
    data = {**form_post_data(unit_tree["office"]), "idempotency_key": key}
    first = client.post("/requests/new/", data)
    second = client.post("/requests/new/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert DisclosureRequest.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL for a real race")
def test_the_same_key_at_the_same_moment_files_one_request(unit_tree):
    barrier = threading.Barrier(6)
    numbers: list[str] = []

    def submit():
        try:
            barrier.wait()
            numbers.append(services.request_submit(unit=unit_tree["office"],
                                                   idempotency_key="k" * 32, **APPLICANT).number)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(numbers) == 6 and len(set(numbers)) == 1
    assert DisclosureRequest.objects.count() == 1


def test_only_the_office_may_purge(unit_tree, make_user):
    from gongkai.core.access import AccessDenied

    old = _closed(unit_tree["office"], date(2019, 3, 1))
    clerk = make_user("clerk_purge", unit_tree["office"], "submitter")
    with pytest.raises(AccessDenied):
        services.requests_anonymise_expired(today=date.today(), retention_days=30, actor=clerk)
    old.refresh_from_db()
    assert old.applicant_name == APPLICANT["applicant_name"]
    office = make_user("office_purge", unit_tree["city"], "office")
    assert services.requests_anonymise_expired(today=date.today(), retention_days=30,
                                               actor=office) == [old.number]
