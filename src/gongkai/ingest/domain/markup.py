"""Bounding HTML before a parser sees it.

HTML parsers (lexbor included) take time quadratic in the nesting depth: a 1 MB page of
100,000 nested ``<div>`` takes more than a minute. No real page nests more than a few dozen
elements, so tags deeper than ``MAX_DEPTH`` are dropped (their text is kept) in one linear
pass, and everything after it is linear in the input.
"""

from __future__ import annotations

import re

MAX_DEPTH = 256

# `[^<>]*` (not `[^>]*`): a "<a<a<a…" run without any ">" cannot make each match scan to the end.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})([^<>]{0,4000})>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def cap_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with every tag beyond ``max_depth`` open elements removed (text kept).

    Depth is counted from the tags as written (an unclosed ``<p>`` counts), so a malformed
    page is flattened a little early — its text is never lost."""
    if html.count("<") <= max_depth:
        return html  # cannot nest deeper than it has tags
    out: list[str] = []
    depth = 0
    last = 0
    for match in _TAG.finditer(html):
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or rest.endswith("/"):
            continue
        if closing:
            drop = depth > max_depth
            depth = max(depth - 1, 0)
        else:
            depth += 1
            drop = depth > max_depth
        if drop:
            out.append(html[last : match.start()])
            last = match.end()
    if not out:
        return html
    out.append(html[last:])
    return "".join(out)
