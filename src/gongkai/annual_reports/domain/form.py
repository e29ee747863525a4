"""The national annual-report form (国办公开办函〔2021〕30号) as data.

Rows and columns of 表二 (主动公开), 表三 (收到和处理政府信息公开申请) and 表四 (行政复议、行政诉讼)
exactly as the form prints them, the names of its cells (used by every check and finding), and
the empty figures. A report's figures are plain dicts in the JSON shape of
`gongkai annual-report read/build --json` (docs/annual-report-json.md):

    {"table2": {"规章": {"本年制发件数": n, "本年废止件数": n, "现行有效件数": n},
                "行政规范性文件": {...}, "行政许可_本年处理决定数量": n, ...},
     "table3": {ROW: [7 numbers]}, "table4": {"行政复议": [5 numbers], ...}}

where a number is an int (a float for 万元) or None for a cell the report leaves blank.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

# -- 表二 主动公开政府信息情况 ----------------------------------------------------------------

REGULATION = "规章"
NORMATIVE = "行政规范性文件"
DOC_ROWS = (REGULATION, NORMATIVE)  # 第二十条第（一）项
DOC_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
MADE, REPEALED, CURRENT = DOC_COLUMNS

LICENSING = "行政许可_本年处理决定数量"  # 第二十条第（五）项
PENALTY = "行政处罚_本年处理决定数量"  # 第二十条第（六）项
COERCION = "行政强制_本年处理决定数量"  # 第二十条第（六）项
FEES = "行政事业性收费_本年收费金额_万元"  # 第二十条第（八）项
SINGLE_ROWS = (LICENSING, PENALTY, COERCION, FEES)
# What the unit enters itself: the platform holds no data on these decisions and fees.
UNIT_ENTERED = SINGLE_ROWS

SINGLE_LABELS = {
    LICENSING: ("第二十条第（五）项", "行政许可", "本年处理决定数量"),
    PENALTY: ("第二十条第（六）项", "行政处罚", "本年处理决定数量"),
    COERCION: ("第二十条第（六）项", "行政强制", "本年处理决定数量"),
    FEES: ("第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）"),
}

# -- 表三 收到和处理政府信息公开申请情况 ---------------------------------------------------------

COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
TOTAL_COLUMN = len(COLUMNS) - 1
ORGANISATION_COLUMNS = COLUMNS[1:6]  # 法人或其他组织
# the applicant type of disclosure_requests.domain.vocab.ApplicantType for each column
APPLICANT_KEYS = ("natural", "commercial", "research", "public_interest", "legal_service", "other")


@dataclass(frozen=True)
class Row:
    label: str  # as the national form prints it: the JSON key
    key: str  # short code: "new", "carried_over", "disclosed", "withheld:state_secret", …
    group: str = ""  # the category (三、（三）不予公开 …) a ground row belongs to, "" otherwise
    short: str = ""  # how the row is named in a message (the label's last part)


def _rows() -> tuple[Row, ...]:
    rows = [
        Row("一、本年新收政府信息公开申请数量", "new", short="一、本年新收"),
        Row("二、上年结转政府信息公开申请数量", "carried_over", short="二、上年结转"),
        Row("三、（一）予以公开", "disclosed", short="三（一）予以公开"),
        Row("三、（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partly",
            short="三（二）部分公开"),
    ]
    groups = (
        ("三、（三）不予公开", "withheld", (
            ("1.属于国家秘密", "state_secret"), ("2.其他法律行政法规禁止公开", "prohibited_by_law"),
            ("3.危及“三安全一稳定”", "three_securities_one_stability"),
            ("4.保护第三方合法权益", "third_party_rights"), ("5.属于三类内部事务信息", "internal_affairs"),
            ("6.属于四类过程性信息", "process_information"), ("7.属于行政执法案卷", "enforcement_files"),
            ("8.属于行政查询事项", "administrative_inquiry"))),
        ("三、（四）无法提供", "unavailable", (
            ("1.本机关不掌握相关政府信息", "not_held"), ("2.没有现成信息需要另行制作", "needs_creation"),
            ("3.补正后申请内容仍不明确", "still_unclear"))),
        ("三、（五）不予处理", "not_handled", (
            ("1.信访举报投诉类申请", "petition_complaint"), ("2.重复申请", "repeated"),
            ("3.要求提供公开出版物", "publication"), ("4.无正当理由大量反复申请", "excessive"),
            ("5.要求行政机关确认或重新出具已获取信息", "confirm_or_reissue"))),
        ("三、（六）其他处理", "other", (
            ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "no_correction"),
            ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "fee_unpaid"),
            ("3.其他", "other"))),
    )
    for group_label, category, grounds in groups:
        for text, ground in grounds:
            short_group = group_label.replace("三、", "三")
            rows.append(Row(f"{group_label} {text}", f"{category}:{ground}", group=group_label,
                            short=f"{short_group}{text}"))
    rows.append(Row("三、（七）总计", "total", short="三（七）总计"))
    rows.append(Row("四、结转下年度继续办理", "carried_forward", short="四、结转下年度"))
    return tuple(rows)


TABLE3_ROWS: tuple[Row, ...] = _rows()
ROW_BY_KEY = {r.key: r for r in TABLE3_ROWS}
ROW_BY_LABEL = {r.label: r for r in TABLE3_ROWS}
NEW = ROW_BY_KEY["new"].label
CARRIED_OVER = ROW_BY_KEY["carried_over"].label
TOTAL = ROW_BY_KEY["total"].label
CARRIED_FORWARD = ROW_BY_KEY["carried_forward"].label
# the outcome rows whose sum is 三（七）总计
OUTCOME_ROWS = tuple(r.label for r in TABLE3_ROWS
                     if r.key not in ("new", "carried_over", "total", "carried_forward"))
GROUPS = tuple(dict.fromkeys(r.group for r in TABLE3_ROWS if r.group))

# -- 表四 行政复议、行政诉讼 -------------------------------------------------------------------

REVIEW = "行政复议"
SUIT_DIRECT = "行政诉讼_未经复议直接起诉"
SUIT_AFTER_REVIEW = "行政诉讼_复议后起诉"
TABLE4_ROWS = (REVIEW, SUIT_DIRECT, SUIT_AFTER_REVIEW)
TABLE4_LABELS = {REVIEW: "行政复议", SUIT_DIRECT: "行政诉讼（未经复议直接起诉）",
                 SUIT_AFTER_REVIEW: "行政诉讼（复议后起诉）"}
CASE_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
CASE_TOTAL = len(CASE_COLUMNS) - 1

# -- the six parts ----------------------------------------------------------------------------

PARTS = (
    ("overview", "一、总体情况"),
    ("table2", "二、主动公开政府信息情况"),
    ("table3", "三、收到和处理政府信息公开申请情况"),
    ("table4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)
# the headings of 一、总体情况 the national format asks for (国办公开办函〔2021〕30号)
OVERVIEW_TOPICS = (
    ("proactive", "（一）主动公开"),
    ("on_request", "（二）依申请公开"),
    ("management", "（三）政府信息管理"),
    ("platform", "（四）平台建设"),
    ("oversight", "（五）监督保障"),
)
TEXT_KEYS = tuple(k for k, _ in OVERVIEW_TOPICS) + ("problems", "other")


# -- cells ------------------------------------------------------------------------------------


def cell2(row: str, column: str | None = None) -> str:
    """Name of a 表二 cell: "表二.规章.现行有效件数", "表二.行政许可.本年处理决定数量"."""
    if column is None:
        _, name, col = SINGLE_LABELS[row]
        return f"表二.{name}.{col}"
    return f"表二.{row}.{column}"


def cell3(row: str, column: int | str) -> str:
    """Name of a 表三 cell: "表三.三、（七）总计.总计"."""
    col = COLUMNS[column] if isinstance(column, int) else column
    return f"表三.{row}.{col}"


def cell4(row: str, column: int | str) -> str:
    """Name of a 表四 cell: "表四.行政复议.总计"."""
    col = CASE_COLUMNS[column] if isinstance(column, int) else column
    return f"表四.{row}.{col}"


# -- empty figures ----------------------------------------------------------------------------


def empty_table2() -> dict[str, Any]:
    return {
        REGULATION: dict.fromkeys(DOC_COLUMNS),
        NORMATIVE: dict.fromkeys(DOC_COLUMNS),
        **dict.fromkeys(SINGLE_ROWS),
    }


def empty_table3() -> dict[str, list[Any]]:
    return {r.label: [None] * len(COLUMNS) for r in TABLE3_ROWS}


def empty_table4() -> dict[str, list[Any]]:
    return {r: [None] * len(CASE_COLUMNS) for r in TABLE4_ROWS}


def empty_figures() -> dict[str, Any]:
    return {"table2": empty_table2(), "table3": empty_table3(), "table4": empty_table4()}


def zero_figures() -> dict[str, Any]:
    """All cells 0 (a unit with nothing to report)."""
    figures = empty_figures()
    for row in DOC_ROWS:
        figures["table2"][row] = dict.fromkeys(DOC_COLUMNS, 0)
    for row in SINGLE_ROWS:
        figures["table2"][row] = 0
    figures["table3"] = {k: [0] * len(v) for k, v in figures["table3"].items()}
    figures["table4"] = {k: [0] * len(v) for k, v in figures["table4"].items()}
    return figures


def figures_copy(figures: dict[str, Any]) -> dict[str, Any]:
    """A deep copy with every table present (missing parts filled with blanks)."""
    out = empty_figures()
    src = copy.deepcopy(figures or {})
    t2 = src.get("table2") or {}
    for row in DOC_ROWS:
        for col in DOC_COLUMNS:
            out["table2"][row][col] = (t2.get(row) or {}).get(col)
    for row in SINGLE_ROWS:
        out["table2"][row] = t2.get(row)
    for key in ("table3", "table4"):
        for row, values in (src.get(key) or {}).items():
            if row in out[key] and isinstance(values, list):
                width = len(out[key][row])
                out[key][row] = (list(values) + [None] * width)[:width]
    return out


def figures_add(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Cell-wise sum of two reports' figures (the office's roll-up). Blank + blank stays blank;
    blank + n is n."""
    a, b = figures_copy(a), figures_copy(b)
    out = empty_figures()

    def add(x: Any, y: Any) -> Any:
        if x is None and y is None:
            return None
        s = (x or 0) + (y or 0)
        return round(s, 4) if isinstance(s, float) else s

    for row in DOC_ROWS:
        for col in DOC_COLUMNS:
            out["table2"][row][col] = add(a["table2"][row][col], b["table2"][row][col])
    for row in SINGLE_ROWS:
        out["table2"][row] = add(a["table2"][row], b["table2"][row])
    for key in ("table3", "table4"):
        for row in out[key]:
            out[key][row] = [add(x, y) for x, y in zip(a[key][row], b[key][row], strict=True)]
    return out
