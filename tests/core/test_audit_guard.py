"""The audit log is append-only in the database too: raw SQL cannot change or remove a row."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core.models import AuditLog
from gongkai.core.services import audit_record


@pytest.fixture
def record(unit_tree):
    return audit_record(actor=None, action="unit_update", target=unit_tree["office"])


@pytest.mark.django_db
def test_raw_sql_update_of_an_audit_row_is_refused(record):
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditlog SET action = 'forged' WHERE id = %s", [record.pk])
    assert AuditLog.objects.get(pk=record.pk).action == "unit_update"


@pytest.mark.django_db
def test_raw_sql_delete_of_audit_rows_is_refused(record):
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditlog")
    assert AuditLog.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_of_the_audit_log_is_refused_on_postgresql(record):
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks in the way
            cursor.execute("TRUNCATE core_auditlog CASCADE")
    assert AuditLog.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_inserting_audit_rows_still_works(record):
    before = AuditLog.objects.count()
    audit_record(actor=None, action="unit_update", target=record)
    assert AuditLog.objects.count() == before + 1


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_database_and_puts_the_guard_back(unit_tree):
    from django.core.management import call_command

    audit_record(actor=None, action="unit_update", target=unit_tree["office"])
    call_command("flush", interactive=False, verbosity=0)
    assert AuditLog.objects.count() == 0
    record = audit_record(actor=None, action="unit_update", target=AuditLog(pk=1))
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditlog WHERE id = %s", [record.pk])
