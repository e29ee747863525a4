"""Reading published reports: files made like real ones (PDF ruled tables broken across pages,
DOCX merged cells, GBK HTML with rowspan, text dumped from a PDF) give back their figures."""

from __future__ import annotations

import pytest
from tests.annual_reports import fixtures as X

from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.errors import AnnualReportError
from gongkai.annual_reports.domain.reader import Row, layout_read
from gongkai.annual_reports.reading import report_read

FORMATS = [
    ("report.pdf", lambda: X.pdf_bytes()),
    ("header-repeated.pdf", lambda: X.pdf_bytes(repeat_header=True)),
    ("report.docx", lambda: X.docx_bytes()),
    ("report.html", lambda: X.html_bytes()),
    ("report-utf8.htm", lambda: X.html_bytes(encoding="utf-8")),
]


@pytest.mark.parametrize(("name", "make"), FORMATS, ids=[f[0] for f in FORMATS])
def test_ruled_tables_read_back_exactly(name, make):
    read = report_read(name, make())
    assert read.unit == X.UNIT
    assert read.year == X.YEAR
    assert read.figures == X.sample_figures()
    assert [f for f in read.findings if f.code.startswith("read_")] == []


def test_pdf_table_three_really_breaks_across_pages():
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(X.pdf_bytes())) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    first = next(i for i, t in enumerate(texts) if "本年新收" in t)
    last = next(i for i, t in enumerate(texts) if "（七）总计" in t)
    assert last > first, "the fixture must split 表三 over two pages"
    assert "- 2 -" in texts[1]


def test_blank_cells_are_null_and_zeros_are_zero():
    read = report_read("r.docx", X.docx_bytes())
    assert read.figures["table3"][F.NEW] == [58, 7, None, None, 1, None, 66]
    assert read.figures["table2"][F.COERCION] == 0
    assert read.figures["table2"][F.FEES] == 1.25


def test_text_dumped_from_a_pdf_keeps_totals_and_says_what_it_guessed():
    read = report_read("report.txt", X.pdftotext_bytes())
    expected = X.sample_figures()
    assert read.unit == X.UNIT and read.year == X.YEAR
    assert read.figures["table2"] == expected["table2"]
    assert read.figures["table4"] == expected["table4"]
    for row in F.TABLE3_ROWS:  # blanks leave no trace in such text: the 总计 column still holds
        assert read.figures["table3"][row.label][6] == expected["table3"][row.label][6], row.label
    # a label wrapped around its numbers (三（六）1 is long) keeps them
    assert read.figures["table3"][F.ROW_BY_KEY["other:no_correction"].label][6] == 0
    guessed = [f for f in read.findings if f.code == "read_values_unplaced"]
    assert guessed and all(f.cells for f in guessed)


def test_slash_means_not_applicable_and_reads_as_null():
    lines = ["某某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t/\t/\t/", "行政规范性文件\t0\t0\t0"]
    read = layout_read(lines)
    assert read.figures["table2"][F.REGULATION] == dict.fromkeys(F.DOC_COLUMNS)
    assert read.figures["table2"][F.NORMATIVE] == dict.fromkeys(F.DOC_COLUMNS, 0)
    assert read.unit == "某某局" and read.year == 2023


def test_merged_label_cells_and_trailing_empties_do_not_shift_values():
    rows = [
        "三、收到和处理政府信息公开申请情况",
        Row(("一、本年新收政府信息公开申请数量", None, None, "1", "", "", "", "", "", "1", "", "")),
        Row(("二、上年结转政府信息公开申请数量", None, None, "0", "", "", "", "", "", "0")),
        Row(("三、本年度办理结果", "（一）予以公开", None, "1", "", "", "", "", "", "1")),
        Row((None, "（三）不予公开", "1.属于国家秘密", "", "", "", "", "", "", "0")),
        Row((None, None, "2.其他法律行政法规禁止公开", "", "", "", "", "", "", "0")),
    ]
    read = layout_read(rows)
    assert read.figures["table3"][F.NEW] == [1, None, None, None, None, None, 1]
    assert read.figures["table3"][F.ROW_BY_KEY["withheld:state_secret"].label] == [None] * 6 + [0]
    assert read.figures["table3"][F.ROW_BY_KEY["withheld:prohibited_by_law"].label] == [None] * 6 + [0]


def test_the_2019_format_table_two_is_not_misread():
    lines = ["某局2019年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容 本年新制作数量 本年新公开数量 对外公开总数量", "规章 0 0 0", "规范性文件 2 2 10",
             "三、收到和处理政府信息公开申请情况"]
    read = layout_read(lines)
    assert read.figures["table2"][F.NORMATIVE] == dict.fromkeys(F.DOC_COLUMNS)
    assert [f.code for f in read.findings if f.code == "read_old_format"] == ["read_old_format"]


def test_the_blank_national_template_reads_as_all_null():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "../shared/corpus/annual_report_form/annual-report-form-template.docx"
    if not path.exists():
        pytest.skip("the shared corpus is not beside the worktree")
    read = report_read(path.name, path.read_bytes())
    assert read.figures == F.empty_figures()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("r.xls", b"x", "类型不支持"),
    ("r.pdf", b"", "空文件"),
    ("r.pdf", b"not a pdf", "不是 PDF"),
    ("r.docx", b"PK\x03\x04broken", "不是有效的 DOCX"),
])
def test_bad_files_get_a_clear_message_naming_the_file(name, data, message):
    with pytest.raises(AnnualReportError) as err:
        report_read(name, data)
    assert message in err.value.message and name in err.value.message
