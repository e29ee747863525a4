"""Who sees what in the back office: roles × every workbench endpoint, incl. unit B on A's ids,
the review posts (保密审查 / 审核批准 / 信息发布) and the two-person rule. A 302 means both a
success and a refusal shown as a message, so every POST also asserts the resulting state."""

from __future__ import annotations

import pytest

ROLES = ["anonymous", "submitter_a", "reviewer_a", "office", "evaluator", "admin", "submitter_b",
         "secrecy_a", "approver_a", "publisher_a"]

# endpoint → expected status per role (same order as ROLES). 302 = to the login page for the
# anonymous, else the redirect after the action (its effect is checked in EFFECTS).
MATRIX = {
    ("get", "/workbench/"):                        [302, 200, 200, 200, 403, 403, 200, 200, 200, 200],
    ("get", "/workbench/documents/"):              [302, 200, 200, 200, 403, 403, 200, 200, 200, 200],
    ("get", "/workbench/documents/new/"):          [302, 200, 403, 403, 403, 403, 200, 403, 403, 403],
    ("get", "/workbench/documents/{a}/"):          [302, 200, 200, 200, 403, 403, 404, 200, 200, 200],
    ("get", "/workbench/documents/{a}/edit/"):     [302, 200, 403, 403, 403, 403, 404, 403, 403, 403],
    ("get", "/workbench/documents/{a}/attachments/{f}/"): [302, 200, 200, 200, 403, 403, 404, 200, 200, 200],
    ("post", "/workbench/documents/{a}/act/submit/"): [302, 302, 403, 403, 403, 403, 404, 403, 403, 403],
    ("post", "/workbench/documents/{s}/act/recall/"): [302, 302, 403, 403, 403, 403, 404, 403, 403, 403],
    ("post", "/workbench/documents/{s}/act/secrecy_pass/"): [302, 403, 302, 403, 403, 403, 404, 302, 403, 403],
    ("post", "/workbench/documents/{c}/act/approve/"): [302, 403, 302, 403, 403, 403, 404, 403, 302, 403],
    ("post", "/workbench/documents/{p}/act/publish/"): [302, 403, 302, 302, 403, 403, 404, 403, 403, 302],
    ("post", "/workbench/documents/{a}/delete/"):  [302, 302, 403, 403, 403, 403, 404, 403, 403, 403],
    ("post", "/workbench/documents/{a}/attachments/{f}/delete/"): [302, 302, 403, 403, 403, 403, 404, 403, 403, 403],
    ("get", "/workbench/queue/secrecy/"):          [302, 403, 200, 403, 403, 403, 403, 200, 403, 403],
    ("get", "/workbench/queue/approval/"):         [302, 403, 200, 403, 403, 403, 403, 403, 200, 403],
    ("get", "/workbench/queue/publication/"):      [302, 403, 200, 200, 403, 403, 403, 403, 403, 200],
    ("get", "/workbench/inbox/"):                  [302, 200, 200, 200, 403, 403, 200, 200, 200, 200],
    ("get", "/workbench/gaps/"):                   [302, 200, 200, 200, 403, 403, 200, 200, 200, 200],
    ("get", "/workbench/office/"):                 [302, 403, 403, 200, 403, 403, 403, 403, 403, 403],
}

# POST endpoint → (which document, the state it is in afterwards when the role may act
# (None: deleted), the roles that may act). Everyone else leaves it as it was.
EFFECTS = {
    "/workbench/documents/{a}/act/submit/": ("a", "submitted", {"submitter_a"}),
    "/workbench/documents/{s}/act/recall/": ("s", "draft", {"submitter_a"}),
    "/workbench/documents/{s}/act/secrecy_pass/": ("s", "secrecy_cleared", {"reviewer_a", "secrecy_a"}),
    "/workbench/documents/{c}/act/approve/": ("c", "approved", {"reviewer_a", "approver_a"}),
    "/workbench/documents/{p}/act/publish/": ("p", "published", {"reviewer_a", "office", "publisher_a"}),
    "/workbench/documents/{a}/delete/": ("a", None, {"submitter_a"}),
}


def _fresh(wf_doc, wf_people):
    """One document per state, each step taken by a different person (the two-person rule)."""
    from gongkai.review import services

    a = wf_doc(title="新洲区关于印发防汛应急预案的通知", attachments=[("预案附件.txt", "附件内容".encode())])
    s = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    c = services.review_secrecy_pass(
        document=services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"]),
        actor=wf_people["secrecy_a"])
    p = services.review_approve(
        document=services.review_secrecy_pass(
            document=services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"]),
            actor=wf_people["secrecy_a"]),
        actor=wf_people["approver_a"], responsible="王主任")
    return {"a": a, "s": s, "c": c, "p": p, "f": a.attachments.get()}


