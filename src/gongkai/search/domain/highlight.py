"""Snippets with <mark> around the matches, built on the original text (plain Python).

The index holds segmented tokens, not the text, so the highlighter works on the document
itself: it looks for the query's terms (each group's joined text, then its tokens) in the
normalised text — normalisation keeps every offset — picks the window with the most matches,
escapes everything and wraps the matches in <mark>…</mark>.
"""

from __future__ import annotations

import html
import re

from gongkai.search.domain.segment import normalize

SNIPPET_CHARS = 120
MAX_SPANS = 2000

# The characters normalize() maps (full-width forms, the ideographic space, A–Z), found by one
# regex scan: a body is mostly characters it leaves alone, and str.translate with a mapping
# looks up every character (0.8 → 0.2 ms for a 1,000-character body). Same result.
# (normalize maps characters of the Basic Multilingual Plane only; tested on every code point.)
_MAPPED = re.compile("[" + "".join(
    re.escape(chr(c)) for c in range(0x10000) if normalize(chr(c)) != chr(c)) + "]")


def fold(text: str) -> str:
    """``normalize(text)``, faster on long text with few characters to map."""
    return _MAPPED.sub(lambda m: normalize(m.group()), text)


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of the terms in text, longer terms first."""
    haystack = fold(text)
    taken = bytearray(len(text))
    spans: list[tuple[int, int]] = []
    for term in sorted({normalize(t) for t in terms if t}, key=len, reverse=True):
        start = haystack.find(term)
        while start != -1 and len(spans) < MAX_SPANS:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = b"\x01" * (end - start)
            start = haystack.find(term, end)
    spans.sort()
    return spans


def _render(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    out = ["…" if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:hi]))
    if hi < len(text):
        out.append("…")
    return "".join(out)


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """Escaped HTML of the best window of `text` (about `width` characters)."""
    text = " ".join(text.split())
    if not text:
        return ""
    spans = find_spans(text, terms)
    if not spans:
        return _render(text, [], 0, min(len(text), width))
    # The window starting a little before some match that holds the most matches.
    best_lo, best_count = 0, -1
    j = 0
    for i, (s, _e) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= s + width - 10:
            j += 1
        # Longer and more varied matches first, then more matches.
        distinct = sum(len(t) for t in {normalize(text[a:b]) for a, b in spans[i:j + 1]})
        count = distinct * 1000 + (j - i + 1)
        if count > best_count:
            best_count, best_lo = count, s
    lo = max(0, best_lo - 10)
    hi = min(len(text), lo + width)
    if hi - lo < width:
        lo = max(0, hi - width)
    return _render(text, spans, lo, hi)


def highlight(text: str, terms: list[str]) -> str:
    """The whole (short) text escaped, with every match marked: for titles."""
    return _render(text, find_spans(text, terms), 0, len(text))
