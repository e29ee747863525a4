"""ZIP containers: the zip-bomb check (used for DOCX too) and `read_zip` for archives of
documents. Everything is decided from the central directory (zipfile.infolist) BEFORE any
member is decompressed; zipfile never inflates a member beyond its declared size (it stops and
fails the CRC), so checking the declared sizes bounds the work.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Iterator

from gongkai.ingest.readers.base import ReaderError, ReadLimits

_UTF8_NAME_FLAG = 0x800  # general purpose bit 11: the name is UTF-8
_ENCRYPTED_FLAG = 0x1
_JUNK_PREFIXES = ("__MACOSX/",)
_JUNK_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as exc:  # "zip file version 20.2": damaged or multi-disk
        raise ReaderError(
            f'文件 "{name}" 的 ZIP 格式不受支持或已损坏', code="unsupported", name=name
        ) from exc
    # zipfile raises these on damaged central directories and headers
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise ReaderError(
            f'文件 "{name}" 已损坏或不完整（ZIP 结构无法读取）', code="truncated", name=name
        ) from exc


def check_zip_bomb(infos: list[zipfile.ZipInfo], name: str, limits: ReadLimits) -> None:
    """Refuse archives whose declared uncompressed sizes are absurd (ratio or total)."""
    if len(infos) > limits.max_zip_members:
        raise ReaderError(
            f'文件 "{name}" 含 {len(infos)} 个成员，超过上限 {limits.max_zip_members}',
            code="zip_bomb",
            name=name,
        )
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.max_zip_total:
        raise ReaderError(
            f'文件 "{name}" 解压后共 {total} 字节，超过上限 {limits.max_zip_total} 字节，疑似压缩炸弹',
            code="zip_bomb",
            name=name,
        )
    if total > limits.zip_ratio_floor and total > limits.max_zip_ratio * max(packed, 1):
        raise ReaderError(
            f'文件 "{name}" 压缩比 {total / max(packed, 1):.0f}:1，超过上限 {limits.max_zip_ratio}:1，'
            f"疑似压缩炸弹",
            code="zip_bomb",
            name=name,
        )
    for info in infos:
        if info.file_size > limits.zip_ratio_floor and info.file_size > limits.max_zip_ratio * max(
            info.compress_size, 1
        ):
            raise ReaderError(
                f'文件 "{name}" 中的 "{info.filename}" 压缩比 '
                f"{info.file_size / max(info.compress_size, 1):.0f}:1，超过上限 "
                f"{limits.max_zip_ratio}:1，疑似压缩炸弹",
                code="zip_bomb",
                name=name,
            )


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name. Without flag bit 11 zipfile decodes names as cp437; archives made
    on Chinese Windows store GBK there, so re-encode to the raw bytes and try UTF-8 (tools
    that forget the flag), then GB18030."""
    if info.flag_bits & _UTF8_NAME_FLAG:
        return info.filename
    try:
        raw = info.orig_filename.encode("cp437")
    except UnicodeEncodeError:  # zipfile was given another metadata_encoding
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.orig_filename


def _safe_path(member: str, info: zipfile.ZipInfo, name: str) -> str:
    path = member.replace("\\", "/")
    parts = path.split("/")
    mode = info.external_attr >> 16
    reason = None
    if "\x00" in path:
        reason = "名称含 NUL 字符"
    elif path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        reason = "使用绝对路径"
    elif ".." in parts:
        reason = '路径含 ".."，指向压缩包之外'
    elif stat.S_ISLNK(mode):
        reason = "是符号链接"
    if reason:
        raise ReaderError(
            f'文件 "{name}" 中的成员 "{member}" {reason}，拒绝导入',
            code="unsafe_path",
            name=f"{name}/{member}",
        )
    return "/".join(part for part in parts if part not in ("", "."))


def _is_junk(path: str) -> bool:
    base = path.rsplit("/", 1)[-1]
    return path.startswith(_JUNK_PREFIXES) or base.startswith("._") or base in _JUNK_NAMES


def read_zip(
    data: bytes, name: str, *, limits: ReadLimits | None = None
) -> Iterator[tuple[str, bytes]]:
    """Yield (member path, bytes) of every file in a .zip archive of documents.

    The whole archive is checked when this is called (sizes, ratio, encryption, paths);
    members are inflated one at a time as the iterator is consumed. Directories and OS junk
    (__MACOSX/, ._*, .DS_Store, Thumbs.db) are skipped. Nested archives are yielded as they are:
    a caller that opens them must call read_zip again (with the same limits).
    """
    limits = limits or ReadLimits()
    if not data:
        raise ReaderError(f'文件 "{name}" 是空文件', code="empty", name=name)
    if len(data) > limits.max_zip_total:
        raise ReaderError(
            f'文件 "{name}" 大小 {len(data)} 字节，超过上限 {limits.max_zip_total} 字节',
            code="too_large",
            name=name,
        )
    archive = open_zip(data, name)
    infos = archive.infolist()
    check_zip_bomb(infos, name, limits)
    members: list[tuple[str, zipfile.ZipInfo]] = []
    for info in infos:
        member = member_name(info)
        if info.is_dir() or member.endswith(("/", "\\")):
            continue
        path = _safe_path(member, info, name)
        if _is_junk(path):
            continue
        if info.flag_bits & _ENCRYPTED_FLAG:
            raise ReaderError(
                f'文件 "{name}" 中的 "{path}" 已加密，无法读取',
                code="encrypted",
                name=f"{name}/{path}",
            )
        if info.file_size > limits.max_bytes:
            raise ReaderError(
                f'文件 "{name}" 中的 "{path}" 大小 {info.file_size} 字节，超过上限 {limits.max_bytes} 字节',
                code="too_large",
                name=f"{name}/{path}",
            )
        members.append((path, info))
    return _inflate(archive, members, name)


def _inflate(
    archive: zipfile.ZipFile, members: list[tuple[str, zipfile.ZipInfo]], name: str
) -> Iterator[tuple[str, bytes]]:
    with archive:
        for path, info in members:
            try:
                with archive.open(info) as stream:
                    content = stream.read(info.file_size + 1)
            except NotImplementedError as exc:
                raise ReaderError(
                    f'文件 "{name}" 中的 "{path}" 使用了不支持的压缩方法',
                    code="unsupported",
                    name=f"{name}/{path}",
                ) from exc
            # a damaged local header: negative seek (ValueError), a name that differs from the
            # central directory's (UnicodeDecodeError / BadZipFile), bad data (zlib, CRC)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
                raise ReaderError(
                    f'文件 "{name}" 中的 "{path}" 已损坏或不完整',
                    code="truncated",
                    name=f"{name}/{path}",
                ) from exc
            yield path, content
