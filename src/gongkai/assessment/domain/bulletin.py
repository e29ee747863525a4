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

from gongkai.assessment.domain.indicators import IndicatorSet
from gongkai.assessment.domain.summary import (
    GroupSummary,
    award_sentence,
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


def _summary_of(g: dict) -> GroupSummary:
    from decimal import Decimal

    return GroupSummary(
        group=g["group"], units=g["units"], mean=Decimal(str(g["mean"])), ge_90=g["ge_90"],
        ge_80=g["ge_80"],
        mean_change=None if g["mean_change"] is None else Decimal(str(g["mean_change"])),
        ge_90_change=g["ge_90_change"], ge_80_change=g["ge_80_change"],
        previous_ge_90=g.get("previous_ge_90"),
    )


def _example_text(item: dict) -> str:
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
    """"上年度" when the previous run is the year before, else "上次考评"."""
    if previous_period and str(previous_period).isdigit() and str(period).isdigit() and (
        int(previous_period) == int(period) - 1
    ):
        return "上年度"
    return "上次考评"


def compose(result: dict, spec: IndicatorSet, *, bulletin_date: date) -> BulletinContent:
    period = result["period"]
    text = spec.bulletin
    title = text.title or f"{text.issuer}关于{period}年度政务公开工作考评情况的通报"
    groups = result["groups"]
    since = since_label(period, result.get("previous_period"))
    blocks: list[tuple[str, str]] = []

    scope = "、".join(f"{g['group']}{g['units']}家" for g in groups)
    total_units = sum(g["units"] for g in groups)
    basis = f"根据{text.basis}要求，" if text.basis else ""
    blocks.append(("paragraph", f"为深入推进政务公开工作，{basis}{text.issuer}对{total_units}家单位"
                                f"（{scope}）{period}年度政务公开工作开展情况进行了考评。"
                                f"现将有关情况通报如下。"))

    blocks.append(("heading", "一、考评结果情况"))
    excellent = result["awards"]["excellent"]
    improved = result["awards"]["improved"]
    any_award = False
    for g in groups:
        names = excellent.get(g["group"]) or []
        if names:
            any_award = True
            blocks.append(("paragraph", award_sentence("excellent", g["group"], names)))
    for g in groups:
        names = improved.get(g["group"]) or []
        if names:
            any_award = True
            blocks.append(("paragraph", award_sentence("improved", g["group"], names)))
    if not any_award:
        blocks.append(("paragraph", "本次考评无单位达到优秀或进步明显的标准。"))
    vetoed = [u for u in result["units"] if u["vetoed"]]
    if vetoed:
        reasons = {}
        for u in vetoed:
            reasons[u["unit"]] = "、".join(i["name"] for i in u["indicators"] if i["vetoed"])
        blocks.append(("paragraph", "实行单项否决、考评结果为不合格的单位：" + "、".join(
            f"{name}（{why}）" for name, why in reasons.items()) + "。"))
    sentences = [group_sentence(_summary_of(g), since=since) for g in groups]
    lead = "从得分情况看，"
    if sentences:
        blocks.append(("paragraph", lead + sentences[0]))
        for sentence in sentences[1:]:
            blocks.append(("paragraph", sentence))

    blocks.append(("heading", "二、存在问题"))
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

    blocks.append(("heading", "三、工作要求"))
    requirements = text.requirements or (
        "各单位要对照本次考评发现的问题逐项整改，切实提升政务公开工作水平。",
    )
    for i, line in enumerate(requirements, start=1):
        blocks.append(("paragraph", f"（{chinese_ordinal(i)}）{line}"))

    # Appendix: one column per 一级 indicator with points, then the total.
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
    chart_groups = [
        (g["group"], [(u["unit"], float(u["total"])) for u in result["units"]
                      if u["group"] == g["group"]])
        for g in groups
    ]
    table_title = f"{period}年度政务公开工作考评得分表"
    chart_title = f"{period}年度政务公开工作考评得分情况（分组）"
    return BulletinContent(
        title=title, doc_number=text.doc_number, recipients=text.recipients, blocks=blocks,
        signature=text.issuer,
        date_text=chinese_date(bulletin_date.year, bulletin_date.month, bulletin_date.day),
        attachments=[table_title, chart_title], table_title=table_title, table_header=header,
        table_rows=rows, chart_title=chart_title, chart_groups=chart_groups,
    )


def _leaves(node):
    if node.is_leaf:
        return [node]
    out = []
    for c in node.children:
        out += _leaves(c)
    return out


def _cap(node):
    from decimal import Decimal

    return sum((leaf.weight for leaf in _leaves(node) if leaf.method != "veto"), Decimal(0))
