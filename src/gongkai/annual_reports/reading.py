"""Files of published annual reports → the layout `domain.reader` reads (text lines and table
rows, in document order). PDF through pdfplumber (ruled tables keep their blank and merged
cells; text outside the tables page by page, page numbers dropped), DOCX through its XML
(w:tbl rows, vertical-merge continuations marked), HTML through selectolax (<table> rows), plain
text as it is. The encoding of text and HTML files is detected by the ingest readers.

No Django here either: the command and the services call `report_read(name, data)`.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from gongkai.annual_reports.domain.errors import AnnualReportError
from gongkai.annual_reports.domain.reader import (
    Block,
    ReadReport,
    Row,
    layout_read,
    strip_page_furniture,
)

KINDS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "txt", ".md": "txt"}
MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 200


def report_read(name: str, data: bytes) -> ReadReport:
    """Read one report file; AnnualReportError (naming the file) when it cannot be read."""
    kind = KINDS.get(Path(name).suffix.lower())
    if kind is None:
        raise AnnualReportError(
            f"文件“{name}”的类型不支持：请提供 PDF、DOCX、HTML 或 TXT 格式的年度报告", field="file")
    if not data:
        raise AnnualReportError(f"文件“{name}”是空文件", field="file")
    if len(data) > MAX_BYTES:
        raise AnnualReportError(f"文件“{name}”超过 50 MB，不予读取", field="file")
    blocks = {"pdf": pdf_blocks, "docx": docx_blocks, "html": html_blocks, "txt": text_blocks}[kind](name, data)
    if not any((b.strip() if isinstance(b, str) else any(c for c in b.cells if c)) for b in blocks):
        raise AnnualReportError(f"文件“{name}”没有可读取的文字", field="file")
    return layout_read(blocks, file_name=Path(name).name)


# -- PDF --------------------------------------------------------------------------------------


def _cell(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def pdf_blocks(name: str, data: bytes) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    if b"%PDF-" not in data[:1024]:
        raise AnnualReportError(f"文件“{name}”不是 PDF 文件（缺少 %PDF 文件头）", field="file")
    pages: list[list[Block]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise AnnualReportError(f"文件“{name}”有 {len(pdf.pages)} 页，超过 {MAX_PAGES} 页上限",
                                        field="file")
            texts = _pdfium_texts(data)
            for index, page in enumerate(pdf.pages):
                text = texts[index] if texts is not None and index < len(texts) else None
                if text is not None and not _TABLE_WORDS.search(re.sub(r"\s+", "", text)):
                    # a page of prose: PDFium's text is enough, and far faster than pdfminer
                    pages.append([line for line in text.splitlines() if line.strip()])
                else:
                    pages.append(_pdf_page(page))
    except AnnualReportError:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError, OSError) as exc:
        raise AnnualReportError(f"文件“{name}”已损坏或已加密，无法读取：{exc}", field="file") from exc
    except Exception as exc:  # pdfminer raises many types on damaged input
        raise AnnualReportError(f"文件“{name}”无法读取：{exc}", field="file") from exc
    if not any(pages_ for pages_ in pages):
        raise AnnualReportError(f"文件“{name}”没有文字层（可能是扫描件），需要先进行 OCR 文字识别",
                                field="file")
    return strip_page_furniture(pages)


_TABLE_WORDS = re.compile(r"信息内容|本年制发|处理决定数量|本年新收|上年结转|办理结果|结转下年度|申请人情况|"
                          r"结果维持|结果纠正|尚未审结|复议后起诉|直接起诉|予以公开|不予公开|无法提供|不予处理|其他处理|总计")


def _pdfium_texts(data: bytes) -> list[str] | None:
    """Each page's text through PDFium (C++), to tell prose pages from table pages; None when
    PDFium cannot open the file (pdfminer then reads every page)."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
        try:
            return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
        finally:
            doc.close()
    except Exception:  # noqa: BLE001  (any failure here only costs speed)
        return None


