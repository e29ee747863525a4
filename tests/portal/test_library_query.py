"""The URL state of a library search (portal.domain.library_query): no database."""

from __future__ import annotations

import pytest

from gongkai.portal.domain.library_query import LibraryQuery, page_window, parse_library_query


@pytest.mark.parametrize(
    ("params", "expected", "ignored"),
    [
        ({}, LibraryQuery(), {}),
        ({"q": "  政府信息公开   长效机制 "}, LibraryQuery(q="政府信息公开 长效机制"), {}),
        ({"q": "武政办〔2014〕180号", "unit": "3", "year": "2014"},
         LibraryQuery(q="武政办〔2014〕180号", unit=3, year=2014), {}),
        ({"level": "地方规范性文件", "validity": "现行有效", "in_force": "1", "sort": "date", "page": "2"},
         LibraryQuery(level="地方规范性文件", validity="现行有效", in_force=True, sort="date", page=2), {}),
        ({"year": "二〇一四"}, LibraryQuery(), {"year": "二〇一四"}),
        ({"year": "１２"}, LibraryQuery(), {"year": "１２"}),  # full-width digits are not ASCII
        ({"year": "3000"}, LibraryQuery(), {"year": "3000"}),
        ({"unit": "-1"}, LibraryQuery(), {"unit": "-1"}),
        ({"unit": "0"}, LibraryQuery(), {"unit": "0"}),
        ({"level": "宪法性文件"}, LibraryQuery(), {"level": "宪法性文件"}),
        ({"validity": "有效"}, LibraryQuery(), {"validity": "有效"}),
        ({"sort": "random"}, LibraryQuery(), {"sort": "random"}),
        ({"page": "0"}, LibraryQuery(page=1), {}),
        ({"page": "99999999"}, LibraryQuery(page=10_000), {}),
        ({"in_force": "0"}, LibraryQuery(), {}),
        ({"in_force": "on"}, LibraryQuery(in_force=True), {}),
    ],
)
def test_parse_library_query(params, expected, ignored):
    parsed = parse_library_query(params)
    assert parsed.query == expected
    assert parsed.ignored == ignored


def test_parse_cuts_very_long_query_instead_of_failing():
    parsed = parse_library_query({"q": "公开" * 10_000})
    assert len(parsed.query.q) == 1000
    assert parsed.ignored == {}


def test_querystring_round_trips_through_parse():
    query = LibraryQuery(q="信息公开 & 统计", unit=3, year=2014, level="地方规范性文件",
                         validity="现行有效", category="机关工作综合规定", in_force=True,
                         sort="date", page=3)
    params = dict(pair.split("=", 1) for pair in query.querystring()[1:].split("&"))
    from urllib.parse import unquote_plus

    assert parse_library_query({k: unquote_plus(v) for k, v in params.items()}).query == query


@pytest.mark.parametrize(
    ("start", "change", "expected"),
    [
        (LibraryQuery(q="公开", page=4), lambda q: q.with_filter("year", "2014"),
         "?q=%E5%85%AC%E5%BC%80&year=2014"),
        (LibraryQuery(q="公开", year=2014, page=4), lambda q: q.without("year"),
         "?q=%E5%85%AC%E5%BC%80"),
        (LibraryQuery(unit=3, in_force=True, page=2), lambda q: q.without("in_force"), "?unit=3"),
        (LibraryQuery(unit=3), lambda q: q.with_in_force(True), "?unit=3&in_force=1"),
        (LibraryQuery(unit=3, page=5), lambda q: q.with_sort("date"), "?unit=3&sort=date"),
        (LibraryQuery(unit=3), lambda q: q.with_page(2), "?unit=3&page=2"),
        (LibraryQuery(), lambda q: q, "?"),
    ],
)
def test_links_change_one_thing_and_return_to_page_one(start, change, expected):
    assert change(start).querystring() == expected


def test_unknown_filter_key_is_a_programming_error():
    with pytest.raises(KeyError):
        LibraryQuery().with_filter("state", "draft")


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 0, []),
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
        (99, 10, [1, None, 8, 9, 10]),
    ],
)
def test_page_window(current, last, expected):
    assert page_window(current, last) == expected
