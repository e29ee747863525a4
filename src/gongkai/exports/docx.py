"""DOCX writer in 公文 layout (GB/T 9704-2012 党政机关公文格式), deterministic bytes.

Layout: A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; title in 方正小标宋简体
2号 (22 pt) centred; body in 仿宋_GB2312 3号 (16 pt), exact line spacing 28.95 pt (22 lines a
page), first line indented two characters; first-level headings "一、" in 黑体, second-level
"（一）" in 楷体_GB2312; 落款 and 成文日期 at the right; page numbers "— 1 —" in 宋体 4号 at the
foot. Fonts are named as 公文 names them; Word substitutes when a machine lacks them.

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

    _paragraph(doc, doc_spec.title, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent_chars=0, line=Pt(35))
    if doc_spec.doc_number:
        _paragraph(doc, doc_spec.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0)
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
            for cell, text in zip(table.rows[0].cells, appendix.header, strict=True):
                _cell_text(cell, text, bold=True)
            for row in appendix.rows:
                cells = table.add_row().cells
                for j, (cell, text) in enumerate(zip(cells, row, strict=True)):
                    _cell_text(cell, str(text),
                               align=WD_ALIGN_PARAGRAPH.LEFT if j == 1 else WD_ALIGN_PARAGRAPH.CENTER)
        if appendix.note:
            _paragraph(doc, appendix.note, size=TABLE_SIZE, indent_chars=0, line=Pt(18))

    props = doc.core_properties
    props.title = doc_spec.title
    props.author = doc_spec.signature
    props.last_modified_by = doc_spec.signature
    props.created = props.modified = props.last_printed = doc_spec.stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue(), stamp=doc_spec.stamp)
