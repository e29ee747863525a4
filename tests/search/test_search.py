"""search(): recall, ranking, filters, facets, paging, visibility, and the index following the
documents. The same tests run on SQLite (FTS5) and PostgreSQL (RUM or GIN)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from gongkai.documents.signals import document_changed
from gongkai.search.services import (
    SearchError,
    SearchFilters,
    index_documents,
    reindex_all,
    search,
)


def keys(page, library) -> list[str]:
    key_of = {doc.pk: key for key, doc in library.items()}
    return [key_of.get(h.document.pk, h.document.title) for h in page.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("信息公开", "law-中华人民共和国政府信息公开条例"),  # inside 政府信息公开
        ("公开", "seed-05-article-assessment-system"),  # a two-character query
        ("人民政府", "seed-01-hubei-cleanup-notice"),  # inside 湖北省人民政府
        ("湖北省人民政府", "seed-01-hubei-cleanup-notice"),
        ("规范性文件", "law-中华人民共和国政府信息公开条例"),
        ("依申请公开", "law-中华人民共和国政府信息公开条例"),
        ("幼儿园", "govcn-5360002"),
        ("ＡＢＣ幼儿园", None),  # full-width Latin is folded, and nothing holds "abc"
    ],
)
def test_search_recall(library, query, expected):
    found = keys(search(query, page_size=100), library)
    if expected is None:
        assert found == []
    else:
        assert expected in found


@pytest.mark.parametrize(
    "query",
    ["武政办〔2014〕153号", "武政办[2014]153号", "武政办【2014】153号", "武政办(2014)153号",
     "武政办（2014）153号", "武政办［2014］153号", "武政办[2014]153"],
)
def test_doc_number_in_any_bracket_form_finds_its_document_first(few_docs, query):
    page = search(query)
    assert page.hits[0].document.doc_number == "武政办〔2014〕153号"
    assert "<mark>" in page.hits[0].snippet


@pytest.mark.parametrize("query", ["武汉市人民政府令第322号", "武汉市人民政府令 第322号"])
def test_order_number_finds_its_document_first(library, query):
    assert keys(search(query), library)[0] == "seed-09-wuhan-order-322-amend-repeal"


def test_doc_number_of_a_non_public_document_is_not_pinned(make_doc, unit_tree):
    make_doc(unit_tree["office"], state="draft", title="草稿", doc_number="武政办〔2014〕200号",
             body="草稿")
    assert search("武政办[2014]200号").count == 0


def test_run_of_text_ranks_above_words_apart(make_doc, unit_tree):
    filler = "各单位要认真组织实施，按时报送有关材料。" * 3
    apart = make_doc(unit_tree["city"], title="关于做好工作的通知",
                          body=f"加强信息化建设。{filler}依法主动公开办事指南。")
    run = make_doc(unit_tree["city"], title="关于做好工作的通知",
                        body=f"加强政府信息公开。{filler}依法办理办事指南。")
    index_documents(document_ids=[apart.pk, run.pk])
    hits = search("信息公开").hits
    assert [h.document.pk for h in hits] == [run.pk, apart.pk]


def test_quoted_phrase_needs_adjacent_words(make_doc, unit_tree):
    apart = make_doc(unit_tree["city"], title="通知一", body="信息化建设与公开办事")
    run = make_doc(unit_tree["city"], title="通知二", body="政府信息公开工作")
    index_documents(document_ids=[apart.pk, run.pk])
    assert [h.document.pk for h in search('"信息公开"').hits] == [run.pk]
    assert {h.document.pk for h in search("信息公开").hits} == {run.pk, apart.pk}


def test_title_match_ranks_above_body_match(make_doc, unit_tree):
    body_only = make_doc(unit_tree["city"], title="关于加强管理的通知",
                              body="做好档案工作。" + "其他事项。" * 20)
    in_title = make_doc(unit_tree["city"], title="关于加强档案管理的通知",
                             body="做好有关工作。" + "其他事项。" * 20)
    index_documents(document_ids=[body_only.pk, in_title.pk])
    assert [h.document.pk for h in search("档案").hits] == [in_title.pk, body_only.pk]


@pytest.mark.parametrize(
    "query",
    ['"', '""', '"信息', "NEAR(信息 公开)", "NEAR(", "*", "公开*", "-公开", "信息 OR 公开",
     "信息 AND NOT 公开", "title:公开", "^公开", "' OR 1=1 --", "'; DROP TABLE search_entry; --",
     "😀", "😀公开😀", "，", "。。。", "()", "{}[]", "\\", "\x00公开", "公" * 10_000,
     "a" * 10_000, " ".join(["公开"] * 500), "!@#$%^&*()_+", "<script>alert(1)</script>"],
)
def test_query_is_data_never_syntax(few_docs, query):
    page = search(query)
    assert page.count >= 0 and len(page.hits) <= page.count
    for hit in page.hits:
        assert "<script>" not in hit.snippet


def test_operator_words_are_plain_words(make_doc, unit_tree):
    doc = make_doc(unit_tree["city"], title="OR AND NOT NEAR", body="运算符不是语法")
    index_documents(document_ids=[doc.pk])
    assert [h.document.pk for h in search("OR").hits] == [doc.pk]
    assert [h.document.pk for h in search("near").hits] == [doc.pk]


def test_snippet_escapes_text_and_marks_matches(make_doc, unit_tree):
    doc = make_doc(unit_tree["city"], title="关于<b>政务公开</b>的通知",
                        body="<script>x</script> 推进政务公开 & 透明")
    index_documents(document_ids=[doc.pk])
    hit = search("政务公开").hits[0]
    assert "&lt;script&gt;" in hit.snippet and "<script>" not in hit.snippet
    assert "<mark>政务公开</mark>" in hit.snippet
    assert "&amp;" in hit.snippet
    assert hit.title_html == "关于&lt;b&gt;<mark>政务公开</mark>&lt;/b&gt;的通知"


@pytest.mark.parametrize(
    ("state", "disclosure", "indexed"),
    [
        ("published", "主动公开", True),
        ("published", "依申请公开", True),
        ("published", "不予公开", False),
        ("draft", "主动公开", False),
        ("submitted", "主动公开", False),
        ("approved", "主动公开", False),
        ("withheld", "不予公开", False),
        ("withdrawn", "主动公开", False),
    ],
)
def test_only_public_documents_are_indexed(make_doc, unit_tree, state, disclosure, indexed):
    doc = make_doc(unit_tree["city"], state=state, disclosure=disclosure,
                        title="关于公布住房保障名单的通知", body="住房保障名单")
    count = index_documents(document_ids=[doc.pk])
    assert count == int(indexed)
    assert [h.document.pk for h in search("住房保障").hits] == ([doc.pk] if indexed else [])
    reindex_all()
    assert search("住房保障").count == int(indexed)
    assert search("").count == int(indexed)


def test_index_follows_document_changed_signal(make_doc, unit_tree):
    doc = make_doc(unit_tree["city"], title="关于防汛工作的通知", body="做好防汛准备")
    document_changed.send(sender=type(doc), document_ids=[doc.pk], reason="publish")
    assert [h.document.pk for h in search("防汛").hits] == [doc.pk]

    doc.title, doc.body = "关于抗旱工作的通知", "做好抗旱准备"
    doc.save()
    document_changed.send(sender=type(doc), document_ids=[doc.pk], reason="update")
    assert search("防汛").count == 0
    assert [h.document.pk for h in search("抗旱").hits] == [doc.pk]

    doc.state = "withdrawn"
    doc.save()
    document_changed.send(sender=type(doc), document_ids=[doc.pk], reason="withdraw")
    assert search("抗旱").count == 0


def test_stale_index_entry_never_shows_a_non_public_document(make_doc, unit_tree):
    doc = make_doc(unit_tree["city"], title="关于防汛工作的通知", body="做好防汛准备")
    index_documents(document_ids=[doc.pk])
    type(doc).objects.filter(pk=doc.pk).update(state="withdrawn")  # no signal sent
    assert search("防汛").hits == []


def test_filters_and_facets(library, unit_tree):
    everything = search("政务公开")
    office = search("政务公开", filters=SearchFilters(unit=unit_tree["office"].pk))
    assert 0 < office.count < everything.count
    assert all(h.document.unit_id == unit_tree["office"].pk for h in office.hits)
    unit_facet = {f.value: f for f in everything.facets["unit"]}
    assert unit_facet[str(unit_tree["office"].pk)].count == office.count
    assert unit_facet[str(unit_tree["office"].pk)].label == "武汉市人民政府办公厅"
    assert sum(f.count for f in everything.facets["unit"]) == everything.count
    assert set(everything.facets) == {"unit", "year", "level", "validity", "category"}

    y2014 = search("政务公开", filters=SearchFilters(year=2014))
    assert y2014.count == {f.value: f.count for f in everything.facets["year"]}["2014"]
    assert all(h.document.publish_date.year == 2014 for h in y2014.hits)

    in_force = search("", filters=SearchFilters(in_force_only=True))
    assert in_force.count == search("").count - 1  # one expired seed document (失效)
    assert all(h.document.validity == "现行有效" for h in in_force.hits)
    assert search("", filters=SearchFilters(validity="失效")).count == 1
    assert search("", filters=SearchFilters(level="法律")).count == 4
    assert search("", filters=SearchFilters(category="法律法规")).count == 5
    assert search("政务公开", filters=SearchFilters(unit=999_999)).count == 0


def test_empty_query_lists_public_documents_newest_first(library):
    page = search("", page_size=100)
    assert page.count == len(library)
    dates = [h.document.publish_date for h in page.hits if h.document.publish_date]
    assert dates == sorted(dates, reverse=True)
    assert all(h.snippet for h in page.hits)


def test_sort_by_date(library):
    page = search("政务公开", sort="date", page_size=100)
    dates = [h.document.publish_date for h in page.hits if h.document.publish_date]
    assert dates == sorted(dates, reverse=True) and len(dates) > 3


def test_unknown_sort_is_an_error_naming_the_field(library):
    with pytest.raises(SearchError) as err:
        search("公开", sort="popularity")
    assert err.value.field == "sort"


@pytest.mark.parametrize(
    ("page", "page_size", "expected_page", "expected_size"),
    [(1, 2, 1, 2), (0, 2, 1, 2), (-5, 2, 1, 2), (2, 2, 2, 2), (999, 2, 2, 2), (999, 1, 3, 1),
     ("x", 2, 1, 2), (1, 0, 1, 1), (1, -3, 1, 1), (1, 1000, 1, 100), (1, "many", 1, 20)],
)
def test_paging_clamps(few_docs, page, page_size, expected_page, expected_size):
    result = search("", page=page, page_size=page_size)
    assert (result.page, result.page_size) == (expected_page, expected_size)
    assert result.count == 3
    assert len(result.hits) == min(expected_size, 3 - (expected_page - 1) * expected_size)


def test_pages_do_not_overlap(library):
    first = [h.document.pk for h in search("人民政府", page=1, page_size=5).hits]
    second = [h.document.pk for h in search("人民政府", page=2, page_size=5).hits]
    assert len(first) == len(second) == 5 and not set(first) & set(second)


def test_search_query_count_is_constant(library, django_assert_max_num_queries):
    # SQLite: one statement for page + count + facets, documents, unit names. PostgreSQL with
    # RUM adds the ranked page as its own statement and a savepoint with two SETs around the
    # count (see services._two_pass).
    with django_assert_max_num_queries(8):
        page = search("政务公开", page_size=20)
        assert [h.document.unit.full_name for h in page.hits]


def test_reindex_command_rebuilds_and_reports(library, capsys):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("DELETE FROM search_entry")
    assert search("").count == 0
    call_command("reindex")
    out = capsys.readouterr().out
    assert "indexed 39 documents" in out
    assert search("幼儿园").count >= 1


def test_query_matching_most_of_the_library_lists_newest_first(make_doc, unit_tree, monkeypatch):
    from gongkai.search import selectors

    monkeypatch.setattr(selectors, "COMMON_MIN_MATCHES", 3)
    common = [make_doc(unit_tree["city"], title=f"通知{i}", body="依法公开。" * (1 + i % 4))
              for i in range(14)]
    others = [make_doc(unit_tree["city"], title=f"批复{i}", body="同意。") for i in range(2)]
    index_documents(document_ids=[d.pk for d in common + others])
    newest = sorted((d.pk for d in common), reverse=True)

    pages = [search("公开", page=p, page_size=5) for p in (1, 2, 3)]
    assert pages[0].count == 14
    assert [h.document.pk for page in pages for h in page.hits] == newest
    assert {f.value: f.count for f in pages[0].facets["unit"]} == {str(unit_tree["city"].pk): 14}
    # A selective query is still ranked by relevance.
    assert search("批复1").hits[0].document.pk == others[1].pk


def test_index_check_expects_current_versions_only(make_doc, unit_tree):
    """A superseded version is public but not indexed (the library lists current versions):
    the check must not report it missing forever."""
    from gongkai.search.selectors import index_check
    from gongkai.search.services import index_documents

    current = make_doc(unit_tree["city"], title="武汉市档案管理办法", body="第一条 为了加强档案管理")
    older = make_doc(unit_tree["city"], title="武汉市档案管理办法", body="第一条 旧文本",
                     is_current_version=False)
    index_documents(document_ids=[current.pk, older.pk])
    check = index_check()
    assert (check.public, check.indexed, check.missing, check.orphaned) == (1, 1, [], [])
    assert check.ok
