"""The tiers of a relevance page (selectors module docstring, ADR 0010): pinned 发文字号, title
tier (pieces of three or more characters, or words in title/发文字号), text tier; one exact
count over their union, the same documents when sorted by date, filters and facets on all."""

from __future__ import annotations

from django.db import connection

from gongkai.search.backends import backend_for
from gongkai.search.selectors import SearchFilters, search
from gongkai.search.services import index_documents

PIECE = "和国个人所得税法"  # starts inside 共和国: the word index cuts it otherwise


def test_a_piece_finds_the_title_in_every_sort_with_filters_and_facets(make_doc, unit_tree):
    law = make_doc(unit_tree["city"], title="中华人民共和国个人所得税法", body="依法纳税。",
                   publish_date="2018-08-31")
    other = make_doc(unit_tree["office"], title="关于做好工作的通知", body="个人所得税法规定的事项。",
                     publish_date="2020-01-01")
    index_documents(document_ids=[law.pk, other.pk])

    page = search(PIECE)
    assert page.hits[0].document.pk == law.pk
    by_date = search(PIECE, sort="date")
    assert by_date.count == page.count
    assert {h.document.pk for h in by_date.hits} == {h.document.pk for h in page.hits}
    assert law.pk in [h.document.pk for h in by_date.hits]
    assert search(PIECE, filters=SearchFilters(unit=unit_tree["office"].pk)).count == page.count - 1
    assert {f.value: f.count for f in page.facets["unit"]}[str(unit_tree["city"].pk)] == 1
    # Two characters are not a piece: 民政 does not find 人民政府 through the title keys.
    assert search("民政").count == 0


def test_number_piece_in_any_brackets(make_doc, unit_tree):
    doc = make_doc(unit_tree["office"], title="关于切实做好统计报送工作的通知",
                   doc_number="武政办〔2014〕153号", body="统计报送。")
    index_documents(document_ids=[doc.pk])
    for query in ("政办[2014]15", "办（2014）153", "武政办〔2014〕153"):
        assert [h.document.pk for h in search(query).hits] == [doc.pk], query


def test_common_query_lists_titles_holding_the_term_first(make_doc, unit_tree, monkeypatch):
    from gongkai.search import selectors

    monkeypatch.setattr(selectors, "COMMON_MIN_MATCHES", 3)
    titled = [make_doc(unit_tree["city"], title=f"关于安全生产工作的意见{i}", body="做好安全生产。")
              for i in range(3)]
    body_only = [make_doc(unit_tree["city"], title=f"通知{i}", body="安全生产责任制。" * (1 + i))
                 for i in range(8)]
    index_documents(document_ids=[d.pk for d in titled + body_only])
    page = search("安全生产", page_size=5)
    assert page.count == 11
    assert {h.document.pk for h in page.hits[:3]} == {d.pk for d in titled}
    # The rest follow, and paging covers every match exactly once.
    pages = [search("安全生产", page=p, page_size=5) for p in (1, 2, 3)]
    seen = [h.document.pk for p in pages for h in p.hits]
    assert sorted(seen) == sorted(d.pk for d in titled + body_only)


def test_text_tier_beyond_its_bound_scores_the_newest_and_pages_through_all(
        make_doc, unit_tree, monkeypatch):
    from gongkai.search import selectors

    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", 4)
    docs = [make_doc(unit_tree["city"], title=f"通知{i}", body="档案管理。" * (1 + i % 3) + "其他。" * 5)
            for i in range(10)]
    index_documents(document_ids=[d.pk for d in docs])
    pages = [search("档案管理", page=p, page_size=3) for p in (1, 2, 3, 4)]
    seen = [h.document.pk for p in pages for h in p.hits]
    assert pages[0].count == 10
    assert sorted(seen) == sorted(d.pk for d in docs)
    if backend_for(connection).ranks_in_index(connection):
        # PostgreSQL with RUM ranks every match inside the index: there is no candidate bound,
        # the pages follow the score (the body with 档案管理 three times first).
        repeats = {d.pk: 1 + i % 3 for i, d in enumerate(docs)}
        assert [repeats[pk] for pk in seen] == sorted((repeats[pk] for pk in seen), reverse=True)
        return
    newest4 = sorted((d.pk for d in docs), reverse=True)[:4]
    assert set(seen[:4]) == set(newest4)  # the scored candidates come first
    assert seen[4:] == sorted(seen[4:], reverse=True)  # the rest newest first
