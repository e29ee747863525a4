import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditLog
from gongkai.core.selectors import unit_descendant_ids, unit_find
from gongkai.core.services import audit_record


@pytest.mark.parametrize(
    "name, expected",
    [
        ("武汉市政府", "武汉市人民政府"),
        ("武汉市人民政府", "武汉市人民政府"),
        ("市政府办公厅", "武汉市人民政府办公厅"),
        ("武汉市 人民政府", "武汉市人民政府"),
        ("011043217", "新洲区人民政府"),
        ("上海市人民政府", None),
    ],
)
def test_unit_find_resolves_short_names_and_aliases(unit_tree, name, expected):
    unit = unit_find(name)
    assert (unit.full_name if unit else None) == expected


def test_unit_descendants_cover_the_subtree(unit_tree):
    ids = unit_descendant_ids([unit_tree["city"].id])
    assert unit_tree["district"].id in ids and unit_tree["office"].id in ids
    assert unit_tree["province"].id not in ids


def test_audit_log_is_append_only(unit_tree):
    entry = audit_record(actor=None, action="test", target=unit_tree["city"])
    entry.reason = "changed"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditLog.objects.all().update(reason="x")
    with pytest.raises(PermissionDenied):
        AuditLog.objects.all().delete()
    assert AuditLog.objects.filter(action="test").count() == 1
