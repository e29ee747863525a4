"""The one text-cleaning step every reader ends with."""

from __future__ import annotations

import re

from gongkai.core.domain.text import clean_text, repair_cjk_spacing

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_SPACED = re.compile(f"[{_CJK}][ \u3000]+(?=[{_CJK}])")
# Share of CJK characters followed by a space and another CJK character above which the text
# is taken for OCR output with spaces between characters. Measured: seed/docs/20 (OCR) 0.49;
# the other 19 seed docs, 300 LawRefBook files and the gov.cn pages all <= 0.07.
OCR_SPACING_SHARE = 0.2


def clean(text: str, name: str) -> tuple[str, tuple[str, ...]]:
    """Newlines to \\n, clean_text (NFKC, CJK radicals ⺠→民, invisible characters), and the OCR
    spacing repair when the text is spaced out like OCR output. Tabs (table cells) are kept."""
    text = clean_text(_NEWLINES.sub("\n", text))
    spaced = len(_CJK_SPACED.findall(text))
    if spaced and spaced / len(_CJK_CHAR.findall(text)) >= OCR_SPACING_SHARE:
        text = "\t".join(repair_cjk_spacing(part) for part in text.split("\t"))
        return text, (f'文件 "{name}" 的汉字之间有大量空格（OCR 识别结果），已去除',)
    return text, ()
