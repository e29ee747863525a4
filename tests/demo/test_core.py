"""`gongkai demo`: the whole demo loads through the real services and is idempotent."""

import io

from django.core.management import call_command

from gongkai.core.models import AuditLog, Unit, User
from gongkai.documents.models import Document


def _counts():
    return (Unit.objects.count(), User.objects.count(), Document.objects.count(),
            Document.objects.public().count())


def test_demo_loads_everything_once_and_prints_the_logins(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    first = _counts()
    text = out.getvalue()
    assert "种子文件：导入 20，已存在 0，失败 0" in text
    assert text.rstrip().splitlines()[-7].startswith("演示账号（密码均为")
    assert {"submitter", "reviewer", "office", "evaluator", "admin"} <= set(
        User.objects.values_list("username", flat=True))
    # The seed was imported by our importer, with its metadata extracted, not retyped.
    order = Document.objects.get(doc_number="武汉市人民政府令第322号")
    assert order.unit.full_name == "武汉市人民政府" and order.state == "published"
    assert Document.objects.get(doc_number="武政办〔2014〕153号").unit.full_name == "武汉市人民政府办公厅"
    # The demo rebuilds the search index each time (recorded as search_reindex); nothing else.
    audit_before = AuditLog.objects.exclude(action="search_reindex").count()

    again = io.StringIO()
    call_command("demo", stdout=again)
    assert _counts() == first
    assert "种子文件：导入 0，已存在 20，失败 0" in again.getvalue()
    assert AuditLog.objects.exclude(action="search_reindex").count() == audit_before
