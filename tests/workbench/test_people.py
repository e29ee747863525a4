"""The office manages its units and users without the Django admin (issue 15): every write is
a core service with its gate and an audit row; the pages are thin."""

from __future__ import annotations

import pytest

from gongkai.core.access import AccessDenied
from gongkai.core.errors import CoreError
from gongkai.core.models import AuditLog, Unit, User
from gongkai.core.services import (
    unit_active_set,
    unit_create,
    unit_update,
    user_active_set,
    user_invite,
    user_password_reset,
    user_update,
)

pytestmark = pytest.mark.django_db


def _new_unit(actor, parent, **kw):
    values = {"full_name": "新洲区政务服务和大数据管理局", "code": "011043299", "kind": "department",
              "doc_prefixes": ["新政数"], "handles_requests": True,
              "contact_address": "武汉市新洲区邾城街齐安大道特1号", "contact_phone": "027-86921234",
              "contact_hours": "工作日 9:00—12:00、14:00—17:00"}
    values.update(kw)
    return unit_create(actor=actor, parent=parent, **values)


def test_office_creates_a_unit_below_its_own_with_contacts_and_audit(wf_people, unit_tree):
    unit = _new_unit(wf_people["office"], unit_tree["district"])
    assert unit.parent == unit_tree["district"] and unit.handles_requests
    assert unit.contact_phone == "027-86921234"
    assert "新洲区政务服务和大数据管理局" in unit.name_keys
    assert AuditLog.objects.filter(action="unit_create", target_id=str(unit.pk)).exists()


def test_office_cannot_create_outside_its_scope_and_submitters_cannot_at_all(wf_people, unit_tree):
    with pytest.raises(AccessDenied):
        _new_unit(wf_people["office"], unit_tree["province"])
    with pytest.raises(AccessDenied):
        _new_unit(wf_people["submitter_a"], unit_tree["district"])
    assert not Unit.objects.filter(code="011043299").exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("full_name", "武汉市统计局", "已有名为"),
    ("code", "011043230", "单位代码 011043230 已被其他单位使用"),
    ("full_name", "  ", "单位全称不能为空"),
    ("kind", "planet", "未知的单位类型"),
])
def test_bad_unit_input_names_the_field_and_writes_nothing(wf_people, unit_tree, field, value,
                                                          message):
    before = Unit.objects.count()
    with pytest.raises(CoreError) as err:
        _new_unit(wf_people["office"], unit_tree["city"], **{field: value})
    assert err.value.field == field and message in err.value.message
    assert Unit.objects.count() == before


def test_unit_cannot_move_below_itself(wf_people, unit_tree):
    child = _new_unit(wf_people["office"], unit_tree["district"])
    with pytest.raises(CoreError) as err:
        unit_update(actor=wf_people["office"], unit=unit_tree["district"], parent=child,
                    full_name="新洲区人民政府", code="011043217")
    assert err.value.field == "parent"


def test_unit_update_records_what_changed(wf_people, unit_tree):
    unit_update(actor=wf_people["office"], unit=unit_tree["stats"], parent=unit_tree["city"],
                handles_requests=False, contact_phone="027-85771234")
    row = AuditLog.objects.filter(action="unit_update", target_id=str(unit_tree["stats"].pk)).last()
    assert row.data["changed"] == ["contact_phone", "handles_requests"]
    assert Unit.objects.get(pk=unit_tree["stats"].pk).handles_requests is False


def test_deactivating_a_unit_with_active_children_or_its_own_unit_is_refused(wf_people, unit_tree):
    _new_unit(wf_people["office"], unit_tree["district"])
    with pytest.raises(CoreError, match="下级单位"):
        unit_active_set(actor=wf_people["office"], unit=unit_tree["district"], active=False)
    with pytest.raises(CoreError, match="本公开办所在的单位"):
        unit_active_set(actor=wf_people["office"], unit=unit_tree["city"], active=False)
    unit_active_set(actor=wf_people["office"], unit=unit_tree["stats"], active=False)
    assert AuditLog.objects.filter(action="unit_deactivate").count() == 1


def test_invite_gives_a_one_time_password_that_logs_in(wf_people, unit_tree, client):
    person, password = user_invite(actor=wf_people["office"], username="zhang_san",
                                   unit=unit_tree["district"], roles=["submitter"],
                                   display_name="张三")
    assert person.check_password(password) and person.groups.get().name == "submitter"
    assert AuditLog.objects.filter(action="user_invite", target_id=str(person.pk)).exists()
    assert password not in str(AuditLog.objects.filter(target_id=str(person.pk)).values())
    client.post("/accounts/login/", {"username": "zhang_san", "password": password})
    assert client.get("/workbench/")["Location"] == "/accounts/password/"  # signed in, own password first


def test_office_may_not_grant_admin_nor_invite_outside_its_units(wf_people, unit_tree):
    with pytest.raises(CoreError) as err:
        user_invite(actor=wf_people["office"], username="it", unit=unit_tree["district"],
                    roles=["admin"])
    assert err.value.field == "roles"
    with pytest.raises(AccessDenied):
        user_invite(actor=wf_people["office"], username="far", unit=unit_tree["province"],
                    roles=["submitter"])
    with pytest.raises(CoreError) as err:
        user_invite(actor=wf_people["office"], username="sub_a", unit=unit_tree["district"],
                    roles=["submitter"])
    assert err.value.field == "username"
    assert not User.objects.filter(username__in=["it", "far"]).exists()


