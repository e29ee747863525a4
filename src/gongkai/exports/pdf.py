"""PDF of a 公文 (the 通报) with the font embedded, so it reads the same on any machine.

Drawn with reportlab from the same OfficialDocument the DOCX writer takes: red 发文机关标志 and
separator line, 发文字号, title, 主送, 正文, 附件说明, 署名 and 成文日期, then each 附件 on a new
page (score tables repeat their header row on every page), the 版记, page numbers "— n —".
reportlab embeds TrueType outlines only. The packaged Noto Sans SC (pylopdf-fonts-zh-cn) has
PostScript (CFF) outlines, so it is subset once to GB 2312 (plus ASCII and 公文 punctuation) and
converted to TrueType outlines with fontTools (``_packaged_truetype``); the result is cached in
the user's cache folder (``~/.cache/gongkai/fonts``), so every machine embeds the same font.
"""

from __future__ import annotations

import io

from gongkai.exports.docx import OfficialDocument, column_widths
from gongkai.exports.fonts import FontMissingError

FONT_NAME = "GongkaiCJK"


def _embeddable(path: str) -> bool:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        TTFont("probe", path, subfontIndex=0) if path.lower().endswith(".ttc") else TTFont("probe", path)
    except (TTFError, OSError):
        return False
    return True


_PUNCTUATION = "〔〕〇—…“”‘’《》（）、，。：；！？【】·"


def _gb2312_text() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)} | set(_PUNCTUATION)
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(chars))


def _packaged_truetype() -> str | None:
    """The packaged CFF font as a TrueType-outline subset reportlab can embed (built once)."""
    import os
    from pathlib import Path

    try:
        import pylopdf_fonts_zh_cn
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    source = Path(pylopdf_fonts_zh_cn.__file__).parent / "NotoSansSC-Regular.otf"
    if not source.exists():  # pragma: no cover
        return None
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongkai" / "fonts"
    target = cache / f"NotoSansSC-GB2312-{source.stat().st_size}.ttf"
    if target.exists() and _embeddable(str(target)):
        return str(target)
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=_gb2312_text())
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:  # cubic (CFF) → quadratic (TrueType) outlines
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    font.save(str(partial))
    os.replace(partial, target)  # atomic: a concurrent builder never sees half a font
    return str(target) if _embeddable(str(target)) else None


def pdf_font_path() -> str:
    """A CJK font reportlab can embed: the font exports.fonts resolves when it has TrueType
    outlines; else the packaged font converted to TrueType outlines (cached); else an installed
    TrueType CJK font (WenQuanYi Zen Hei, Droid Sans Fallback); else FontMissingError."""
    from matplotlib import font_manager

    from gongkai.exports.fonts import cjk_font_path

    try:
        first = cjk_font_path()
    except FontMissingError:
        first = ""
    if first and _embeddable(first):
        return first
    converted = _packaged_truetype()
    if converted:
        return converted
    for path in sorted(font_manager.findSystemFonts()):
        lowered = path.lower()
        if ("wqy-zenhei" in lowered or "droidsansfallback" in lowered) and _embeddable(path):
            return path
    raise FontMissingError(
        f"没有可嵌入 PDF 的中文字体（{first or '未找到中文字体'} 为 PostScript 轮廓，reportlab 只能嵌入"
        " TrueType 轮廓）：请安装 apt-get install -y fonts-wqy-zenhei", field="font")


