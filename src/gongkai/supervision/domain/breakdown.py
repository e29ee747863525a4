"""Reading a 分解方案 into tasks: the annex table (DOCX / XLSX rows) or the tasks written in
the text with their units in brackets.

Two shapes appear in real notices:

* a table whose header names the columns — 序号, 目标任务 / 工作任务 / 责任事项, 牵头单位,
  责任单位 (配合单位), 完成时限 — sometimes with section rows ("一、…") between tasks;
* numbered tasks in the text, each closed by its units: "1.优化顶层设计。…（牵头单位：市住房保障
  房管局；责任单位：市委政法委，市发展改革委、…）" (武政办〔2021〕20号) or just "（责任单位：市编办）"
  (武政办〔2018〕103号).

Without a 牵头单位 the 责任单位 leads (seed 08: "无牵头单位的，责任单位即为牵头单位"); of
several, the first listed leads (the Hangzhou rule: "列第一位的责任单位为牵头单位").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.domain.text import clean_text, to_cjk_punctuation

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号"),
    "title": ("目标任务", "工作任务", "责任事项", "主要任务", "重点任务", "重点工作", "任务内容",
              "工作内容", "任务", "事项"),
    "target": ("工作目标", "预期目标", "量化指标", "目标要求", "具体目标", "工作要求", "目标"),
    "lead": ("牵头单位", "牵头部门", "主办单位", "牵头"),
    "units": ("责任单位", "配合单位", "协办单位", "责任部门", "参与单位"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "时限"),
}


class BreakdownError(ValueError):
    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class TaskRow:
    code: str
    title: str
    target: str = ""
    lead: str = ""
    units: list[str] = field(default_factory=list)
    deadline_text: str = ""
    section: str = ""
    line: int = 0  # the row (table) or the task's number in the text, for messages


def _norm(cell: object) -> str:
    return re.sub(r"\s+", "", clean_text(str(cell or "")))


def _column(header: str) -> str | None:
    h = _norm(header)
    for key, aliases in COLUMN_ALIASES.items():
        if any(h == a for a in aliases):
            return key
    for key, aliases in COLUMN_ALIASES.items():
        if any(a in h for a in aliases):
            return key
    return None


_BRACKETED = re.compile(r"[〈<（(][^〈<（()）>〉]*?(?:含|下同|包括)[^〈<（()）>〉]*[〉>）)]")


def split_units(text: str) -> list[str]:
    """"市委政法委，市发展改革委、各区人民政府〈含开发区、风景区管委会，下同〉" → the names, the
    bracketed scope notes dropped, duplicates once."""
    text = _BRACKETED.sub("", clean_text(text or ""))
    names: list[str] = []
    for part in re.split(r"[、，,；;/\n]|\s{2,}", text):
        name = part.strip(" 　.。:：")
        if name and name not in names:
            names.append(name)
    return names


def lead_and_units(lead_text: str, units_text: str) -> tuple[str, list[str]]:
    """The lead unit and the other 责任单位 (seed 08's rule when there is no 牵头单位)."""
    leads = split_units(lead_text)
    units = split_units(units_text)
    if leads:
        return leads[0], [u for u in leads[1:] + units if u != leads[0]]
    if units:
        return units[0], units[1:]
    return "", []


_SECTION = re.compile(r"^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[)）]")


def parse_table(rows: list[list[str]]) -> list[TaskRow]:
    """Tasks from a table's rows (the header found among the first rows). Section rows — one
    filled cell, or a 一、 / （一） heading without units — name the tasks under them."""
    header_at, columns = -1, {}
    for i, row in enumerate(rows[:10]):
        found = {}
        for j, cell in enumerate(row):
            key = _column(cell)
            if key and key not in found:
                found[key] = j
        if "title" in found and ("lead" in found or "units" in found):
            header_at, columns = i, found
            break
    if header_at < 0:
        raise BreakdownError("附表：找不到表头（需要“任务”列和“牵头单位”或“责任单位”列）", field="file")
    tasks: list[TaskRow] = []
    section = ""
    for i, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        def value(key: str, row: list[str] = row) -> str:
            j = columns.get(key)
            return clean_text(str(row[j])).strip() if j is not None and j < len(row) and row[j] else ""

        filled = [c for c in row if _norm(c)]
        if not filled:
            continue
        title, lead, units = value("title"), value("lead"), value("units")
        if len({_norm(c) for c in filled}) == 1 or (_SECTION.match(_norm(filled[0])) and not (lead or units)):
            section = to_cjk_punctuation(_norm(filled[0]))
            continue
        if not title:
            raise BreakdownError(f"第{i}行：缺少任务内容", field="file")
        lead_name, others = lead_and_units(lead, units)
        if not lead_name:
            raise BreakdownError(f"第{i}行：缺少牵头单位或责任单位（{title[:20]}）", field="file")
        tasks.append(TaskRow(code=_norm(value("seq")).rstrip(".．、") or str(len(tasks) + 1),
                             title=to_cjk_punctuation(title), target=to_cjk_punctuation(value("target")),
                             lead=lead_name, units=others,
                             deadline_text=value("deadline"), section=section, line=i))
    if not tasks:
        raise BreakdownError("附表：表中没有任务行", field="file")
    return tasks


_UNITS_NOTE = re.compile(
    r"[（(]\s*(?:(?:牵头单位|牵头部门)[:：](?P<lead>[^；;）)]*?)[；;]\s*)?"
    r"(?:责任单位|责任部门)[:：](?P<units>(?:[^（()）〈〉]|〈[^〉]*〉|[（(][^（()）]*[)）])*?)[)）]")
_ITEM_NO = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]+[)）、.．])?\s*[^\d。]*?(\d{1,3})[.．、]\s*")
_LINE_HEADING = re.compile(r"(?:^|\n)\s*[一二三四五六七八九十]+[、.．]([^\n。\d]{2,60})。?(?=\n)")
_HEADING = re.compile(r"[（(][一二三四五六七八九十]+[)）][^。；\d]{2,20}?(?=\d{1,3}[.．、])")


