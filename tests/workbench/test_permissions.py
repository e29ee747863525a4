"""Who sees what in the back office: roles × every workbench endpoint, incl. unit B on A's ids."""

from __future__ import annotations

import pytest

ROLES = ["anonymous", "submitter_a", "reviewer_a", "office", "evaluator", "admin", "submitter_b"]

# endpoint → expected status per role (same order as ROLES). 302 = to the login page.
MATRIX = {
    ("get", "/workbench/"):                        [302, 200, 200, 200, 403, 403, 200],
    ("get", "/workbench/documents/"):              [302, 200, 200, 200, 403, 403, 200],
    ("get", "/workbench/documents/new/"):          [302, 200, 403, 403, 403, 403, 200],
    ("get", "/workbench/documents/{a}/"):          [302, 200, 200, 200, 403, 403, 404],
    ("get", "/workbench/documents/{a}/edit/"):     [302, 200, 403, 403, 403, 403, 404],
    ("post", "/workbench/documents/{a}/act/submit/"): [302, 302, 403, 403, 403, 403, 404],
    ("post", "/workbench/documents/{s}/act/secrecy_pass/"): [302, 403, 302, 403, 403, 403, 404],
    ("get", "/workbench/queue/secrecy/"):          [302, 403, 200, 403, 403, 403, 403],
    ("get", "/workbench/queue/approval/"):         [302, 403, 200, 403, 403, 403, 403],
    ("get", "/workbench/queue/publication/"):      [302, 403, 200, 200, 403, 403, 403],
    ("get", "/workbench/inbox/"):                  [302, 200, 200, 200, 403, 403, 200],
    ("get", "/workbench/gaps/"):                   [302, 200, 200, 200, 403, 403, 200],
    ("get", "/workbench/office/"):                 [302, 403, 403, 200, 403, 403, 403],
}
@pytest.mark.parametrize("role", ROLES)
def test_role_endpoint_matrix(client, wf_people, wf_doc, role):
    """One test per role (setup is the slow part); every endpoint checked, all mismatches shown."""
    from gongkai.review.services import document_submit

    if role != "anonymous":
        client.force_login(wf_people[role])
    column = ROLES.index(role)
    mismatches = []
    draft = wf_doc(title="新洲区关于印发防汛应急预案的通知")
    submitted = document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    for (method, url), codes in MATRIX.items():
        if method == "post":  # a POST may move the document on: use fresh ones
            draft = wf_doc(title="新洲区关于印发防汛应急预案的通知")
            submitted = document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
        path = url.format(a=draft.pk, s=submitted.pk)
        response = getattr(client, method)(path, {"reason": ""} if method == "post" else None)
        if response.status_code != codes[column]:
            mismatches.append((method, path, response.status_code, codes[column]))
            continue
        if response.status_code == 302 and role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), path
        if response.status_code == 200 and path in ("/workbench/documents/", f"/workbench/documents/{draft.pk}/"):
            shown = "防汛应急预案" in response.content.decode()
            assert shown is (role != "submitter_b"), (role, path)
    assert mismatches == [], mismatches


def test_unit_b_lists_nothing_of_unit_a(client, wf_people, wf_doc):
    wf_doc(title="新洲区内部草稿甲")
    wf_doc("stats", title="统计局草稿乙")
    client.force_login(wf_people["submitter_b"])
    body = client.get("/workbench/documents/").content.decode()
    assert "统计局草稿乙" in body and "新洲区内部草稿甲" not in body
    assert "新洲区内部草稿甲" not in client.get("/workbench/").content.decode()


def test_drafts_never_reach_the_public_pages(client, wf_doc):
    doc = wf_doc(title="尚未发布的草稿丙")
    response = client.get(f"/documents/{doc.pk}/")
    assert response.status_code == 404
