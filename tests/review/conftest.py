"""Fixtures of the review tests: a unit A (新洲区) and B (市统计局), one user per role."""

from __future__ import annotations

import pytest


@pytest.fixture
def people(unit_tree, make_user):
    a, b = unit_tree["district"], unit_tree["stats"]
    return {
        "submitter_a": make_user("sub_a", a, "submitter"),
        "reviewer_a": make_user("rev_a", a, "reviewer"),
        "reviewer2_a": make_user("rev2_a", a, "reviewer"),
        "submitter_b": make_user("sub_b", b, "submitter"),
        "reviewer_b": make_user("rev_b", b, "reviewer"),
        "office": make_user("office", unit_tree["city"], "office"),
        "evaluator": make_user("evaluator", unit_tree["city"], "evaluator"),
        "admin": make_user("admin", None, "admin"),
    }


@pytest.fixture
def make_doc(people, unit_tree):
    from gongkai.documents.services import document_create

    counter = iter(range(1, 1000))

    def _make(unit_key: str = "district", *, serial: int | None = None, **kw):
        unit = unit_tree[unit_key]
        n = serial or next(counter)
        prefix = unit.doc_prefixes[0]
        kw.setdefault("title", f"{unit.full_name}关于做好2026年政务公开工作的通知（{n}）")
        kw.setdefault("doc_number", f"{prefix}〔2026〕{n}号")
        kw.setdefault("publish_date", "2026-09-25")
        actor = people["submitter_a"] if unit_key == "district" else people["submitter_b"]
        return document_create(unit=unit, actor=actor, **kw)

    return _make
