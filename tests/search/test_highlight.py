"""Snippets and highlighting (domain, no database)."""

from __future__ import annotations

import pytest

from gongkai.search.domain.highlight import highlight, snippet


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("推进政务公开工作", ["政务公开"], "推进<mark>政务公开</mark>工作"),
        ("<b>公开</b> & 透明", ["公开"], "&lt;b&gt;<mark>公开</mark>&lt;/b&gt; &amp; 透明"),
        ("ＡＢＣ公开", ["abc"], "<mark>ＡＢＣ</mark>公开"),  # marks the original characters
        ("政府信息公开", ["信息公开", "信息", "公开"], "政府<mark>信息公开</mark>"),
        ("没有匹配", ["公开"], "没有匹配"),
    ],
)
def test_highlight(text, terms, expected):
    assert highlight(text, terms) == expected


def test_snippet_picks_the_window_with_the_matches():
    text = "前言。" * 100 + "本条例所称政府信息公开，是指行政机关公开政府信息。" + "附则。" * 100
    out = snippet(text, ["政府信息公开", "公开"], width=60)
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>政府信息公开</mark>" in out
    assert len(out.replace("<mark>", "").replace("</mark>", "")) <= 62


def test_snippet_without_match_is_the_beginning():
    assert snippet("第一条 为了规范管理。", ["档案"], width=5) == "第一条 为…"
    assert snippet("", ["档案"]) == ""


def test_fold_is_normalize_on_every_code_point():
    from gongkai.search.domain.highlight import fold
    from gongkai.search.domain.segment import normalize

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert fold(every) == normalize(every)
    assert fold("ＡＢＣ，政务公开　Ok") == normalize("ＡＢＣ，政务公开　Ok") == "abc,政务公开 ok"
