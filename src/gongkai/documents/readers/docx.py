"""Word documents (.docx) with python-docx: paragraphs and tables in document order."""

from __future__ import annotations

import io
import zipfile
import zlib

from gongkai.documents.readers.archive import check_zip_bomb, open_zip
from gongkai.documents.readers.base import ReaderError, ReadLimits, ReadResult
from gongkai.documents.readers.cleaning import clean

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
    archive = open_zip(data, name)
    check_zip_bomb(archive.infolist(), name, limits)
    if "word/document.xml" not in archive.namelist():
        raise ReaderError(
            f'文件 "{name}" 不是 Word 文档（缺少 word/document.xml）', code="unsupported", name=name
        )

    import docx  # python-docx; imported here so that text-only imports stay light
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines, warnings = _document_lines(document, name)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ReaderError(f'文件 "{name}" 已损坏或不完整', code="truncated", name=name) from exc
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReaderError(
            f'文件 "{name}" 不是有效的 Word 文档：{exc}', code="unsupported", name=name
        ) from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends from a damaged part
        if type(exc).__name__ == "XMLSyntaxError":
            raise ReaderError(
                f'文件 "{name}" 已损坏或不完整（XML 无法解析）', code="truncated", name=name
            ) from exc
        raise
    text, cleaned = clean("\n".join(lines), name)
    if not text.strip():
        raise ReaderError(f'文件 "{name}" 没有文字内容', code="empty", name=name)
    return ReadResult(text=text, kind="docx", encoding=None, warnings=tuple(warnings) + cleaned)


def _document_lines(document, name: str) -> tuple[list[str], list[str]]:  # noqa: ANN001
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    warnings = []
    body = document.element.body
    if body.xpath(".//w:txbxContent"):
        warnings.append(f'文件 "{name}" 含文本框，文本框中的文字未读取')
    return [line for line in lines if line.strip()], warnings


def _table_lines(table) -> list[str]:  # noqa: ANN001
    """One line per row, cells joined by tabs; a merged cell counts once per row."""
    from docx.table import Table

    lines = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a horizontally merged cell is repeated by python-docx
                continue
            previous = cell._tc
            parts = []
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    parts.extend(_table_lines(block))
                else:
                    parts.append(block.text)
            cells.append(" ".join(p.strip() for p in parts if p.strip()))
        lines.append("\t".join(cells).strip("\t"))
    return lines
