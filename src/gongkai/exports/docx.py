"""DOCX writer in 公文 layout (GB/T 9704-2012 党政机关公文格式), deterministic bytes.

Layout: A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (版心 156 × 225 mm).
版头: the 发文机关标志 in red 方正小标宋简体, centred; the 发文字号 centred below it; the red
separator line (版心 wide) under both; the title two lines below, in 方正小标宋简体
2号 (22 pt) centred; body in 仿宋_GB2312 3号 (16 pt), exact line spacing 28.95 pt (22 lines a
page), first line indented two characters; first-level headings "一、" in 黑体, second-level
"（一）" in 楷体_GB2312; 落款 and 成文日期 at the right; page numbers "— 1 —" in 宋体 4号 at the
foot. 附件说明 after the 正文; 附件 each on a new page, score tables with columns proportioned to
their text and the header row repeated on every page; 版记 (抄送, 印发机关 and 印发日期 between
black lines) after the last 附件. GB/T 9704 puts the 版记 at the foot of the last even page;
here it follows the last text (Word users move it with a page break if they need to). Fonts are named as 公文 names them; Word substitutes when a machine lacks them.

The same OfficialDocument gives the same bytes: core properties carry the document's own date
and the zip entries a fixed timestamp (exports.ziputil).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT  # noqa: F401  (kept for landscape appendices)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.exports.ziputil import normalize_zip

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
TABLE_SIZE = Pt(10.5)  # 五号, for the appendix table
LINE = Pt(28.95)


@dataclass
class Appendix:
    title: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    image_png: bytes | None = None
    note: str = ""


@dataclass
class OfficialDocument:
    """A 公文 as blocks: kind is paragraph | heading | subheading | table (the payload of a
    table is its rows, lists of cell texts, the first row printed bold as the header)."""

    title: str
    recipients: str
    blocks: list[tuple[str, Any]]
    signature: str
    date_text: str
    doc_number: str = ""
    attachments_list: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    stamp: datetime = datetime(2000, 1, 1)  # the document's own date, for core properties
    issuer_mark: str = ""  # 发文机关标志; default: the signature
    copy_to: str = ""  # 抄送机关 (版记); none → no 抄送 line
    printer: str = ""  # 印发机关 (版记); default: the signature
    print_date: str = ""  # 印发日期 (版记); default: the 成文日期


RED = "FF0000"
TEXT_WIDTH_MM = 156  # 版心 width
MARK_SIZE = Pt(30)

def _font(run, name: str, size) -> None:
    run.font.name = LATIN_FONT
    run.font.size = size
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _paragraph(doc, text: str, *, font=BODY_FONT, size=SIZE_3, align=None, indent_chars=2,
               right_chars=0, bold=False, line=LINE, space_before=0):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(size.pt * indent_chars)
    if right_chars:
        fmt.right_indent = Pt(size.pt * right_chars)
    if align is not None:
        p.alignment = align
    run = p.add_run(text)
    run.bold = bold
    _font(run, font, size)
    return p


def _page_number_footer(section) -> None:
    """— PAGE — centred in 宋体 4号 (GB/T 9704 puts it at the outer edge; centred is common)."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field_code in (("— ", None), (None, "PAGE"), (" —", None)):
        run = p.add_run()
        _font(run, PAGE_NUMBER_FONT, SIZE_4)
        if field_code is None:
            run.text = text
            continue
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = field_code
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        run._element.append(begin)
        run._element.append(instr)
        run._element.append(end)


def _border(paragraph, side: str, *, size_eighths: int, color: str = "000000") -> None:
    """A line along the paragraph (版心 wide): the red separator, the 版记 lines."""
    ppr = paragraph._element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    borders.append(line)


def _letterhead(doc, spec: OfficialDocument) -> None:
    """版头: red 发文机关标志, 发文字号, red separator line; then two blank lines before the title."""
    from docx.shared import RGBColor

    mark = _paragraph(doc, spec.issuer_mark or spec.signature, font=TITLE_FONT, size=MARK_SIZE,
                      align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0, line=Pt(48))
    mark.runs[0].font.color.rgb = RGBColor.from_string(RED)
    _paragraph(doc, "", indent_chars=0)
    number = _paragraph(doc, spec.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0)
    _border(number, "bottom", size_eighths=12, color=RED)  # the red separator (about 0.5 mm)
    _paragraph(doc, "", indent_chars=0)
    _paragraph(doc, "", indent_chars=0)


