"""Reading a published annual report: the layout of a file (text lines and table rows) → the
figures of 表二, 表三 and 表四 in the shape of `form.py`, the unit, the year and the text.

The layout comes from `annual_reports.reading` (PDF ruled tables through pdfplumber, DOCX and
HTML tables, or plain text); this module is plain Python and knows nothing of file formats.

How it reads, in general rules rather than per-site templates:
* Every block becomes a stream of text and value tokens. A table cell (or a ``|``/tab
  separated field of a text line) is one token: a number, a blank (``""``, ``/``, ``—``, ``无``
  → None) or text. A cell that is the continuation of a merged cell is no token at all. In plain
  text a number counts only when it stands alone between spaces (``2023年`` and ``1.属于`` are
  text).
* Row labels are found in the text with whitespace removed (so ``商业\\n企业`` and a label
  wrapped inside its cell still match), in the order the form prints them, inside their part
  (二、主动公开…, 三、收到和处理…, 四、…行政复议…). The values of a row are the value tokens
  between its label and the next label. A repeated table header (a table broken across pages
  that prints its header again) is masked first.
* A row with more values than the form has cells loses blanks at its ends first (the empty
  cells of a merged label column, a page's leftovers); a row with fewer values in a table keeps
  the values from the left; in plain text, where blanks leave no trace, the last value is taken
  as the row's 总计 and the rest fill from the left — each such guess is reported as a finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.checks import Finding

# -- layout -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One table row: cells in order; None is the continuation of a merged cell."""

    cells: tuple[str | None, ...]


Block = str | Row  # a text line or a table row


@dataclass
class ReadReport:
    unit: str | None
    year: int | None
    figures: dict[str, Any]
    text: str  # the report's prose (parts 一, 五, 六 and prose inside 二–四), for the checks
    findings: list[Finding] = field(default_factory=list)


# -- tokens -----------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
BLANKS = frozenset({"", "/", "\\", "-", "—", "——", "–", "－", "―", "无", "空", "暂无", "×", "x"})
_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–\s]*$")


@dataclass(frozen=True)
class Value:
    value: int | float | None
    structured: bool  # from a table cell (blanks visible) or from running text


def number_of(cell: str) -> tuple[bool, int | float | None]:
    """(is a value cell, its value): "12" → (True, 12), "/" → (True, None), "规章" → (False, None)."""
    text = unicodedata.normalize("NFKC", cell or "").strip()
    text = _SPACE.sub("", text)
    if text in BLANKS:
        return True, None
    if _NUMBER.fullmatch(text):
        raw = text.replace(",", "")
        return True, float(raw) if "." in raw else int(raw)
    return False, None


