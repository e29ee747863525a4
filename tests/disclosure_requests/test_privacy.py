"""Who sees what: roles × endpoints, and the applicant's personal data nowhere public."""

from datetime import date

import pytest

from gongkai.disclosure_requests import services as s
from gongkai.disclosure_requests.models import DisclosureRequest

D = date.fromisoformat

PERSONAL = ["张三丰", "11010519491231002X", "027-85551234", "沿江大道188号", "zhang@example.cn"]


@pytest.fixture
def answered(file_request, handlers, cal):
    """A request to 市统计局, received and answered."""
    req = file_request(submitted=D("2026-03-02"))
    req = s.request_receive(request=req, channel="in_person", actor=handlers["stats"], calendar=cal)
    return s.request_answer(request=req, category="partly", reply_text="部分内容涉及商业秘密，已作区分处理。",
                            answered_on=D("2026-03-20"), actor=handlers["stats"])


# expected status per role; "login" = redirect to the login page
MATRIX = [
    # endpoint,                 anonymous, reviewer(统计局), district clerk, stats clerk, city office
    ("/requests/manage/",                 "login", 403, 200, 200, 200),
    ("/requests/manage/table/",           "login", 403, 200, 200, 200),
    ("/requests/manage/new/",             "login", 403, 200, 200, 200),
    ("/requests/manage/{pk}/",            "login", 403, 404, 200, 200),
    ("/requests/manage/{pk}/letter.docx", "login", 403, 404, 200, 200),
    ("/requests/manage/assists/",         "login", 403, 200, 200, 200),
    ("/requests/manage/desks/",           "login", 403, 403, 403, 200),
    ("/requests/manage/desks/{unit}/",    "login", 403, 403, 403, 200),
    ("/requests/mock/",                   "login", 403, 403, 403, 200),
    ("/requests/lookup/",                 200, 200, 200, 200, 200),
    ("/requests/statistics/",             200, 200, 200, 200, 200),
]
ROLES = [None, "reviewer", "district", "stats", "office"]


@pytest.mark.parametrize("endpoint, expected", [(row[0], row[1:]) for row in MATRIX])
def test_roles_by_endpoint(client, handlers, answered, endpoint, expected):
    url = endpoint.format(pk=answered.pk, unit=answered.unit_id)
    for role, want in zip(ROLES, expected, strict=True):
        client.logout()
        if role:
            client.force_login(handlers[role])
        response = client.get(url)
        if want == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (role, url)
        else:
            assert response.status_code == want, (role, url)


def test_list_shows_only_own_unit_personal_data(client, handlers, answered, file_request, unit_tree):
    other = file_request(unit=unit_tree["district"], applicant_name="李四光", id_type="passport", id_number="E12345678")
    client.force_login(handlers["district"])
    # the district clerk sees their own open request, nothing of 市统计局's
    page = client.get("/requests/manage/").content.decode()
    assert other.number in page and "李四光" in page
    assert answered.number not in page and "张三丰" not in page
    # the city office sees both units' open requests
    client.force_login(handlers["office"])
    page = client.get("/requests/manage/").content.decode()
    assert other.number in page


def test_unit_b_cannot_act_on_unit_a_request(client, handlers, file_request, cal):
    req = file_request(submitted=D("2026-03-02"))
    client.force_login(handlers["district"])
    response = client.post(f"/requests/manage/{req.pk}/receive/",
                           {"version": req.version, "channel": "in_person", "submitted_on": "2026-03-02"})
    assert response.status_code == 404
    assert DisclosureRequest.objects.get(pk=req.pk).status == "submitted"


def test_detail_shows_personal_data_to_the_handling_unit(client, handlers, answered):
    client.force_login(handlers["stats"])
    page = client.get(f"/requests/manage/{answered.pk}/").content.decode()
    assert all(p in page for p in PERSONAL)


def test_tracking_page_shows_only_what_the_applicant_needs(client, answered, file_request):
    other = file_request(applicant_name="王五", info_title="另一份文件的名称")
    page = client.get(f"/requests/track/{answered.token}/").content.decode()
    for secret in PERSONAL:
        assert secret not in page, secret
    assert "张**" in page and answered.number in page and "部分公开" in page and "第三十七条" in page
    assert other.number not in page and "王五" not in page and "另一份文件的名称" not in page
    assert "stats_clerk" not in page  # nor who handled it


@pytest.mark.parametrize("url", ["/", "/search/?q=统计管理办法", "/feeds/documents.atom",
                                 "/api/v1/documents?q=统计管理办法", "/api/v1/units", "/catalogue/"])
def test_personal_data_never_on_public_pages(client, answered, url):
    response = client.get(url)
    assert response.status_code == 200, url  # every public page is mounted: a 404 is a failure
    body = response.content.decode()
    for secret in PERSONAL:
        assert secret not in body, (url, secret)
    assert answered.number not in body
