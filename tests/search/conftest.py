"""Fixtures of the search tests: a small library of real documents (seed + corpus text)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

LIBRARY = json.loads((Path(__file__).parent / "data" / "library.json").read_text(encoding="utf-8"))


def make_document(unit, *, state="published", disclosure="主动公开", **fields):
    """A document row as the document services leave it (ORM create; the services need the
    发文字号 parser, which lands separately)."""
    from gongkai.documents.models import Document

    publish_date = fields.pop("publish_date", None)
    if isinstance(publish_date, str):
        publish_date = date.fromisoformat(publish_date)
    if fields.get("doc_number"):
        from gongkai.documents.domain.docnumber import doc_number_key

        fields.setdefault("doc_number_key", doc_number_key(fields["doc_number"]))
    return Document.objects.create(
        unit=unit, state=state, disclosure=disclosure, publish_date=publish_date,
        disclosure_reason="条例第十四条" if disclosure == "不予公开" else "", **fields,
    )


@pytest.fixture
def library(unit_tree):
    """The documents of data/library.json, published and indexed; returns {key: Document}."""
    from gongkai.search.services import index_documents

    docs = {}
    for item in LIBRARY:
        item = dict(item)
        key = item.pop("key")
        unit = unit_tree[item.pop("unit")]
        docs[key] = make_document(unit, **item)
    index_documents(document_ids=[d.pk for d in docs.values()])
    return docs


@pytest.fixture
def make_doc(db):
    return make_document


@pytest.fixture
def few_docs(unit_tree):
    """Three short real-text documents, indexed: enough for queries that must not fail."""
    from gongkai.search.services import index_documents

    docs = [make_document(unit_tree[item["unit"]], **{k: v for k, v in item.items()
                                                        if k not in ("key", "unit")})
            for item in LIBRARY if item["key"].startswith(("seed-03", "seed-17", "law-中华人民共和国政府"))]
    index_documents(document_ids=[d.pk for d in docs])
    return docs