def _norm(text: str) -> str:
    """NFKC, no whitespace, one form of quotes/dots: what labels are matched on."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return _SPACE.sub("", text)


class _Stream:
    """The document as one normalised string (for labels) and value tokens at positions."""

    def __init__(self, blocks: Iterable[Block]):
        self.parts: list[str] = []
        self.length = 0
        self.values: list[tuple[int, Value]] = []
        self.block_starts: set[int] = set()
        self.prose_lines: list[tuple[int, str]] = []  # (position, original text) of prose lines
        for block in blocks:
            self.block_starts.add(self.length)
            if isinstance(block, Row):
                self._row(block.cells)
            else:
                self._line(block)

    def _text(self, text: str) -> None:
        norm = _norm(text)
        if norm:
            self.parts.append(norm)
            self.length += len(norm)

    def _value(self, value: int | float | None, structured: bool) -> None:
        self.values.append((self.length, Value(value, structured)))

    def _row(self, cells: Iterable[str | None]) -> None:
        for cell in cells:
            if cell is None:
                continue
            is_value, value = number_of(cell)
            if is_value:
                self._value(value, True)
            else:
                self._text(cell)

    def _line(self, line: str) -> None:
        if line.strip() == "|":  # one empty cell on its own line ("cell |" dumps)
            self._value(None, True)
            return
        if "\t" in line or "|" in line:
            cells = re.split(r"\t|\|", line)
            if line.strip().startswith("|"):
                cells = cells[1:]
            if line.strip().endswith("|"):
                cells = cells[:-1]
            self._row(cells)
            return
        if line.strip():
            self.prose_lines.append((self.length, line.strip()))
        for token in line.split():
            is_value, value = number_of(token)
            if is_value and token.strip() not in ("-", "—", "/"):
                self._value(value, False)
            elif is_value:
                continue  # a lone dash in running text is punctuation, not a blank cell
            else:
                self._text(token)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# -- the form's labels ------------------------------------------------------------------------

@dataclass(frozen=True)
class Label:
    key: str  # a 表三 row label, a 表二 row, or "" for a heading that takes no values
    pattern: str
    width: int  # how many values the row has
    group: str = ""  # for a heading of a ground group: its label


def _t3_labels() -> list[Label]:
    keys = {
        "new": r"本年新收", "carried_over": r"上年结转",
        "disclosed": r"予以公开", "partly": r"部分公开",
        "withheld:state_secret": r"国家秘密", "withheld:prohibited_by_law": r"禁止公开",
        "withheld:three_securities_one_stability": r"三安全一稳定|危及",
        "withheld:third_party_rights": r"第三方合法权益|第三方", "withheld:internal_affairs": r"内部事务",
        "withheld:process_information": r"过程性信息", "withheld:enforcement_files": r"行政执法案卷|执法案卷",
        "withheld:administrative_inquiry": r"行政查询",
        "unavailable:not_held": r"不掌握", "unavailable:needs_creation": r"另行制作",
        "unavailable:still_unclear": r"仍不明确|不明确",
        "not_handled:petition_complaint": r"信访|举报投诉", "not_handled:repeated": r"重复申请",
        "not_handled:publication": r"出版物", "not_handled:excessive": r"大量反复",
        "not_handled:confirm_or_reissue": r"重新出具|确认或",
        "other:no_correction": r"不补正", "other:fee_unpaid": r"缴纳费用|收费通知|未按收费",
        "other:other": r"(?:3\.?)?其他",
        "total": r"总计", "carried_forward": r"结转下一?年度",
    }
    groups = {"withheld": "不予公开", "unavailable": "无法提供", "not_handled": "不予处理",
              "other": "其他处理"}
    out: list[Label] = []
    for r in F.TABLE3_ROWS:
        if r.key == "disclosed":
            out.append(Label("", r"本年度办理结果|办理结果", 0))
        category = r.key.split(":")[0] if r.group else ""
        if r.group and (not out or out[-1].group != r.group) and not any(x.group == r.group for x in out):
            out.append(Label("", groups[category], 0, group=r.group))
        out.append(Label(r.label, keys[r.key], len(F.COLUMNS), group=r.group))
    return out


T3_LABELS = _t3_labels()
T2_LABELS = [
    Label(F.REGULATION, r"(?<!规范性文件)规章(?!制度)", 3),
    Label(F.NORMATIVE, r"规范性文件", 3),
    Label(F.LICENSING, r"行政许可", 1),
    Label(F.PENALTY, r"行政处罚", 1),
    Label(F.COERCION, r"行政强制", 1),
    Label(F.FEES, r"行政事业性收费|事业性收费", 1),
]
_HEADER_WORDS = r"(?:申请人情况|自然人|法人或其他组织|总计|商业企业|科研机构|社会公益组织|法律服务机构|其他)"
_T3_HEADER = re.compile(f"{_HEADER_WORDS}{{3,}}")
_T3_NOTE = re.compile(r"\(?本列数据的勾稽关系为[^)]{0,40}?第三项加第四项之和\)?")

SECTIONS = {
    "table2": re.compile(r"二[、.,]?(?:行政机关)?主动公开政府信息(?:情况)?"),
    "table3": re.compile(r"三[、.,]?收到和处理政府信息公开申请(?:情况)?"),
    "table4": re.compile(r"四[、.,]?(?!结转)[^。]{0,16}?行政复议"),
    "problems": re.compile(r"五[、.,]?[^。]{0,16}?(?:存在的?主要问题|问题及改进|问题和改进)"),
    "other": re.compile(r"六[、.,]?其他需要报告"),
}
OLD_TABLE2 = re.compile(r"本年新制作数量|本年新公开数量|对外公开总数量")


# -- placing values ---------------------------------------------------------------------------


def _place(values: list[Value], width: int, where: str, cells: list[str],
           findings: list[Finding], *, prefer_last: bool = False) -> list[int | float | None]:
    vals = list(values)
    while len(vals) > width and vals[-1].value is None:
        vals.pop()
    while len(vals) > width and vals[0].value is None:
        vals.pop(0)
    if len(vals) > width:
        findings.append(Finding(
            "read_extra_values",
            f"{where}：读到 {len(vals)} 个数字，表格只有 {width} 格，"
            f"取{'最后' if prefer_last else '前'} {width} 个", tuple(cells)))
        vals = vals[-width:] if prefer_last else vals[:width]
    out: list[int | float | None] = [v.value for v in vals]
    if len(out) == width:
        return out
    if not out:
        return [None] * width
    if all(v.structured for v in vals) or width == 1:
        findings.append(Finding(
            "read_values_unplaced",
            f"{where}：只读到 {len(out)} 个数字（表格有 {width} 格），按从左到右填入，其余为空",
            tuple(cells)))
        return out + [None] * (width - len(out))
    # running text: blanks leave no trace; the last figure of a row is its 总计
    findings.append(Finding(
        "read_values_unplaced",
        f"{where}：只读到 {len(out)} 个数字（表格有 {width} 格，空白单元格在文字中无法定位），"
        "最后一个数字按总计填入，其余从左到右填入", tuple(cells)))
    return out[:-1] + [None] * (width - len(out)) + out[-1:]


def _cells_of(key: str) -> list[str]:
    if key in F.ROW_BY_LABEL:
        return [F.cell3(key, i) for i in range(len(F.COLUMNS))]
    if key in F.DOC_ROWS:
        return [F.cell2(key, c) for c in F.DOC_COLUMNS]
    if key in F.TABLE4_ROWS:
        return [F.cell4(key, i) for i in range(len(F.CASE_COLUMNS))]
    return [F.cell2(key)]


# -- reading ----------------------------------------------------------------------------------


def _at_block_start(stream: _Stream, pos: int) -> bool:
    return pos in stream.block_starts


def _sections(stream: _Stream) -> dict[str, int]:
    """Start of each part found (by its numbered heading at the start of a line)."""
    text = stream.text
    found: dict[str, int] = {}
    floor = 0
    for name, pattern in SECTIONS.items():
        for m in pattern.finditer(text, floor):
            if _at_block_start(stream, m.start()):
                found[name] = m.start()
                floor = m.end()
                break
    return found


_ORDINAL = re.compile(r"\d{1,2}\.(?!\d)|\([一二三四五六七八九十]\)|[一二三四五六七八九十][、]")


def _find_labels(text: str, labels: list[Label], start: int, end: int) -> list[tuple[Label, int, int]]:
    found: list[tuple[Label, int, int]] = []
    pos = start
    for label in labels:
        m = re.compile(label.pattern).search(text, pos, end)
        if m is None:
            continue
        # the row's text begins at its ordinal (1. / （一） / 一、) when one stands before the
        # keyword: numbers printed between the ordinal and the keyword (a label wrapped in its
        # cell) are this row's
        start = m.start()
        markers = list(_ORDINAL.finditer(text, pos, m.start()))
        if markers:
            start = markers[-1].start()
        found.append((label, start, m.end()))
        pos = m.end()
    return found


def _assign(stream: _Stream, found: list[tuple[Label, int, int]], end: int) -> dict[str, list[Value]]:
    """Values of each found label: those after the start of its text (a label wrapped around
    its numbers keeps them) up to the start of the next label's text."""
    out: dict[str, list[Value]] = {}
    for i, (lab, start, _e) in enumerate(found):
        hi = found[i + 1][1] if i + 1 < len(found) else end
        key = lab.key or f"#{lab.group or lab.pattern}"
        out[key] = [v for pos, v in stream.values if start < pos <= hi]
    return out


