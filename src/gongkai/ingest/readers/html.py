"""HTML pages (.html / .htm): decode the bytes ourselves, then text from the lexbor tree.

selectolax ignores <meta charset> when given bytes, so the charset is taken from the BOM, then
<meta charset> / <meta http-equiv content="...; charset=">, then detection. Block elements
become line breaks, table cells are separated by a tab, script/style/head are dropped.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gongkai.ingest.domain.markup import cap_nesting
from gongkai.ingest.readers.base import ReaderError, ReadResult
from gongkai.ingest.readers.cleaning import clean
from gongkai.ingest.readers.encoding import decode_text

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")

_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav "
    "ol p pre section summary table tbody thead tfoot tr ul html".split()
)
_CELL = frozenset(("td", "th"))
_SKIP = frozenset(
    "head script style noscript template iframe object embed svg math select button "
    "-comment".split()
)
_SPACES = re.compile(r"[ \t\n\r\f]+")
_LINE_SPACES = re.compile(r"[ \t]*\n[ \t]*")
_CELL_SPACES = re.compile(r" *\t *")


def read_html(data: bytes, name: str) -> ReadResult:
    match = _XML_ENCODING.match(data[:200]) or _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii") if match else None
    decoded = decode_text(data, name, declared=declared)
    tree = LexborHTMLParser(cap_nesting(decoded.text))
    root = tree.root
    text = html_text(root) if root is not None else ""
    text, cleaned = clean(text, name)
    if not text.strip():
        raise ReaderError(f'文件 "{name}" 没有文字内容', code="empty", name=name)
    return ReadResult(
        text=text,
        kind="html",
        encoding=decoded.encoding,
        warnings=decoded.warnings + cleaned,
        html=decoded.text,
    )


def html_text(root: LexborNode) -> str:
    """Visible text of the tree: one line per block, cells joined by tabs."""
    parts: list[str] = []
    pre_depth = 0
    # (node, closing): iterative, so deeply nested pages cannot exhaust the stack.
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag or ""
        if closing:
            if tag == "pre":
                pre_depth -= 1
            if tag in _BLOCK:
                parts.append("\n")
            elif tag in _CELL:
                parts.append("\t")
            continue
        if tag == "-text":
            content = node.text_content or ""
            parts.append(content if pre_depth else _SPACES.sub(" ", content))
            continue
        if tag in _SKIP:
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag in _BLOCK:
            parts.append("\n")
        if tag == "pre":
            pre_depth += 1
        stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    text = _CELL_SPACES.sub("\t", "".join(parts).replace("\xa0", " "))
    lines = (line.strip(" \t") for line in _LINE_SPACES.sub("\n", text).split("\n"))
    return "\n".join(line for line in lines if line)
