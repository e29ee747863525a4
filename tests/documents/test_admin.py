"""Admin edits go through the services (issue 11 item 3): audited, announced, never a bypass."""

from __future__ import annotations

from gongkai.core.models import AuditLog
from gongkai.documents.models import Document
from gongkai.search.services import search


def _admin(make_user, unit_tree, client):
    admin = make_user("root", unit_tree["city"], "admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return admin


def _form(doc: Document, **changes) -> dict:
    data = {
        "title": doc.title, "doc_number": doc.doc_number, "issuer_names": "[]",
        "written_date": doc.written_date or "", "publish_date": doc.publish_date or "",
        "effective_date": doc.effective_date or "", "expiry_date": doc.expiry_date or "",
        "level": doc.level, "category": doc.category, "disclosure": doc.disclosure,
        "disclosure_reason": doc.disclosure_reason, "index_no": doc.index_no, "body": doc.body,
        "interprets": "",
    }
    data.update(changes)
    return data


def test_withholding_in_the_admin_leaves_search_and_is_audited(
        publish_document, make_user, unit_tree, client, django_capture_on_commit_callbacks):
    doc = publish_document(title="关于公布低保对象名单的通知", body="低保对象名单如下。")
    assert search("低保对象").count == 1
    admin = _admin(make_user, unit_tree, client)
    url = f"/admin/documents/document/{doc.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(doc, disclosure="不予公开",
                                          disclosure_reason="涉及个人隐私（条例第十五条）"))
    assert response.status_code == 302, response.content.decode()[:2000]
    doc.refresh_from_db()
    assert doc.disclosure == "不予公开"
    assert search("低保对象").count == 0
    assert search("").count == 0  # the count and the facets follow the index
    entry = AuditLog.objects.get(action="document_update", target_id=str(doc.pk))
    assert entry.actor == admin and "disclosure" in entry.data["after"]


def test_admin_offers_no_add_or_delete_and_relations_are_read_only(
        publish_document, make_user, unit_tree, client):
    doc = publish_document(title="关于做好防汛工作的通知", body="做好防汛工作。")
    _admin(make_user, unit_tree, client)
    assert client.get("/admin/documents/document/add/").status_code == 403
    assert client.post(f"/admin/documents/document/{doc.pk}/delete/",
                       {"post": "yes"}).status_code == 403
    assert Document.objects.filter(pk=doc.pk).exists()
    assert client.get("/admin/documents/validityevent/add/").status_code == 403
    assert client.get("/admin/documents/documentrelation/add/").status_code == 403