def _imprint(doc, spec: OfficialDocument) -> None:
    """版记: 抄送 and 印发机关/印发日期 between a thick first and last line, a thin one between."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    _paragraph(doc, "", indent_chars=0)
    lines = []
    if spec.copy_to:
        lines.append(_paragraph(doc, f"抄送：{spec.copy_to.rstrip('。')}。", size=SIZE_4,
                                indent_chars=1, right_chars=1, line=Pt(24)))
    printer = spec.printer or spec.signature
    date_text = spec.print_date or spec.date_text
    last = _paragraph(doc, f"{printer}\t{date_text}印发", size=SIZE_4, indent_chars=0, line=Pt(24))
    last.paragraph_format.left_indent = Pt(SIZE_4.pt)
    last.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(SIZE_4.pt * 2),
                                                 WD_TAB_ALIGNMENT.RIGHT)
    lines.append(last)
    _border(lines[0], "top", size_eighths=8)  # 0.35 mm
    if len(lines) > 1:
        _border(lines[0], "bottom", size_eighths=4)  # 0.25 mm between 抄送 and 印发
    _border(last, "bottom", size_eighths=8)


def column_widths(header: list[str], rows: list[list[str]], *, total_mm: float = TEXT_WIDTH_MM,
                  min_mm: float = 12) -> list[float]:
    """Widths proportioned to the longest text of each column (CJK counts double), at least
    min_mm, summing to the 版心 width: the unit names get room, the score columns stay narrow."""
    def length(text) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(text))

    longest = [max([length(h)] + [length(r[i]) for r in rows if i < len(r)]) for i, h in enumerate(header)]
    longest = [min(max(n, 4), 40) for n in longest]
    scale = total_mm / sum(longest)
    widths = [max(min_mm, n * scale) for n in longest]
    shrink = total_mm / sum(widths)
    return [round(w * shrink, 2) for w in widths]


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        trpr.append(el)


def _cell_text(cell, text: str, *, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = align
    run = p.add_run(text)
    run.bold = bold
    _font(run, HEADING_FONT if bold else BODY_FONT, TABLE_SIZE)


def _inline_table(doc, rows: list[list[str]]) -> None:
    """A ruled table inside the body (the tables of an annual report)."""
    if not rows:
        return
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate(rows):
        cells = table.add_row().cells
        for j, cell in enumerate(cells):
            text = str(row[j]) if j < len(row) else ""
            _cell_text(cell, text, bold=i == 0,
                       align=WD_ALIGN_PARAGRAPH.LEFT if j == 0 else WD_ALIGN_PARAGRAPH.CENTER)


def official_docx_bytes(doc_spec: OfficialDocument) -> bytes:
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28 - 7)
    _page_number_footer(section)

    _letterhead(doc, doc_spec)
    _paragraph(doc, doc_spec.title, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent_chars=0, line=Pt(35))
    _paragraph(doc, "", indent_chars=0)  # the blank line between title and 主送机关
    _paragraph(doc, doc_spec.recipients, indent_chars=0)
    for kind, text in doc_spec.blocks:
        if kind == "heading":
            _paragraph(doc, text, font=HEADING_FONT)
        elif kind == "subheading":
            _paragraph(doc, text, font=SUBHEADING_FONT)
        elif kind == "table":
            _inline_table(doc, text)
        else:
            _paragraph(doc, text)
    if doc_spec.attachments_list:
        _paragraph(doc, "", indent_chars=0)
        for i, name in enumerate(doc_spec.attachments_list, start=1):
            label = "附件：" if i == 1 else "　　　"
            number = f"{i}．" if len(doc_spec.attachments_list) > 1 else ""
            _paragraph(doc, f"{label}{number}{name}")
    _paragraph(doc, "", indent_chars=0)
    _paragraph(doc, "", indent_chars=0)
    _paragraph(doc, doc_spec.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent_chars=0,
               right_chars=4)
    _paragraph(doc, doc_spec.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent_chars=0,
               right_chars=4)

    for i, appendix in enumerate(doc_spec.appendices, start=1):
        brk = doc.add_paragraph().add_run()
        brk.add_break(WD_BREAK.PAGE)
        label = "附件" if len(doc_spec.appendices) == 1 else f"附件{i}"
        _paragraph(doc, label, font=HEADING_FONT, indent_chars=0)
        _paragraph(doc, appendix.title, font=TITLE_FONT, size=SIZE_2,
                   align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0, line=Pt(35), space_before=6)
        if appendix.image_png:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run().add_picture(io.BytesIO(appendix.image_png), width=Mm(150))
        if appendix.header:
            table = doc.add_table(rows=1, cols=len(appendix.header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            widths = [Mm(w) for w in column_widths(appendix.header, appendix.rows)]
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width  # the grid LibreOffice reads; cells carry Word's widths
            _repeat_header(table.rows[0])
            for cell, text, width in zip(table.rows[0].cells, appendix.header, widths, strict=True):
                _cell_text(cell, text, bold=True)
                cell.width = width
            for row in appendix.rows:
                cells = table.add_row().cells
                for j, (cell, text) in enumerate(zip(cells, row, strict=True)):
                    _cell_text(cell, str(text),
                               align=WD_ALIGN_PARAGRAPH.LEFT if j == 1 else WD_ALIGN_PARAGRAPH.CENTER)
                    cell.width = widths[j]
        if appendix.note:
            _paragraph(doc, appendix.note, size=TABLE_SIZE, indent_chars=0, line=Pt(18))

    _imprint(doc, doc_spec)

    props = doc.core_properties
    props.title = doc_spec.title
    props.author = doc_spec.signature
    props.last_modified_by = doc_spec.signature
    props.created = props.modified = props.last_printed = doc_spec.stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue(), stamp=doc_spec.stamp)