def parse_text(text: str) -> list[TaskRow]:
    """Tasks written in the text, each closed by its bracketed units."""
    text = clean_text(text or "")
    tasks: list[TaskRow] = []
    pos = 0
    section = ""
    for m in _UNITS_NOTE.finditer(text):
        chunk = text[pos:m.start()]
        pos = m.end()
        lines = list(_LINE_HEADING.finditer(chunk))
        if lines:
            section = to_cjk_punctuation(lines[-1].group(1).strip().rstrip("。"))
            chunk = chunk[lines[-1].end():]
        heading = _HEADING.search(chunk)
        if heading:
            section = re.sub(r"^[（(][一二三四五六七八九十]+[)）]", "", heading.group(0)).strip()
            chunk = chunk[heading.end():]
        # the task starts at its number ("1." "12、") nearest the bracket
        numbers = list(re.finditer(r"(?:^|(?<=[。；;\s]))(\d{1,3})[.．、](?!\d)", chunk))
        if numbers:
            code, body = numbers[-1].group(1), chunk[numbers[-1].end():]
        else:
            code, body = str(len(tasks) + 1), chunk
        body = body.strip()
        if not body:
            continue
        title, _, target = body.partition("。")
        lead, units = lead_and_units(m.group("lead") or "", m.group("units") or "")
        tasks.append(TaskRow(code=code, title=to_cjk_punctuation(title.strip())[:300],
                             target=to_cjk_punctuation(target.strip()),
                             lead=lead, units=units, section=section, line=len(tasks) + 1))
    return tasks


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}


def parse_deadline(text: str, *, year: int) -> date | None:
    """"2024年6月底前" → 2024-06-30; "9月30日前" → that day in `year`; "年底前" / "全年" →
    12-31; "上半年" → 06-30; "第三季度" → 09-30; "长期坚持" / "持续推进" → None (no date)."""
    t = _norm(text)
    if not t:
        return None
    m = re.search(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?", t)
    if m:
        y = int(m.group(1) or year)
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None
        if m.group(3):
            try:
                return date(y, month, int(m.group(3)))
            except ValueError:
                return None
        return _month_end(y, month)
    y_match = re.search(r"(\d{4})年", t)
    y = int(y_match.group(1)) if y_match else year
    if "上半年" in t:
        return date(y, 6, 30)
    q = re.search(r"第([一二三四1-4])季度", t)
    if q:
        n = _CN_NUM.get(q.group(1)) or int(q.group(1))
        return _month_end(y, 3 * n)
    if "年底" in t or "年末" in t or "全年" in t or "下半年" in t or re.fullmatch(r"\d{4}年", t):
        return date(y, 12, 31)
    return None
