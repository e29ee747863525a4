"""Property: no query string makes search fail, on either backend (DESIGN §5)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search.domain import query as query_domain
from gongkai.search.services import SearchFilters, search

# Text that exercises the parser: Chinese, quotes of every kind, FTS5 / tsquery operators,
# SQL punctuation, full-width forms, emoji, control characters, anything Unicode.
SYNTAX = ['"', "“", "”", "「", "』", "'", "\\", "(", ")", "NEAR(", "*", "-", "+", "^", ":", "OR",
          "AND", "NOT", "&", "|", "!", "<->", "<2>", ";", "--", "/*", "%", "_", "〔", "〕", "[", "]",
          "【", "】", "（", "）", "号", "武政办", "2014", "政务公开", "信息", "公开", "人民政府", " ", "　",
          "😀", "\x00", "\u200b", "ｱ", "Ｏｒ"]
QUERY = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SYNTAX), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=5)), max_size=30).map(" ".join),
)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=QUERY, sort=st.sampled_from(["relevance", "date"]), page=st.integers(-3, 50))
def test_no_query_string_makes_search_fail(few_docs, text, sort, page):
    result = search(text, sort=sort, page=page, page_size=5)
    assert 0 <= len(result.hits) <= 5
    assert result.count >= len(result.hits)
    for hit in result.hits:
        assert hit.document.state == "published"


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUERY, in_force=st.booleans(), year=st.one_of(st.none(), st.integers(1900, 2100)))
def test_filters_never_make_search_fail(few_docs, text, in_force, year):
    result = search(text, filters=SearchFilters(year=year, in_force_only=in_force), facets=True)
    assert sum(f.count for f in result.facets["unit"]) <= result.count


@given(text=st.text(max_size=2000))
def test_compiled_queries_quote_every_token(text):
    parsed = query_domain.parse(text)
    fts = query_domain.to_fts5(parsed)
    # Outside quoted strings only our own operators and parentheses remain.
    outside = "".join(part for i, part in enumerate(fts.split('"')) if i % 2 == 0)
    assert set(outside.replace("AND", "").replace("OR", "")) <= set(" ()+")
    tsq = query_domain.to_tsquery(parsed)
    outside_ts = "".join(part for i, part in enumerate(tsq.replace("''", "").split("'")) if i % 2 == 0)
    assert set(outside_ts) <= set(" ()&|<->")