@pytest.mark.parametrize("role", ROLES)
def test_role_endpoint_matrix(client, wf_people, wf_doc, role):
    """One test per role (setup is the slow part); every endpoint checked, all mismatches shown."""
    from gongkai.documents.models import Attachment, Document

    if role != "anonymous":
        client.force_login(wf_people[role])
    column = ROLES.index(role)
    mismatches = []
    docs = _fresh(wf_doc, wf_people)
    for (method, url), codes in MATRIX.items():
        if method == "post":  # a POST may move the document on: use fresh ones
            docs = _fresh(wf_doc, wf_people)
        ids = {k: v.pk for k, v in docs.items()}
        path = url.format(**ids)
        data = {"reason": "", "responsible": "王主任"} if method == "post" else None
        response = getattr(client, method)(path, data)
        if response.status_code != codes[column]:
            mismatches.append((method, path, response.status_code, codes[column]))
            continue
        if response.status_code == 302 and role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), path
        if response.status_code == 200 and path in ("/workbench/documents/", f"/workbench/documents/{ids['a']}/"):
            shown = "防汛应急预案" in response.content.decode()
            assert shown is (role != "submitter_b"), (role, path)
        if url in EFFECTS:
            key, after, who = EFFECTS[url]
            doc = Document.objects.filter(pk=ids[key]).first()
            expected = after if role in who else docs[key].state
            got = doc.state if doc is not None else None
            if got != expected:
                mismatches.append(("state", path, got, expected))
        if url.endswith("/attachments/{f}/delete/"):
            still = Attachment.objects.filter(pk=ids["f"]).exists()
            if still is (role == "submitter_a"):
                mismatches.append(("attachment", path, still, role != "submitter_a"))
    assert mismatches == [], mismatches


def test_the_download_is_exactly_the_file_to_be_published(client, wf_people, wf_doc):
    from gongkai.review import services

    data = "第一条 为了规范……".encode("gb18030")
    doc = wf_doc(attachments=[("实施细则.txt", data)])
    doc = services.document_submit(document=doc, actor=wf_people["submitter_a"])
    client.force_login(wf_people["secrecy_a"])
    page = client.get(f"/workbench/documents/{doc.pk}/").content.decode()
    att = doc.attachments.get()
    assert f"/workbench/documents/{doc.pk}/attachments/{att.pk}/" in page and "实施细则.txt" in page
    response = client.get(f"/workbench/documents/{doc.pk}/attachments/{att.pk}/")
    assert b"".join(response.streaming_content) == data
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("first", "second", "step"),
    [
        # the old reviewer role holds both review posts, but not two steps in a row
        ("reviewer_a", "reviewer_a", "approve"),
        # a submitter who also holds the 保密审查 post cannot clear their own submission
        ("dual_a", "dual_a", "secrecy_pass"),
    ],
)
def test_two_person_rule_on_the_pages(client, wf_people, wf_doc, make_user, unit_tree, first,
                                      second, step):
    from gongkai.core.models import AuditLog
    from gongkai.documents.models import Document
    from gongkai.review import services

    people = dict(wf_people)
    people["dual_a"] = make_user("dual_a", unit_tree["district"], "submitter", "secrecy_reviewer")
    doc = wf_doc()
    if step == "approve":
        doc = services.document_submit(document=doc, actor=people["submitter_a"])
        doc = services.review_secrecy_pass(document=doc, actor=people[first])
    else:
        doc = services.document_submit(document=doc, actor=people[first])
    before = doc.state
    client.force_login(people[second])
    response = client.post(f"/workbench/documents/{doc.pk}/act/{step}/",
                           {"responsible": "王主任", "expected_state": before}, follow=True)
    assert Document.objects.get(pk=doc.pk).state == before
    assert "同一人不能办理同一文件的相邻两个环节" in response.content.decode()
    assert not AuditLog.objects.filter(target_id=str(doc.pk), actor=people[second],
                                       action__in=["review_approve", "review_secrecy_pass"]
                                       ).exclude(to_state=before).exists()


def test_two_person_rule_is_data_the_office_can_switch_off(client, wf_people, wf_doc, unit_tree):
    from gongkai.core.models import AuditLog
    from gongkai.documents.models import Document
    from gongkai.review import services

    # the city's office switches it off for the city and every unit below without a rule
    services.review_policy_set(unit=unit_tree["city"], actor=wf_people["office"],
                               two_person_rule=False, reason="试点单位人员不足")
    assert AuditLog.objects.filter(action="review_policy_set").count() == 1
    doc = services.document_submit(document=wf_doc(), actor=wf_people["submitter_a"])
    doc = services.review_secrecy_pass(document=doc, actor=wf_people["reviewer_a"])
    client.force_login(wf_people["reviewer_a"])
    client.post(f"/workbench/documents/{doc.pk}/act/approve/", {"responsible": "王主任"})
    assert Document.objects.get(pk=doc.pk).state == "approved"


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



def test_the_office_switches_the_rule_on_its_page_and_others_cannot(client, wf_people, unit_tree):
    from gongkai.review.services import two_person_rule_applies

    client.force_login(wf_people["reviewer_a"])
    assert client.post("/workbench/office/policy/", {"two_person_rule": "off",
                                                     "reason": "x"}).status_code == 403
    assert two_person_rule_applies(unit_tree["district"]) is True
    client.force_login(wf_people["office"])
    client.post("/workbench/office/policy/", {"two_person_rule": "off", "reason": ""})
    assert two_person_rule_applies(unit_tree["district"]) is True  # a reason is required
    page = client.post("/workbench/office/policy/", {"two_person_rule": "off",
                                                     "reason": "人员不足"}, follow=True)
    assert "审核规则已更新" in page.content.decode() and "已关闭" in page.content.decode()
    assert two_person_rule_applies(unit_tree["district"]) is False
