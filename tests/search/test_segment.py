"""Segmentation (domain, no database): rjieba + user dictionary + recursive split."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.search.domain.segment import (
    USERDICT_PATH,
    default_segmenter,
    normalize,
    read_userdict,
    tokens,
)

SEED = Path(__file__).parent / "data" / "library.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湖北省人民政府", ["湖北", "省", "人民", "政府"]),
        ("人民政府", ["人民", "政府"]),
        ("政府信息公开", ["政府", "信息", "公开"]),
        ("信息公开", ["信息", "公开"]),
        ("中华人民共和国政府信息公开条例", ["中华", "人民", "共和", "国", "政府", "信息", "公开", "条例"]),
        ("公开", ["公开"]),
        ("武政办〔2014〕153号", ["武", "政", "办", "2014", "153", "号"]),
        ("武政办[2014]153号", ["武", "政", "办", "2014", "153", "号"]),
        ("ＧＢ／Ｔ　９７０４", ["gb", "t", "9704"]),
        ("2014.09.03", ["2014", "09", "03"]),
        ("😀，。！", []),
        ("", []),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("信息公开", "关于做好政府信息公开工作的通知"),
        ("人民政府", "湖北省人民政府办公厅"),
        ("武汉", "武汉市统计管理办法"),
        ("政府", "中华人民共和国政府信息公开条例"),
        ("规范性文件", "行政规范性文件清理"),
        ("依申请公开", "办理依申请公开事项"),
        ("统计报送", "政府信息公开情况统计报送工作"),
    ],
)
def test_query_tokens_are_a_run_of_the_document_tokens(query, document):
    q, d = tokens(query), tokens(document)
    assert any(d[i:i + len(q)] == q for i in range(len(d))), (q, d)


def test_word_alignment_keeps_precision():
    # 民政 is a word, but not one in 人民政府.
    d = tokens("湖北省人民政府")
    assert "民政" not in d


@pytest.mark.parametrize("term", ["政务公开", "依申请公开", "规范性文件", "发文字号", "政府信息公开",
                                  "人民政府", "办公厅"])
def test_user_dictionary_terms_stay_whole_in_the_precise_cut(term):
    assert term in default_segmenter().words(f"关于{term}的若干规定")


def test_user_dictionary_is_data():
    entries = read_userdict(USERDICT_PATH.read_text(encoding="utf-8").splitlines())
    words = {w for w, _f, _t in entries}
    assert {"政务公开", "依申请公开", "规范性文件", "发文字号", "政府信息公开", "人民政府", "办公厅"} <= words
    assert read_userdict(["# comment", "", "词语 10 n", "词"]) == [("词语", 10, "n"), ("词", None, None)]


def test_normalize_keeps_length():
    text = "ＡＢＣ　１２３［2014］ＸＹＺ政务公开"
    assert len(normalize(text)) == len(text)
    assert normalize(text) == "abc 123[2014]xyz政务公开"


def test_rjieba_cuts_like_jieba_the_reference():
    """rjieba (jieba-rs) against jieba on real text: the same words, except where jieba keeps
    dotted numbers (2014.09.03) as one token; measured on the test library's text."""
    import json
    import re

    import jieba

    texts = [d["body"] for d in json.loads(SEED.read_text(encoding="utf-8"))][:20]
    seg = default_segmenter()
    reference = jieba.Tokenizer()
    for w, f, t in read_userdict(USERDICT_PATH.read_text(encoding="utf-8").splitlines()):
        reference.add_word(w, f, t)
    same = total = 0
    for text in texts:
        norm = normalize(text)
        ours = [w for w in seg.words(norm) if not re.fullmatch(r"[\d.]+|\s+", w)]
        theirs = [w for w in reference.lcut(norm) if not re.fullmatch(r"[\d.]+|\s+", w)]
        same += len(set(ours) & set(theirs))
        total += len(set(theirs))
    assert same / total > 0.97


def _real_texts() -> list[str]:
    import json

    seed = Path(__file__).resolve().parents[1] / "data" / "seed"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seed.glob("*.txt"))]
    for doc in json.loads(SEED.read_text(encoding="utf-8"))[:200]:
        texts += [str(doc.get(k) or "") for k in ("title", "doc_number", "body")]
    return [t for t in texts if t]


def test_cached_tokens_equal_the_uncached_path_on_real_texts():
    """The per-word cache (tokens) gives exactly the tokens of the uncached reference path,
    and a second pass (everything cached) gives them again."""
    segmenter = default_segmenter()
    texts = _real_texts()
    assert len(texts) > 20
    assert sum(len(t) for t in texts) > 50_000
    for text in texts:
        expected = segmenter.tokens_uncached(text)
        assert segmenter.tokens(text) == expected
        assert segmenter.tokens(text) == expected


def test_normalize_maps_every_full_width_character_and_keeps_the_length():
    every = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000ABCZ"
    expected = every.translate(str.maketrans(
        {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: 0x20,
         **{c: c + 32 for c in range(ord("A"), ord("Z") + 1)},
         **{c: c - 0xFEE0 + 32 for c in range(0xFF21, 0xFF3B)}}))
    assert normalize(every) == expected
    for text in _real_texts()[:40]:
        assert len(normalize(text)) == len(text)
