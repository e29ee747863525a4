"""Types shared by the readers: the result, the limits, the error."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from gongkai.core.errors import GongkaiError

Kind = Literal["txt", "md", "html", "docx", "pdf"]
KINDS: tuple[str, ...] = ("txt", "md", "html", "docx", "pdf")

EXTENSIONS: dict[str, Kind] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

# Formats people do send, with the advice the error should give.
_UNSUPPORTED_HINTS = {
    ".doc": "旧版 Word (.doc) 格式不支持，请另存为 .docx",
    ".wps": "WPS 文字 (.wps) 格式不支持，请另存为 .docx",
    ".rtf": "RTF 格式不支持，请另存为 .docx",
    ".ofd": "OFD 版式文件不支持，请另存为 PDF",
    ".zip": "压缩包请用批量导入",
    ".xls": "旧版 Excel (.xls) 表格不是可导入的公文格式，请另存为 PDF 或 .docx",
    ".xlsx": "Excel 表格不是可导入的公文格式，请另存为 PDF 或 .docx",
    ".et": "WPS 表格 (.et) 不是可导入的公文格式，请另存为 PDF 或 .docx",
    ".ppt": "旧版 PowerPoint (.ppt) 格式不支持，请另存为 PDF",
    ".dps": "WPS 演示 (.dps) 格式不支持，请另存为 PDF",
}

ERROR_CODES = (
    "empty",  # no bytes, or no text at all
    "binary",  # a "text" file that is binary (NUL bytes, control characters)
    "too_large",  # over ReadLimits.max_bytes (a file, or a member of a zip)
    "truncated",  # a damaged or cut-off docx / pdf / zip
    "encrypted",  # password-protected pdf / docx / zip member
    "zip_bomb",  # declared sizes absurd for the compressed size, or over max_zip_total
    "unsupported",  # extension or content this reader does not handle
    "undecodable",  # no encoding reads the text without losing more than a few bytes
    "needs_ocr",  # a pdf without a text layer (scanned): it needs OCR first
    "unsafe_path",  # a zip member named /abs, C:\\, ../.. or a symlink
)


class ReaderError(GongkaiError):
    """A file that cannot be read. `code` is one of ERROR_CODES; `name` is the file
    (for a zip member: "archive.zip/member.pdf"); the message is Chinese and names it."""

    code = "reader"

    def __init__(self, message: str, *, code: str, name: str):
        assert code in ERROR_CODES, code
        super().__init__(message, code=code, field=name)
        self.name = name


@dataclass(frozen=True)
class ReadResult:
    text: str
    kind: Kind
    encoding: str | None = None  # the codec the bytes were decoded with (txt / md / html)
    warnings: tuple[str, ...] = ()
    html: str | None = None  # the decoded HTML, for metadata extraction from its tables


@dataclass(frozen=True)
class ReadLimits:
    """Limits against oversized input and zip bombs. The Django side builds this from
    settings IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ZIP_RATIO, IMPORT_MAX_ZIP_TOTAL_BYTES."""

    max_bytes: int = 50 * 1024 * 1024
    max_zip_ratio: int = 100
    max_zip_total: int = 500 * 1024 * 1024
    max_zip_members: int = 10_000
    # Below this many uncompressed bytes a high ratio is harmless (a short, repetitive XML
    # part of a DOCX can compress 200:1); the ratio rule applies above it.
    zip_ratio_floor: int = 1024 * 1024

    def replace(self, **changes: int) -> ReadLimits:
        return dataclasses.replace(self, **changes)


def kind_for_name(name: str) -> Kind:
    """The kind of file by its extension; ReaderError "unsupported" otherwise."""
    dot = name.rfind(".")
    ext = name[dot:].lower() if dot >= 0 else ""
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    hint = _UNSUPPORTED_HINTS.get(ext, "支持的格式：txt、md、html、docx、pdf")
    raise ReaderError(f'文件 "{name}" 的格式无法读取：{hint}', code="unsupported", name=name)