def _mask(text: str, pattern: re.Pattern[str], *, keep_first: bool) -> str:
    out, first = [], True
    last = 0
    for m in pattern.finditer(text):
        if first and keep_first:
            first = False
            continue
        out.append(text[last:m.start()])
        out.append("□" * (m.end() - m.start()))  # same length: positions stay valid
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _read_table2(stream: _Stream, text: str, lo: int, hi: int, figures: dict[str, Any],
                 findings: list[Finding]) -> None:
    region = text[lo:hi]
    if OLD_TABLE2.search(region):
        findings.append(Finding(
            "read_old_format",
            "表二使用的是2019年的旧格式（本年新制作数量/本年新公开数量/对外公开总数量），"
            "与国办公开办函〔2021〕30号格式的栏目含义不同，未读取", ("表二",)))
        return
    head = re.compile(r"第二十条|信息内容").search(text, lo, hi)
    start = head.start() if head else lo
    found = _find_labels(text, T2_LABELS, start, hi)
    values = _assign(stream, found, hi)
    for label in T2_LABELS:
        if label.key not in values:
            findings.append(Finding("read_row_missing", f"表二未找到“{label.key.split('_')[0]}”一行",
                                    tuple(_cells_of(label.key))))
            continue
        cells = _cells_of(label.key)
        placed = _place(values[label.key], label.width, f"表二“{label.key.split('_')[0]}”", cells, findings)
        if label.key in F.DOC_ROWS:
            figures["table2"][label.key] = dict(zip(F.DOC_COLUMNS, placed, strict=True))
        else:
            figures["table2"][label.key] = placed[0]


