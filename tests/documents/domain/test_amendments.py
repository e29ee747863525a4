"""Amendment instructions and the 整理版 (documents/domain/amendments.py)."""

from __future__ import annotations

from pathlib import Path

from gongkai.core.domain.text import to_cjk_punctuation
from gongkai.documents.domain.amendments import (
    Op,
    consolidate,
    decision_instructions,
    instructions_parse,
)

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"  # copies of shared/seed/docs

BASE = """第十七条 统计机构应当依法履行职责。
第十八条 违反本办法规定的，由统计行政主管部门依法处理。
第十九条 统计人员玩忽职守的，由其所在单位给予行政处分。
第二十条 当事人对行政处罚决定不服的，可以依法申请行政复议。
第二十一条 本办法自2003年7月1日起施行。"""


def test_order_322_instructions_for_the_statistics_rule():
    text = to_cjk_punctuation(next(SEED.glob("09-*.txt")).read_text(encoding="utf-8"))
    by_target = decision_instructions(text)
    stats = by_target["武汉市统计管理办法"]
    assert [(c.op, c.article) for c in stats.changes] == [
        (Op.REPLACE_ARTICLE, 18), (Op.REPLACE_WORDS, 19), (Op.DELETE_ARTICLE, 20)]
    assert stats.changes[0].new == "违反本办法，法律、法规有规定的，从其规定。"
    assert (stats.changes[1].old, stats.changes[1].new) == ("行政处分", "处分")
    gas = by_target["武汉市天然气高压管道设施保护办法"]
    # a quote over two paragraphs, each opened with “
    assert gas.changes[0].new.split("\n") == [
        "本办法适用于本市门站以内的天然气高压管道（以下简称高压管道）设施的保护及其相关管理活动。",
        "城市门站以外的长输天然气高压管道设施和炼油、化工、发电等企业内部高压管道设施的保护和管理，不适用本办法。"]
    # 第X项 is not split yet: reported, never guessed
    assert gas.not_understood and "第八条第八项" in gas.not_understood[0]


def test_consolidate_applies_322_to_the_rule():
    changes = instructions_parse(
        "（一）将第十八条修改为：“违反本办法，法律、法规有规定的，从其规定。”\n"
        "（二）将第十九条中的“行政处分”修改为“处分”。\n（三）删去第二十条。\n条文顺序作相应调整。").changes
    result = consolidate(BASE, changes)
    assert result.problems == []
    assert [(a.label, a.text) for a in result.articles] == [
        ("第十七条", "统计机构应当依法履行职责。"),  # an excerpt keeps its own numbering
        ("第十八条", "违反本办法，法律、法规有规定的，从其规定。"),
        ("第十九条", "统计人员玩忽职守的，由其所在单位给予处分。"),
        ("第二十条", "本办法自2003年7月1日起施行。"),
    ]


def test_add_article_paragraph_and_renumber_forms():
    base = "第一条 甲。\n第二条 乙。\n第三条 丙。"
    parsed = instructions_parse(
        "一、增加一条，作为第二条：“新条。”\n二、第三条增加一款，作为第一款：“新款。”\n"
        "三、删去第一条中的“甲”。\n四、条文顺序作相应调整。")
    assert [c.op for c in parsed.changes] == [Op.ADD_ARTICLE, Op.ADD_PARAGRAPH, Op.DELETE_WORDS,
                                              Op.REORDER]
    result = consolidate(base, parsed.changes)
    assert [(a.label, a.text) for a in result.articles] == [
        ("第一条", "。"), ("第二条", "新条。"), ("第三条", "乙。"), ("第四条", "新款。\n丙。")]


def test_a_change_that_does_not_fit_is_reported():
    result = consolidate("第一条 甲。", instructions_parse("将第九条修改为：“乙。”\n将第一条中的“丙”修改为“丁”。").changes)
    assert len(result.problems) == 2
    assert "第九条不存在" in result.problems[0] and "第一条中没有“丙”" in result.problems[1]


def test_unknown_forms_are_not_guessed():
    parsed = instructions_parse("将第十条、第二十五条合并，作为第十条，修改为：“各单位应当…”")
    assert parsed.changes == [] and len(parsed.not_understood) == 1
