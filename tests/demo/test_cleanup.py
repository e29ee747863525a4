"""cleanup.demo: links the seed decisions and applies the lifecycle, idempotently."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from gongkai.demo import cleanup as demo
from gongkai.documents.models import Document, DocumentRelation, ValidityEvent
from gongkai.documents.services import document_create, document_publish_direct

DATA = Path(__file__).resolve().parents[1] / "data"


def test_demo_links_order_322_and_is_idempotent(unit_tree):
    path = next(DATA.glob("09-*.txt"))
    data = path.read_bytes()
    decision = document_create(unit=unit_tree["city"], actor=None,
                               title="武汉市人民政府关于修改和废止部分规章的决定", doc_number="武汉市人民政府令第322号",
                               publish_date=date(2024, 5, 9), body=data.decode("utf-8"),
                               source=(path.name, data))
    document_publish_direct(document=decision, actor=None)

    demo.load(stdout=io.StringIO())
    validity = dict(Document.objects.filter(title__in=[t for t, _ in demo.ORDER_322_TARGETS])
                    .values_list("title", "validity"))
    assert validity == {"武汉市统计管理办法": "已被修改", "武汉市天然气高压管道设施保护办法": "已被修改",
                        "武汉市控制和查处违法建设办法": "废止"}
    counts = (Document.objects.count(), DocumentRelation.objects.count(), ValidityEvent.objects.count())
    out = io.StringIO()
    demo.load(stdout=out)
    assert (Document.objects.count(), DocumentRelation.objects.count(),
            ValidityEvent.objects.count()) == counts
    assert "变化 0 件" in out.getvalue()
