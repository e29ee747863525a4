"""Reading a 分解方案: annex tables with their many header spellings, and tasks written in the
text with their units in brackets (seed 11, seed 13)."""

from datetime import date
from pathlib import Path

import pytest

from gongkai.supervision.domain.breakdown import (
    BreakdownError,
    lead_and_units,
    parse_deadline,
    parse_table,
    parse_text,
    split_units,
)

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"  # copies of shared/seed/docs


def test_units_are_split_and_bracketed_scope_notes_dropped():
    assert split_units("市委政法委，市发展改革委、市教育局,各区人民政府〈含开发区、风景区管委会,下同〉") == [
        "市委政法委", "市发展改革委", "市教育局", "各区人民政府"]


def test_without_a_lead_unit_the_first_responsible_unit_leads():
    # seed 08: 无牵头单位的，责任单位即为牵头单位
    assert lead_and_units("", "市编办") == ("市编办", [])
    assert lead_and_units("", "市财政局、市统计局") == ("市财政局", ["市统计局"])
    assert lead_and_units("市住房保障房管局", "市财政局") == ("市住房保障房管局", ["市财政局"])


def test_an_annex_table_with_sections_is_read():
    rows = [
        ["附表", "", "", "", ""],
        ["序号", "目标任务", "牵头单位", "责任单位", "完成时限"],
        ["一、强化工作统筹", "", "", "", ""],
        ["1", "科学制订办理方案", "市人民政府办公厅", "市统计局、新洲区人民政府", "2024年2月8日前"],
        ["2", "建立调度推进机制", "", "市统计局", "2024年6月底前"],
    ]
    tasks = parse_table(rows)
    assert [(t.code, t.section, t.lead, t.units) for t in tasks] == [
        ("1", "一、强化工作统筹", "市人民政府办公厅", ["市统计局", "新洲区人民政府"]),
        ("2", "一、强化工作统筹", "市统计局", []),
    ]
    assert tasks[1].deadline_text == "2024年6月底前" and tasks[1].line == 5


@pytest.mark.parametrize("header", [["编号", "工作任务", "牵头部门", "配合单位", "完成时间"],
                                    ["序号", "重点工作", "牵头单位", "责任单位", "时间节点"]])
def test_other_header_spellings(header):
    tasks = parse_table([header, ["1", "推进老旧小区改造", "市住房保障房管局", "市财政局", "年底前"]])
    assert tasks[0].title == "推进老旧小区改造" and tasks[0].lead == "市住房保障房管局"


def test_a_row_without_units_is_refused_naming_the_row():
    with pytest.raises(BreakdownError, match="第3行：缺少牵头单位或责任单位"):
        parse_table([["序号", "任务", "牵头单位", "责任单位"], ["1", "甲任务", "市统计局", ""],
                     ["2", "乙任务", "", ""]])


def test_a_table_without_a_header_is_refused():
    with pytest.raises(BreakdownError, match="找不到表头"):
        parse_table([["a", "b"], ["c", "d"]])


def test_seed_11_tasks_in_the_text():
    text = next(SEED.glob("11-*")).read_text(encoding="utf-8")
    tasks = parse_text(text)
    assert tasks[0].code == "1" and tasks[0].title == "优化顶层设计"
    assert tasks[0].section == "形成共识统筹推动"
    assert tasks[0].lead == "市住房保障房管局"
    assert "市发展改革委" in tasks[0].units and "各区人民政府" in tasks[0].units


def test_seed_13_tasks_with_responsible_units_only():
    text = next(SEED.glob("13-*")).read_text(encoding="utf-8")
    tasks = parse_text(text)
    assert [t.lead for t in tasks[:2]] == ["市人民政府办公厅", "市编办"]
    assert tasks[1].title.startswith("结合政府机构改革和职能调整")


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年6月底前", date(2024, 6, 30)), ("9月30日前", date(2024, 9, 30)), ("年底前", date(2024, 12, 31)),
    ("上半年", date(2024, 6, 30)), ("第三季度", date(2024, 9, 30)), ("长期坚持", None), ("", None),
    ("2024年2月30日", None),
])
def test_deadlines(text, expected):
    assert parse_deadline(text, year=2024) == expected
