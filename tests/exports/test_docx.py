"""Writers of the exports app: the 公文 DOCX, deterministic XLSX, the chart in a CJK font (or a
clear refusal when none is installed)."""

import io
import warnings

import pytest
from docx import Document as read_docx

from gongkai.exports.docx import Appendix, OfficialDocument, official_docx_bytes


def test_generic_official_document_round_trip():
    spec = OfficialDocument(
        title="关于做好现行文件报送工作的通知", recipients="各区人民政府：",
        blocks=[("heading", "一、总体要求"), ("subheading", "（一）按时报送。"), ("paragraph", "自公布之日起20个工作日内报送。")],
        signature="武汉市人民政府办公厅", date_text="2026年1月5日", doc_number="武政办〔2026〕1号",
        appendices=[Appendix(title="报送清单", header=["序号", "文件"], rows=[["1", "武政办〔2026〕1号"]])],
    )
    doc = read_docx(io.BytesIO(official_docx_bytes(spec)))
    texts = [p.text for p in doc.paragraphs]
    # 版头: 发文机关标志, blank, 发文字号 (with the red line under it), two blank lines, then the title
    assert texts[:6] == ["武汉市人民政府办公厅", "", "武政办〔2026〕1号", "", "", "关于做好现行文件报送工作的通知"]
    assert doc.tables[0].rows[1].cells[1].text == "武政办〔2026〕1号"
    # 版记: the last paragraph names the 印发机关 and the 印发日期
    assert texts[-1] == "武汉市人民政府办公厅\t2026年1月5日印发"


def test_letterhead_is_red_and_the_table_header_repeats():
    from docx.oxml.ns import qn

    spec = OfficialDocument(
        title="通报", recipients="各区人民政府：", blocks=[("paragraph", "正文。")],
        signature="武汉市人民政府办公厅", date_text="2026年1月5日", doc_number="武政办〔2026〕1号",
        copy_to="市委办公厅",
        appendices=[Appendix(title="得分表", header=["考评分组", "单位", "总分"],
                             rows=[["区政府", "新洲区人民政府", "91.5"]] * 60)],
    )
    doc = read_docx(io.BytesIO(official_docx_bytes(spec)))
    mark, number = doc.paragraphs[0], doc.paragraphs[2]
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    bottom = number._element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "FF0000"
    header = doc.tables[0].rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    widths = [c.width.mm for c in doc.tables[0].rows[0].cells]
    assert round(sum(widths)) == 156 and widths[1] > widths[2]  # the unit names get room
    assert any(p.text == "抄送：市委办公厅。" for p in doc.paragraphs)


def test_chart_draws_chinese_without_missing_glyphs():
    from gongkai.exports.charts import group_bar_chart

    groups = [("区政府", [("新洲区人民政府", 91.5), ("江岸区人民政府", 78.0)])]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = group_bar_chart(groups, title="2025年度考评得分")
    assert png.startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert group_bar_chart(groups, title="2025年度考评得分") == png


def test_chart_font_is_the_packaged_noto_sc_not_a_system_font():
    """The font ships as a Python dependency: it is there without root or system fonts."""
    from matplotlib import font_manager

    from gongkai.exports import fonts

    path = fonts.cjk_font_path()
    assert path == str(fonts.packaged_font_path())
    assert font_manager.FontProperties(fname=path).get_name() == "Noto Sans SC"
    face = font_manager.get_font(path)
    assert all(face.get_char_index(ord(ch)) for ch in "政务公开考评通报〔〕（）：")
    assert font_manager.get_font(fonts.cjk_font_path("serif")).get_char_index(ord("政"))


def test_no_cjk_font_is_a_clear_error(monkeypatch):
    from matplotlib import font_manager

    from gongkai.exports import fonts

    monkeypatch.setattr(fonts, "packaged_font_path", lambda face="sans": None)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with pytest.raises(fonts.FontMissingError, match="pip install pylopdf-fonts-zh-cn"):
        fonts.cjk_font_path()


def test_scores_xlsx_is_deterministic():
    from openpyxl import load_workbook

    from gongkai.exports.xlsx import scores_xlsx_bytes

    result = {"units": [{"group": "区政府", "rank": 1, "unit": "新洲区人民政府", "total": 91.5,
                         "vetoed": False, "previous_total": 88, "change": 3.5,
                         "indicators": [{"code": "A1", "name": "报送及时性", "max": 15, "score": 12.5}]}],
              "groups": [{"group": "区政府", "units": 1, "mean": 91.5, "mean_change": 3.5, "ge_90": 1,
                          "ge_90_change": 1, "ge_80": 1, "ge_80_change": 0}]}
    data = scores_xlsx_bytes(result)
    assert scores_xlsx_bytes(result) == data
    ws = load_workbook(io.BytesIO(data))["得分"]
    assert [c.value for c in ws[2]] == ["区政府", 1, "新洲区人民政府", 91.5, None, 12.5, 88, 3.5]
