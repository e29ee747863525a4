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
    from gongkai.demo.core import USERS

    assert text.rstrip().splitlines()[-(len(USERS) + 1)].startswith("演示账号（密码均为")
    assert {"submitter", "reviewer", "secrecy", "approver", "publisher", "office", "evaluator",
            "admin", "xinzhou_secrecy", "xinzhou_approver"} <= set(
        User.objects.values_list("username", flat=True))
    # one person per post: xinzhou submits only, it cannot review its own documents
    xinzhou = User.objects.get(username="xinzhou")
    assert sorted(xinzhou.groups.values_list("name", flat=True)) == ["submitter"]
    # The seed was imported by our importer, with its metadata extracted, not retyped.
    order = Document.objects.get(doc_number="武汉市人民政府令第322号")
    assert order.unit.full_name == "武汉市人民政府" and order.state == "published"
    assert Document.objects.get(doc_number="武政办〔2014〕153号").unit.full_name == "武汉市人民政府办公厅"
    # The demo rebuilds the search index each time (recorded as search_reindex); nothing else.
    audit_before = AuditLog.objects.exclude(action="search_reindex").count()
    last_id = AuditLog.objects.order_by("-id").values_list("id", flat=True).first()

    again = io.StringIO()
    call_command("demo", stdout=again)
    assert _counts() == first
    assert "种子文件：导入 0，已存在 20，失败 0" in again.getvalue()
    new = list(AuditLog.objects.filter(id__gt=last_id).exclude(action="search_reindex")
               .values_list("action", "target_type", "target_id"))
    assert AuditLog.objects.exclude(action="search_reindex").count() == audit_before, new


def test_demo_refuses_a_database_with_real_users(db, unit_tree, make_user):
    import pytest
    from django.core.management.base import CommandError

    make_user("zhangsan", unit_tree["office"], "submitter")
    with pytest.raises(CommandError, match="数据库中已有非演示数据.*zhangsan"):
        call_command("demo", stdout=io.StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_demo_refuses_documents_it_did_not_load(db):
    import pytest
    from django.core.management.base import CommandError

    from gongkai.core.services import unit_save
    from gongkai.documents.services import document_create

    unit = unit_save(full_name="武汉市人民政府", code="011043200", kind="city")
    document_create(unit=unit, actor=None, title="关于真实工作的通知", body="正文")
    with pytest.raises(CommandError, match="1 件不是演示数据载入的文件"):
        call_command("demo", stdout=io.StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_demo_evaluators_follow_seed_19s_two_stages(db):
    from gongkai.demo import core

    core.load(stdout=io.StringIO())
    core.load(stdout=io.StringIO())  # idempotent
    stages = dict(User.objects.filter(username__startswith="evaluator")
                  .values_list("username", "assessor_stage"))
    assert stages == {"evaluator": "", "evaluator_portal": "门户网站内容保障测评"}
