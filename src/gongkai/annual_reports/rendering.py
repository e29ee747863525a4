"""A report's outputs: the national layout as rows (for the page, the DOCX and the document
body), the DOCX in 公文 layout (exports.docx), and the machine-readable JSON."""

from __future__ import annotations

from datetime import date, datetime

from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.models import AnnualReport


def _v(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def table2_rows(figures: dict) -> list[list[str]]:
    t2 = figures["table2"]
    rows = [["第二十条第（一）项", "", "", ""], ["信息内容", *F.DOC_COLUMNS]]
    for row in F.DOC_ROWS:
        rows.append([row, *(_v(t2[row][c]) for c in F.DOC_COLUMNS)])
    last_article = ""
    for key in F.SINGLE_ROWS:
        article, name, column = F.SINGLE_LABELS[key]
        if article != last_article:
            rows.append([article, "", "", ""])
            rows.append(["信息内容", column, "", ""])
            last_article = article
        rows.append([name, _v(t2[key]), "", ""])
    return rows


def table3_rows(figures: dict) -> list[list[str]]:
    rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", *F.COLUMNS]]
    last_group = ""
    for r in F.TABLE3_ROWS:
        if r.key == "disclosed":
            rows.append(["三、本年度办理结果", *[""] * len(F.COLUMNS)])
        if r.group and r.group != last_group:
            rows.append([r.group.replace("三、", ""), *[""] * len(F.COLUMNS)])
            last_group = r.group
        label = r.label.replace(f"{r.group} ", "") if r.group else r.label.replace("三、（", "（")
        rows.append([label, *(_v(v) for v in figures["table3"][r.label])])
    return rows


def table4_rows(figures: dict) -> list[list[str]]:
    rows = [["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
            ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            [*F.CASE_COLUMNS * 3],
            [_v(v) for r in F.TABLE4_ROWS for v in figures["table4"][r]]]
    return rows


def text_blocks(report: AnnualReport) -> list[tuple[str, object]]:
    texts = report.texts or {}
    blocks: list[tuple[str, object]] = []
    blocks.append(("heading", "一、总体情况"))
    if "imported" in texts:
        blocks.append(("paragraph", texts["imported"]))
    for key, heading in F.OVERVIEW_TOPICS:
        if (texts.get(key) or "").strip():
            blocks.append(("subheading", heading))
            blocks += [("paragraph", p) for p in texts[key].splitlines() if p.strip()]
    blocks.append(("heading", "二、主动公开政府信息情况"))
    blocks.append(("table", table2_rows(report.figures)))
    blocks.append(("heading", "三、收到和处理政府信息公开申请情况"))
    blocks.append(("table", table3_rows(report.figures)))
    blocks.append(("heading", "四、政府信息公开行政复议、行政诉讼情况"))
    blocks.append(("table", table4_rows(report.figures)))
    for key, heading in (("problems", "五、存在的主要问题及改进情况"), ("other", "六、其他需要报告的事项")):
        blocks.append(("heading", heading))
        blocks += [("paragraph", p) for p in (texts.get(key) or "").splitlines() if p.strip()]
    return blocks


def report_body_text(report: AnnualReport) -> str:
    """The report as plain text (the published document's body, searchable), tables as
    tab-separated rows."""
    lines = [report.title]
    for kind, payload in text_blocks(report):
        if kind == "table":
            lines += ["\t".join(cell for cell in row) for row in payload]  # type: ignore[union-attr]
        else:
            lines.append(str(payload))
    return "\n".join(lines)


def report_docx_bytes(report: AnnualReport, *, on: date | None = None) -> bytes:
    from gongkai.exports.docx import OfficialDocument, official_docx_bytes

    on = on or (report.published_at.date() if report.published_at else date(report.year + 1, 1, 1))
    spec = OfficialDocument(
        title=report.title, recipients="", blocks=text_blocks(report),
        signature=report.unit.full_name, date_text=f"{on.year}年{on.month}月{on.day}日",
        stamp=datetime(on.year, on.month, on.day),
    )
    return official_docx_bytes(spec)


def report_json(report: AnnualReport | None = None, *, file: str | None = None, unit: str | None = None,
                year: int | None = None, figures: dict | None = None, findings: list | None = None) -> dict:
    """The JSON of `gongkai annual-report read/build --json` (docs/annual-report-json.md)."""
    if report is not None:
        unit, year, figures, findings = report.unit.full_name, report.year, report.figures, report.findings
    figures = F.figures_copy(figures or {})
    return {"file": file, "unit": unit, "year": year, "table2": figures["table2"],
            "table3": figures["table3"], "table4": figures["table4"], "findings": list(findings or [])}
