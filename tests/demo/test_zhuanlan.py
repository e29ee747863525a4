"""demo.zhuanlan: no invented contact data, the register, one 解读 to link;
idempotent."""

from __future__ import annotations

import io

from django.utils import timezone

from gongkai.core.models import Unit
from gongkai.demo import zhuanlan as demo
from gongkai.documents.interpretations import interpretations_unlinked
from gongkai.documents.models import Document
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.zhuanlan.models import NormativeRegistration, UnitContact


def test_demo_column_data(unit_tree, make_user):
    make_user("office", unit_tree["city"], "office")
    office = unit_tree["office"]
    today = timezone.localdate()
    rule = document_create(unit=office, actor=None, title="武汉市人民政府办公厅关于印发某某管理办法的通知",
                           doc_number=f"武政办〔{today.year}〕1号", publish_date=today.replace(day=1),
                           effective_date=today.replace(day=1), level="地方规范性文件")
    document_publish_direct(document=rule, actor=None)
    old = document_create(unit=office, actor=None, title="武汉市人民政府办公厅关于某旧办法的通知",
                          doc_number="武政办〔2014〕2号", publish_date="2014-01-02",
                          level="地方规范性文件")
    document_publish_direct(document=old, actor=None)

    demo.load(stdout=io.StringIO())
    # No seed document states these units' contact data, so the demo enters none.
    assert not UnitContact.objects.exists()
    assert not Unit.objects.exclude(contact_address="").exists()
    assert NormativeRegistration.objects.filter(document=rule).exists()
    assert not NormativeRegistration.objects.filter(document=old).exists()  # term long over
    old.refresh_from_db()
    assert old.validity == "现行有效"
    pending = interpretations_unlinked([office.pk])
    assert [d.title for d in pending] == [f"一图读懂《{rule.title}》"]

    counts = (Document.objects.count(), NormativeRegistration.objects.count(),
              UnitContact.objects.count())
    demo.load(stdout=io.StringIO())
    assert (Document.objects.count(), NormativeRegistration.objects.count(),
            UnitContact.objects.count()) == counts
