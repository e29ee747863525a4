"""PDF files with pypdf: the text layer, page by page. No OCR here: a scanned PDF is refused
with code "needs_ocr", a partly scanned one is read with a warning naming the pages."""

from __future__ import annotations

import io

from gongkai.ingest.readers.base import ReaderError, ReadResult
from gongkai.ingest.readers.cleaning import clean


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
        pages = [(page.extract_text() or "").strip("\n") for page in reader.pages]
    except ReaderError:
        raise
    except (DependencyError, FileNotDecryptedError) as exc:
        raise ReaderError(f'文件 "{name}" 已加密，无法读取', code="encrypted", name=name) from exc
    # pypdf raises many types on damaged input (PdfReadError, ValueError, KeyError …).
    except Exception as exc:
        raise ReaderError(
            f'文件 "{name}" 已损坏或不完整，无法读取：{exc}', code="truncated", name=name
        ) from exc
    empty = [n for n, text in enumerate(pages, start=1) if not text.strip()]
    garbled = [n for n, text in enumerate(pages, start=1) if text.strip() and is_garbled(text)]
    if not pages or len(empty) == len(pages):
        raise ReaderError(
            f'文件 "{name}" 没有文字层（可能是扫描件），需要先进行 OCR 文字识别',
            code="needs_ocr",
            name=name,
        )
    if len(empty) + len(garbled) == len(pages):
        raise ReaderError(
            f'文件 "{name}" 的文字层无法解码（字体缺少字符映射，复制出来是乱码），需要 OCR 文字识别',
            code="needs_ocr",
            name=name,
        )
    if empty:
        warnings.append(
            f'文件 "{name}" 第 {_pages(empty)} 页没有文字层（可能是扫描页），需要 OCR，'
            f"这些页的内容未读取"
        )
    if garbled:
        warnings.append(
            f'文件 "{name}" 第 {_pages(garbled)} 页的文字层无法解码（乱码），需要 OCR，'
            f"这些页的内容未读取"
        )
    unread = set(empty) | set(garbled)
    kept = (text for n, text in enumerate(pages, start=1) if n not in unread)
    text, cleaned = clean("\n".join(kept), name)
    return ReadResult(text=text, kind="pdf", encoding=None, warnings=tuple(warnings) + cleaned)


_GARBLED_SHARE = 0.3


def is_garbled(text: str) -> bool:
    """A text layer whose fonts lack a ToUnicode map extracts as private-use characters,
    U+FFFD or control characters; above 30 % of the visible characters the page is unreadable."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    bad = sum(
        1
        for ch in visible
        if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0
    )
    return bad / len(visible) > _GARBLED_SHARE


def _pages(numbers: list[int]) -> str:
    listed = "、".join(str(n) for n in numbers[:20])
    return listed + ("…" if len(numbers) > 20 else "")


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
