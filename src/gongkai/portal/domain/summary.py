"""内容概述 for the 政府信息公开目录: the first sentence(s) of the body, without the 主送机关
line (“各区人民政府，市人民政府各部门：”) that opens most 公文. Plain Python."""

from __future__ import annotations

import re

SUMMARY_CHARS = 80
_ADDRESSEES = re.compile(r"^[^。：:\n]{2,80}[：:]\s*")
_SPACE = re.compile(r"\s+")


def content_summary(body: str, limit: int = SUMMARY_CHARS) -> str:
    text = _SPACE.sub(" ", (body or "")[: limit * 6]).strip()
    if not text:
        return ""
    head = _ADDRESSEES.match(text)
    if head and ("各" in head.group(0) or "、" in head.group(0) or "，" in head.group(0)
                 or "," in head.group(0)):
        text = text[head.end():]
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = max(cut.rfind("。"), cut.rfind("；"))
    return cut[: stop + 1] if stop >= limit // 3 else cut + "…"
