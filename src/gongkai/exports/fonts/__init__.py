"""Locating the CJK font charts are drawn with.

The project installs Debian's fonts-noto-cjk (`apt-get install -y fonts-noto-cjk`; .ci/run does);
matplotlib finds it through its font manager. Without a CJK font, Chinese would come out as
boxes, so we refuse with a message that says how to install one.
"""

from __future__ import annotations

from gongkai.core.errors import GongkaiError

# Preferred families, best first: the Noto CJK fonts Debian ships, then common alternatives.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans CJK JP", "Noto Sans SC",
    "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "SimHei", "Microsoft YaHei", "PingFang SC",
)

INSTALL_HINT = (
    "未找到中文（CJK）字体，图表会显示为方框。请安装：apt-get install -y fonts-noto-cjk"
    "（Debian/Ubuntu），然后删除 matplotlib 字体缓存（~/.cache/matplotlib）后重试。"
)


class FontMissingError(GongkaiError):
    code = "font_missing"


def cjk_font_path() -> str:
    """Path of an installed CJK font file matplotlib can use; FontMissingError if none."""
    from matplotlib import font_manager

    by_name: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        by_name.setdefault(entry.name, entry.fname)
    for family in CJK_FAMILIES:
        if family in by_name:
            return by_name[family]
    # A font installed after matplotlib built its cache: look at the files themselves.
    for path in sorted(font_manager.findSystemFonts()):
        lowered = path.lower()
        if "notosanscjk" in lowered.replace("-", "") or "wqy" in lowered:
            font_manager.fontManager.addfont(path)
            return path
    raise FontMissingError(INSTALL_HINT, field="font")
