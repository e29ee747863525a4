"""Report files resembling real published annual reports, made at test time.

Real reports (gov.cn sites, 2021–2024) share the national form but differ in how they carry it:
PDFs with ruled tables whose label column is merged downwards and whose 表三 breaks across a
page (sometimes with the header printed again), "- 2 -" page numbers, blank cells where a
unit wrote nothing for the organisation columns, "/" for not applicable; DOCX tables with
vertical merges; HTML pages (often GBK) with rowspan/colspan; and text dumped from a PDF where
the table becomes numbers separated by spaces and the header of 表四 reads vertically.
"""

from __future__ import annotations

import io

from gongkai.annual_reports.domain import form as F

UNIT = "武汉市示例区统计局"
YEAR = 2024


def sample_figures() -> dict:
    """Figures of a plausible small unit: blanks in the organisation columns, one 行政诉讼."""
    f = F.empty_figures()
    f["table2"][F.REGULATION] = {F.MADE: 0, F.REPEALED: 0, F.CURRENT: 0}
    f["table2"][F.NORMATIVE] = {F.MADE: 3, F.REPEALED: 1, F.CURRENT: 25}
    f["table2"][F.LICENSING] = 12
    f["table2"][F.PENALTY] = 4
    f["table2"][F.COERCION] = 0
    f["table2"][F.FEES] = 1.25
    t3 = f["table3"]
    for r in F.TABLE3_ROWS:
        t3[r.label] = [0, None, None, None, None, None, 0]
    t3[F.NEW] = [58, 7, None, None, 1, None, 66]
    t3[F.CARRIED_OVER] = [2, 0, None, None, 0, None, 2]
    t3[F.ROW_BY_KEY["disclosed"].label] = [20, 1, None, None, 0, None, 21]
    t3[F.ROW_BY_KEY["partly"].label] = [16, 1, None, None, 0, None, 17]
    t3[F.ROW_BY_KEY["withheld:internal_affairs"].label] = [1, 0, None, None, 0, None, 1]
    t3[F.ROW_BY_KEY["unavailable:not_held"].label] = [19, 4, None, None, 1, None, 24]
    t3[F.ROW_BY_KEY["not_handled:repeated"].label] = [2, 0, None, None, 0, None, 2]
    t3[F.TOTAL] = [58, 6, None, None, 1, None, 65]
    t3[F.CARRIED_FORWARD] = [2, 1, None, None, 0, None, 3]
    f["table4"] = {F.REVIEW: [1, 0, 0, 1, 2], F.SUIT_DIRECT: [0, 0, 0, 1, 1], F.SUIT_AFTER_REVIEW: [0, 0, 0, 0, 0]}
    return f


OVERVIEW = (
    "（一）主动公开。{year}年，我局通过门户网站主动公开政府信息276条，制发行政规范性文件3件，"
    "废止行政规范性文件1件，现行有效行政规范性文件25件。\n"
    "（二）依申请公开。{year}年，我局共收到政府信息公开申请66件，上年结转2件，予以公开21件，"
    "部分公开17件，结转下年度继续办理3件。\n"
    "（三）政府信息管理。严格执行公开发布内容审查程序，做到先审查、后公开。"
)
PROBLEMS = "一是主动公开的深度不够；二是政策解读形式单一。下一步将加强培训，丰富解读形式。"
OTHER = "本年度未收取信息处理费。"


def _s(v) -> str:
    if v is None:
        return ""
    return f"{v:g}" if isinstance(v, float) else str(v)


# -- the rows as a printed table ----------------------------------------------------------------


def table2_grid(f: dict) -> list[list[str]]:
    t2 = f["table2"]
    return [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *(_s(t2[F.REGULATION][c]) for c in F.DOC_COLUMNS)],
        ["行政规范性文件", *(_s(t2[F.NORMATIVE][c]) for c in F.DOC_COLUMNS)],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", _s(t2[F.LICENSING]), "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", _s(t2[F.PENALTY]), "", ""],
        ["行政强制", _s(t2[F.COERCION]), "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", _s(t2[F.FEES]), "", ""],
    ]


