"""Django's flush, with the audit log's database guard lifted for the wipe and restored after
(core.dbguards): emptying the whole database is the one sanctioned way to remove audit rows."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from gongkai.core.dbguards import audit_guard_install, audit_guard_remove


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        audit_guard_remove(connection)
        try:
            return super().handle(**options)
        finally:
            audit_guard_install(connection)
