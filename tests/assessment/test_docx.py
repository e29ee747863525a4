"""The 通报 DOCX of a run: python-docx reads it back, its text holds the bulletin's sentences,
fonts and margins are the 公文 ones, and its bytes are identical on every render."""

import io
import zipfile
from datetime import date, datetime

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from gongkai.assessment import rendering, services


@pytest.fixture
def bulletin(year_2025, unit_tree):
    before = services.assessment_run(period="2024", previous=None)
    services.assessment_publish(run=before, allow_pending=True)
    run = services.assessment_run(period="2025", bulletin_date=date(2026, 3, 20))
    return run, rendering.bulletin_docx(run)


def east_asian(paragraph):
    return paragraph.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_docx_opens_and_reads_like_the_bulletin(bulletin):
    run, data = bulletin
    doc = read_docx(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "武汉市人民政府办公厅"  # 发文机关标志 of the 版头
    assert texts[5] == "武汉市人民政府办公厅关于2025年度政务公开工作考评情况的通报"
    assert "各区人民政府，市人民政府各部门：" in texts
    body = "\n".join(texts)
    # 2024: every unit 54 (nothing to measure, no 决策事项目录, manual not entered); 2025 district 39.67
    assert "总体来看，区政府平均得分39.67分，比上年度下降14.33分，80分以上0家，与上年度持平。" in body
    assert "承担行政许可事项较少的部门平均得分54分，与上年度持平，80分以上0家，与上年度持平。" in body
    assert "（一）主动公开“政策解读”失分较多。" in body
    assert texts[texts.index("武汉市人民政府办公厅", 5) + 1] == "2026年3月20日"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:2] == ["考评分组", "单位"]
    assert {r.cells[1].text for r in table.rows[1:]} == {
        "新洲区人民政府", "武汉市人民政府办公厅", "武汉市统计局"}
    assert doc.inline_shapes  # the chart


def test_docx_uses_the_official_layout(bulletin):
    doc = read_docx(io.BytesIO(bulletin[1]))
    section = doc.sections[0]
    margins = [section.top_margin, section.left_margin, section.bottom_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [37, 28, 35, 26]  # stored in twips
    by_text = {p.text: p for p in doc.paragraphs if p.runs}
    title = doc.paragraphs[5]
    assert east_asian(title) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    assert east_asian(by_text["一、考评结果情况"]) == "黑体"
    assert east_asian(by_text["（一）主动公开“政策解读”失分较多。"]) == "楷体_GB2312"
    assert east_asian(by_text["各区人民政府，市人民政府各部门："]) == "仿宋_GB2312"
    assert by_text["各区人民政府，市人民政府各部门："].runs[0].font.size.pt == 16


def test_docx_bytes_are_identical_and_dated_by_the_bulletin(bulletin):
    run, data = bulletin
    assert rendering.bulletin_docx(run) == data
    doc = read_docx(io.BytesIO(data))
    assert doc.core_properties.created.replace(tzinfo=None) == datetime(2026, 3, 20)
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