def test_reset_password_and_deactivate(wf_people):
    person = wf_people["submitter_a"]
    password = user_password_reset(actor=wf_people["office"], user=person)
    person.refresh_from_db()
    assert person.check_password(password) and not person.check_password("pw-test-123")
    user_active_set(actor=wf_people["office"], user=person, active=False)
    person.refresh_from_db()
    assert person.is_active is False
    with pytest.raises(CoreError):
        user_active_set(actor=wf_people["office"], user=wf_people["office"], active=False)
    with pytest.raises(AccessDenied):
        user_password_reset(actor=wf_people["submitter_b"], user=wf_people["submitter_a"])
    actions = list(AuditLog.objects.filter(target_id=str(person.pk))
                   .values_list("action", flat=True))
    assert {"user_password_reset", "user_deactivate"} <= set(actions)


def test_user_update_changes_roles_and_stage(wf_people, unit_tree):
    person = user_update(actor=wf_people["office"], user=wf_people["evaluator"],
                         unit=unit_tree["city"], roles=["evaluator"],
                         assessor_stage="第三方机构测评")
    assert person.assessor_stage == "第三方机构测评"
    row = AuditLog.objects.filter(action="user_update", target_id=str(person.pk)).last()
    assert row.data["changed"] == ["assessor_stage"]


# -- pages ------------------------------------------------------------------------------------


def test_pages_create_unit_and_user_and_show_the_password_once(client, wf_people, unit_tree):
    client.force_login(wf_people["office"])
    response = client.post("/workbench/office/units/new/", {
        "full_name": "新洲区数据局", "code": "011043288", "parent": unit_tree["district"].pk,
        "kind": "department", "doc_prefixes": "新数，新数办", "handles_requests": "on",
        "contact_phone": "027-1", "sort_order": "0"})
    assert response.status_code == 302
    unit = Unit.objects.get(code="011043288")
    assert unit.doc_prefixes == ["新数", "新数办"]
    page = client.get("/workbench/office/units/").content.decode()
    assert "新洲区数据局" in page and "受理" in page
    response = client.post("/workbench/office/users/new/", {
        "username": "li_si", "display_name": "李四", "unit": unit.pk, "roles": ["submitter"]})
    assert response.status_code == 302
    page = client.get("/workbench/office/users/").content.decode()
    assert "初始密码" in page and "li_si" in page
    assert "初始密码" not in client.get("/workbench/office/users/").content.decode()


def test_unit_form_errors_are_chinese_and_name_the_field(client, wf_people, unit_tree):
    client.force_login(wf_people["office"])
    response = client.post("/workbench/office/units/new/", {
        "full_name": "武汉市统计局", "code": "1", "parent": unit_tree["city"].pk,
        "kind": "department"})
    assert response.status_code == 200
    assert "已有名为“武汉市统计局”的单位" in response.content.decode()


@pytest.mark.parametrize("who", ["submitter_a", "reviewer_a"])
def test_non_office_staff_get_403(client, wf_people, who):
    client.force_login(wf_people[who])
    assert client.get("/workbench/office/units/").status_code == 403
    assert client.get("/workbench/office/users/").status_code == 403


def test_office_sees_404_for_units_and_users_outside_its_scope(client, wf_people, unit_tree,
                                                               make_user):
    outsider = make_user("prov_sub", unit_tree["province"], "submitter")
    client.force_login(wf_people["office"])
    assert client.get(f"/workbench/office/units/{unit_tree['province'].pk}/").status_code == 404
    assert client.get(f"/workbench/office/users/{outsider.pk}/").status_code == 404
    assert client.post(f"/workbench/office/users/{outsider.pk}/password/").status_code == 404


def test_admin_shows_roles_and_audit_actions_in_chinese(client, wf_people):
    from gongkai.core.services import user_password_reset

    user_password_reset(actor=wf_people["office"], user=wf_people["submitter_a"])
    client.force_login(wf_people["admin"])
    users = client.get("/admin/core/user/").content.decode()
    assert "保密审查员" in users and "审核批准人" in users and "报送员" in users
    groups = client.get("/admin/auth/group/").content.decode()
    assert "信息发布员" in groups
    log = client.get("/admin/core/auditlog/").content.decode()
    assert "重置用户密码" in log
    edit = client.get(f"/admin/core/user/{wf_people['submitter_a'].pk}/change/").content.decode()
    assert "考评环节" in edit and "审核员（保密审查和审核批准）" in edit