def table3_grid(f: dict) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    """Rows of 10 columns (3 label columns + 7), with the spans (col0, row0, col1, row1) of the
    merged cells as the national form draws them; a merged-away cell is None."""
    rows: list[list[str | None]] = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None,
         "申请人情况", None, None, None, None, None, None],
        [None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"],
        [None, None, None, None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None],
    ]
    spans = [(0, 0, 2, 2), (3, 0, 9, 0), (3, 1, 3, 2), (4, 1, 8, 1), (9, 1, 9, 2)]
    t3 = f["table3"]
    first_result = None
    group_start: dict[str, int] = {}
    for r in F.TABLE3_ROWS:
        values = [_s(v) for v in t3[r.label]]
        y = len(rows)
        if r.key in ("new", "carried_over", "carried_forward"):
            rows.append([r.label, None, None, *values])
            spans.append((0, y, 2, y))
            continue
        if first_result is None:
            first_result = y
        label = "三、本年度办理结果" if y == first_result else None
        if r.group:
            text = r.label.split(" ", 1)[1]
            head = r.group.replace("三、", "") if r.group not in group_start else None
            group_start.setdefault(r.group, y)
            rows.append([label, head, text, *values])
        else:
            rows.append([label, r.label.replace("三、", ""), None, *values])
            spans.append((1, y, 2, y))
    spans.append((0, first_result, 0, len(rows) - 2))
    for group, y0 in group_start.items():
        y1 = max(i for i, row in enumerate(rows) if i >= y0 and (row[2] or "") and
                 any((row[2] or "").startswith(f"{n}.") for n in range(1, 9)) and
                 _group_of(rows, i, group_start) == group)
        spans.append((1, y0, 1, y1))
    return rows, spans


def _group_of(rows, i: int, group_start: dict[str, int]) -> str:
    best = ""
    for group, y0 in group_start.items():
        if y0 <= i and (not best or group_start[best] < y0):
            best = group
    return best


def table4_grid(f: dict) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    rows: list[list[str | None]] = [
        ["行政复议", None, None, None, None, "行政诉讼", None, None, None, None, None, None, None, None, None],
        [None, None, None, None, None, "未经复议直接起诉", None, None, None, None, "复议后起诉", None, None, None, None],
        [*F.CASE_COLUMNS[:4], "总计", *F.CASE_COLUMNS, *F.CASE_COLUMNS],
        [_s(v) for r in F.TABLE4_ROWS for v in f["table4"][r]],
    ]
    rows[1][0:5] = [None] * 5
    rows[2][0:5] = list(F.CASE_COLUMNS)
    rows[0][0] = "行政复议"
    spans = [(0, 0, 4, 1), (5, 0, 14, 0), (5, 1, 9, 1), (10, 1, 14, 1)]
    return rows, spans


# -- PDF ----------------------------------------------------------------------------------------


