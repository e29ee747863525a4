"""File readers (文件读取): bytes of a txt / md / html / docx / pdf file -> clean text.

Pure Python, no Django: the import service passes the limits in (from the settings
IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ZIP_RATIO, IMPORT_MAX_ZIP_TOTAL_BYTES) and turns a
ReaderError into a message for the user.

Rules (DESIGN.md 3.1): the encoding is detected, never assumed; every text goes through
`gongkai.core.domain.text.clean_text`; what cannot be read is an error (ReaderError with a
stable `.code`) or a warning that says how much and where. Nothing is dropped silently.

    result = read_bytes(data, "武政办〔2014〕153号.docx", limits=ReadLimits())
    result.text, result.kind, result.encoding, result.warnings, result.html
"""

from __future__ import annotations

import os
from pathlib import Path

from gongkai.ingest.readers.archive import read_zip
from gongkai.ingest.readers.base import (
    KINDS,
    ReaderError,
    ReadLimits,
    ReadResult,
    kind_for_name,
)

__all__ = [
    "KINDS",
    "ReadLimits",
    "ReadResult",
    "ReaderError",
    "kind_for_name",
    "read_bytes",
    "read_path",
    "read_zip",
]


def read_bytes(
    data: bytes,
    name: str,
    *,
    max_bytes: int | None = None,
    limits: ReadLimits | None = None,
) -> ReadResult:
    """Read one file given as bytes; `name` (its file name) decides the kind by extension.

    `max_bytes` overrides `limits.max_bytes`. Raises ReaderError (see base.ERROR_CODES).
    """
    limits = limits or ReadLimits()
    if max_bytes is not None:
        limits = limits.replace(max_bytes=max_bytes)
    kind = kind_for_name(name)
    if not data:
        raise ReaderError(f'文件 "{name}" 是空文件', code="empty", name=name)
    if len(data) > limits.max_bytes:
        raise ReaderError(
            f'文件 "{name}" 大小 {_size(len(data))}，超过上限 {_size(limits.max_bytes)}',
            code="too_large",
            name=name,
        )
    if kind in ("txt", "md"):
        from gongkai.ingest.readers.plaintext import read_plain

        return read_plain(data, name, kind)
    if kind == "html":
        from gongkai.ingest.readers.html import read_html

        return read_html(data, name)
    if kind == "docx":
        from gongkai.ingest.readers.docx import read_docx

        return read_docx(data, name, limits)
    from gongkai.ingest.readers.pdf import read_pdf

    return read_pdf(data, name)


def read_path(path: str | os.PathLike[str], *, limits: ReadLimits | None = None) -> ReadResult:
    """Read a file from disk; the size is checked before the file is read."""
    limits = limits or ReadLimits()
    path = Path(path)
    kind_for_name(path.name)  # unsupported kinds fail before any I/O
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReaderError(
            f'文件 "{path.name}" 无法打开：{exc.strerror}', code="unsupported", name=path.name
        ) from exc
    if size > limits.max_bytes:
        raise ReaderError(
            f'文件 "{path.name}" 大小 {_size(size)}，超过上限 {_size(limits.max_bytes)}',
            code="too_large",
            name=path.name,
        )
    return read_bytes(path.read_bytes(), path.name, limits=limits)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} 字节"