def test_unit_save_sets_contacts_only_when_given(unit_tree):
    from gongkai.core.services import unit_save

    unit = unit_save(full_name="武汉市统计局", code="011043230", parent=unit_tree["city"],
                     doc_prefixes=["武统"], assessment_group="承担行政许可事项较少的部门",
                     handles_requests=False, contact_phone="027-85771234")
    assert (unit.handles_requests, unit.contact_phone) == (False, "027-85771234")
    again = unit_save(full_name="武汉市统计局", code="011043230", parent=unit_tree["city"],
                      doc_prefixes=["武统"], assessment_group="承担行政许可事项较少的部门")
    assert (again.handles_requests, again.contact_phone) == (False, "027-85771234")


@pytest.mark.parametrize("url", ["/workbench/office/units/", "/workbench/office/units/new/",
                                 "/workbench/office/users/", "/workbench/office/users/new/"])
@pytest.mark.parametrize(("who", "status"), [
    (None, 302), ("evaluator", 403), ("submitter_a", 403), ("secrecy_a", 403),
    ("approver_a", 403), ("publisher_a", 403), ("office", 200),
])
def test_office_pages_permission_matrix(client, wf_people, url, who, status):
    if who:
        client.force_login(wf_people[who])
    assert client.get(url).status_code == status


@pytest.mark.parametrize("who", ["submitter_a", "evaluator"])
def test_writes_are_refused_to_non_office(client, wf_people, unit_tree, who):
    client.force_login(wf_people[who])
    target = wf_people["reviewer_a"]
    assert client.post(f"/workbench/office/users/{target.pk}/active/",
                       {"active": "0"}).status_code in (403, 404)
    assert client.post(f"/workbench/office/units/{unit_tree['stats'].pk}/active/",
                       {"active": "0"}).status_code in (403, 404)
    target.refresh_from_db()
    assert target.is_active and Unit.objects.get(pk=unit_tree["stats"].pk).is_active


def test_invited_person_is_asked_to_change_the_one_time_password(client, wf_people, unit_tree):
    person, password = user_invite(actor=wf_people["office"], username="zhao_liu",
                                   unit=unit_tree["district"], roles=["submitter"])
    client.post("/accounts/login/?next=/workbench/documents/", {"username": "zhao_liu", "password": password})
    assert client.get("/start/")["Location"] == "/accounts/password/"
    # a login link that names another page does not get round it
    assert client.get("/workbench/documents/")["Location"] == "/accounts/password/"
    assert client.get("/accounts/password/").status_code == 200
    bad = client.post("/accounts/password/", {"old_password": password, "new_password": "123",
                                              "new_password_again": "123"})
    assert bad.status_code == 400 and "新密码不合要求" in bad.content.decode()
    mismatch = client.post("/accounts/password/", {
        "old_password": password, "new_password": "Zhao-Liu-2026", "new_password_again": "x"})
    assert "两次输入的新密码不一致" in mismatch.content.decode()
    ok = client.post("/accounts/password/", {
        "old_password": password, "new_password": "Zhao-Liu-2026",
        "new_password_again": "Zhao-Liu-2026"})
    assert ok.status_code == 302
    assert client.get("/start/")["Location"] == "/workbench/"  # still signed in, not asked again
    assert client.get("/workbench/documents/").status_code == 200
    user_password_reset(actor=wf_people["office"], user=person)
    assert client.get("/start/")["Location"].startswith("/accounts/login/")  # old session ended
    assert AuditLog.objects.filter(action="password_change", target_id=str(person.pk)).count() == 1


def test_unit_and_user_lists_take_a_fixed_number_of_queries(client, wf_people, unit_tree,
                                                            make_user,
                                                            django_assert_max_num_queries):
    client.force_login(wf_people["office"])
    client.get("/workbench/office/users/")  # warm the session and role caches
    for n in range(10):
        make_user(f"extra_{n}", unit_tree["district"], "submitter", "reviewer")
    with django_assert_max_num_queries(25):
        assert client.get("/workbench/office/users/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/workbench/office/units/").status_code == 200


def test_invite_and_reset_mail_the_person_without_the_password(wf_people, unit_tree, settings,
                                                                django_capture_on_commit_callbacks):
    from django.core import mail

    settings.SITE_URL = "https://gk.example.cn"
    with django_capture_on_commit_callbacks(execute=True):
        person, password = user_invite(actor=wf_people["office"], username="qian_qi",
                                       unit=unit_tree["district"], roles=["submitter", "reviewer"],
                                       display_name="钱七", email="qian@example.cn")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["qian@example.cn"] and "账号已开通" in sent.subject
    assert "登录名：qian_qi" in sent.body and "https://gk.example.cn/accounts/login/" in sent.body
    assert unit_tree["district"].full_name in sent.body and "角色：报送员、审核员（保密审查和审核批准）\n" in sent.body
    assert password not in sent.body
    with django_capture_on_commit_callbacks(execute=True):
        new_password = user_password_reset(actor=wf_people["office"], user=person)
    assert len(mail.outbox) == 2 and "密码已重置" in mail.outbox[1].subject
    assert new_password not in mail.outbox[1].body and "qian_qi" in mail.outbox[1].body
    # No address, no mail.
    with django_capture_on_commit_callbacks(execute=True):
        user_invite(actor=wf_people["office"], username="no_mail", unit=unit_tree["district"],
                    roles=["submitter"])
    assert len(mail.outbox) == 2
