"""One file-name policy for everything stored (uploads on the web, the API, `gongkai import`).

The name a person gave a file is metadata, never a path: stored files get a generated name
(content hash + a safe extension), so a 100-character Chinese name (300 bytes, over the
255-byte limit of most file systems), ``../`` or a NUL byte can neither crash the write nor
leave the storage folder. The original name is kept — cleaned, as shown — on the attachment
and offered as the download name.
"""

from __future__ import annotations

import re
import unicodedata

MAX_DISPLAY_CHARS = 200
_EXT = re.compile(r"\.([A-Za-z0-9]{1,10})$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def display_name(original: str, *, fallback: str = "未命名文件") -> str:
    """The original name as shown and downloaded: the last path part only (zip members and
    Windows paths too), without control characters, at most 200 characters, the extension
    kept when it is cut."""
    name = unicodedata.normalize("NFC", original or "")
    name = _CONTROL.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip().strip(".")
    if not name:
        return fallback
    if len(name) > MAX_DISPLAY_CHARS:
        ext = safe_extension(name)
        name = name[: MAX_DISPLAY_CHARS - len(ext)].rstrip() + ext
    return name


def safe_extension(name: str) -> str:
    """".docx" for "通知.DOCX"; "" when the name has no plain ASCII extension."""
    match = _EXT.search(name or "")
    return f".{match.group(1).lower()}" if match else ""


def stored_name(digest: str, original: str) -> str:
    """The name on disk: the content hash (already the folder) and the extension."""
    return f"{digest[:16]}{safe_extension(original)}"
