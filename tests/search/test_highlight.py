"""Snippets and highlighting (domain, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _reference_snippet(text, terms, width):
    """The window choice as first written (a set per window), kept to check the one-pass one."""
    from gongkai.search.domain.highlight import _render, find_spans
    from gongkai.search.domain.segment import normalize

    text = " ".join(text.split())
    if not text:
        return ""
    spans = find_spans(text, terms)
    if not spans:
        return _render(text, [], 0, min(len(text), width))
    best_lo, best_count, j = 0, -1, 0
    for i, (s, _e) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= s + width - 10:
            j += 1
        count = sum(len(t) for t in {normalize(text[a:b]) for a, b in spans[i:j + 1]}) * 1000 \
            + (j - i + 1)
        if count > best_count:
            best_count, best_lo = count, s
    lo = max(0, best_lo - 10)
    hi = min(len(text), lo + width)
    if hi - lo < width:
        lo = max(0, hi - width)
    return _render(text, spans, lo, hi)


_PIECES = ["政务", "公开", "政务公开", "信息", "，", "。", "Ａ", "a", "A", " ", "　", "的", "条例", "x"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES + ["第一条", "规定"]), max_size=120).map("".join),
       terms=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4),
       width=st.integers(11, 80))
def test_one_pass_window_is_the_reference_window(text, terms, width):
    assert snippet(text, terms, width=width) == _reference_snippet(text, terms, width)


def test_one_pass_window_on_real_texts():
    from pathlib import Path

    texts = [p.read_text(encoding="utf-8")
             for p in sorted(Path(__file__).resolve().parents[2].glob("src/gongkai/demo/data/**/*.txt"))]
    texts += ["本条例所称政府信息公开，是指行政机关公开政府信息。" * 30]
    for text in texts:
        for terms in (["政府", "信息"], ["公开"], ["的"], ["管理", "办法", "实施"], ["ＧＢ", "gb"]):
            assert snippet(text, terms) == _reference_snippet(text, terms, 120)
