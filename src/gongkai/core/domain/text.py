"""Text cleaning shared by readers, metadata extraction and search (pure Python).

Text copied out of PDFs and OCR arrives with compatibility characters (Kangxi radicals such as
``⼈`` U+2F08, full-width digits ``２０１４``) and with spaces between every Chinese character
(``进 的 管 理 模 式``). Matching rules (发文字号, dates, unit names) are written for the plain
forms, so every input passes through :func:`clean_text` first.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# CJK Radicals Supplement (U+2E80–U+2EF3) has no NFKC decomposition for most characters, yet
# PDF text layers emit them in place of ordinary characters (⺠ for 民, ⻓ for 长). Each radical
# is mapped to the ideograph it stands for; component-only shapes map to their usual character.
RADICAL_MAP: dict[str, str] = {
    "\u2e80": "冫", "\u2e81": "厂", "\u2e82": "乛", "\u2e83": "乚", "\u2e84": "乙",
    "\u2e85": "亻", "\u2e86": "冂", "\u2e87": "几", "\u2e88": "刀", "\u2e89": "刂",
    "\u2e8a": "卜", "\u2e8b": "㔾", "\u2e8c": "小", "\u2e8d": "小", "\u2e8e": "兀",
    "\u2e8f": "尣", "\u2e90": "尢", "\u2e91": "尢", "\u2e92": "巳", "\u2e93": "幺",
    "\u2e94": "彐", "\u2e95": "彐", "\u2e96": "忄", "\u2e97": "心", "\u2e98": "扌",
    "\u2e99": "攵", "\u2e9b": "旡", "\u2e9c": "日", "\u2e9d": "月", "\u2e9e": "歹",
    "\u2e9f": "母", "\u2ea0": "民", "\u2ea1": "氵", "\u2ea2": "氺", "\u2ea3": "灬",
    "\u2ea4": "爫", "\u2ea5": "爫", "\u2ea6": "丬", "\u2ea7": "牛", "\u2ea8": "犭",
    "\u2ea9": "王", "\u2eaa": "疋", "\u2eab": "罒", "\u2eac": "示", "\u2ead": "礻",
    "\u2eae": "竹", "\u2eaf": "糸", "\u2eb0": "纟", "\u2eb1": "罒", "\u2eb2": "罒",
    "\u2eb3": "罒", "\u2eb4": "罒", "\u2eb5": "罒", "\u2eb6": "羊", "\u2eb7": "羊",
    "\u2eb8": "羊", "\u2eb9": "耂", "\u2eba": "聿", "\u2ebb": "聿", "\u2ebc": "月",
    "\u2ebd": "臼", "\u2ebe": "艹", "\u2ebf": "艹", "\u2ec0": "艹", "\u2ec1": "虎",
    "\u2ec2": "衤", "\u2ec3": "西", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角",
    "\u2ec7": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车",
    "\u2ecc": "辶", "\u2ecd": "辶", "\u2ece": "辶", "\u2ecf": "阝", "\u2ed0": "钅",
    "\u2ed1": "長", "\u2ed2": "長", "\u2ed3": "长", "\u2ed4": "门", "\u2ed5": "阜",
    "\u2ed6": "阝", "\u2ed7": "雨", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页",
    "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ede": "食", "\u2edf": "食",
    "\u2ee0": "饣", "\u2ee1": "首", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼",
    "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄",
    "\u2eea": "黾", "\u2eeb": "斉", "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿",
    "\u2eef": "竜", "\u2ef0": "龙", "\u2ef1": "龜", "\u2ef2": "亀", "\u2ef3": "龟",
}
# Invisible characters that break matching (BOM / zero-width space, joiners, soft hyphen) are
# removed by _INVISIBLE_RE below.

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK punctuation and the full-width forms NFKC leaves alone: 、。〈〉《》「」『』【】〔〕〖〗“”‘’…—
_CJK_PUNCT = r"\u3000-\u303f\u2018\u2019\u201c\u201d\u2026\u2014\uff01-\uff0f\uff1a-\uff20"
_CJK_OR_PUNCT = f"[{_CJK}{_CJK_PUNCT}]"
_SPACES = r"[ \t\u3000\u00a0]+"
_CJK_SPACE_CJK = re.compile(f"(?<={_CJK_OR_PUNCT}){_SPACES}(?={_CJK_OR_PUNCT})")
# NFKC turns （，：；？！ into ASCII; in Chinese the space after such a mark is noise too.
_ASCII_PUNCT = r"[(),.:;?!]"
_PUNCT_SPACE_CJK = re.compile(f"(?<={_ASCII_PUNCT}){_SPACES}(?={_CJK_OR_PUNCT})")
_CJK_SPACE_PUNCT = re.compile(f"(?<={_CJK_OR_PUNCT}){_SPACES}(?={_ASCII_PUNCT})")
# Single digits split apart by OCR ("1 0条", "2 6个") are rejoined when a CJK unit follows.
_SPLIT_DIGITS = re.compile(f"(?<!\\d)\\d(?: \\d)+(?={_CJK_OR_PUNCT})")


_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_RADICAL_RE = re.compile("[\u2e80-\u2ef3]")


@functools.cache
def _nfkc_pattern() -> re.Pattern[str]:
    """Runs of characters that NFKC changes, and base + combining-mark sequences.

    Normalising only these is the same as NFKC on the whole text (checked on the corpus) and
    about three times faster on Chinese text, where NFKC would decompose and recompose every
    ideograph. Built on first use (~50 ms), not at import.
    """
    changed: list[str] = []
    marks: list[str] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch):
            marks.append(ch)
        elif unicodedata.normalize("NFKC", ch) != ch:
            changed.append(ch)

    def char_class(chars: list[str]) -> str:
        ranges: list[list[int]] = []
        for cp in map(ord, chars):
            if ranges and cp == ranges[-1][1] + 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
        return "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in ranges
        )

    return re.compile(
        f"[{char_class(changed)}\U00010000-\U0010FFFF]+|.[{char_class(marks)}]+", re.S
    )


def _nfkc(text: str) -> str:
    if unicodedata.is_normalized("NFKC", text):
        return text
    return _nfkc_pattern().sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def clean_text(text: str) -> str:
    """NFKC, CJK radicals → ideographs, no invisible characters, ``\\n`` line ends.

    NFKC also folds full-width digits, letters and punctuation (``２０１４`` → ``2014``,
    ``（`` → ``(``, ``，`` → ``,``), which is what the matching rules expect; use
    :func:`to_cjk_punctuation` to give a title its Chinese punctuation back for display.
    OCR spacing is not repaired here (joint issuers are separated by spaces): readers call
    :func:`repair_cjk_spacing` when :func:`looks_ocr_spaced` says so.
    """
    if not text:
        return ""
    text = _INVISIBLE_RE.sub("", text)
    text = _nfkc(text)
    text = _RADICAL_RE.sub(lambda m: RADICAL_MAP.get(m.group(0), m.group(0)), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_SPACED_PAIR = re.compile("[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
_CJK_ANY = re.compile("[\u4e00-\u9fff]")


def looks_ocr_spaced(text: str, threshold: float = 0.15) -> bool:
    """True when spaces separate Chinese characters often enough to be OCR debris.

    Ordinary text has a few (``国务院办公厅 国家发展改革委``); OCR output such as seed 20
    has one after a large share of its characters.
    """
    sample = text[:20000]
    cjk = len(_CJK_ANY.findall(sample))
    return cjk >= 20 and len(_SPACED_PAIR.findall(sample)) / cjk >= threshold


def repair_cjk_spacing(text: str) -> str:
    """Remove the spaces OCR puts between Chinese characters, keep those between Latin words.

    ``进 的 管 理 模 式`` → ``进的管理模式``; ``( 十堰 市 局 王 杰 )`` → ``(十堰市局王杰)``;
    ``Open Data 2019`` is left alone. Line breaks are kept: they carry structure.
    """
    text = _CJK_SPACE_CJK.sub("", text)
    text = _PUNCT_SPACE_CJK.sub("", text)
    text = _CJK_SPACE_PUNCT.sub("", text)
    # Numbers between Chinese characters: "共 1 0 条" → "共10条" (digits glued to CJK only).
    text = re.sub(f"(?<={_CJK_OR_PUNCT}) +(?=\\d)", "", text)
    text = re.sub(f"(?<=\\d) +(?={_CJK_OR_PUNCT})", "", text)
    text = _SPLIT_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)
    return text


_PAREN_PAIR = re.compile(r"\(([^()\n]*)\)")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_LONE_PUNCT = re.compile(f"(?<=[{_CJK}])[,:;?!]|[,:;?!](?=[{_CJK}])")


def to_cjk_punctuation(text: str) -> str:
    """Give Chinese text back the full-width punctuation NFKC folded away.

    A pair ``( … )`` becomes ``（ … ）`` when it encloses or touches a Chinese character
    (``规划(2018—2035年)`` → ``规划（2018—2035年）``); ``,:;?!`` next to a Chinese character
    become ``，：；？！``. Latin text and numbers such as ``1,000`` keep ASCII.
    """

    def pair(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if _CJK_CHAR.search(m.group(1)) or _CJK_CHAR.match(before) or _CJK_CHAR.match(after):
            return f"（{m.group(1)}）"
        return m.group(0)

    text = _PAREN_PAIR.sub(pair, text)
    return _LONE_PUNCT.sub(lambda m: _FULLWIDTH[m.group(0)], text)
