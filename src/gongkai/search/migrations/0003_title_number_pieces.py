"""The piece index of titles and 发文字号 (substring search): SQLite FTS5 trigram table
``search_tri``, PostgreSQL ``search_entry.tri`` with a pg_trgm GIN index (and
``title_vector``, the title words alone, under GIN). Documents already in
the index get their keys here, so no reindex is needed."""

from django.db import migrations

CHUNK = 1000


def forwards(apps, schema_editor):
    from gongkai.search.backends import backend_for
    from gongkai.search.domain.indexing import index_text
    from gongkai.search.domain.substring import key

    connection = schema_editor.connection
    backend = backend_for(connection)
    backend.create_piece_index(connection)
    Document = apps.get_model("documents", "Document")
    SearchEntry = apps.get_model("search", "SearchEntry")
    ids = list(SearchEntry.objects.order_by("document_id").values_list("document_id", flat=True))
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        rows = [(pk, key(title), key(number),
                 index_text(title=title, doc_number=number, body="").title_tsvector()
                 if connection.vendor == "postgresql" else "")
                for pk, title, number in
                Document.objects.filter(pk__in=part).values_list("id", "title", "doc_number")]
        with connection.cursor() as cur:
            if connection.vendor == "sqlite":
                marks = ",".join(["%s"] * len(part))
                cur.execute(f"DELETE FROM search_tri WHERE rowid IN ({marks})", part)
            backend.write_pieces(cur, rows)


def backwards(apps, schema_editor):
    from gongkai.search.backends import drop_piece_index

    drop_piece_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_text_index"), ("documents", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
