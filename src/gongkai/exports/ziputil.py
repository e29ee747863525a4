"""Byte-identical Office files: rewrite a zip with fixed entry timestamps and fixed
docProps/core.xml dates, so the same content always gives the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_DATE = re.compile(
    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)"
)


def normalize_zip(data: bytes, *, stamp: datetime) -> bytes:
    """Same entries in the same order, each with FIXED_ZIP_TIME; core.xml dates set to stamp."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _CORE_DATE.sub(lambda m: m.group(1) + iso + m.group(3), blob)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, blob)
    return out.getvalue()
