"""`gongkai annual-report read FILE... --json` and `build --unit --year --json`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from tests.annual_reports import fixtures as X

from gongkai.annual_reports.domain import form as F

KEYS = ["file", "unit", "year", "table2", "table3", "table4", "findings"]


def _run(*args) -> list[dict]:
    out = StringIO()
    call_command("annual-report", *args, stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_read_prints_one_json_object_per_file(tmp_path):
    pdf = tmp_path / "2024年报.pdf"
    pdf.write_bytes(X.pdf_bytes())
    html = tmp_path / "2024年报.html"
    html.write_bytes(X.html_bytes())
    out = _run("read", str(pdf), str(html), "--json")
    assert [o["file"] for o in out] == [str(pdf), str(html)]
    for o in out:
        assert list(o) == KEYS
        assert list(o["table2"]) == [F.REGULATION, F.NORMATIVE, F.LICENSING, F.PENALTY, F.COERCION, F.FEES]
        assert list(o["table2"]["规章"]) == ["本年制发件数", "本年废止件数", "现行有效件数"]
        assert list(o["table3"]) == [r.label for r in F.TABLE3_ROWS]
        assert all(len(v) == 7 for v in o["table3"].values())
        assert list(o["table4"]) == ["行政复议", "行政诉讼_未经复议直接起诉", "行政诉讼_复议后起诉"]
        assert o["table3"]["三、（七）总计"] == [58, 6, None, None, 1, None, 65]
        assert o["findings"] == []


def test_read_reports_the_broken_sums_with_their_cells(tmp_path):
    figures = X.sample_figures()
    figures["table3"][F.TOTAL][6] = 64
    path = tmp_path / "bad.docx"
    path.write_bytes(X.docx_bytes(figures))
    (o,) = _run("read", str(path), "--json")
    codes = {f["code"] for f in o["findings"]}
    assert {"table3_row_sum", "table3_outcome_total", "table3_identity"} <= codes
    identity = next(f for f in o["findings"] if f["code"] == "table3_identity")
    assert identity["cells"] == ["表三.一、本年新收政府信息公开申请数量.总计", "表三.二、上年结转政府信息公开申请数量.总计",
                                 "表三.三、（七）总计.总计", "表三.四、结转下年度继续办理.总计"]


def test_read_checks_consecutive_years_of_one_unit_against_each_other(tmp_path):
    last = X.sample_figures()
    last["table3"][F.CARRIED_FORWARD] = [5, 0, None, None, 0, None, 5]
    a = tmp_path / "2023.docx"
    a.write_bytes(X.docx_bytes(last, year=2023))
    b = tmp_path / "2024.docx"
    b.write_bytes(X.docx_bytes())
    out = _run("read", str(a), str(b), "--json")
    assert not [f for f in out[0]["findings"] if f["code"] == "table3_carried_over"]
    assert [f["cells"][0] for f in out[1]["findings"] if f["code"] == "table3_carried_over"] == [
        "表三.二、上年结转政府信息公开申请数量.自然人", "表三.二、上年结转政府信息公开申请数量.总计"]


def test_read_an_unreadable_file_fails_with_its_name(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"hello")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("annual-report", "read", str(bad), "--json", stdout=StringIO(), stderr=err)
    assert "x.pdf" in err.getvalue() and "不是 PDF" in err.getvalue()


@pytest.mark.django_db
def test_statistics_command_json(unit_tree):
    (o,) = _run("statistics", "--unit", "武汉市统计局", "--period", "2025H1", "--json")
    assert o["period"] == "2025H1" and o["previous"]["period"] == "2024H2"
    assert list(o["table3"]) == [r.label for r in F.TABLE3_ROWS]
    assert o["difference"]["table3"][F.NEW] == [0] * 7


@pytest.mark.django_db
def test_build_command_json_shape(unit_tree):
    (o,) = _run("build", "--unit", "武汉市统计局", "--year", "2025", "--json")
    assert list(o) == KEYS and o["file"] is None and o["unit"] == "武汉市统计局" and o["year"] == 2025
    assert o["table3"][F.NEW] == [0] * 7 and o["table2"][F.LICENSING] is None
