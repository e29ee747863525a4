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
    entry = audit_record(actor=None, action="unit_update", target=unit_tree["city"])
    entry.reason = "changed"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditLog.objects.all().update(reason="x")
    with pytest.raises(PermissionDenied):
        AuditLog.objects.all().delete()
    assert AuditLog.objects.filter(action="unit_update").count() == 1


def test_audit_record_refuses_an_unregistered_action(unit_tree):
    from gongkai.core.errors import CoreError

    with pytest.raises(CoreError) as err:
        audit_record(actor=None, action="no_such_action", target=unit_tree["city"])
    assert err.value.field == "action" and "no_such_action" in err.value.message
    assert not AuditLog.objects.filter(action="no_such_action").exists()


def test_every_recorded_action_has_a_chinese_label():
    from gongkai.core.audit import registry

    assert len(list(registry)) > 40
    for action in registry:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in action.label), action


@pytest.mark.parametrize("subunits, expected_district", [(False, False), (True, True)])
def test_reviewer_scope_follows_review_includes_subunits(unit_tree, make_user, settings,
                                                         subunits, expected_district):
    from gongkai.core.access import scope_ids as unit_scope_ids

    settings.REVIEW_INCLUDES_SUBUNITS = subunits
    reviewer = make_user("rev", unit_tree["city"], "reviewer")
    scope = unit_scope_ids(reviewer)
    assert unit_tree["city"].id in scope
    assert (unit_tree["district"].id in scope) is expected_district


def test_office_scope_is_its_subtree_and_submitter_scope_its_unit(unit_tree, make_user):
    from gongkai.core.access import scope_ids as unit_scope_ids

    office = make_user("off", unit_tree["city"], "office")
    submitter = make_user("sub", unit_tree["district"], "submitter")
    assert unit_scope_ids(office) >= {unit_tree["district"].id, unit_tree["office"].id}
    assert unit_tree["province"].id not in unit_scope_ids(office)
    assert unit_scope_ids(submitter) == {unit_tree["district"].id}
