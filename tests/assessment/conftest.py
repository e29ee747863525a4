"""Assessment fixtures: a year of document activity built through the real services.

Only the clock is simulated: services stamp submitted_at / published_at with "now", so after
calling them the test moves those stamps to the day the story says (one UPDATE, as time would).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.combine(date.fromisoformat(day), time(10, 0)))


@pytest.fixture
def register(wf_people, unit_tree, django_capture_on_commit_callbacks):
    """register(unit_key, number, publish_date, submitted=..., published=..., **fields)."""
    from gongkai.documents.models import Document
    from gongkai.documents.services import document_create, document_publish_direct
    from gongkai.review.services import document_submit

    def _register(unit_key, doc_number, publish_date, *, submitted=None, published=None,
                  **fields):
        unit = unit_tree[unit_key]
        actor = wf_people["submitter_a"] if unit_key == "district" else wf_people["submitter_b"]
        if unit_key not in ("district", "stats"):
            actor = None
        fields.setdefault("title", f"{unit.full_name}关于{doc_number}的通知")
        fields.setdefault("category", "机关工作")
        fields.setdefault("level", "工作文件")
        with django_capture_on_commit_callbacks(execute=True):
            doc = document_create(unit=unit, actor=actor, doc_number=doc_number,
                                  publish_date=publish_date, **fields)
            if submitted and actor is not None:
                doc = document_submit(document=doc, actor=actor)
            if published:
                doc = document_publish_direct(document=doc, actor=None)
        stamps = {}
        if submitted:
            stamps["submitted_at"] = at(submitted)
        if published:
            stamps["published_at"] = at(published)
        if stamps:
            Document.objects.filter(pk=doc.pk).update(**stamps)
            doc.refresh_from_db()
        return doc

    return _register


@pytest.fixture
def year_2025(register, unit_tree):
    """新洲区 (区政府): 3 documents, one submitted late, a gap at 3, a 规范性文件 without 解读.
    市统计局 (较少的部门): 2 documents on time, complete, its 规范性文件 has a 解读.
    市政府办公厅 (较少的部门): no documents in 2025 (ratios do not apply: full marks)."""
    docs = {}
    docs["d1"] = register("district", "新政办〔2025〕1号", "2025-03-03", submitted="2025-03-05",
                          published="2025-03-06")
    # 2025-03-10 + 20 working days = 2025-04-08 (清明 4-4 … 4-6 off); submitted 2025-05-06: late.
    docs["d2"] = register("district", "新政办〔2025〕2号", "2025-03-10", submitted="2025-05-06",
                          published="2025-05-07", level="地方规范性文件")
    docs["d4"] = register("district", "新政办〔2025〕4号", "2025-06-02", submitted="2025-06-03",
                          published="2025-06-04", category="")
    docs["s1"] = register("stats", "武统〔2025〕1号", "2025-02-10", submitted="2025-02-11",
                          published="2025-02-12", level="地方规范性文件")
    docs["s2"] = register("stats", "武统〔2025〕2号", "2025-04-01", submitted="2025-04-02",
                          published="2025-04-03")
    docs["s1_reading"] = register("stats", "", "2025-02-10", submitted="2025-02-11",
                                  published="2025-02-12", title="《武统〔2025〕1号》政策解读",
                                  interprets=docs["s1"])
    return docs
