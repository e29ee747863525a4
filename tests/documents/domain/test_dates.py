"""Dates in the forms Chinese documents use (real strings from the seed documents)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.documents.domain.dates import find_dates, parse_date, parse_date_checked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014.09.03", date(2014, 9, 3)),  # 【发布日期】 seed 03
        ("2014年9月3日", date(2014, 9, 3)),
        ("2014-9-3", date(2014, 9, 3)),
        ("2014/9/3", date(2014, 9, 3)),
        ("2019年01月22日", date(2019, 1, 22)),  # gov.cn 成文日期
        ("二〇一四年九月三日", date(2014, 9, 3)),
        ("二○二一年十二月三十一日", date(2021, 12, 31)),  # ○ U+25CB typed for 〇
        ("二零二零年五月二十日", date(2020, 5, 20)),
        ("２０１４年９月３日", date(2014, 9, 3)),  # full-width digits
        ("2014 年 9 月 3 日", date(2014, 9, 3)),  # OCR spacing
        ("20140903", date(2014, 9, 3)),
        ("2024.07.01", date(2024, 7, 1)),
        ("1985年2月8日 国务院发布", date(1985, 2, 8)),  # LawRefBook history line
        ("2020年2月29日", date(2020, 2, 29)),
    ],
)
def test_parse_date_reads_common_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "in_warning"),
    [
        ("2014年2月30日", "不存在"),
        ("2019年2月29日", "不存在"),
        ("2014.13.01", "不存在"),
        ("二〇一四年九月三十二日", "不存在"),
        ("1850年1月1日", "年份"),
        ("2020年", "无法识别"),
        ("下周一", "无法识别"),
    ],
)
def test_impossible_or_partial_dates_give_none_and_a_warning(text, in_warning):
    value, warning = parse_date_checked(text)

    assert value is None
    assert in_warning in warning
    assert text.split()[0][:4] in warning or "下周一" in warning


def test_empty_text_is_no_date_and_no_warning():
    assert parse_date_checked("  ") == (None, None)


def test_find_dates_in_running_text():
    text = "市长程用文2024年5月9日为贯彻落实……本决定自2024年7月1日起施行。2024年2月30日"

    found = find_dates(text)

    assert [f.value for f in found] == [date(2024, 5, 9), date(2024, 7, 1), None]
    assert found[2].warning and "2024年2月30日" in found[2].warning
    assert text[found[0].start : found[0].end] == "2024年5月9日"
