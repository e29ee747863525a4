"""Charts for the 通报, drawn with matplotlib (Agg) in a CJK font, as deterministic PNG bytes
(no timestamp or software tag in the file, so the same data gives the same bytes)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from gongkai.exports.fonts import cjk_font_path

MAX_BARS_PER_GROUP = 30  # beyond this the chart shows the top and bottom units only


def group_bar_chart(groups: Sequence[tuple[str, Sequence[tuple[str, float]]]], *, title: str = "") -> bytes:
    """One horizontal bar panel per group: each unit's total, 80/90 lines marked."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure

    font = font_manager.FontProperties(fname=cjk_font_path())
    panels = []
    for name, rows in groups:
        rows = list(rows)
        if len(rows) > MAX_BARS_PER_GROUP:
            half = MAX_BARS_PER_GROUP // 2
            rows = rows[:half] + [("……", 0.0)] + rows[-half:]
        panels.append((name, rows))
    heights = [max(1.2, 0.32 * len(rows) + 0.8) for _, rows in panels] or [1.0]
    fig = Figure(figsize=(7.2, sum(heights) + (0.5 if title else 0.2)), dpi=110)
    axes = fig.subplots(len(panels) or 1, 1, squeeze=False, gridspec_kw={"height_ratios": heights})
    for ax, (name, rows) in zip(axes[:, 0], panels, strict=False):
        labels = [label for label, _ in rows][::-1]
        values = [value for _, value in rows][::-1]
        bars = ax.barh(range(len(values)), values, color="#b22c2c", height=0.6)
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels(labels, fontproperties=font, fontsize=8)
        ax.set_xlim(0, 105)
        for line in (80, 90):
            ax.axvline(line, color="#888888", linewidth=0.8, linestyle="--")
        for bar, value in zip(bars, values, strict=True):
            if value:
                ax.text(bar.get_width() + 0.8, bar.get_y() + bar.get_height() / 2, f"{value:g}",
                        va="center", fontsize=7, fontproperties=font)
        ax.set_title(name, fontproperties=font, fontsize=10, loc="left")
        ax.tick_params(axis="x", labelsize=7)
    if title:
        fig.suptitle(title, fontproperties=font, fontsize=12)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close("all")
    return buffer.getvalue()
