"""Plain text and Markdown (.txt / .md)."""

from __future__ import annotations

from gongkai.ingest.readers.base import Kind, ReaderError, ReadResult
from gongkai.ingest.readers.cleaning import clean
from gongkai.ingest.readers.encoding import decode_text

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX"),
    (b"\xd0\xcf\x11\xe0", "Office 97-2003"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
)


def read_plain(data: bytes, name: str, kind: Kind) -> ReadResult:
    for magic, label in _MAGIC:
        if data.startswith(magic):
            raise ReaderError(
                f'文件 "{name}" 实际是 {label} 文件，不是文本文件，请检查扩展名',
                code="binary",
                name=name,
            )
    decoded = decode_text(data, name)
    text, cleaned = clean(decoded.text, name)
    if not text.strip():
        raise ReaderError(f'文件 "{name}" 没有文字内容', code="empty", name=name)
    return ReadResult(
        text=text, kind=kind, encoding=decoded.encoding, warnings=decoded.warnings + cleaned
    )
