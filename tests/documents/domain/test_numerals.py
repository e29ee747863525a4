"""Chinese numerals through cn2an (counts from the 1993 Hubei clean-up notice, seed 01)."""

from __future__ import annotations

import pytest

from gongkai.documents.domain.numerals import cn_to_int, digits_to_int, find_counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("五十四", 54),
        ("四十三", 43),
        ("二〇二〇", 2020),
        ("二○一四", 2014),
        ("十", 10),
        ("十九", 19),
        ("一百零五", 105),
        ("三千零六十七", 3067),
        ("两", 2),
        ("54", 54),
    ],
)
def test_cn_to_int(text, expected):
    assert cn_to_int(text) == expected


@pytest.mark.parametrize("text", ["", "十十", "万万", "五十四件", "abc"])
def test_cn_to_int_rejects_non_numbers(text):
    assert cn_to_int(text) is None


@pytest.mark.parametrize(("text", "expected"), [("二〇一四", 2014), ("一九九三", 1993), ("二零零八", 2008)])
def test_digits_to_int_reads_years_digit_by_digit(text, expected):
    assert digits_to_int(text) == expected


def test_find_counts_in_the_cleanup_notice():
    text = (
        "现将清理结果通知如下:一、失效或废止的文件五十四件。\n"
        "二、需要修改的文件四十三件。"
        "对《武汉市统计管理办法》(市人民政府令第152号)等19部规章的部分条款,予以修改。"
    )

    counts = find_counts(text)

    assert [(c.number, c.unit) for c in counts] == [(54, "件"), (43, "件"), (19, "部")]
    assert text[counts[0].start : counts[0].end] == "五十四件"


def test_find_counts_only_the_units_asked_for():
    assert [c.number for c in find_counts("评估8项规定、控制使用档案的26个具体范围", units=("个",))] == [26]
