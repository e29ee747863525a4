"""`gongkai supervision read/import`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ANNEX = Path(__file__).resolve().parents[2] / "src/gongkai/demo/data/supervision/2024-wz-1-annex.txt"


def test_read_prints_the_tasks_as_json():
    out = io.StringIO()
    call_command("supervision", "read", str(ANNEX), "--json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 5 and rows[2]["title"] == "研究建立市级层面调度推进机制"
    assert rows[2]["lead"] == "市发展改革委" and rows[1]["lead"] == "新洲区人民政府"


def test_import_refuses_unknown_units(db, unit_tree):
    with pytest.raises(CommandError, match="单位“市发展改革委”不在单位库中"):
        call_command("supervision", "import", str(ANNEX), "--title", "演示", "--year", "2024", stdout=io.StringIO())


def test_import_a_docx_annex(db, unit_tree, tmp_path):
    import docx

    d = docx.Document()
    table = d.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "责任事项", "牵头单位", "完成时限"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", "做好政务公开统计报送", "武汉市统计局", "2024年7月"], strict=True):
        cell.text = text
    path = tmp_path / "附表1.docx"
    d.save(path)
    out = io.StringIO()
    call_command("supervision", "import", str(path), "--title", "统计报送任务", "--year", "2024",
                 "--plan-due", "2024-02-08", stdout=out)
    assert out.getvalue().strip() == "已导入 统计报送任务：任务 1 项，报送轮次 5 个"
