"""A 分解方案's file → rows or text for `domain.breakdown` (DOCX tables, XLSX sheets, text)."""

from __future__ import annotations

import io
from pathlib import PurePath

from gongkai.supervision.domain.breakdown import BreakdownError, TaskRow, parse_table, parse_text


def _docx(data: bytes) -> tuple[list[list[list[str]]], str]:
    import docx

    document = docx.Document(io.BytesIO(data))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return tables, "\n".join(p.text for p in document.paragraphs)


def _xlsx(data: bytes) -> list[list[list[str]]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return [[["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for ws in wb.worksheets]


def tasks_read(name: str, data: bytes) -> list[TaskRow]:
    """The tasks of a breakdown file: the first table with a task header, else the tasks written
    in the text."""
    suffix = PurePath(name).suffix.lower()
    try:
        if suffix == ".docx":
            tables, text = _docx(data)
        elif suffix == ".xlsx":
            tables, text = _xlsx(data), ""
        elif suffix in (".txt", ".md", ".html", ".htm", ".pdf"):
            from gongkai.ingest.readers import read_bytes

            tables, text = [], read_bytes(data, name).text
        else:
            raise BreakdownError(f"文件：不支持的格式 {suffix or '（无扩展名）'}，请上传 DOCX、XLSX 或 TXT", field="file")
    except BreakdownError:
        raise
    except Exception as exc:  # a broken file: say so, naming it
        raise BreakdownError(f"文件：{name} 无法读取（{type(exc).__name__}）", field="file") from None
    errors = []
    for rows in tables:
        try:
            return parse_table(rows)
        except BreakdownError as exc:
            errors.append(exc)
    tasks = parse_text(text)
    if tasks:
        return tasks
    if errors:
        raise errors[0]
    raise BreakdownError(f"文件：{name} 中没有找到任务表，也没有写明“（牵头单位：…；责任单位：…）”的任务", field="file")
