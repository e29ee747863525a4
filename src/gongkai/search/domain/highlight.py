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

# The characters normalize() maps (full-width forms, the ideographic space, A–Z), each to one
# character. A body is mostly characters it leaves alone, but holds a few hundred full-width
# punctuation marks: one regex scan finds which mapped characters occur, and str.replace
# swaps each of them in C (a Python call per match cost 0.57 ms for a 5,700-character body,
# this 0.12 ms; str.translate with a mapping looks up every character, 0.8 ms). Same result.
# (normalize maps characters of the Basic Multilingual Plane only; tested on every code point.)
_FOLDS = {c: f for c in map(chr, range(0x10000)) if (f := normalize(c)) != c}
_MAPPED = re.compile("[" + "".join(re.escape(c) for c in _FOLDS) + "]")


def fold(text: str) -> str:
    """``normalize(text)``, faster on long text with few characters to map."""
    for char in set(_MAPPED.findall(text)):
        text = text.replace(char, _FOLDS[char])
    return text


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of the terms in text, longer terms first."""
    return _spans_in(fold(text), terms)


def _spans_in(haystack: str, terms: list[str]) -> list[tuple[int, int]]:
    taken = bytearray(len(haystack))
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
    haystack = fold(text)
    spans = _spans_in(haystack, terms)
    if not spans:
        return _render(text, [], 0, min(len(text), width))
    # The window starting a little before some match that holds the most matches: longer and
    # more varied matches first (the total length of the distinct matched strings), then more
    # matches. One pass: the window [i, j] slides, keeping a count of each matched string.
    keys = [haystack[s:e] for s, e in spans]  # == normalize(text[s:e]): normalize keeps offsets
    inside: dict[str, int] = {}
    distinct = 0
    best_lo, best_count = 0, -1
    j = -1
    for i, (s, _e) in enumerate(spans):
        if i:
            distinct -= _leave(inside, keys[i - 1])
        while j < i or (j + 1 < len(spans) and spans[j + 1][1] <= s + width - 10):
            j += 1
            distinct += _enter(inside, keys[j])
        count = distinct * 1000 + (j - i + 1)
        if count > best_count:
            best_count, best_lo = count, s
    lo = max(0, best_lo - 10)
    hi = min(len(text), lo + width)
    if hi - lo < width:
        lo = max(0, hi - width)
    return _render(text, spans, lo, hi)


def _enter(inside: dict[str, int], key: str) -> int:
    """Count `key` into the window; the length it adds to the distinct total."""
    inside[key] = inside.get(key, 0) + 1
    return len(key) if inside[key] == 1 else 0


def _leave(inside: dict[str, int], key: str) -> int:
    """Count `key` out of the window; the length it takes from the distinct total."""
    inside[key] -= 1
    if inside[key]:
        return 0
    del inside[key]
    return len(key)


def highlight(text: str, terms: list[str]) -> str:
    """The whole (short) text escaped, with every match marked: for titles."""
    return _render(text, find_spans(text, terms), 0, len(text))
