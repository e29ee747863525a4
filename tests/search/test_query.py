"""Query parsing and compilation (domain, no database)."""

from __future__ import annotations

import pytest

from gongkai.search.domain.query import doc_number_candidate, parse, to_fts5, to_tsquery


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("信息公开", [(("信息", "公开"), False)]),
        ('"信息公开"', [(("信息", "公开"), True)]),
        ("“信息公开” 考评", [(("信息", "公开"), True), (("考评",), False)]),
        ("「政务公开」", [(("政务", "公开"), True)]),
        ('"信息公开', [(("信息", "公开"), False)]),  # unclosed quote: plain text
        ("公开 公开", [(("公开",), False)]),
        ("NEAR(公开)", [(("near", "公开"), False)]),
        ("OR", [(("or",), False)]),
        ("-公开*", [(("公开",), False)]),
        ("😀 ，", []),
        ("", []),
    ],
)
def test_parse(text, groups):
    assert [(g.tokens, g.phrase) for g in parse(text).groups] == groups


def test_parse_bounds_length_and_tokens():
    parsed = parse("公开 " * 10_000)
    assert len(parsed.groups) == 1
    many = parse(" ".join(f"词{i}" for i in range(1000)))
    assert sum(len(g.tokens) for g in many.groups) <= 32


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信息公开", '(("信息" + "公开") OR ("信息" AND "公开"))'),
        ('"信息公开"', '("信息" + "公开")'),
        ("公开 考评", '("公开") AND ("考评")'),
    ],
)
def test_to_fts5(text, expected):
    assert to_fts5(parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信息公开", "(('信息' <-> '公开') | ('信息' & '公开'))"),
        ('"信息公开"', "('信息' <-> '公开')"),
        ("公开 考评", "('公开') & ('考评')"),
    ],
)
def test_to_tsquery(text, expected):
    assert to_tsquery(parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("武政办〔2014〕153号", "武政办〔2014〕153号"),
        ("武政办[2014]153号", "武政办〔2014〕153号"),
        ("武政办【2014】153号", "武政办〔2014〕153号"),
        ("武政办(2014)153号", "武政办〔2014〕153号"),
        ("武政办（2014）153号", "武政办〔2014〕153号"),
        ("武政办［２０１４］１５３号", "武政办〔2014〕153号"),
        ("国办发〔2019〕6", "国办发〔2019〕6号"),
        ("武政办2014年153号", None),
        ("政务公开", None),
    ],
)
def test_doc_number_candidate(text, expected):
    assert doc_number_candidate(text) == expected


@pytest.mark.parametrize(
    ("text", "fts", "tsq"),
    [
        ("信息公开", '("信息" AND "公开")', "('信息' & '公开')"),
        ('"信息公开"', '("信息" + "公开")', "('信息' <-> '公开')"),  # a quoted phrase stays one
        ("公开", '("公开")', "('公开')"),
    ],
)
def test_counting_queries_leave_out_the_phrase_boost(text, fts, tsq):
    assert to_fts5(parse(text), phrase_boost=False) == fts
    assert to_tsquery(parse(text), phrase_boost=False) == tsq
