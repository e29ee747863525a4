"""The checks of an annual report, table-driven: each case breaks one rule and names the cells
the finding must name."""

from __future__ import annotations

import copy

import pytest
from tests.annual_reports.fixtures import sample_figures

from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.checks import report_check
from gongkai.annual_reports.domain.repetition import repeated_share

DISCLOSED = F.ROW_BY_KEY["disclosed"].label
NOT_HELD = F.ROW_BY_KEY["unavailable:not_held"].label


def _codes(findings):
    return [(f.code, f.cells) for f in findings]


def test_the_form_has_the_national_rows_and_columns():
    assert len(F.TABLE3_ROWS) == 25
    assert [r.label for r in F.TABLE3_ROWS][:4] == [
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、（一）予以公开",
        "三、（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]
    assert "三、（三）不予公开 1.属于国家秘密" in F.ROW_BY_LABEL
    assert "三、（六）其他处理 3.其他" in F.ROW_BY_LABEL
    assert F.TABLE3_ROWS[-2].label == "三、（七）总计" and F.TABLE3_ROWS[-1].label == "四、结转下年度继续办理"
    assert F.COLUMNS == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    assert F.CASE_COLUMNS == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def test_consistent_figures_pass_every_check():
    assert report_check(sample_figures()) == []


def _set(f, table, row, col, value):
    f[table][row][col] = value
    return f


CASES = [
    # (what breaks, change, expected (code, cells) present)
    ("applicant columns ≠ 总计 in 一",
     lambda f: _set(f, "table3", F.NEW, 0, 59),
     [("table3_row_sum", tuple(F.cell3(F.NEW, i) for i in range(7))),
      ("table3_identity", (F.cell3(F.NEW, 0), F.cell3(F.CARRIED_OVER, 0), F.cell3(F.TOTAL, 0),
                           F.cell3(F.CARRIED_FORWARD, 0)))]),
    ("an outcome row changes without its total",
     lambda f: _set(_set(f, "table3", DISCLOSED, 0, 21), "table3", DISCLOSED, 6, 22),
     [("table3_outcome_total", tuple(F.cell3(r, 0) for r in F.OUTCOME_ROWS) + (F.cell3(F.TOTAL, 0),)),
      ("table3_outcome_total", tuple(F.cell3(r, 6) for r in F.OUTCOME_ROWS) + (F.cell3(F.TOTAL, 6),))]),
    ("四 结转 too small: 一+二 ≠ 三(七)+四 in 总计 and 自然人",
     lambda f: _set(_set(f, "table3", F.CARRIED_FORWARD, 0, 1), "table3", F.CARRIED_FORWARD, 6, 2),
     [("table3_identity", (F.cell3(F.NEW, 6), F.cell3(F.CARRIED_OVER, 6), F.cell3(F.TOTAL, 6),
                           F.cell3(F.CARRIED_FORWARD, 6)))]),
    ("表四 总计 wrong",
     lambda f: _set(f, "table4", F.REVIEW, 4, 3),
     [("table4_row_sum", tuple(F.cell4(F.REVIEW, i) for i in range(5)))]),
]


@pytest.mark.parametrize(("what", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_rule_names_its_cells(what, change, expected):
    figures = change(copy.deepcopy(sample_figures()))
    found = _codes(report_check(figures))
    for item in expected:
        assert item in found, what


def test_blank_cells_count_as_zero_in_the_sums():
    f = sample_figures()
    assert f["table3"][F.NEW][2] is None
    assert report_check(f) == []


def test_carried_over_must_equal_last_years_carried_forward():
    previous = sample_figures()
    now = sample_figures()
    previous["table3"][F.CARRIED_FORWARD] = [3, 0, None, None, 0, None, 3]
    found = _codes(report_check(now, previous=previous))
    assert ("table3_carried_over", (F.cell3(F.CARRIED_OVER, 0), "上年" + F.cell3(F.CARRIED_FORWARD, 0))) in found
    assert ("table3_carried_over", (F.cell3(F.CARRIED_OVER, 6), "上年" + F.cell3(F.CARRIED_FORWARD, 6))) in found
    assert not [c for c, cells in found if c == "table3_carried_over" and "商业企业" in cells[0]]


def test_current_documents_roll_over_from_last_year():
    previous = sample_figures()
    previous["table3"][F.CARRIED_FORWARD] = list(sample_figures()["table3"][F.CARRIED_OVER])
    now = sample_figures()  # 现行有效 25 = 23 + 3 − 1
    previous["table2"][F.NORMATIVE][F.CURRENT] = 23
    assert [f for f in report_check(now, previous=previous) if f.code == "table2_current_rollover"] == []
    previous["table2"][F.NORMATIVE][F.CURRENT] = 30
    found = [f for f in report_check(now, previous=previous) if f.code == "table2_current_rollover"]
    assert len(found) == 1
    assert found[0].cells == (F.cell2(F.NORMATIVE, F.CURRENT), "上年" + F.cell2(F.NORMATIVE, F.CURRENT),
                              F.cell2(F.NORMATIVE, F.MADE), F.cell2(F.NORMATIVE, F.REPEALED))
    assert "＝ 32" in found[0].message


QUOTES = [
    ("我局共收到政府信息公开申请66件。", None),
    ("我局共收到政府信息公开申请68件，其中上年结转2件。", None),  # 受理 counted with the carried-over
    ("全年共受理依申请公开60件。", (F.cell3(F.NEW, 6), F.cell3(F.CARRIED_OVER, 6))),
    ("上年结转5件。", (F.cell3(F.CARRIED_OVER, 6),)),
    ("予以公开21件，部分公开17件。", None),
    ("予以公开二十件。", (F.cell3(DISCLOSED, 6),)),
    ("结转下年度继续办理4件。", (F.cell3(F.CARRIED_FORWARD, 6),)),
    ("本年度未收到政府信息公开申请。", (F.cell3(F.NEW, 6),)),
    ("引发行政复议2件、行政诉讼1件。", None),
    ("发生行政复议3起。", (F.cell4(F.REVIEW, 4),)),
    ("未发生因政府信息公开引起的行政复议、行政诉讼。",
     (F.cell4(F.REVIEW, 4), F.cell4(F.SUIT_DIRECT, 4), F.cell4(F.SUIT_AFTER_REVIEW, 4))),
    ("制发行政规范性文件3件，现行有效行政规范性文件25件。", None),
    ("现行有效规范性文件26件。", (F.cell2(F.NORMATIVE, F.CURRENT),)),
]


@pytest.mark.parametrize(("text", "cells"), QUOTES, ids=[q[0] for q in QUOTES])
def test_figures_quoted_in_the_text_must_equal_the_tables(text, cells):
    found = [f for f in report_check(sample_figures(), text=text) if f.code == "text_quote"]
    if cells is None:
        assert found == []
    else:
        assert [f.cells for f in found] == [cells]


def test_roll_up_names_each_differing_cell():
    office = sample_figures()
    units = sample_figures()
    units["table3"][F.NEW][6] = 70
    units["table2"][F.LICENSING] = 13
    found = [f for f in report_check(office, units_sum=units) if f.code == "roll_up"]
    assert {f.cells for f in found} == {(F.cell3(F.NEW, 6),), (F.cell2(F.LICENSING),)}
    assert any("本报告 66 ≠ 所辖单位合计 70" in f.message for f in found)


LAST_YEAR = ("2024年，我局坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，"
             "持续加强政策解读和回应关切，政府信息公开工作取得新成效。全年主动公开政府信息276条。"
             "一是主动公开的深度不够；二是政策解读形式单一。下一步将加强培训，丰富解读形式。")


def test_a_report_copying_last_years_text_is_found():
    copied = LAST_YEAR.replace("2024", "2025").replace("276", "301")
    assert repeated_share(copied, LAST_YEAR) == pytest.approx(1.0)
    found = [f for f in report_check(sample_figures(), text=copied, previous_text=LAST_YEAR)
             if f.code == "text_repeated"]
    assert len(found) == 1 and "100%" in found[0].message


def test_a_rewritten_report_is_not_flagged():
    fresh = ("2025年，本局围绕统计数据发布和解读开展工作，新建统计数据发布专栏，按月公开主要经济指标，"
             "组织开放日活动两次，邀请企业代表座谈统计调查工作。"
             "存在的问题是基层统计人员对条例理解不深，将通过专题培训加以改进。")
    share = repeated_share(fresh, LAST_YEAR)
    assert share is not None and share < 0.2
    assert [f for f in report_check(sample_figures(), text=fresh, previous_text=LAST_YEAR)
            if f.code == "text_repeated"] == []


def test_half_copied_text_is_measured_as_about_half():
    copied = LAST_YEAR[:len(LAST_YEAR) // 2]
    fresh = "本局今年新建统计数据发布专栏，按月公开主要经济指标，组织开放日活动两次，邀请企业代表座谈。"
    share = repeated_share(copied + fresh, LAST_YEAR)
    assert 0.4 < share < 0.75
