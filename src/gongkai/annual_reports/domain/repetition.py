"""How much of this year's report text repeats last year's (a known deduction: reports that
copy more than half of the previous year's text).

Method: both texts are reduced to their CJK characters and letters (punctuation, spaces and
layout dropped, every digit run made "0" so "2024年…12件" and "2025年…15件" still count as the
same sentence); a character of this year's text counts as repeated when it lies inside a run
of at least `SHINGLE` characters that also occurs in last year's text. The share is repeated
characters / all characters. A long common run is a copied sentence; a short one (a set phrase
such as 政府信息公开) is not, which is why the run must be long.
"""

from __future__ import annotations

import re
import unicodedata

SHINGLE = 14  # characters: longer than any set phrase of the form, shorter than a sentence
LIMIT = 0.5  # above this share the report counts as copied
_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z0-9]+")
_DIGITS = re.compile(r"[0-9]+")


def _reduce(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return _DIGITS.sub("0", "".join(_KEEP.findall(text)))


def repeated_share(text: str, previous: str, *, shingle: int = SHINGLE) -> float | None:
    """Share (0–1) of `text` repeated from `previous`; None when `text` has no characters."""
    cur, old = _reduce(text), _reduce(previous)
    if not cur:
        return None
    if len(cur) < shingle or len(old) < shingle:
        return 0.0
    seen = {old[i:i + shingle] for i in range(len(old) - shingle + 1)}
    covered = bytearray(len(cur))
    for i in range(len(cur) - shingle + 1):
        if cur[i:i + shingle] in seen:
            covered[i:i + shingle] = b"\x01" * shingle
    return sum(covered) / len(cur)
