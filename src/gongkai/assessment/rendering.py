"""The run's outputs: result.json, the 通报 (HTML and DOCX), the chart and scores.xlsx.

Everything is rendered from what the run stored (its result, the YAML it used, its bulletin
date), never from "now", so a published run renders the same bytes every time.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path

from django.template.loader import render_to_string

from gongkai.assessment.domain.bulletin import BulletinContent, compose
from gongkai.assessment.models import Run


def result_json(run: Run, *, public: bool = False) -> str:
    """The stored result; `public` drops the titles of documents that are not public."""
    result = public_result(run.result) if public else run.result
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


def _mask(item: dict) -> dict:
    if item.get("kind") == "document" and not item.get("public"):
        return {k: v for k, v in item.items() if k != "title"}
    return item


def public_result(result: dict) -> dict:
    """A copy of a result fit for anyone: evidence about documents that are not public keeps
    its id and 发文字号 but loses the title (DESIGN §5: nobody sees what is not theirs)."""
    units = [
        {**u, "indicators": [{**i, "evidence": [_mask(e) for e in i["evidence"]]}
                             for i in u["indicators"]]}
        for u in result.get("units", [])
    ]
    weakest = [{**w, "examples": [_mask(e) for e in w.get("examples", [])]}
               for w in result.get("weakest", [])]
    return {**result, "units": units, "weakest": weakest}


def bulletin_content(run: Run) -> BulletinContent:
    from gongkai.assessment.services import spec_parse

    return compose(run.result, spec_parse(run.set_yaml), bulletin_date=run.bulletin_date,
                   doc_number=run.doc_number, narrative=run.narrative)


def chart_png(run: Run, content: BulletinContent | None = None) -> bytes:
    from gongkai.exports.charts import group_bar_chart

    content = content or bulletin_content(run)
    return group_bar_chart(content.chart_groups, title=content.chart_title)


def _stamp(run: Run) -> datetime:
    d = run.bulletin_date
    return datetime(d.year, d.month, d.day)


def _official(run: Run):
    from gongkai.exports.docx import Appendix, OfficialDocument

    content = bulletin_content(run)
    spec = OfficialDocument(
        title=content.title, doc_number=content.doc_number, recipients=content.recipients,
        blocks=content.blocks, signature=content.signature, date_text=content.date_text,
        attachments_list=content.attachments,
        appendices=[
            Appendix(title=content.table_title, header=content.table_header,
                     rows=content.table_rows,
                     note="注：总分为各项得分之和（加分后不超过满分）；单项否决的单位考评结果为不合格。"),
            Appendix(title=content.chart_title, image_png=chart_png(run, content),
                     note="注：虚线为80分、90分位置。"),
        ],
        stamp=_stamp(run), issuer_mark=content.issuer_mark, copy_to=content.copy_to,
    )
    return spec


def bulletin_docx(run: Run) -> bytes:
    from gongkai.exports.docx import official_docx_bytes

    return official_docx_bytes(_official(run))


def bulletin_pdf(run: Run, *, font_path: str | None = None) -> bytes:
    """The 通报 as PDF with the CJK font embedded (FontMissingError when no usable font)."""
    from gongkai.exports.pdf import official_pdf_bytes, pdf_font_path

    return official_pdf_bytes(_official(run), font_path=font_path or pdf_font_path())


def bulletin_html(run: Run, *, standalone: bool = True, request=None) -> str:
    content = bulletin_content(run)
    chart = base64.b64encode(chart_png(run, content)).decode("ascii")
    context = {"run": run, "content": content, "chart_data_uri": f"data:image/png;base64,{chart}",
               "standalone": standalone, "result": run.result}
    template = "assessment/bulletin_standalone.html" if standalone else "assessment/bulletin.html"
    return render_to_string(template, context, request=request)


def scores_xlsx(run: Run) -> bytes:
    from gongkai.exports.xlsx import scores_xlsx_bytes

    return scores_xlsx_bytes(run.result, stamp=_stamp(run))


def run_export(run: Run, out_dir: Path, *, notes: list[str] | None = None) -> list[Path]:
    """Write result.json, bulletin.html, bulletin.docx, bulletin.pdf and scores.xlsx into out_dir.

    bulletin.pdf needs a CJK font reportlab can embed (TrueType outlines); without one it is left
    out and `notes` gets the reason (the command prints it)."""
    from gongkai.exports.fonts import FontMissingError

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "result.json": result_json(run).encode("utf-8"),
        "bulletin.html": bulletin_html(run, standalone=True).encode("utf-8"),
        "bulletin.docx": bulletin_docx(run),
        "scores.xlsx": scores_xlsx(run),
    }
    try:
        files["bulletin.pdf"] = bulletin_pdf(run)
    except FontMissingError as exc:
        if notes is not None:
            notes.append(f"未生成 bulletin.pdf：{exc}")
    written = []
    for name, data in files.items():
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written