def _read_table3(stream: _Stream, text: str, lo: int, hi: int, figures: dict[str, Any],
                 findings: list[Finding]) -> None:
    text = _mask(text, _T3_HEADER, keep_first=False)
    text = _mask(text, _T3_NOTE, keep_first=False)
    start = text.find("本年新收", lo, hi)
    if start < 0:
        findings.append(Finding("read_row_missing", "未找到表三（收到和处理政府信息公开申请情况）",
                                ("表三",)))
        return
    found = _find_labels(text, T3_LABELS, start, hi)
    values = _assign(stream, found, hi)
    for label in T3_LABELS:
        if not label.key:
            continue
        row = F.ROW_BY_LABEL[label.key]
        if label.key not in values:
            findings.append(Finding("read_row_missing", f"表三未找到“{row.short}”一行",
                                    tuple(_cells_of(label.key))))
            continue
        figures["table3"][label.key] = _place(values[label.key], label.width, f"表三“{row.short}”",
                                              _cells_of(label.key), findings)
    # an older form (2019) has no ground rows under a heading: its figures stand on the heading
    for group in F.GROUPS:
        heading_values = [v for v in values.get(f"#{group}", []) if v.value is not None]
        rows = [r.label for r in F.TABLE3_ROWS if r.group == group]
        if heading_values and all(r not in values for r in rows):
            last = rows[-1]
            figures["table3"][last] = _place(values[f"#{group}"], len(F.COLUMNS), group,
                                             _cells_of(last), findings)
            findings.append(Finding(
                "read_old_format",
                f"“{group}”没有分项（旧格式），其数字计入“{F.ROW_BY_LABEL[last].short}”",
                tuple(_cells_of(last))))


def _read_table4(stream: _Stream, text: str, lo: int, hi: int, figures: dict[str, Any],
                 findings: list[Finding]) -> None:
    head = text.find("行政复议", lo, hi)
    if head < 0:
        findings.append(Finding("read_row_missing", "未找到表四（行政复议、行政诉讼情况）", ("表四",)))
        return
    width = len(F.CASE_COLUMNS)
    values = [v for pos, v in stream.values if head <= pos <= hi]
    cells = [c for row in F.TABLE4_ROWS for c in _cells_of(row)]
    placed = _place(values, width * 3, "表四", cells, findings, prefer_last=True)
    for i, row in enumerate(F.TABLE4_ROWS):
        figures["table4"][row] = placed[i * width:(i + 1) * width]


_TITLE = re.compile(
    r"(?P<pre>[^\n。，,：:]{0,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<mid>[^\n。，,：:]{0,40}?)\s*"
    r"政府信息公开(?:工作)?(?:年度)?(?:报告|年报)")
