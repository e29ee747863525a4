"""The text index for the database in use: SQLite FTS5 table, or PostgreSQL tsvector + RUM/GIN.

RUM (Debian postgresql-15-rum) is used when the server offers it; otherwise GIN. Absence of
RUM never fails the migration.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from gongkai.search.backends import create_index

    create_index(schema_editor.connection)


def backwards(apps, schema_editor):
    from gongkai.search.backends import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
