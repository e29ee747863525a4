"""The 受理点's and the 专栏's copies of a unit's contact data move onto the unit.

Per field the unit keeps its own value when it has one, else takes the desk's, else the
专栏's (受理地址/受理电话 before 办公地址/联系电话). A differing non-empty value that is not
kept is written to the audit log (action ``unit_contact_merge``), so nothing is lost."""

from django.db import migrations

# unit field -> candidates after the unit's own value: ("desk", field) / ("column", field)
SOURCES = {
    "contact_address": [("desk", "address"), ("column", "request_address"), ("column", "address")],
    "contact_postcode": [("desk", "postcode"), ("column", "postcode")],
    "contact_phone": [("desk", "phone"), ("column", "request_phone"), ("column", "phone")],
    "contact_fax": [("desk", "fax"), ("column", "fax")],
    "contact_email": [("desk", "email"), ("column", "email")],
    "contact_hours": [("desk", "hours"), ("column", "office_hours")],
}


def merge(unit_values: dict, desk, column) -> tuple[dict, dict]:
    """(the unit's new values, the values not kept) for one unit."""
    rows = {"desk": desk, "column": column}
    new, dropped = {}, {}
    for field, candidates in SOURCES.items():
        found = [" ".join((unit_values.get(field) or "").split())]
        found += [" ".join((getattr(rows[src], name, "") or "").split()) if rows[src] else ""
                  for src, name in candidates]
        chosen = next((v for v in found if v), "")
        if chosen != (unit_values.get(field) or ""):
            new[field] = chosen
        others = sorted({v for v in found if v and v != chosen})
        if others:
            dropped[field] = others
    return new, dropped


def forwards(apps, schema_editor):
    Unit = apps.get_model("core", "Unit")
    AuditLog = apps.get_model("core", "AuditLog")
    RequestDesk = apps.get_model("disclosure_requests", "RequestDesk")
    UnitContact = apps.get_model("zhuanlan", "UnitContact")
    desks = {d.unit_id: d for d in RequestDesk.objects.all()}
    columns = {c.unit_id: c for c in UnitContact.objects.all()}
    for unit in Unit.objects.filter(pk__in=set(desks) | set(columns)):
        current = {f: getattr(unit, f) for f in SOURCES}
        new, dropped = merge(current, desks.get(unit.pk), columns.get(unit.pk))
        for field, value in new.items():
            limit = Unit._meta.get_field(field).max_length
            setattr(unit, field, value[:limit])
        if new:
            unit.save(update_fields=list(new))
        if new or dropped:
            AuditLog.objects.create(
                actor=None, actor_label="系统（数据迁移）", unit=unit, action="unit_contact_merge",
                target_type="core.unit", target_id=str(unit.pk),
                data={"set": new, "not_kept": dropped})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_unit_contact_postcode_fax_email"),
        ("disclosure_requests", "0004_desks_files_assists_fees_mock"),
        ("zhuanlan", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="requestdesk", name="address"),
        migrations.RemoveField(model_name="requestdesk", name="postcode"),
        migrations.RemoveField(model_name="requestdesk", name="phone"),
        migrations.RemoveField(model_name="requestdesk", name="fax"),
        migrations.RemoveField(model_name="requestdesk", name="email"),
        migrations.RemoveField(model_name="requestdesk", name="hours"),
    ]
