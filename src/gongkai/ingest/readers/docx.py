"""Word documents (.docx): opened with python-docx, paragraphs, tables, content controls and
text boxes read in document order from the body XML."""

from __future__ import annotations

import io
import zipfile
import zlib

from gongkai.ingest.readers.archive import check_zip_bomb, open_zip
from gongkai.ingest.readers.base import ReaderError, ReadLimits, ReadResult
from gongkai.ingest.readers.cleaning import clean

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A password-protected .docx is an OLE compound file holding an "EncryptedPackage" stream.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def read_docx(data: bytes, name: str, limits: ReadLimits) -> ReadResult:
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise ReaderError(f'文件 "{name}" 已加密，无法读取', code="encrypted", name=name)
        raise ReaderError(
            f'文件 "{name}" 是旧版 Word (.doc) 格式，请另存为 .docx 后上传',
            code="unsupported",
            name=name,
        )
    if not data.startswith(b"PK"):
        raise ReaderError(
            f'文件 "{name}" 不是 DOCX 文件（内容不是 ZIP 格式）', code="unsupported", name=name
        )
    with open_zip(data, name) as archive:
        check_zip_bomb(archive.infolist(), name, limits)
        names = archive.namelist()
    if "word/document.xml" not in names:
        raise ReaderError(
            f'文件 "{name}" 不是 Word 文档（缺少 word/document.xml）', code="unsupported", name=name
        )

    import docx  # python-docx; imported here so that text-only imports stay light
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        lines, warnings = _document_lines(document, name)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ReaderError(f'文件 "{name}" 已损坏或不完整', code="truncated", name=name) from exc
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReaderError(
            f'文件 "{name}" 不是有效的 Word 文档：{exc}', code="unsupported", name=name
        ) from exc
    except XMLSyntaxError as exc:
        raise ReaderError(
            f'文件 "{name}" 已损坏或不完整（XML 无法解析）', code="truncated", name=name
        ) from exc
    text, cleaned = clean("\n".join(lines), name)
    if not text.strip():
        raise ReaderError(f'文件 "{name}" 没有文字内容', code="empty", name=name)
    return ReadResult(text=text, kind="docx", encoding=None, warnings=tuple(warnings) + cleaned)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    _W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent")
)
_TEXTBOX = _W + "txbxContent"
_CHARACTERS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# Containers whose children are read as if they stood in their place.
_TRANSPARENT = frozenset(_W + t for t in ("sdtContent", "customXml", "ins", "moveTo", "smartTag"))
# Not text of the document: deleted / moved-away runs, properties, the VML copy of a
# drawing that mc:Choice already holds, field instructions.
_SKIP = frozenset(
    [
        *(_W + t for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "instrText")),
        _MC + "Fallback",
    ]
)


def _document_lines(document, name: str) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """Walk the body XML rather than python-docx's Paragraph/Table objects: those skip content
    controls (w:sdt), tracked insertions (w:ins) and text boxes, which would drop text silently."""
    lines = _block_lines(document.element.body)
    return [line for line in lines if line.strip()], []


def _block_lines(container) -> list[str]:  # noqa: ANN001
    lines: list[str] = []
    for child in container:
        tag = child.tag
        if tag == _P:
            textboxes: list[str] = []
            lines.append(_paragraph_text(child, textboxes))
            lines.extend(textboxes)
        elif tag == _TBL:
            lines.extend(_table_lines(child))
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                lines.extend(_block_lines(content))
        elif tag in _TRANSPARENT:
            lines.extend(_block_lines(child))
    return lines


def _paragraph_text(paragraph, textboxes: list[str]) -> str:  # noqa: ANN001
    """The paragraph's runs in order; text boxes anchored in it go to `textboxes` (as lines
    after the paragraph) instead of being spliced into its middle."""
    parts: list[str] = []
    stack = list(reversed(paragraph))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue  # comments / processing instructions have a non-str tag
        if tag == _TEXTBOX:
            textboxes.extend(_block_lines(node))
            continue
        if tag == _W + "t":
            parts.append(node.text or "")
        elif tag in _CHARACTERS:
            parts.append(_CHARACTERS[tag])
        else:
            stack.extend(reversed(node))
    return "".join(parts)


def _table_lines(table) -> list[str]:  # noqa: ANN001
    """One line per row, cells joined by tabs. A horizontally merged cell is one w:tc; the
    continuation of a vertical merge is an empty cell."""
    lines = []
    for row in _children(table, _TR):
        cells = []
        for cell in _children(row, _TC):
            parts = [line.strip() for line in _block_lines(cell)]
            cells.append(" ".join(part for part in parts if part))
        lines.append("\t".join(cells).strip("\t"))
    return lines


def _children(element, tag: str) -> list:  # noqa: ANN001
    """Direct children with `tag`, looking through content controls and custom XML."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                found.extend(_children(content, tag))
        elif child.tag in _TRANSPARENT:
            found.extend(_children(child, tag))
    return found
