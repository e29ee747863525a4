"""Manual scores: the evaluators' XLSX round trip (every bad cell named, nothing imported on
error), the grid entry, and a manual-only indicator set."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from gongkai.assessment import services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.models import ManualScore

MANUAL_ONLY = """
name: 第三方评估
version: "t1"
indicators:
  - code: P
    name: 主动公开
    children:
      - {code: P1, name: 政策文件发布, weight: 60, method: manual}
      - {code: P2, name: 政策解读, weight: 40, method: manual}
  - code: V
    name: 单项否决
    children:
      - {code: V1, name: 发生失泄密事件, method: veto}
"""


@pytest.fixture
def manual_run(unit_tree):
    indicator_set = services.indicator_set_save(yaml_text=MANUAL_ONLY, activate=False)
    return services.assessment_run(period="2025", previous=None, indicator_set=indicator_set)


def template(run, tmp_path):
    out = tmp_path / "scores.xlsx"
    call_command("assess", "template", "--run", str(run.pk), "--out", str(out), stdout=StringIO())
    return out


def fill(path, rows):
    wb = load_workbook(path)
    ws = wb["人工评分"]
    by_name = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    codes = {ws.cell(1, c).value: c for c in range(3, ws.max_column + 1)}
    for name, values in rows.items():
        row = by_name.get(name)
        if row is None:
            row = ws.max_row + 1
            ws.cell(row, 1, name)
        for code, value in values.items():
            ws.cell(row, codes[code], value)
    wb.save(path)


def test_template_lists_units_and_manual_indicators_with_maxima(manual_run, tmp_path):
    ws = load_workbook(template(manual_run, tmp_path))["人工评分"]
    assert [ws.cell(1, c).value for c in range(3, 6)] == ["P1", "P2", "V1"]
    assert [ws.cell(3, c).value for c in range(3, 6)] == [60, 40, 1]
    assert {ws.cell(r, 1).value for r in range(4, ws.max_row + 1)} == {
        "武汉市人民政府办公厅", "新洲区人民政府", "武汉市统计局"}


def test_manual_only_run_round_trip(manual_run, tmp_path, unit_tree):
    path = template(manual_run, tmp_path)
    fill(path, {"新洲区人民政府": {"P1": 55, "P2": 36.5, "V1": 0},
                "武汉市统计局": {"P1": 60, "P2": 40, "V1": 1},
                "武汉市人民政府办公厅": {"P1": "48", "P2": 30, "V1": 0}})
    out = StringIO()
    call_command("assess", "import-scores", str(path), "--run", str(manual_run.pk), stdout=out)
    assert "已导入 9 项" in out.getvalue()
    manual_run.refresh_from_db()
    totals = {u["unit"]: (u["total"], u["vetoed"], u["rank"]) for u in manual_run.result["units"]}
    assert totals == {"新洲区人民政府": (91.5, False, 1), "武汉市统计局": (0, True, 2),
                      "武汉市人民政府办公厅": (78, False, 1)}
    # the template of the run now carries what was entered
    ws = load_workbook(template(manual_run, tmp_path))["人工评分"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "新洲区人民政府")
    assert (ws.cell(row, 3).value, ws.cell(row, 4).value) == (55, 36.5)


@pytest.mark.parametrize("rows, message", [
    ({"火星区人民政府": {"P1": 10}}, "工作表“人工评分” 第7行 A列: 未知单位“火星区人民政府”"),
    ({"新洲区人民政府": {"P1": 61}}, "列（P1 政策文件发布）: 61 超出范围 0–60"),
    ({"新洲区人民政府": {"P2": -1}}, "列（P2 政策解读）: -1 超出范围 0–40"),
    ({"新洲区人民政府": {"P1": "良好"}}, "列（P1 政策文件发布）: “良好”不是数字"),
    ({"新洲区人民政府": {"V1": 2}}, "列（V1 发生失泄密事件）: 否决项只能填 0 或 1"),
])
def test_a_bad_cell_is_named_and_nothing_is_imported(manual_run, tmp_path, rows, message):
    path = template(manual_run, tmp_path)
    good = {"武汉市统计局": {"P1": 50, "P2": 30}}
    fill(path, good | rows)
    with pytest.raises(CommandError) as info:
        call_command("assess", "import-scores", str(path), "--run", str(manual_run.pk))
    assert message in str(info.value)
    assert "未导入任何数据" in str(info.value)
    assert not ManualScore.objects.filter(run=manual_run).exists()


def test_row_and_column_are_exact(manual_run, tmp_path):
    path = template(manual_run, tmp_path)
    fill(path, {"新洲区人民政府": {"P2": "x"}})
    ws = load_workbook(path)["人工评分"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "新洲区人民政府")
    with pytest.raises(AssessmentError, match=f"第{row}行 D列（P2 政策解读）"):
        services.manual_scores_import(run=manual_run, path=path)


def test_not_an_xlsx_is_a_clear_error(manual_run, tmp_path):
    path = tmp_path / "scores.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(AssessmentError, match="不是可读取的 XLSX 文件"):
        services.manual_scores_import(run=manual_run, path=path)


def test_grid_entries_are_checked_and_all_or_none(manual_run, unit_tree):
    district, stats = unit_tree["district"].pk, unit_tree["stats"].pk
    with pytest.raises(AssessmentError, match="武汉市统计局 政策解读: 得分 41 超出范围 0–40"):
        services.manual_scores_set(run=manual_run, entries=[(district, "P1", "50"), (stats, "P2", "41")])
    assert not ManualScore.objects.filter(run=manual_run).exists()
    services.manual_scores_set(run=manual_run, entries=[(district, "P1", "50")])
    assert ManualScore.objects.get(run=manual_run).score == D("50")
    services.manual_scores_set(run=manual_run, entries=[(district, "P1", "")])  # blank clears
    assert not ManualScore.objects.filter(run=manual_run).exists()


def test_indicator_set_versions_are_kept_apart(unit_tree):
    services.indicator_set_save(yaml_text=MANUAL_ONLY, activate=False)
    services.indicator_set_save(yaml_text=MANUAL_ONLY, activate=False)  # same text: no-op
    with pytest.raises(AssessmentError, match="版本 t1 已存在且内容不同"):
        services.indicator_set_save(yaml_text=MANUAL_ONLY.replace("60", "50").replace("40", "50"))