def pdf_bytes(f: dict | None = None, *, unit: str = UNIT, year: int = YEAR, repeat_header: bool = False,
              overview: str = OVERVIEW) -> bytes:
    """A report PDF with ruled tables; 表三 is long enough to break across pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    f = f or sample_figures()
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20)
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=18, leading=28, alignment=1)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10)

    def grid(rows, spans, widths, repeat=0):
        data = [[Paragraph(c, cell) if c else "" for c in row] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=repeat)
        style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("FONT", (0, 0), (-1, -1), "STSong-Light", 8)]
        style += [("SPAN", (a, b), (c, d)) for a, b, c, d in spans]
        table.setStyle(TableStyle(style))
        return table

    def footer(canvas, doc):
        canvas.setFont("STSong-Light", 10)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    story = [Paragraph(f"{unit}{year}年政府信息公开工作年度报告", title), Spacer(1, 12),
             Paragraph("本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。", body),
             Paragraph("一、总体情况", body)]
    story += [Paragraph(p.format(year=year), body) for p in overview.splitlines()]
    story += [Paragraph("二、主动公开政府信息情况", body),
              grid(table2_grid(f), [(0, 0, 3, 0), (0, 4, 3, 4), (0, 7, 3, 7), (0, 11, 3, 11)], [130, 110, 110, 110]),
              Paragraph("三、收到和处理政府信息公开申请情况", body)]
    rows3, spans3 = table3_grid(f)
    story.append(grid(rows3, spans3, [40, 50, 120, 36, 36, 36, 40, 40, 32, 32], repeat=3 if repeat_header else 0))
    story.append(Paragraph("四、政府信息公开行政复议、行政诉讼情况", body))
    rows4, spans4 = table4_grid(f)
    story.append(grid(rows4, spans4, [31] * 15))
    story += [Paragraph("五、存在的主要问题及改进情况", body), Paragraph(PROBLEMS, body),
              Paragraph("六、其他需要报告的事项", body), Paragraph(OTHER, body)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title=f"{unit}{year}年政府信息公开工作年度报告").build(
        story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


# -- DOCX ---------------------------------------------------------------------------------------


_CACHE: dict[tuple, bytes] = {}


def docx_bytes(f: dict | None = None, *, unit: str = UNIT, year: int = YEAR) -> bytes:
    """A report DOCX whose tables merge cells the way the national template does (the sample
    figures' file is made once: python-docx merges slowly)."""
    if f is None:
        key = ("docx", unit, year)
        if key not in _CACHE:
            _CACHE[key] = docx_bytes(sample_figures(), unit=unit, year=year)
        return _CACHE[key]
    from docx import Document

    doc = Document()
    doc.add_paragraph(unit)
    doc.add_paragraph(f"{year}年政府信息公开工作年度报告")
    doc.add_paragraph("一、总体情况")
    for p in OVERVIEW.format(year=year).splitlines():
        doc.add_paragraph(p)
    doc.add_paragraph("二、主动公开政府信息情况")
    _docx_table(doc, table2_grid(f), [(0, 0, 3, 0), (0, 4, 3, 4), (0, 7, 3, 7), (0, 11, 3, 11)])
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    _docx_table(doc, *table3_grid(f))
    doc.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    _docx_table(doc, *table4_grid(f))
    for p in ("五、存在的主要问题及改进情况", PROBLEMS, "六、其他需要报告的事项", OTHER):
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_table(doc, rows, spans) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    for y, row in enumerate(rows):
        for x, text in enumerate(row):
            if text:
                table.cell(y, x).text = text
    for x0, y0, x1, y1 in spans:
        a = table.cell(y0, x0)
        text = a.text
        merged = a.merge(table.cell(y1, x1))
        # python-docx joins the texts of merged cells; keep the top-left one
        for p in merged.paragraphs[1:]:
            p._element.getparent().remove(p._element)
        merged.paragraphs[0].text = text


# -- HTML ---------------------------------------------------------------------------------------


def html_bytes(f: dict | None = None, *, unit: str = UNIT, year: int = YEAR, encoding: str = "gbk") -> bytes:
    f = f or sample_figures()

    def table(rows, spans) -> str:
        covered: set[tuple[int, int]] = set()
        attrs: dict[tuple[int, int], str] = {}
        for x0, y0, x1, y1 in spans:
            attrs[(x0, y0)] = (f' colspan="{x1 - x0 + 1}"' if x1 > x0 else "") + (
                f' rowspan="{y1 - y0 + 1}"' if y1 > y0 else "")
            covered |= {(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)} - {(x0, y0)}
        out = ['<table border="1" cellspacing="0">']
        for y, row in enumerate(rows):
            cells = "".join(f"<td{attrs.get((x, y), '')}><p>{text or ''}</p></td>"
                            for x, text in enumerate(row) if (x, y) not in covered)
            out.append(f"<tr>{cells}</tr>")
        out.append("</table>")
        return "\n".join(out)

    t2_spans = [(0, 0, 3, 0), (0, 4, 3, 4), (0, 7, 3, 7), (0, 11, 3, 11)]
    overview = "".join(f"<p>{p}</p>" for p in OVERVIEW.format(year=year).splitlines())
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{unit}{year}年政府信息公开工作年度报告</title></head><body>
<div class="header">首页 &gt; 政府信息公开 &gt; 年度报告</div>
<h1>{unit}{year}年政府信息公开工作年度报告</h1>
<p>一、总体情况</p>{overview}
<p>二、主动公开政府信息情况</p>{table(table2_grid(f), t2_spans)}
<p>三、收到和处理政府信息公开申请情况</p>{table(*table3_grid(f))}
<p>四、政府信息公开行政复议、行政诉讼情况</p>{table(*table4_grid(f))}
<p>五、存在的主要问题及改进情况</p><p>{PROBLEMS}</p>
<p>六、其他需要报告的事项</p><p>{OTHER}</p>
<div class="footer">主办单位：{unit} 网站标识码 4201000001</div>
</body></html>"""
    return page.encode(encoding)


# -- text as pdftotext leaves it -------------------------------------------------------------------


def pdftotext_bytes(f: dict | None = None, *, unit: str = UNIT, year: int = YEAR) -> bytes:
    """Text dumped from a PDF: numbers separated by spaces, blank cells gone, the 表四 header
    read column by column, pages separated by form feeds with "- n -" at their foot."""
    f = f or sample_figures()
    t3 = f["table3"]
    lines = [unit, f"{year}年政府信息公开工作年度报告", "一、总体情况"]
    lines += OVERVIEW.format(year=year).splitlines()
    lines += ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数"]
    t2 = f["table2"]
    for row in F.DOC_ROWS:
        lines.append(f"{row} " + " ".join(_s(t2[row][c]) for c in F.DOC_COLUMNS))
    lines += ["第二十条第（五）项", "信息内容 本年处理决定数量", f"行政许可 {_s(t2[F.LICENSING])}",
              "第二十条第（六）项", "信息内容 本年处理决定数量", f"行政处罚 {_s(t2[F.PENALTY])}",
              f"行政强制 {_s(t2[F.COERCION])}", "第二十条第（八）项", "信息内容 本年收费金额（单位：万元）",
              f"行政事业性收费 {_s(t2[F.FEES])}", "- 1 -", "\f"]
    lines += ["三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，",
              "等于第三项加第四项之和）", "申请人情况", "法人或其他组织", "自然人 商业 科研 社会公益 法律服务 其他 总计",
              "企业 机构 组织 机构"]
    half = len(F.TABLE3_ROWS) // 2
    for i, r in enumerate(F.TABLE3_ROWS):
        nums = " ".join(_s(v) for v in t3[r.label] if v is not None)
        if r.key == "disclosed":
            lines.append(f"三、本年度办理结果 （一）予以公开 {nums}")
            continue
        if r.group:
            text = r.label.split(" ", 1)[1]
            first = r.group not in [x.group for x in F.TABLE3_ROWS[:i]]
            label = f"{r.group.replace('三、', '')} {text}" if first else text
            if len(label) > 24:  # a long label wraps inside its cell; the numbers sit on the first line
                lines.append(f"{label[:20]} {nums}")
                lines.append(label[20:])
                continue
            lines.append(f"{label} {nums}")
        else:
            lines.append(f"{r.label.replace('三、', '')} {nums}")
        if i == half:
            lines += ["- 2 -", "\f"]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政诉讼", "行政复议", "未经复议直接起诉 复议后起诉",
              "结 结 其 尚", "结 结 其 尚 结 结 其 尚", "果 果 他 未", "总计 果 果 他 未 总 果 果 他 未 总",
              "维 纠 结 审", "维 纠 结 审 计 维 纠 结 审 计", "持 正 果 结", "持 正 果 结 持 正 果 结",
              " ".join(_s(v) for r in F.TABLE4_ROWS for v in f["table4"][r]),
              "五、存在的主要问题及改进情况", PROBLEMS, "六、其他需要报告的事项", OTHER, "- 3 -"]
    text = "\n".join(lines).replace("\n\f\n", "\f")
    return text.encode("utf-8")
