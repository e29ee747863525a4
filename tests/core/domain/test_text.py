"""gongkai.core.domain.text: NFKC + CJK radicals, OCR spacing repair, display punctuation."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.core.domain.text import (
    clean_text,
    looks_ocr_spaced,
    repair_cjk_spacing,
    to_cjk_punctuation,
)

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("武汉市⼈⺠政府", "武汉市人民政府"),  # Kangxi ⼈ U+2F08 (NFKC) and ⺠ U+2EA0 (map)
        ("⻓江⽔利委员会", "长江水利委员会"),
        ("⻔户⽹站⻚⾯", "门户网站页面"),
        ("⻋⻢⻜⻅", "车马飞见"),
        ("２０１４年９月３日", "2014年9月3日"),
        ("武政办［2014］153号", "武政办[2014]153号"),
        ("\ufeff标题\r\n正文\r", "标题\n正文\n"),
        ("零\u200b宽", "零宽"),
    ],
)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("进 的 管 理 模 式 和 规 范 的 整 理 方 法 。", "进的管理模式和规范的整理方法。"),
        ("( 十堰 市 局 王 杰 周 锐)", "(十堰市局王杰周锐)"),
        ("《 细则》 共分 1 0 条 ,", "《细则》共分10条,"),
        ("控制使用档案的 2 6 个 具体范围", "控制使用档案的26个具体范围"),
        ("Open Data 2019 report", "Open Data 2019 report"),
        ("政府信息公开 Open Government", "政府信息公开 Open Government"),
        ("第一行 内容\n第二行", "第一行内容\n第二行"),
    ],
)
def test_repair_cjk_spacing(text, expected):
    assert repair_cjk_spacing(text) == expected


def test_repair_on_the_ocr_seed_leaves_no_space_between_chinese_characters():
    text = repair_cjk_spacing(clean_text((SEED / "20-ocr-archives-journal-garbled.txt").read_text()))

    assert "十堰市档案局副局长陶维平强调" in text
    assert "4月25日,十堰市档案局、市移民局组织" in text
    assert "丹 江" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国务院关于河北雄安新区总体规划(2018—2035年)的批复", "国务院关于河北雄安新区总体规划（2018—2035年）的批复"),
        ("武汉市人民政府关于修改和废止部分规章的决定(2024)", "武汉市人民政府关于修改和废止部分规章的决定（2024）"),
        ("各区人民政府,市人民政府各部门:", "各区人民政府，市人民政府各部门："),
        ("共1,000万元 (USD)", "共1,000万元 (USD)"),
    ],
)
def test_to_cjk_punctuation(text, expected):
    assert to_cjk_punctuation(text) == expected


@pytest.mark.parametrize(
    ("name", "spaced"),
    [
        ("20-ocr-archives-journal-garbled.txt", True),
        ("03-wzb-2014-153-statistics.txt", False),
        ("09-wuhan-order-322-amend-repeal.txt", False),
    ],
)
def test_looks_ocr_spaced(name, spaced):
    assert looks_ocr_spaced(clean_text((SEED / name).read_text(encoding="utf-8"))) is spaced


def test_joint_issuers_separated_by_a_space_are_not_ocr_debris():
    assert not looks_ocr_spaced("国务院办公厅 国家发展改革委关于推进价格机制改革的通知，现将有关事项通知如下。" * 3)
