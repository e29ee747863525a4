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


# Pages of published reports as text, the way sites and converters leave them.
CELL_PER_LINE = """区统计局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局主动在门户网站公开政府信息50条。
二、主动公开政府信息情况
第二十条第(一)项 |
|||
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
规章 |
/ |
/ |
/ |
行政规范性文件 |
0 |
0 |
0 |
第二十条第(五)项 |
信息内容 |
本年处理决定数量 |
行政许可 |
0 |
第二十条第(六)项 |
信息内容 |
本年处理决定数量 |
行政处罚 |
0 |
行政强制 |
0 |
第二十条第(八)项 |
信息内容 |
本年收费金额(单位:万元) |
行政事业性收费 |
0 |
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |
申请人情况 |
自然人 |
法人或其他组织 |
总计 |
商业企业 |
科研机构 |
社会公益组织 |
法律服务机构 |
其他 |
一、本年新收政府信息公开申请数量 |
|
|
|
|
|
|
0 |
二、上年结转政府信息公开申请数量 |
|
|
|
|
|
|
0 |
四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 |
0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
信息公开的内容还不够丰富。
"""


def test_a_page_dumped_one_cell_per_line_keeps_its_blank_cells():
    read = layout_read(CELL_PER_LINE.splitlines())
    assert read.unit == "区统计局" and read.year == 2023
    assert read.figures["table2"][F.REGULATION] == dict.fromkeys(F.DOC_COLUMNS)
    assert read.figures["table2"][F.NORMATIVE] == dict.fromkeys(F.DOC_COLUMNS, 0)
    assert read.figures["table2"][F.LICENSING] == 0
    assert read.figures["table3"][F.NEW] == [None] * 6 + [0]
    assert read.figures["table3"][F.CARRIED_OVER] == [None] * 6 + [0]
    assert read.figures["table4"][F.REVIEW] == [0] * 5
    missing = {f.message for f in read.findings if f.code == "read_row_missing"}
    assert "表三未找到“三（七）总计”一行" in missing  # the page was cut short: said, not guessed


PDFTOTEXT_TABLE4 = """某某区审计局2020年政府信息公开工作年度报告
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
2020 年，我单位未出现申请行政复议、提起行政诉讼的情况。
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结 结 其 尚
结 结 其 尚 结 结 其 尚
果 果 他 未
总计 果 果 他 未 总 果 果 他 未 总
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
"""


def test_table_four_under_a_header_read_column_by_column():
    read = layout_read(PDFTOTEXT_TABLE4.splitlines())
    assert read.figures["table4"] == {r: [0] * 5 for r in F.TABLE4_ROWS}
    assert read.year == 2020


def test_a_page_converted_with_pipe_tables_and_merged_label_columns():
    from pathlib import Path

    path = Path(__file__).parent / "files" / "pipes-2023.txt"
    read = report_read(path.name, path.read_bytes())
    assert (read.unit, read.year) == ("湛江市人民政府地方志办公室", 2023)
    assert read.figures["table2"][F.NORMATIVE] == {F.MADE: 3, F.REPEALED: 0, F.CURRENT: 101}
    assert read.figures["table2"][F.FEES] == 1.25
    assert read.figures["table3"][F.NEW] == [3, None, None, None, None, None, 3]
    assert read.figures["table3"][F.ROW_BY_KEY["unavailable:not_held"].label] == [1] + [None] * 5 + [1]
    assert read.figures["table3"][F.ROW_BY_KEY["other:fee_unpaid"].label] == [None] * 6 + [0]
    assert read.figures["table4"][F.SUIT_DIRECT] == [1, 0, 0, 0, 1]
    assert [f for f in read.findings] == []
