"""建议提案 pages: roles × endpoints, the reply form's errors, the public list."""

from __future__ import annotations

import pytest

ROLES = ["anonymous", "supervisor", "stats", "district", "office"]
REPLY = {"result_code": "B", "signer": "王局长", "replied_on": "2024-05-20",
         "text": "您提出的关于加快老旧小区改造的建议收悉。我局已将其中12个小区纳入2024年改造计划。"}
MATRIX = {
    ("get", "/proposals/"):                      [200, 200, 200, 200, 200],
    ("get", "/proposals/manage/"):               [302, 200, 200, 200, 200],
    ("get", "/proposals/manage/{p}/"):           [302, 200, 200, 200, 404],
    ("post", "/proposals/manage/new/"):          [302, 302, 403, 403, 403],
    ("post", "/proposals/manage/{p}/feedback/"): [302, 302, 403, 403, 404],
    ("post", "/proposals/manage/{p}/reply/"):    [302, 403, 302, 403, 404],
    ("post", "/proposals/manage/summary/"):      [302, 302, 403, 403, 403],
    ("get", "/proposals/summary/2024/"):         [404, 200, 404, 404, 404],
}


@pytest.mark.parametrize("role", ROLES)
def test_role_endpoint_matrix(client, people, suggestion, role):
    if role != "anonymous":
        client.force_login(people[role])
    column = ROLES.index(role)
    mismatches = []
    for (method, url), codes in MATRIX.items():
        path = url.format(p=suggestion.pk)
        response = client.post(path, dict(REPLY, year="2024")) if method == "post" else client.get(path)
        if response.status_code != codes[column]:
            mismatches.append(f"{method} {path}: {response.status_code} != {codes[column]}")
    assert not mismatches, "\n".join(mismatches)


def test_a_reply_without_signer_is_refused_naming_the_field(client, people, suggestion):
    client.force_login(people["stats"])
    page = client.post(f"/proposals/manage/{suggestion.pk}/reply/", dict(REPLY, signer=""), follow=True)
    assert "签发人：答复函须由主办单位负责人签发" in page.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == "assigned"


def test_register_page_and_public_list(client, people, unit_tree, suggestion):
    from gongkai.proposals import services

    client.force_login(people["supervisor"])
    response = client.post("/proposals/manage/new/", {
        "kind": "proposal", "session": "市政协十四届三次会议", "number": "45", "title": "关于政务公开的提案",
        "author": "陈委员", "main_unit": str(unit_tree["stats"].pk), "assigned_on": "2024-03-01"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "2024年8月1日" in page  # five months for 提案 (rules.yaml)
    reply = services.reply_submit(proposal=suggestion, actor=people["stats"], result_code="A", signer="王局长",
                                  replied_on=suggestion.assigned_on, text=REPLY["text"])
    client.post(f"/proposals/manage/{suggestion.pk}/publish/", {"reply": str(reply.pk)})
    client.logout()
    public = client.get("/proposals/").content.decode()
    assert "关于市十五届人大三次会议第128号建议的答复" in public and "A类" in public


def test_the_api_lists_published_replies(client, people, suggestion):
    from gongkai.proposals import services

    assert client.get("/api/v1/proposals/replies").json() == []
    reply = services.reply_submit(proposal=suggestion, actor=people["stats"], result_code="A", signer="王局长",
                                  replied_on=suggestion.assigned_on, text=REPLY["text"])
    services.reply_publish(reply=reply, actor=people["supervisor"])
    [row] = client.get("/api/v1/proposals/replies?year=2024").json()
    assert row["number"] == "128" and row["result_code"] == "A" and row["url"].endswith(f"/documents/{row['document_id']}/")
    assert client.get("/api/v1/proposals/replies?year=abc").status_code == 422
