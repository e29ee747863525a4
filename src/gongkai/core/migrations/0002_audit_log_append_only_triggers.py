from django.db import migrations


def install(apps, schema_editor):
    from gongkai.core.dbguards import audit_guard_install

    audit_guard_install(schema_editor.connection)


def remove(apps, schema_editor):
    from gongkai.core.dbguards import audit_guard_remove

    audit_guard_remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
