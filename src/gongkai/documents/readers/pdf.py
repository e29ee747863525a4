"""PDF files with pypdf: the text layer, page by page. No OCR here: a scanned PDF is refused
with code "needs_ocr", a partly scanned one is read with a warning naming the pages."""

from __future__ import annotations

import io

from gongkai.documents.readers.base import ReaderError, ReadResult
from gongkai.documents.readers.cleaning import clean


def read_pdf(data: bytes, name: str) -> ReadResult:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise ReaderError(
            f'文件 "{name}" 不是 PDF 文件（缺少 %PDF 文件头）', code="unsupported", name=name
        )
    if b"%%EOF" not in data[-4096:]:
        raise ReaderError(
            f'文件 "{name}" 不完整（缺少 PDF 结尾标记 %%EOF），可能下载或上传中断',
            code="truncated",
            name=name,
        )
    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, name, warnings)
        pages = []
        empty_pages = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if not text.strip():
                empty_pages.append(number)
            pages.append(text.strip("\n"))
    except ReaderError:
        raise
    except (DependencyError, FileNotDecryptedError) as exc:
        raise ReaderError(f'文件 "{name}" 已加密，无法读取', code="encrypted", name=name) from exc
    # pypdf raises many types on damaged input (PdfReadError, ValueError, KeyError …).
    except Exception as exc:
        raise ReaderError(
            f'文件 "{name}" 已损坏或不完整，无法读取：{exc}', code="truncated", name=name
        ) from exc
    if not pages or len(empty_pages) == len(pages):
        raise ReaderError(
            f'文件 "{name}" 没有文字层（可能是扫描件），需要先进行 OCR 文字识别',
            code="needs_ocr",
            name=name,
        )
    if empty_pages:
        listed = "、".join(str(n) for n in empty_pages[:20]) + (
            "…" if len(empty_pages) > 20 else ""
        )
        warnings.append(
            f'文件 "{name}" 第 {listed} 页没有文字层（可能是扫描页），需要 OCR，这些页的内容未读取'
        )
    text, cleaned = clean("\n".join(page for page in pages if page.strip()), name)
    return ReadResult(text=text, kind="pdf", encoding=None, warnings=tuple(warnings) + cleaned)


def _decrypt(reader, name: str, warnings: list[str]) -> None:  # noqa: ANN001
    """Many official PDFs carry only an owner password (no printing / copying): they open
    with the empty user password, so try that before giving up."""
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    try:
        result = reader.decrypt("")
    except DependencyError as exc:
        raise ReaderError(
            f'文件 "{name}" 已加密（AES），缺少解密组件 cryptography，无法读取',
            code="encrypted",
            name=name,
        ) from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise ReaderError(f'文件 "{name}" 已加密，无法读取', code="encrypted", name=name)
    warnings.append(f'文件 "{name}" 设有权限密码，已用空密码打开')
