"""发文字号: parsing, normalisation, keys and finding numbers in running text (real strings)."""

from __future__ import annotations

import pytest

from gongkai.documents.domain.docnumber import (
    doc_number_key,
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
)


@pytest.mark.parametrize(
    ("raw", "normalized", "prefix", "year", "serial"),
    [
        ("武政办[2014]153号", "武政办〔2014〕153号", "武政办", 2014, 153),  # seed 03 【发文字号】
        ("武政办［2014］153号", "武政办〔2014〕153号", "武政办", 2014, 153),
        ("武政办【2014】153号", "武政办〔2014〕153号", "武政办", 2014, 153),
        ("武政办(2014)153号", "武政办〔2014〕153号", "武政办", 2014, 153),
        ("武政办（2014）153号", "武政办〔2014〕153号", "武政办", 2014, 153),
        ("武政办〔2014〕153号", "武政办〔2014〕153号", "武政办", 2014, 153),
        ("武政办〈2014〉153号", "武政办〔2014〕153号", "武政办", 2014, 153),
        ("(武政办〔2014〕153号)", "武政办〔2014〕153号", "武政办", 2014, 153),  # line under title
        ("武政办 〔２０１４〕 １５３ 号", "武政办〔2014〕153号", "武政办", 2014, 153),
        ("武 政 办 〔 2014 〕 153 号", "武政办〔2014〕153号", "武政办", 2014, 153),  # OCR spacing
        ("鄂政办电〔2020〕13", "鄂政办电〔2020〕13号", "鄂政办电", 2020, 13),  # seed 18, no 号
        ("鄂政办发〔2014〕39", "鄂政办发〔2014〕39号", "鄂政办发", 2014, 39),  # seed 03 body
        ("国办发明电〔2018〕15号", "国办发明电〔2018〕15号", "国办发明电", 2018, 15),
        ("武政规〔2017〕1号", "武政规〔2017〕1号", "武政规", 2017, 1),
        ("国办函〔2023〕116号", "国办函〔2023〕116号", "国办函", 2023, 116),
    ],
)
def test_standard_numbers_normalise_to_hexagonal_brackets(raw, normalized, prefix, year, serial):
    number = parse_doc_number(raw)

    assert number is not None
    assert (number.normalized, number.prefix, number.year, number.serial, number.kind) == (
        normalized, prefix, year, serial, "standard",
    )
    assert normalize_doc_number(raw) == normalized


@pytest.mark.parametrize(
    ("raw", "normalized", "prefix", "serial", "year"),
    [
        ("武汉市人民政府令第322号", "武汉市人民政府令第322号", "武汉市人民政府令", 322, None),
        ("市人民政府令第152号", "市人民政府令第152号", "市人民政府令", 152, None),
        ("国令第707号", "国令第707号", "国令", 707, None),
        ("国务院令第492号", "国务院令第492号", "国务院令", 492, None),
        ("湖北省人民政府令第418号", "湖北省人民政府令第418号", "湖北省人民政府令", 418, None),
        ("中华人民共和国主席令第二十四号", "中华人民共和国主席令第24号", "中华人民共和国主席令", 24, None),
        ("交通运输部令2019年第1号", "交通运输部令2019年第1号", "交通运输部令", 1, 2019),
    ],
)
def test_orders_are_parsed_with_their_issuer(raw, normalized, prefix, serial, year):
    number = parse_doc_number(raw)

    assert number is not None
    assert number.kind == "order"
    assert (number.normalized, number.prefix, number.serial, number.year) == (
        normalized, prefix, serial, year,
    )


@pytest.mark.parametrize("raw", ["", "武政办〔2014〕", "关于做好统计工作的通知", "〔2014〕153号", "令第5号", "2014年9月3日"])
def test_text_that_is_not_a_number_gives_none(raw):
    assert parse_doc_number(raw) is None
    assert normalize_doc_number(raw) == raw.strip()


@pytest.mark.parametrize(
    ("a", "b", "issuer"),
    [
        ("武政办[2014]153号", "武政办〔2014〕153号", None),
        ("鄂政办电〔2020〕13", "鄂政办电〔2020〕13号", None),
        ("市人民政府令第152号", "武汉市人民政府令第152号", "武汉市人民政府"),
        ("省人民政府令第418号", "湖北省人民政府令第418号", "湖北省人民政府"),
        ("国令第707号", "中华人民共和国国务院令第707号", None),
        ("国令第707号", "国务院令第707号", None),
    ],
)
def test_keys_match_spellings_of_the_same_number(a, b, issuer):
    assert doc_number_key(a, issuer=issuer) == doc_number_key(b, issuer=issuer)


@pytest.mark.parametrize(
    ("a", "b", "issuer"),
    [
        ("武政办〔2014〕153号", "武政办〔2014〕154号", None),
        ("武政办〔2014〕153号", "武政〔2014〕153号", None),
        ("市人民政府令第152号", "武汉市人民政府令第152号", None),  # issuer unknown: no match
        ("市人民政府令第152号", "武汉市人民政府令第152号", "湖北省人民政府"),
    ],
)
def test_keys_keep_different_numbers_apart(a, b, issuer):
    assert doc_number_key(a, issuer=issuer) != doc_number_key(b, issuer=issuer)


def test_relative_order_key_resolves_place_of_the_issuer():
    assert doc_number_key("市人民政府令第152号", issuer="武汉市人民政府") == "武汉市政府令第152号"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # seed 03: the line under the title and two citations, one without 号
            "(武政办〔2014〕153号)\n各区人民政府,市人民政府各部门:为认真贯彻落实《国务院办公厅关于加强和规范政府信息公开情况统计报送工作的通知》(国办发〔2014〕32号)和《省人民政府办公厅关于认真做好政府信息公开情况统计报送工作的通知》(鄂政办发〔2014〕39)精神",
            ["武政办〔2014〕153号", "国办发〔2014〕32号", "鄂政办发〔2014〕39号"],
        ),
        (  # seed 04: number glued to the repeated title
            "正文市人民政府办公厅关于印发2015年全市政务公开政务服务工作要点的通知武政办〔2015〕58号各区人民政府",
            ["武政办〔2015〕58号"],
        ),
        (  # seed 09: orders, full and relative
            "正文武汉市人民政府令第322号《武汉市人民政府关于修改和废止部分规章的决定》……对《武汉市统计管理办法》(市人民政府令第152号)等19部规章",
            ["武汉市人民政府令第322号", "市人民政府令第152号"],
        ),
        (  # seed 04: 条例 cited with its State Council order
            "认真落实《中华人民共和国政府信息公开条例》(国务院令第492号)的各项工作要求",
            ["国务院令第492号"],
        ),
        ("根据市政府文件武政办[2014]40号和武政规〔2017〕1号要求", ["武政办〔2014〕40号", "武政规〔2017〕1号"]),
        ("2018年11月6日 中华人民共和国国务院令第706号公布", ["中华人民共和国国务院令第706号"]),
        ("武汉市人民政府关于修改和废止部分规章的决定(2024)", []),  # a title suffix, not a number
        ("全市共有2019个单位(2020)3项", []),
    ],
)
def test_find_doc_numbers_in_running_text(text, expected):
    assert [f.number.normalized for f in find_doc_numbers(text)] == expected


def test_found_positions_point_at_the_number():
    text = "依据武政办〔2015〕58号执行"
    (found,) = find_doc_numbers(text)

    assert text[found.start : found.end] == "武政办〔2015〕58号"
