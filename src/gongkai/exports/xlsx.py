"""XLSX for the assessment: the evaluators' manual-score template (and reading it back, every
cell checked), and the table of all scores. Deterministic bytes (exports.ziputil)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gongkai.core.errors import GongkaiError
from gongkai.exports.ziputil import normalize_zip

MANUAL_SHEET = "人工评分"
HEADER_ROWS = 3  # row 1 indicator codes, row 2 names, row 3 maxima; units from row 4
FIXED_STAMP = datetime(2000, 1, 1)
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")


class ManualSheetError(GongkaiError):
    """All the wrong cells of an imported sheet, each named by sheet, row and column."""

    code = "xlsx"

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:50]
        more = f"\n……另有 {len(problems) - 50} 处错误" if len(problems) > 50 else ""
        super().__init__("评分表有误，未导入任何数据：\n" + "\n".join(shown) + more, field="file")


def _save(wb: Workbook, stamp: datetime) -> bytes:
    # openpyxl turns any text that starts with "=" into a formula cell; we never write formulas,
    # so such text (a unit or indicator name) is stored as a string cell and shown, never run.
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    wb.properties.creator = "gongkai"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.lastModifiedBy = "gongkai"
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalize_zip(buffer.getvalue(), stamp=stamp)


def manual_template_bytes(
    *, indicators: Sequence, units: Sequence[tuple[str, str]],
    existing: dict[tuple[str, str], Decimal] | None = None, title: str = "",
    stamp: datetime = FIXED_STAMP,
) -> bytes:
    """units × manual indicators; header rows carry code, name and maximum of each column.

    indicators: objects with code, name, weight, method (veto columns take 0 or 1)."""
    existing = existing or {}
    wb = Workbook()
    ws = wb.active
    ws.title = MANUAL_SHEET
    ws.cell(1, 1, "编码")
    ws.cell(2, 1, "单位")
    ws.cell(3, 1, "满分")
    ws.cell(1, 2, "")
    ws.cell(2, 2, "考评分组")
    ws.cell(3, 2, "")
    for j, ind in enumerate(indicators, start=3):
        ws.cell(1, j, ind.code)
        ws.cell(2, j, ind.name)
        ws.cell(3, j, 1 if ind.method == "veto" else float(ind.weight))
        ws.column_dimensions[get_column_letter(j)].width = max(12, len(ind.name) * 2 + 2)
    for r in range(1, HEADER_ROWS + 1):
        for c in range(1, len(indicators) + 3):
            cell = ws.cell(r, c)
            cell.font = _BOLD
            cell.fill = _HEAD_FILL
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for i, (name, group) in enumerate(units, start=HEADER_ROWS + 1):
        ws.cell(i, 1, name)
        ws.cell(i, 2, group)
        for j, ind in enumerate(indicators, start=3):
            value = existing.get((name, ind.code))
            if value is not None:
                ws.cell(i, j, float(value))
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 26
    ws.freeze_panes = "C4"
    notes = wb.create_sheet("说明")
    lines = [
        title or "人工评分表",
        "在“人工评分”表中按单位逐项填写得分：不得超过第3行的满分，不得为负；否决项填 0（否）或 1（是）。",
        "空白单元格表示暂不录入；请勿修改第1行的指标编码和第1列的单位名称。",
        "导入：gongkai assess import-scores 本文件.xlsx --run 考评编号（任何一格有误则全部不导入）。",
    ]
    for i, line in enumerate(lines, start=1):
        notes.cell(i, 1, line)
    notes.column_dimensions["A"].width = 110
    return _save(wb, stamp)


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(value)
    result = Decimal(str(value).strip())
    if not result.is_finite():
        raise ValueError(value)
    return result


def manual_sheet_read(path, *, indicators: Sequence, units: dict[str, int]) -> list[tuple[int, str, Decimal]]:
    """Read the template back: [(unit_id, code, score)] for filled cells, or ManualSheetError
    listing every wrong cell (unknown unit or indicator, not a number, out of range)."""
    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not an XLSX
        raise ManualSheetError([f"{path}: 不是可读取的 XLSX 文件（{exc.__class__.__name__}）"]) from None
    if MANUAL_SHEET not in wb.sheetnames:
        raise ManualSheetError([f"{path}: 缺少工作表“{MANUAL_SHEET}”"])
    ws = wb[MANUAL_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    by_code = {ind.code: ind for ind in indicators}
    problems: list[str] = []
    where = MANUAL_SHEET
    if len(rows) < HEADER_ROWS:
        raise ManualSheetError([f"工作表“{where}”: 缺少表头（前3行）"])
    codes = list(rows[0])
    columns: dict[int, object] = {}
    for j, code in enumerate(codes[2:], start=2):
        if code is None or str(code).strip() == "":
            continue
        code = str(code).strip()
        if code not in by_code:
            problems.append(f"工作表“{where}” 第1行 {get_column_letter(j + 1)}列: 未知的人工评分指标编码“{code}”")
            continue
        columns[j] = by_code[code]
    seen: dict[str, int] = {}
    cells: list[tuple[int, str, Decimal]] = []
    for r, row in enumerate(rows[HEADER_ROWS:], start=HEADER_ROWS + 1):
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        name = str(row[0]).strip() if row[0] is not None else ""
        if not name:
            problems.append(f"工作表“{where}” 第{r}行 A列: 单位名称为空")
            continue
        if name not in units:
            problems.append(f"工作表“{where}” 第{r}行 A列: 未知单位“{name}”（不在本次考评范围内）")
            continue
        if name in seen:
            problems.append(f"工作表“{where}” 第{r}行 A列: 单位“{name}”与第{seen[name]}行重复")
            continue
        seen[name] = r
        for j, ind in columns.items():
            value = row[j] if j < len(row) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            column = f"{get_column_letter(j + 1)}列（{ind.code} {ind.name}）"
            try:
                number = _number(value)
            except (InvalidOperation, ValueError):
                problems.append(f"工作表“{where}” 第{r}行 {column}: “{value}”不是数字")
                continue
            top = Decimal(1) if ind.method == "veto" else Decimal(ind.weight)
            if ind.method == "veto" and number not in (0, 1):
                problems.append(f"工作表“{where}” 第{r}行 {column}: 否决项只能填 0 或 1，实为 {value}")
                continue
            if number < 0 or number > top:
                problems.append(f"工作表“{where}” 第{r}行 {column}: {value} 超出范围 0–{top}")
                continue
            cells.append((units[name], ind.code, number))
    wb.close()
    if problems:
        raise ManualSheetError(problems)
    return cells


def scores_xlsx_bytes(result: dict, *, stamp: datetime = FIXED_STAMP) -> bytes:
    """All scores of a run: one row per unit, one column per indicator; a sheet of group figures."""
    wb = Workbook()
    ws = wb.active
    ws.title = "得分"
    leaves = result["units"][0]["indicators"] if result["units"] else []
    header = ["考评分组", "排名", "单位", "总分", "单项否决"] + [
        f"{i['code']} {i['name']}（{i['max']}）" for i in leaves
    ] + ["上次得分", "变化"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for u in result["units"]:
        ws.append([u["group"], u["rank"], u["unit"], u["total"], "是" if u["vetoed"] else ""]
                  + [i["score"] for i in u["indicators"]]
                  + [u.get("previous_total"), u.get("change")])
    ws.freeze_panes = "D2"
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["C"].width = 30
    groups = wb.create_sheet("分组汇总")
    groups.append(["考评分组", "单位数", "平均分", "平均分变化", "90分以上", "变化", "80分以上", "变化"])
    for g in result["groups"]:
        groups.append([g["group"], g["units"], g["mean"], g["mean_change"], g["ge_90"],
                       g["ge_90_change"], g["ge_80"], g["ge_80_change"]])
    for cell in groups[1]:
        cell.font = _BOLD
    return _save(wb, stamp)


def table_xlsx_bytes(*, sheet: str, header: Sequence[str], rows: Sequence[Sequence],
                     title: str = "", stamp: datetime = FIXED_STAMP) -> bytes:
    """A plain table (header row in bold, then the rows), every text cell neutralised so a
    comment typed as ``=HYPERLINK(…)`` stays text."""
    from gongkai.exports.domain.cells import neutralise

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    start = 1
    if title:
        ws.cell(row=1, column=1, value=neutralise(title)).font = _BOLD
        start = 2
    for col, name in enumerate(header, 1):
        cell = ws.cell(row=start, column=col, value=neutralise(name))
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        ws.column_dimensions[get_column_letter(col)].width = 14
    for r, row in enumerate(rows, start + 1):
        for col, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=col, value=neutralise(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return _save(wb, stamp)


def table_csv_bytes(*, header: Sequence[str], rows: Sequence[Sequence]) -> bytes:
    """The same table as CSV, UTF-8 with BOM (so Excel opens Chinese text correctly)."""
    import csv

    from gongkai.exports.domain.cells import neutralise

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
