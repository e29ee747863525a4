"""Database-level protection of the audit log (审计日志只能追加).

The model and its queryset refuse update and delete, but raw SQL (a DBA's console, a
script, an attacker with the application's connection) bypasses the ORM. Triggers make the
database itself refuse UPDATE and DELETE of ``core_auditlog`` rows (and TRUNCATE on
PostgreSQL). The only sanctioned wipe is ``gongkai flush`` (a whole empty database: tests,
a fresh install), which lifts the guard for that one command and puts it back.
"""

from __future__ import annotations

MESSAGE = "审计日志只能追加，不能修改或删除"

_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS core_auditlog_no_update BEFORE UPDATE ON core_auditlog
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditlog_no_delete BEFORE DELETE ON core_auditlog
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditlog_no_update",
    "DROP TRIGGER IF EXISTS core_auditlog_no_delete",
]

_POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION core_auditlog_refuse() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END;
        $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS core_auditlog_no_change ON core_auditlog",
    """CREATE TRIGGER core_auditlog_no_change BEFORE UPDATE OR DELETE ON core_auditlog
        FOR EACH ROW EXECUTE FUNCTION core_auditlog_refuse()""",
    "DROP TRIGGER IF EXISTS core_auditlog_no_truncate ON core_auditlog",
    """CREATE TRIGGER core_auditlog_no_truncate BEFORE TRUNCATE ON core_auditlog
        FOR EACH STATEMENT EXECUTE FUNCTION core_auditlog_refuse()""",
]
_POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditlog_no_change ON core_auditlog",
    "DROP TRIGGER IF EXISTS core_auditlog_no_truncate ON core_auditlog",
]


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    if vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_REMOVE
    return []  # other databases: the ORM guard only


def audit_guard_install(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def audit_guard_remove(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=False):
            cursor.execute(sql)
