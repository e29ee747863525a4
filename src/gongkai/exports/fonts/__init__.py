"""The CJK font charts (and any image with Chinese text) are drawn with.

The font ships as a Python dependency: `pylopdf-fonts-zh-cn` carries Noto Sans SC and Noto Serif
SC (SIL Open Font License 1.1, from the Noto CJK project), so a fresh `pip install` has it on any
machine, without root and without system fonts. Using the packaged file first (rather than
whatever the system has) also makes a chart's bytes the same on every machine.

If the package is missing or broken, an installed system CJK font is used; without either,
Chinese would come out as boxes, so we refuse with a message that says how to install one.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.core.errors import GongkaiError

# System fonts accepted when the packaged one is unavailable, best first.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans SC", "Noto Sans CJK JP",
    "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "SimHei", "Microsoft YaHei", "PingFang SC",
)

INSTALL_HINT = (
    "未找到中文（CJK）字体，图表会显示为方框。字体随依赖包 pylopdf-fonts-zh-cn 安装："
    "请运行 .venv/bin/pip install pylopdf-fonts-zh-cn（或重新运行 make install）后重试。"
)


class FontMissingError(GongkaiError):
    code = "font_missing"


def packaged_font_path(face: str = "sans") -> Path | None:
    """The Noto SC font file shipped by the pylopdf-fonts-zh-cn package, or None."""
    try:
        import pylopdf_fonts_zh_cn as fonts
    except ImportError:
        return None
    path = Path(fonts.serif_path() if face == "serif" else fonts.sans_path())
    return path if path.is_file() and path.stat().st_size > 0 else None


def _system_font_path() -> str | None:
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
    return None


def cjk_font_path(face: str = "sans") -> str:
    """Path of a CJK font file matplotlib can draw with; FontMissingError if there is none."""
    packaged = packaged_font_path(face)
    if packaged is not None:
        return str(packaged)
    system = _system_font_path()
    if system is not None:
        return system
    raise FontMissingError(INSTALL_HINT, field="font")
