"""One source of a unit's contact data: the office enters the 受理机关 address once, on the unit
page or the 受理点 page, and the request form, the tracking page and the 指南 all show it."""

import pytest

from gongkai.core.models import AuditLog
from gongkai.disclosure_requests import services as s
from gongkai.disclosure_requests.models import RequestDesk

ADDRESS = "武汉市新洲区邾城街齐安大道特1号"


def _unit_page_post(client, unit, **contact):
    return client.post(f"/workbench/office/units/{unit.pk}/", {
        "full_name": unit.full_name, "code": unit.code, "parent": unit.parent_id,
        "kind": unit.kind, "handles_requests": "on", **contact})


def test_the_address_entered_on_the_unit_page_shows_on_form_tracking_page_and_guide(
        client, unit_tree, handlers, file_request):
    unit = unit_tree["district"]
    client.force_login(handlers["office"])
    r = _unit_page_post(client, unit, contact_address=ADDRESS, contact_phone="027-89351234",
                        contact_hours="工作日 9:00—17:00")
    assert r.status_code == 302
    client.logout()
    assert ADDRESS in client.get(f"/zhuanlan/{unit.code}/guide/").content.decode()
    form = client.get("/requests/new/").content.decode()
    assert ADDRESS in form and "027-89351234" in form
    unit.refresh_from_db()
    req = file_request(unit=unit)
    track = client.get(f"/requests/track/{req.token}/").content.decode()
    assert ADDRESS in track and "工作日 9:00—17:00" in track
    assert ADDRESS in s.confirmation_text(req)


def test_the_desk_page_edits_the_units_contact_data(client, unit_tree, handlers):
    unit = unit_tree["district"]
    client.force_login(handlers["office"])
    page = client.get(f"/requests/manage/desks/{unit.pk}/").content.decode()
    assert "联系地址" in page and "单位管理页和公开指南显示同一份" in page
    r = client.post(f"/requests/manage/desks/{unit.pk}/", {
        "accepts_requests": "on", "channels": ["online"], "agency": "新洲区人民政府办公室",
        "contact_address": ADDRESS, "contact_postcode": "431400"})
    assert r.status_code == 302
    unit.refresh_from_db()
    desk = RequestDesk.objects.get(unit=unit)
    assert (unit.contact_address, unit.contact_postcode, desk.agency) == (
        ADDRESS, "431400", "新洲区人民政府办公室")
    assert AuditLog.objects.filter(action="unit_update", target_id=str(unit.pk)).exists()
    # the unit page shows what the desk page saved
    assert ADDRESS in client.get(f"/workbench/office/units/{unit.pk}/").content.decode()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("contact_postcode", "4314", "邮政编码"),
    ("contact_email", "not-an-email", "电子邮箱"),
])
def test_bad_contact_data_on_the_desk_page_names_the_field(client, unit_tree, handlers, field,
                                                           value, message):
    unit = unit_tree["district"]
    client.force_login(handlers["office"])
    r = client.post(f"/requests/manage/desks/{unit.pk}/", {
        "accepts_requests": "on", "channels": ["online"], "contact_address": ADDRESS, field: value})
    assert r.status_code == 400 and message in r.content.decode()
    unit.refresh_from_db()
    assert unit.contact_address == "" and not RequestDesk.objects.filter(unit=unit).exists()


def test_the_merge_prefers_the_units_value_then_the_desks_and_keeps_the_rest():
    from importlib import import_module

    merge = import_module(
        "gongkai.disclosure_requests.migrations.0005_desk_contact_moved_to_unit").merge

    class Row:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    new, dropped = merge({"contact_address": "", "contact_phone": "027-1111111"},
                         Row(address="甲路1号", phone="027-2222222", hours=""),
                         Row(request_address="", address="乙路2号", office_hours="工作日",
                             phone="027-1111111"))
    assert new == {"contact_address": "甲路1号", "contact_hours": "工作日"}
    assert dropped == {"contact_address": ["乙路2号"], "contact_phone": ["027-2222222"]}