_LEAD = re.compile(r"^(?:.*?(?:关于|编制|公布|发布|现将|根据))")
_ORG_END = re.compile(r"(?:政府|办公室|办公厅|局|委员会|委|厅|办|中心|院|所|处|站|队|街道|街道办事处|镇|乡|区|县|市|省|署|会|馆)$")
_PERIOD = re.compile(r"统计期限[^。]{0,8}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")


def _unit_year(lines: list[str], file_name: str) -> tuple[str | None, int | None]:
    for i, raw in enumerate(lines[:60]):
        line = unicodedata.normalize("NFKC", raw).strip()
        m = _TITLE.search(line)
        if not m:
            continue
        year = int(m.group("year"))
        unit = (m.group("mid") or "").strip() or (m.group("pre") or "").strip()
        unit = _LEAD.sub("", unit).strip(" 《》<>\"'“”") if unit else ""
        if not unit and i > 0:
            prev = unicodedata.normalize("NFKC", lines[i - 1]).strip()
            if prev and len(prev) <= 40 and _ORG_END.search(prev):
                unit = prev
        return unit or None, year
    text = "\n".join(lines[:200])
    m = _PERIOD.search(unicodedata.normalize("NFKC", text))
    period_year = int(m.group(1)) if m else None
    m = _TITLE.search(unicodedata.normalize("NFKC", file_name))
    if m:
        return (m.group("mid") or m.group("pre") or "").strip() or None, period_year or int(m.group("year"))
    return None, period_year


def layout_read(blocks: list[Block], *, file_name: str = "") -> ReadReport:
    """The figures, unit, year and prose of a report from its layout."""
    blocks = list(blocks)
    stream = _Stream(blocks)
    text = stream.text
    findings: list[Finding] = []
    figures = F.empty_figures()
    sections = _sections(stream)
    end = len(text)
    order = ["table2", "table3", "table4", "problems", "other"]

    def start_of(name: str) -> int | None:
        return sections.get(name)

    def end_of(name: str) -> int:
        later = [sections[n] for n in order[order.index(name) + 1:] if n in sections]
        return min(later) if later else end

    t3_lo = start_of("table3")
    if t3_lo is None:
        first = text.find("本年新收")
        t3_lo = first if first >= 0 else None
    t2_lo = start_of("table2")
    if t2_lo is not None:
        _read_table2(stream, text, t2_lo, t3_lo if t3_lo is not None else end_of("table2"), figures,
                     findings)
    else:
        findings.append(Finding("read_row_missing", "未找到“二、主动公开政府信息情况”", ("表二",)))
    if t3_lo is not None:
        t3_hi = start_of("table4") or end_of("table3")
        _read_table3(stream, text, t3_lo, t3_hi, figures, findings)
    else:
        findings.append(Finding("read_row_missing", "未找到表三（收到和处理政府信息公开申请情况）", ("表三",)))
    t4_lo = start_of("table4")
    if t4_lo is not None:
        _read_table4(stream, text, t4_lo, end_of("table4"), figures, findings)
    else:
        findings.append(Finding("read_row_missing", "未找到“四、政府信息公开行政复议、行政诉讼情况”", ("表四",)))

    # prose for the checks: outside the tables (before 表二's header, after 四's table, and the
    # prose lines inside the parts, which carry no cells)
    lines = [b for b in blocks if isinstance(b, str)]
    unit, year = _unit_year(lines, file_name)
    prose = "\n".join(line for _pos, line in stream.prose_lines)
    return ReadReport(unit=unit, year=year, figures=figures, text=prose, findings=findings)


def strip_page_furniture(pages: list[list[Block]]) -> list[Block]:
    """Join pages, dropping a page number printed as the first or last line of a page
    ("- 3 -", "第3页", "3/12", or the bare page number)."""
    out: list[Block] = []
    for index, page in enumerate(pages, start=1):
        page = list(page)
        for at in (-1, 0):
            edge = page[at] if page else None
            if isinstance(edge, str):
                line = unicodedata.normalize("NFKC", edge).strip()
                bare = line.isdigit()
                if _PAGE_NUMBER.fullmatch(line) and (not bare or int(line) in (index, index - 1, index + 1)):
                    page.pop(at)
        out.extend(page)
    return out