def _pdf_page(page) -> list[Block]:  # noqa: ANN001
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    blocks: list[Block] = []
    top = 0.0

    def text_between(y0: float, y1: float) -> None:
        if y1 - y0 < 1:
            return
        region = page.crop((0, max(0.0, y0), page.width, min(page.height, y1)), strict=False)
        text = region.extract_text() or ""
        blocks.extend(line for line in text.splitlines() if line.strip())

    for table in tables:
        x0, t_top, x1, t_bottom = table.bbox
        text_between(top, t_top)
        for row in table.extract():
            cells = tuple(_cell(c) for c in row)
            if any(c is not None for c in cells):
                blocks.append(Row(cells))
        top = max(top, t_bottom)
    text_between(top, page.height)
    return blocks


# -- DOCX -------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_blocks(name: str, data: bytes) -> list[Block]:
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > MAX_BYTES:
                raise AnnualReportError(f"文件“{name}”解压后过大，不予读取", field="file")
            xml = z.read(info)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise AnnualReportError(f"文件“{name}”不是有效的 DOCX 文件", field="file") from exc
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise AnnualReportError(f"文件“{name}”的正文已损坏：{exc}", field="file") from exc
    body = root.find(f"{_W}body")
    blocks: list[Block] = []
    if body is None:
        return blocks
    for child in body.iter(f"{_W}p", f"{_W}tbl"):
        if child.tag == f"{_W}tbl":
            if _inside(child, f"{_W}tbl"):
                continue
            for tr in child.iter(f"{_W}tr"):
                if _nearest(tr, f"{_W}tbl") is not child:
                    continue
                cells: list[str | None] = []
                for tc in tr.findall(f"{_W}tc"):
                    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                    if merge is not None and merge.get(f"{_W}val") in (None, "continue"):
                        cells.append(None)
                        continue
                    cells.append(" ".join("".join(t.text or "" for t in p.iter(f"{_W}t"))
                                          for p in tc.iter(f"{_W}p")).strip())
                blocks.append(Row(tuple(cells)))
        elif not _inside(child, f"{_W}tbl"):
            text = "".join(t.text or "" for t in child.iter(f"{_W}t"))
            if text.strip():
                blocks.append(text)
    return blocks


def _nearest(element, tag: str):  # noqa: ANN001
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _inside(element, tag: str) -> bool:  # noqa: ANN001
    return _nearest(element, tag) is not None


# -- HTML and text ----------------------------------------------------------------------------


def html_blocks(name: str, data: bytes) -> list[Block]:
    from selectolax.lexbor import LexborHTMLParser

    from gongkai.ingest.readers.base import ReaderError
    from gongkai.ingest.readers.html import html_text, read_html

    try:
        decoded = read_html(data, name).html or ""
    except ReaderError as exc:
        raise AnnualReportError(str(exc), field="file") from exc
    tree = LexborHTMLParser(decoded)
    tables: list[list[Row]] = []
    for table in tree.css("table"):
        if table.parent is not None and any(p.tag == "table" for p in _ancestors(table)):
            continue
        rows = []
        for tr in table.css("tr"):
            cells = tuple(" ".join((td.text(separator=" ") or "").split())
                          for td in tr.iter() if td.tag in ("td", "th"))
            if cells:
                rows.append(Row(cells))
        tables.append(rows)
        table.replace_with(f"\n@@TABLE{len(tables) - 1}@@\n")
    root = tree.root
    text = html_text(root) if root is not None else ""
    blocks: list[Block] = []
    for line in text.splitlines():
        marker = line.strip()
        if marker.startswith("@@TABLE") and marker.endswith("@@"):
            blocks.extend(tables[int(marker[7:-2])])
        elif marker:
            blocks.append(line)
    return blocks


def _ancestors(node):  # noqa: ANN001
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def text_blocks(name: str, data: bytes) -> list[Block]:
    from gongkai.ingest.readers.base import ReaderError
    from gongkai.ingest.readers.encoding import decode_text

    try:
        decoded = decode_text(data, name)
    except ReaderError as exc:
        raise AnnualReportError(str(exc), field="file") from exc
    # a form feed separates pages in text dumped from PDFs (pdftotext)
    pages = [[line for line in page.splitlines() if line.strip()] for page in decoded.text.split("\f")]
    return strip_page_furniture(pages)
