"""The words of the 通报, composed from a run's result: pure, so every sentence can be tested
against hand-computed figures, and the HTML page and the DOCX say exactly the same thing.

Structure follows the seed bulletins (鄂政办电〔2021〕11号, 鄂政办电〔2020〕13号): opening with the
basis and scope; 一、考评结果情况 (优秀, 进步明显, averages and counts per group); 二、存在问题 (the
weakest indicators with units and examples); 三、工作要求; 落款 and date; the score table and the
chart as attachments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.domain.indicators import Indicator, IndicatorSet
from gongkai.assessment.domain.periods import period_parse, since_words
from gongkai.assessment.domain.summary import (
    GroupSummary,
    chinese_date,
    chinese_ordinal,
    fmt_number,
    group_sentence,
)


@dataclass
class BulletinContent:
    title: str
    doc_number: str
    recipients: str
    blocks: list[tuple[str, str]]
    signature: str
    date_text: str
    attachments: list[str]
    table_title: str
    table_header: list[str]
    table_rows: list[list[str]]
    chart_title: str
    chart_groups: list[tuple[str, list[tuple[str, float]]]] = field(default_factory=list)
    issuer_mark: str = ""
    copy_to: str = ""


def _summary_of(g: dict[str, Any]) -> GroupSummary:
    from decimal import Decimal

    return GroupSummary(
        group=g["group"], units=g["units"], mean=Decimal(str(g["mean"])), ge_90=g["ge_90"],
        ge_80=g["ge_80"],
        mean_change=None if g["mean_change"] is None else Decimal(str(g["mean_change"])),
        ge_90_change=g["ge_90_change"], ge_80_change=g["ge_80_change"],
        previous_ge_90=g.get("previous_ge_90"),
    )


def _example_text(item: dict[str, Any]) -> str:
    unit = item.get("unit", "")
    if item.get("kind") == "document":
        number = f"（{item['doc_number']}）" if item.get("doc_number") else ""
        if not item.get("public"):
            # The 通报 is public: a document nobody may see yet is named by its number only.
            named = item.get("doc_number") or "1件未公开文件"
            return f"{unit}{named}{item.get('detail', '')}"
        title = item.get("title", "")
        title = title if title.startswith("《") else f"《{title}》"
        return f"{unit}{title}{number}{item.get('detail', '')}"
    if item.get("kind") == "request":
        return f"{unit}依申请公开第{item.get('number')}号{item.get('detail', '')}"
    if item.get("kind") == "serial_gap":
        return f"{unit}{item.get('doc_number')}{item.get('detail', '')}"
    return f"{unit}{item.get('detail', '')}"


def since_label(period: str, previous_period: str | None) -> str:
    """"上年度" when the previous run is the year before ("上季度" for the quarter before …),
    else "上次考评"."""
    return since_words(period, previous_period)


def join_scope(parts: list[str]) -> str:
    """A, B → "A和B"; A, B, C → "A、B和C" (the opening's list of who was assessed)."""
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + "和" + parts[-1]


def _period_label(period: str) -> str:
    try:
        return period_parse(period).label
    except AssessmentError:
        return f"{period}年度"


def _summaries_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Summary groups of the result; results stored before summary groups existed summarize
    each award group."""
    return result.get("summary_groups") or [
        g | {"members": [g["group"]], "scope": g["group"], "counter": "家"} for g in result["groups"]
    ]


def names_text(spec: IndicatorSet, units: list[dict[str, Any]]) -> str:
    """Unit names as the 通报 lists them: each unit by its group's style (全称 or 简称); a suffix
    that every unit's group shares is printed once at the end (宜昌市、武汉市人民政府)."""
    groups = [spec.award_group(u["group"]) for u in units]
    suffixes = {g.suffix for g in groups}
    suffix = suffixes.pop() if len(suffixes) == 1 else ""
    names = []
    for u, g in zip(units, groups, strict=True):
        name = (u.get("short") or u["unit"]) if g.names == "short" else u["unit"]
        if suffix and name.endswith(suffix) and name != suffix:
            name = name[: -len(suffix)]
        names.append(name)
    return "、".join(names) + suffix


def _opening(result: dict[str, Any], spec: IndicatorSet) -> list[tuple[str, str]]:
    """The opening paragraph: the basis and who was assessed (对全省17个市(州)人民政府和42家省政府部门…);
    the scope lists the summary groups in the order of the award groups."""
    text = spec.bulletin
    order = [g["group"] for g in result["groups"]]
    summaries = sorted(_summaries_of(result),
                       key=lambda g: min((order.index(m) for m in g["members"] if m in order),
                                         default=len(order)))
    scope = join_scope([f"{g['units']}{g['counter']}{g['scope']}" for g in summaries])
    label = _period_label(result["period"])
    if text.opening:
        return [("paragraph", text.opening.format(scope=scope, basis=text.basis,
                                                  issuer=text.issuer, period=label))]
    basis = f"根据{text.basis}要求，" if text.basis else ""
    return [("paragraph", f"为深入推进政务公开工作，{basis}{text.issuer}对{scope}{label}政务公开"
                          f"工作开展情况进行了考评。现将有关情况通报如下。")]


def _trend(summaries: list[dict[str, Any]]) -> str:
    """政务公开整体水平进一步提升 when every summary group's average rose (有所下降 when every one
    fell); nothing when they differ or there is nothing to compare with."""
    raw = [g.get("mean_change") for g in summaries]
    if not raw or any(c is None for c in raw):
        return ""
    changes = [float(c) for c in raw if c is not None]
    if all(c > 0 for c in changes):
        return "政务公开整体水平进一步提升，"
    if all(c < 0 for c in changes):
        return "政务公开整体水平有所下降，"
    return ""


def _results_section(result: dict[str, Any], spec: IndicatorSet, number: int,
                     narrative: str) -> list[tuple[str, str]]:
    """一、考评结果情况: 优秀 per award group, 进步明显, 否决, then 总体来看 with the figures."""
    text = spec.bulletin
    blocks: list[tuple[str, str]] = [("heading", f"{chinese_ordinal(number)}、{text.results_heading}")]
    rows = {u["unit"]: u for u in result["units"]}
    awards = result["awards"]
    any_award = False
    for g in result["groups"]:
        names = awards["excellent"].get(g["group"]) or []
        if names:
            any_award = True
            group = spec.award_group(g["group"])
            template = group.excellent or text.excellent
            blocks.append(("paragraph", template.format(
                label=group.words, units=names_text(spec, [rows[n] for n in names]))))
    by_summary = awards.get("improved_by") == "summary"
    for key, names in awards["improved"].items():
        if not names:
            continue
        any_award = True
        label = key if by_summary else spec.award_group(key).words
        blocks.append(("paragraph", text.improved.format(
            label=label, units=names_text(spec, [rows[n] for n in names]))))
    if not any_award:
        blocks.append(("paragraph", "本次考评无单位达到优秀或进步明显的标准。"))
    vetoed = [u for u in result["units"] if u["vetoed"]]
    if vetoed:
        reasons = {u["unit"]: "、".join(i["name"] for i in u["indicators"] if i["vetoed"])
                   for u in vetoed}
        blocks.append(("paragraph", "实行单项否决、考评结果为不合格的单位：" + "、".join(
            f"{name}（{why}）" for name, why in reasons.items()) + "。"))
    figures = trend = ""
    if text.figures:
        summaries = _summaries_of(result)
        since = since_label(result["period"], result.get("previous_period"))
        figures = "".join(group_sentence(_summary_of(g), since=since) for g in summaries)
        trend = _trend(summaries) if figures else ""
    if narrative or figures:
        blocks.append(("paragraph", text.overview.format(narrative=narrative, trend=trend,
                                                         figures=figures)))
    return blocks


def _problems_section(result: dict[str, Any], spec: IndicatorSet,
                     number: int) -> list[tuple[str, str]]:
    """二、存在问题: the weakest indicators, the units that lost most, examples."""
    blocks: list[tuple[str, str]] = [("heading", f"{chinese_ordinal(number)}、存在问题")]
    weak = result.get("weakest") or []
    if not weak:
        blocks.append(("paragraph", "本次考评各项指标均未发现失分。"))
    descriptions = {leaf.code: leaf.description for leaf in spec.leaves()}
    for i, w in enumerate(weak, start=1):
        blocks.append(("subheading", f"（{chinese_ordinal(i)}）{w['parent']}“{w['name']}”失分较多。"))
        parts = []
        if descriptions.get(w["code"]):
            parts.append(f"该项考评{descriptions[w['code']]}，")
        parts.append(f"平均每家单位失分{fmt_number(w['average_loss'])}分，{w['units_losing']}家单位失分")
        if w["units"]:
            parts.append(f"，失分较多的有{'、'.join(w['units'])}")
        parts.append("。")
        if w["examples"]:
            parts.append("如：" + "；".join(_example_text(e) for e in w["examples"]) + "。")
        blocks.append(("paragraph", "".join(parts)))
    return blocks


def _requirements_section(spec: IndicatorSet, number: int) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = [("heading", f"{chinese_ordinal(number)}、工作要求")]
    requirements = spec.bulletin.requirements or (
        "各单位要对照本次考评发现的问题逐项整改，切实提升政务公开工作水平。",
    )
    for i, line in enumerate(requirements, start=1):
        blocks.append(("paragraph", f"（{chinese_ordinal(i)}）{line}"))
    return blocks


def compose(result: dict[str, Any], spec: IndicatorSet, *, bulletin_date: date, doc_number: str = "",
            narrative: str = "") -> BulletinContent:
    """The whole 通报: opening, the three sections, signature and date, the score table and the
    chart. `doc_number` (发文字号, entered when publishing) overrides the indicator file's;
    `narrative` is the office's own words in 总体来看."""
    period = result["period"]
    label = _period_label(period)
    text = spec.bulletin
    title = text.title or f"{text.issuer}关于{label}政务公开工作考评情况的通报"
    blocks = _opening(result, spec)
    blocks += _results_section(result, spec, 1, narrative)
    blocks += _problems_section(result, spec, 2)
    blocks += _requirements_section(spec, 3)
    header, rows = _score_table(result, spec)
    chart_groups = [
        (g["group"], [(u["unit"], float(u["total"])) for u in result["units"]
                      if u["group"] == g["group"]])
        for g in result["groups"]
    ]
    table_title = f"{label}政务公开工作考评得分表"
    chart_title = f"{label}政务公开工作考评得分情况（分组）"
    return BulletinContent(
        title=title, doc_number=doc_number or text.doc_number, recipients=text.recipients,
        blocks=blocks, signature=text.issuer,
        date_text=chinese_date(bulletin_date.year, bulletin_date.month, bulletin_date.day),
        attachments=[table_title, chart_title], table_title=table_title, table_header=header,
        table_rows=rows, chart_title=chart_title, chart_groups=chart_groups,
        issuer_mark=text.issuer_mark or text.issuer, copy_to=text.copy_to,
    )


def _score_table(result: dict[str, Any], spec: IndicatorSet) -> tuple[list[str], list[list[str]]]:
    """Attachment 1: one column per 一级 indicator with points, then the total and the rank."""
    tops = [t for t in spec.indicators if t.max_points > 0 or any(
        leaf.method == "bonus" for leaf in _leaves(t))]
    header = ["考评分组", "单位", *[f"{t.name}（{fmt_number(_cap(t))}）" for t in tops], "总分", "排名"]
    rows = []
    for u in result["units"]:
        by_parent: dict[str, float] = {}
        for ind in u["indicators"]:
            by_parent[ind["parent"]] = by_parent.get(ind["parent"], 0) + ind["score"]
        total = "否决" if u["vetoed"] else fmt_number(u["total"])
        rows.append([u["group"], u["unit"], *[fmt_number(round(by_parent.get(t.name, 0), 2))
                                              for t in tops], total, str(u["rank"])])
    return header, rows


def _leaves(node: Indicator) -> list[Indicator]:
    if node.is_leaf:
        return [node]
    out: list[Indicator] = []
    for c in node.children:
        out += _leaves(c)
    return out


def _cap(node: Indicator) -> Decimal:
    return sum((leaf.weight for leaf in _leaves(node) if leaf.method != "veto"), Decimal(0))