def _register(font_path: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return
    try:
        font = TTFont(FONT_NAME, font_path, subfontIndex=0) if font_path.lower().endswith(".ttc") \
            else TTFont(FONT_NAME, font_path)
    except TTFError as exc:
        raise FontMissingError(
            f"字体 {font_path} 无法嵌入 PDF（{exc}）：需要 TrueType 轮廓的中文字体，"
            "如 apt-get install -y fonts-wqy-zenhei", field="font") from None
    pdfmetrics.registerFont(font)


def official_pdf_bytes(spec: OfficialDocument, *, font_path: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        HRFlowable,
        Image,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    _register(font_path)
    body = ParagraphStyle("body", fontName=FONT_NAME, fontSize=16, leading=28.95, firstLineIndent=32,
                          wordWrap="CJK")
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    heading = ParagraphStyle("heading", parent=body)
    title = ParagraphStyle("title", parent=body, fontSize=22, leading=35, alignment=TA_CENTER,
                           firstLineIndent=0)
    mark = ParagraphStyle("mark", parent=title, fontSize=30, leading=48, textColor=colors.red)
    center = ParagraphStyle("center", parent=plain, alignment=TA_CENTER)
    right = ParagraphStyle("right", parent=plain, alignment=TA_RIGHT, rightIndent=64)
    small = ParagraphStyle("small", parent=plain, fontSize=10.5, leading=14)
    cell = ParagraphStyle("cell", parent=small, alignment=TA_CENTER)
    imprint = ParagraphStyle("imprint", parent=plain, fontSize=14, leading=24, leftIndent=14)

    def esc(text: str) -> str:
        return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    story: list = [Paragraph(esc(spec.issuer_mark or spec.signature), mark), Spacer(1, 14)]
    if spec.doc_number:
        story.append(Paragraph(esc(spec.doc_number), center))
    story += [HRFlowable(width="100%", thickness=1.4, color=colors.red, spaceBefore=2, spaceAfter=40),
              Paragraph(esc(spec.title), title), Spacer(1, 28), Paragraph(esc(spec.recipients), plain)]
    for kind, text in spec.blocks:
        story.append(Paragraph(esc(text), heading if kind != "paragraph" else body))
    if spec.attachments_list:
        story.append(Spacer(1, 28))
        for i, name in enumerate(spec.attachments_list, start=1):
            label = "附件：" if i == 1 else "　　　"
            number = f"{i}．" if len(spec.attachments_list) > 1 else ""
            story.append(Paragraph(esc(f"{label}{number}{name}"), body))
    story += [Spacer(1, 56), Paragraph(esc(spec.signature), right), Paragraph(esc(spec.date_text), right)]
    for i, appendix in enumerate(spec.appendices, start=1):
        story += [PageBreak(), Paragraph("附件" if len(spec.appendices) == 1 else f"附件{i}", plain),
                  Paragraph(esc(appendix.title), title), Spacer(1, 8)]
        if appendix.image_png:
            story.append(Image(io.BytesIO(appendix.image_png), width=150 * mm, height=90 * mm,
                               kind="proportional"))
        if appendix.header:
            data = [[Paragraph(esc(h), cell) for h in appendix.header]] + [
                [Paragraph(esc(v), cell) for v in row] for row in appendix.rows]
            widths = [w * mm for w in column_widths(appendix.header, appendix.rows)]
            table = Table(data, colWidths=widths, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story.append(table)
        if appendix.note:
            story.append(Paragraph(esc(appendix.note), small))
    story += [Spacer(1, 28), HRFlowable(width="100%", thickness=1, color=colors.black)]
    if spec.copy_to:
        story += [Paragraph(esc(f"抄送：{spec.copy_to.rstrip('。')}。"), imprint),
                  HRFlowable(width="100%", thickness=0.7, color=colors.black)]
    printer = spec.printer or spec.signature
    story += [Table([[Paragraph(esc(printer), imprint),
                      Paragraph(esc(f"{spec.print_date or spec.date_text}印发"),
                                ParagraphStyle("r", parent=imprint, alignment=TA_RIGHT))]],
                    colWidths=[78 * mm, 78 * mm]),
              HRFlowable(width="100%", thickness=1, color=colors.black)]

    def page_number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT_NAME, 14)
        canvas.drawCentredString(A4[0] / 2, 21 * mm, f"— {doc.page} —")
        canvas.restoreState()

    buffer = io.BytesIO()
    stamp = spec.stamp.strftime("%Y%m%d%H%M%S")
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm,
                            leftMargin=28 * mm, rightMargin=26 * mm, title=spec.title,
                            author=spec.signature, creator="gongkai", invariant=1)
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    data = buffer.getvalue()
    return data.replace(b"D:20000101000000", f"D:{stamp}".encode()) if stamp else data
