"""Metadata extraction (文章属性): text of a document → :class:`Metadata`.

Layouts recognised, tried in this order (DESIGN §3.1, "extracted, not retyped"):

* ``html``      — a gov.cn policy-library page: the metadata table (索引号, 主题分类, 发文机关,
                  成文日期, 标题, 发文字号, 发布日期) and the body ``#UCAP-CONTENT``;
* ``lawrefbook``— LawRefBook Markdown: ``# 标题``, history lines (``2020年5月14日 …通过`` /
                  ``…第一次修正``), ``<!-- INFO END -->``, body;
* ``fields``    — 【label】value headers, either one per line (北大法宝: 【发文字号】【发布部门】
                  【发布日期】【实施日期】【时效性】【效力级别】【法规类别】) or inline
                  (``文章属性•【制定机关】…•【公布日期】…``, separated by ``•`` or spaces);
* ``plain``     — none of these: title from the first lines, 发文字号 from the line under it,
                  issuer and 成文日期 from the 落款 (a unit name followed by a date).

Every layout also reads the 落款 for the 成文日期 and ``自…起施行`` for the 施行日期 when the
header does not give them. A field that is not found is None: nothing is guessed. Values that
exist but cannot be mapped (效力级别 ``XP10``) are kept as written, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from gongkai.core.domain.text import clean_text, to_cjk_punctuation
from gongkai.documents.domain.dates import find_dates, parse_date_checked
from gongkai.documents.domain.docnumber import (
    DocNumber,
    find_doc_numbers,
    parse_doc_number,
)
from gongkai.documents.domain.numerals import cn_to_int
from gongkai.documents.domain.vocab import Level, Validity
from gongkai.ingest.domain.markup import cap_nesting

JSON_KEYS = (
    "file",
    "title",
    "doc_number",
    "issuers",
    "written_date",
    "publish_date",
    "effective_date",
    "level",
    "validity",
    "category",
    "index_no",
    "warnings",
)


@dataclass(frozen=True)
class Metadata:
    """What was read from one document. Dates are ``datetime.date``; absent fields are None."""

    title: str | None = None
    doc_number: str | None = None  # normalised: 武政办〔2014〕153号
    issuers: tuple[str, ...] = ()
    written_date: date | None = None  # 成文日期 (落款)
    publish_date: date | None = None  # 公布日期 / 发布日期
    effective_date: date | None = None  # 施行日期
    expiry_date: date | None = None  # 有效期至
    level: str | None = None  # a Level value, or the text as written (with a warning)
    validity: str | None = None  # a Validity value, or the text as written (with a warning)
    category: str | None = None  # 主题分类 / 法规类别
    index_no: str | None = None  # 索引号
    body: str = ""
    warnings: tuple[str, ...] = ()
    layout: str = "plain"  # html | lawrefbook | fields | plain
    history: tuple[str, ...] = field(default=(), repr=False)  # LawRefBook history lines

    @property
    def doc_number_parsed(self) -> DocNumber | None:
        return parse_doc_number(self.doc_number) if self.doc_number else None

    def as_json(self, file: str) -> dict[str, Any]:
        """The ``gongkai extract --json`` object: exactly :data:`JSON_KEYS`, ISO dates."""

        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "file": file,
            "title": self.title,
            "doc_number": self.doc_number,
            "issuers": list(self.issuers),
            "written_date": iso(self.written_date),
            "publish_date": iso(self.publish_date),
            "effective_date": iso(self.effective_date),
            "level": self.level,
            "validity": self.validity,
            "category": self.category,
            "index_no": self.index_no,
            "warnings": list(self.warnings),
        }


# --- vocabularies -------------------------------------------------------------------------

LEVEL_SYNONYMS: dict[str, Level] = {
    **{lv.value: lv for lv in Level},
    "规范性文件": Level.NORMATIVE,
    "行政规范性文件": Level.NORMATIVE,
    "部门规范性文件": Level.NORMATIVE,
    "地方政府规范性文件": Level.NORMATIVE,
    "省级地方性法规": Level.LOCAL_REGULATION,
    "设区的市地方性法规": Level.LOCAL_REGULATION,
    "经济特区法规": Level.LOCAL_REGULATION,
    "自治条例和单行条例": Level.LOCAL_REGULATION,
    "自治条例": Level.LOCAL_REGULATION,
    "单行条例": Level.LOCAL_REGULATION,
    "政府规章": Level.LOCAL_GOV_RULE,
    "地方规章": Level.LOCAL_GOV_RULE,
    "规章": Level.LOCAL_GOV_RULE,
    "国务院部门规章": Level.DEPARTMENT_RULE,
    "有关法律问题和重大问题的决定": Level.LAW,
    "法律解释": Level.LAW,
    "地方工作文件": Level.WORK_DOCUMENT,
    "部门工作文件": Level.WORK_DOCUMENT,
    "地方工作性文件": Level.WORK_DOCUMENT,
    "工作性文件": Level.WORK_DOCUMENT,
    "国务院规范性文件": Level.NORMATIVE,
}
VALIDITY_SYNONYMS: dict[str, Validity] = {
    **{v.value: v for v in Validity},
    "有效": Validity.CURRENT,
    "现行": Validity.CURRENT,
    "已失效": Validity.INVALID,
    "全文失效": Validity.INVALID,
    "已废止": Validity.REPEALED,
    "全文废止": Validity.REPEALED,
    "已修改": Validity.AMENDED,
    "已修正": Validity.AMENDED,
    "部分废止": Validity.PARTLY_INVALID,
    "尚未施行": Validity.NOT_YET,
    "未生效": Validity.NOT_YET,
}
_LEVEL_WORDS = sorted(LEVEL_SYNONYMS, key=len, reverse=True)
_VALIDITY_WORDS = sorted(VALIDITY_SYNONYMS, key=len, reverse=True)

# Header labels as 北大法宝, 威科 and gov.cn write them → field name.
LABELS: dict[str, str] = {
    "标题": "title",
    "发文字号": "doc_number",
    "字号": "doc_number",
    "文号": "doc_number",
    "发布部门": "issuers",
    "发文机关": "issuers",
    "制定机关": "issuers",
    "发布机关": "issuers",
    "颁布机关": "issuers",
    "发布机构": "issuers",  # local government portals (政府信息公开目录)
    "发文单位": "issuers",
    "发文日期": "written_date",
    "成文时间": "written_date",
    "发布时间": "publish_date",
    "有效性": "validity",
    "名称": "title",
    "发布日期": "publish_date",
    "公布日期": "publish_date",
    "颁布日期": "publish_date",
    "成文日期": "written_date",
    "实施日期": "effective_date",
    "施行日期": "effective_date",
    "生效日期": "effective_date",
    "失效日期": "expiry_date",
    "有效期至": "expiry_date",
    "时效性": "validity",
    "效力级别": "level",
    "效力等级": "level",
    "效力位阶": "level",
    "法规类别": "category",
    "主题分类": "category",
    "索引号": "index_no",
}
_LABEL_ALT = "|".join(sorted(LABELS, key=len, reverse=True))
_FIELD = re.compile(rf"【\s*({_LABEL_ALT})\s*】")

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_HTML = re.compile(r"<\s*(?:html|body|div|table|p|td|span|meta|!doctype)\b", re.I)
_INFO_END = "<!-- INFO END -->"

# Units that sign a document: the name ends with one of these.
_UNIT_SUFFIX = (
    "人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|常务委员会|人民代表大会|政府|"
    "管理委员会|管委会|领导小组|指挥部|中心|研究院|院|局|厅|部|委|署|处|科|所|站|社|会|行|队|台"
)
_UNIT = rf"[{_CJK}()]{{2,40}}?(?:{_UNIT_SUFFIX})"
_DATE_CN = r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}\s*年\s*[〇○零一二三四五六七八九十]{1,3}\s*月\s*[〇○零一二三四五六七八九十]{1,3}\s*日"
# A 落款: one or more unit names (joint issue) at a line start, then the date.
_SIGNATURE = re.compile(
    rf"(?:^|(?<=[\n。!]))[ \t]*(?P<units>{_UNIT}(?:[ \t\u3000\n]+{_UNIT}){{0,8}})[ \t\u3000]*\n?[ \t]*(?P<date>{_DATE_CN})"
    # "市统计局2020年1月3日发布的数据" is a sentence, not a signature.
    r"(?!\s*(?:起|前|后|以来|以前|以后|至|到|发布|印发|召开|举行|通过|期间|的|在|,|，|、|—|-|~))",
    re.M,
)
_EFFECTIVE = re.compile(
    rf"自\s*(?P<date>{_DATE_CN})\s*(?:起|开始)\s*(?:施行|实施|生效|执行)"
    r"|自\s*(?P<event>公布|发布|印发|颁布)之日起\s*(?:施行|实施|生效|执行)"
)
_TERM = re.compile(
    rf"有效期至\s*(?P<date>{_DATE_CN})"
    r"|有效期(?:为)?\s*(?P<years>\d{1,2}|[一二三四五六七八九十两]{1,3})\s*年"
)
_INDEX_NO = re.compile(r"索\s*引\s*号\s*[:：]?\s*([0-9A-Za-z][0-9A-Za-z/\-_.]{5,40})")
_DOC_TYPE_END = re.compile(
    r"(?:通知|意见|决定|办法|方案|规定|通报|公告|通告|批复|复函|函|要点|细则|条例|规则|报告|请示|"
    r"纪要|制度|规划|计划|总结|答复|决议|命令|令|法|守则|标准|指南|目录|清单|说明|解读)$"
)
_SCRAPE_TAIL = re.compile(r"(?:word|doc|pdf|文档|下载|免费|精选|范文|\d+页|网)", re.I)
_MASTHEAD = re.compile(
    r"\d{6}|(?:绝密|机密|秘密)(?:★.*)?|特急|加急|平急|特提|"
    # Lines are matched with their spaces removed, so a joint masthead (several issuers)
    # is one CJK run: a single bounded quantifier, never nested ones (nested repeats of the
    # same class backtrack exponentially on a long line without 联合发文).
    rf"[{_CJK}()]{{2,60}}文件|[{_CJK}]{{2,180}}联合发文"
)
_LEADING_TAG = re.compile(r"^【[^】]{0,20}】\s*")
_RULE = re.compile(r"^(?P<head>.*?)正文\s*[:：]?\s*-{5,}\s*", re.S)


# --- public entry points ------------------------------------------------------------------


def extract(text: str) -> Metadata:
    """Metadata from the text of one document (HTML is detected and parsed as such)."""
    if _HTML.search((text or "")[:4000]):
        return extract_html(text)
    text = clean_text(text or "")
    if text.lstrip().startswith("# ") and (_INFO_END in text or _looks_like_history(text)):
        return _extract_lawrefbook(text)
    if len(_FIELD.findall(text[:3000])) >= 2:
        return _extract_fields(text)
    return _extract_plain(text)


def extract_html(html: str) -> Metadata:
    """Metadata from a gov.cn policy-library page (or any HTML: then from its text)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_mark_blocks(cap_nesting(html or "")))
    table: dict[str, str] = {}
    meta_cells: list[Any] = []
    cells = tree.css("td, th")
    for i, cell in enumerate(cells[:-1]):
        label = re.sub(r"[\s\u3000:：]+", "", clean_text(cell.text(deep=True)))
        if label in LABELS and LABELS[label] not in table:
            value = clean_text(cells[i + 1].text(deep=True)).strip()
            if re.sub(r"[\s:：]+", "", value) not in LABELS:
                table[LABELS[label]] = value
                meta_cells.append(cell)
    content = tree.css_first("#UCAP-CONTENT")
    if content is None:  # no gov.cn body cell: the page minus its metadata table
        for table_node in {id(c.parent): c.parent for c in meta_cells}.values():
            while table_node is not None and table_node.tag != "table":
                table_node = table_node.parent
            if table_node is not None:
                table_node.decompose()
        content = tree.body or tree.root
    body = _node_text(content) if content is not None else ""
    if not table:
        meta = extract(body) if not _HTML.search(body[:4000]) else _extract_plain(clean_text(body))
        return replace(meta, layout="html")
    warnings: list[str] = []
    values = _convert_fields(table, warnings)
    meta = Metadata(body=body, layout="html", **values)
    meta = _fill_from_body(meta, body, warnings)
    return replace(meta, warnings=tuple(warnings))


def _node_text(node: Any) -> str:
    """Text of an HTML node, one line per paragraph (see :func:`_mark_blocks`)."""
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip() for ln in node.text(deep=True).split("\n"))
    return clean_text("\n".join(ln for ln in lines if ln))


_SOURCE_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
_SOURCE_NEWLINES_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]+\s*(?=[{_CJK}])")
_BLOCK_END = re.compile(r"(?i)(<br\s*/?>|</(?:p|div|tr|li|h[1-6]|table|section|article)\s*>)")


def _mark_blocks(html: str) -> str:
    """Line breaks in HTML source are spaces; paragraph ends and ``<br>`` become newlines."""
    html = _SOURCE_NEWLINES_CJK.sub("", html)  # a wrapped Chinese line joins without a space
    html = _SOURCE_NEWLINES.sub(" ", html)
    return _BLOCK_END.sub(lambda m: m.group(1) + "\n", html)


# --- layouts ------------------------------------------------------------------------------


def _looks_like_history(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines()[1:6] if ln.strip()]
    return bool(lines) and bool(re.match(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日", lines[0]))


_HISTORY_ISSUER = re.compile(
    r"(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*(?:第[一二三四五六七八九十]+届)?"
    rf"(?P<issuer>[{_CJK}]*?(?:第[一二三四五六七八九十]+届)?[{_CJK}]*?"
    r"(?:人民代表大会常务委员会|人民代表大会|国务院|人民政府|委员会|部|局|署|院|总局))"
    r"\s*(?:第[一二三四五六七八九十百零〇]+次(?:全体)?会议|会议|常务会议|发布|公布|批准|通过|令)"
)


_HISTORY_LINE = re.compile(r"^[(（]?(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
_HISTORY_IN_FORCE = re.compile(
    r"^(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*(?:起)?\s*(?:施行|实施|生效)\s*$"
)


def _extract_lawrefbook(text: str) -> Metadata:
    warnings: list[str] = []
    head, marker, body = text.partition(_INFO_END)
    if not marker:  # no INFO END: the history is the run of dated lines under the title
        all_lines = text.split("\n")
        end = 1
        while end < len(all_lines) and (
            not all_lines[end].strip() or _HISTORY_LINE.match(all_lines[end].strip())
        ):
            end += 1
        head, body = "\n".join(all_lines[:end]), "\n".join(all_lines[end:])
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    title = _title_display(lines[0][2:].strip()) if lines and lines[0].startswith("# ") else None
    history = tuple(ln for ln in lines[1:] if not ln.startswith("#"))
    dated: list[tuple[date, str]] = []
    in_force: date | None = None
    for line in history:
        found_dates = find_dates(line)
        for found in found_dates:
            if found.warning:
                warnings.append(f"沿革 “{line[:40]}”: {found.warning}")
        if _HISTORY_IN_FORCE.match(line) and found_dates and found_dates[0].value:
            in_force = found_dates[0].value  # "2003年10月1日 施行" is not a version date
            continue
        dated.extend((found.value, line) for found in found_dates if found.value)
    publish = max((d for d, _ in dated), default=None)
    doc_number = None
    for line in history:  # "2018年11月6日 中华人民共和国国务院令第706号公布": the latest wins
        orders = [f.number for f in find_doc_numbers(line) if f.number.kind == "order"]
        if orders:
            doc_number = orders[-1].normalized
    issuers: tuple[str, ...] = ()
    if dated:
        latest_line = max(dated, key=lambda x: x[0])[1]
        m = _HISTORY_ISSUER.search(latest_line)
        if m:
            issuer = re.sub(r"第[一二三四五六七八九十]+届", "", m.group("issuer"))
            issuers = (issuer,)
    effective = in_force or _effective_from(body or text, publish=publish, written=None)
    if effective and publish and effective < publish:
        # "本法自1988年8月1日起施行" (or a "2015年9月1日 施行" line) in a text amended in 2021
        # is an earlier version's date.
        warnings.append(
            f"写明的施行日期 {effective.isoformat()} 早于最近一次修改 {publish.isoformat()}，"
            "是原版本的施行日期，本版本施行日期未填写"
        )
        effective = None
    meta = Metadata(
        title=title,
        doc_number=doc_number,
        issuers=issuers,
        publish_date=publish,
        effective_date=effective,
        body=body.strip(),
        layout="lawrefbook",
        history=history,
    )
    meta = replace(meta, expiry_date=_expiry_from(body, meta.effective_date))
    return replace(meta, warnings=tuple(warnings))


_MAX_FIELD_GAP = 300


def _extract_fields(text: str) -> Metadata:
    warnings: list[str] = []
    matches: list[re.Match[str]] = []
    for m in _FIELD.finditer(text):
        # The header is one run of labels; a 【发布日期】 quoted further down is body text.
        if matches and m.start() - matches[-1].end() > _MAX_FIELD_GAP:
            break
        matches.append(m)
    raw: dict[str, str] = {}
    header_end = 0
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        segment = text[m.end() : end]
        name = LABELS[m.group(1)]
        value, used = _field_value(name, segment, last=i + 1 == len(matches))
        header_end = m.end() + used
        if name not in raw or not raw[name]:
            raw[name] = value
    first = matches[0].start()
    before = text[:first]
    title_source = before.split("文章属性")[0]
    title = _title_from_lines(title_source)
    body = text[header_end:]
    body = re.sub(r"^[\s•·]*(?:正文\s*[:：]?\s*)?", "", body)
    values = _convert_fields(raw, warnings)
    if values.get("title"):
        title = values.pop("title")
    else:
        values.pop("title", None)
    meta = Metadata(title=title, body=body.strip(), layout="fields", **values)
    meta = _fill_from_body(meta, body, warnings)
    return replace(meta, warnings=tuple(warnings))


def _field_value(name: str, segment: str, *, last: bool) -> tuple[str, int]:
    """The value of one 【label】 and how many characters of ``segment`` it used.

    A value ends at ``•``, a line end or the next 【label】. When nothing separates the last
    value from the body (``【效力级别】地方规范性文件武汉市人民政府…``), the value is cut by its
    vocabulary: a known 效力级别 / 时效性 word, a date, a 发文字号, or ``正文``.
    """
    stop = re.search(r"[•·\n]", segment)
    value = segment[: stop.start()] if stop else segment
    used = len(value)
    stripped = value.strip()
    if name == "level":
        word = next((w for w in _LEVEL_WORDS if stripped.startswith(w)), None)
        code = re.match(r"[A-Z]{1,3}\d{1,4}", stripped)
        cut = word or (code.group(0) if code else None)
        if cut and (last or len(stripped) > len(cut) + 10):
            return cut, value.find(cut) + len(cut)
    elif name == "validity":
        word = next((w for w in _VALIDITY_WORDS if stripped.startswith(w)), None)
        if word and (last or len(stripped) > len(word) + 10):
            return word, value.find(word) + len(word)
    elif name == "category":
        m = re.search(r"正文", stripped)
        if m:
            return stripped[: m.start()], value.find("正文") + 2
    elif name in ("publish_date", "effective_date", "written_date", "expiry_date"):
        m = re.match(r"\s*(\d{4}[.\-/年]\d{1,2}[.\-/月]\d{1,2}日?)", value)
        if m and (last or len(stripped) > len(m.group(1)) + 10):
            return m.group(1), m.end()
    elif name == "doc_number" and (last or len(stripped) > 30):
        found = find_doc_numbers(stripped)
        if found and found[0].start == 0:
            return stripped[: found[0].end], value.find(stripped) + found[0].end
    if "正文" in stripped and name != "title":
        at = stripped.index("正文")
        return stripped[:at], value.find("正文") + 2
    return stripped, used


def _extract_plain(text: str) -> Metadata:
    warnings: list[str] = []
    text = text.strip()
    head, rule_body = text, None
    m = _RULE.match(text[:3000])
    if m:  # scraped pages: "标题-文号\n标题正文:-----…"
        head, rule_body = m.group("head"), text[m.end() :]
    title, doc_number, title_end = _title_and_number(head if rule_body is not None else text)
    body = rule_body if rule_body is not None else text[title_end:]
    body = body.lstrip()
    meta = Metadata(title=title, doc_number=doc_number, body=body, layout="plain")
    meta = _fill_from_body(meta, body, warnings)
    return replace(meta, warnings=tuple(warnings))


# --- pieces -------------------------------------------------------------------------------


def _convert_fields(raw: dict[str, str], warnings: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in raw.items():
        value = (value or "").strip()
        if not value:
            continue
        if name == "title":
            out["title"] = _title_display(value)
        elif name == "doc_number":
            parsed = parse_doc_number(value)
            if parsed:
                out["doc_number"] = parsed.normalized
            else:
                found = find_doc_numbers(value)
                if found:
                    out["doc_number"] = found[0].number.normalized
                else:  # left empty: a number that cannot be parsed cannot be matched either
                    warnings.append(f"发文字号 “{value}” 无法识别，未填写")
        elif name == "issuers":
            out["issuers"] = split_issuers(value)
        elif name.endswith("_date"):
            parsed_date, warning = parse_date_checked(value)
            if parsed_date:
                out[name] = parsed_date
            elif warning:
                warnings.append(f"{_FIELD_LABELS[name]}: {warning}")
        elif name == "level":
            out["level"] = _map_vocab(value, LEVEL_SYNONYMS, "效力级别", warnings)
        elif name == "validity":
            out["validity"] = _map_vocab(value, VALIDITY_SYNONYMS, "时效性", warnings)
        elif name == "category":
            out["category"] = value
        elif name == "index_no":
            out["index_no"] = re.sub(r"\s+", "", value)
    return out


_FIELD_LABELS = {
    "publish_date": "公布日期",
    "written_date": "成文日期",
    "effective_date": "施行日期",
    "expiry_date": "有效期至",
}


def _map_vocab(value: str, table: dict[str, Any], label: str, warnings: list[str]) -> str:
    key = re.sub(r"\s+", "", value)
    if key in table:
        return str(table[key].value)
    warnings.append(f"{label} “{value}” 不在词表中，按原文保留")
    return value


def split_issuers(value: str) -> tuple[str, ...]:
    """``国务院办公厅 国家发展改革委`` / ``A、B`` / ``A,B`` → each issuer once, in order."""
    parts = re.split(r"[\s\u3000、,，;；/]+", value.strip())
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return tuple(seen)


def _title_display(title: str) -> str:
    title = re.sub(r"[ \t]+$", "", title.strip())
    return to_cjk_punctuation(title)


def _clean_title_line(line: str) -> tuple[str, str | None]:
    """Strip scraping debris from a first line; return (title, 发文字号 found after a dash)."""
    line = _LEADING_TAG.sub("", line.strip()) if not _FIELD.match(line.strip()) else line
    number = None
    if "-" in line:
        head, _, tail = line.rpartition("-")
        tail_s = tail.strip()
        parsed = parse_doc_number(tail_s) if tail_s else None
        if parsed:
            line, number = head, parsed.normalized
        elif not tail_s or _SCRAPE_TAIL.search(tail_s):
            line = head
    return line.strip(" -—\t"), number


def _title_from_lines(block: str) -> str | None:
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    if not lines:
        return None
    title, _ = _clean_title_line(lines[0])
    return _title_display(title) if title else None


def _title_and_number(text: str) -> tuple[str | None, str | None, int]:
    """Title from the first line(s), 发文字号 from the title line or the line(s) under it."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    idx = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if idx is None:
        return None, None, 0
    # 公文 版头 (GB/T 9704-2012 §7.2): 份号, 密级, 紧急程度, "…文件", 发文字号, 签发人 come
    # before the title; skip them, keeping the 发文字号.
    head_number: str | None = None
    while idx < len(lines) - 1:
        line = re.sub(r"\s+", "", lines[idx])
        found = find_doc_numbers(line)
        if not line or _MASTHEAD.fullmatch(line):
            idx += 1
        elif found and found[0].start == 0 and re.fullmatch(r"(?:签发人:?.*)?", line[found[0].end :]):
            head_number = found[0].number.normalized
            idx += 1
        elif line.startswith("签发人"):
            idx += 1
        else:
            break
    title, number = _clean_title_line(lines[idx])
    number = number or head_number
    end_line = idx
    # A title broken over short lines ("…政府信息公开情况统计" / "报送工作的通知").
    while (
        not _DOC_TYPE_END.search(title)
        and end_line + 1 < len(lines)
        and 0 < len(lines[end_line + 1].strip()) <= 40
        and not re.search(r"[。:：;；,，]", lines[end_line + 1])
        and parse_doc_number(lines[end_line + 1]) is None
        and end_line - idx < 2
        and len(title) < 60
    ):
        end_line += 1
        title += lines[end_line].strip()
    if len(title) > 120 or re.search(r"[。;；]", title):
        # Not a title (a long first sentence): it stays in the body, from its first character.
        return None, number, min(offsets[idx], len(text))
    title_value = _title_display(title) or None
    title_end = offsets[end_line] + len(lines[end_line]) + 1
    if number is None:
        for j in range(end_line + 1, min(end_line + 4, len(lines))):
            candidate = lines[j].strip()
            if not candidate:
                continue
            parsed = parse_doc_number(candidate)
            if parsed:
                number = parsed.normalized
                title_end = offsets[j] + len(lines[j]) + 1
            break
    return title_value, number, min(title_end, len(text))


def _number_under_title(body: str, title: str | None) -> str | None:
    """The document's own number near the top of the body: after the repeated title, before the
    salutation (``各区人民政府,…:``), not inside a citation (``《…》(国办发〔2014〕32号)``)."""
    head = body[:400]
    stop = re.search(r"[:：。]", head)
    region = head[: stop.start()] if stop else head
    for found in find_doc_numbers(region):
        before = region[max(0, found.start - 2) : found.start]
        if "》" in before:
            continue
        return found.number.normalized
    return None


def _fill_from_body(meta: Metadata, body: str, warnings: list[str]) -> Metadata:
    """Complete what the header did not give from the body: 文号, 落款, 施行, 有效期, 索引号."""
    changes: dict[str, Any] = {}
    if not meta.doc_number:
        number = _number_under_title(body, meta.title)
        if number:
            changes["doc_number"] = number
    signature = _signature(body)
    if signature:
        units, signed = signature
        if not meta.issuers and units:
            changes["issuers"] = units
        if not meta.written_date and signed:
            changes["written_date"] = signed
    written = changes.get("written_date", meta.written_date)
    if not meta.effective_date:
        effective = _effective_from(body, publish=meta.publish_date, written=written)
        if effective:
            changes["effective_date"] = effective
    effective = changes.get("effective_date", meta.effective_date)
    if not meta.expiry_date:
        expiry = _expiry_from(body, effective)
        if expiry:
            changes["expiry_date"] = expiry
    if not meta.index_no:
        m = _INDEX_NO.search(body[:2000])
        if m:
            changes["index_no"] = m.group(1)
    for label, value in (("公布日期", meta.publish_date), ("施行日期", effective)):
        if value and written and value < written:
            warnings.append(f"{label} {value.isoformat()} 早于成文日期 {written.isoformat()}")
    return replace(meta, **changes) if changes else meta


def _signature(body: str) -> tuple[tuple[str, ...], date | None] | None:
    """The first 落款 of the body: unit name(s) at a line start followed by a date."""
    for m in _SIGNATURE.finditer(body):
        units_text = m.group("units").strip()
        units = tuple(u for u in re.split(r"[ \t\u3000\n]+", units_text) if u)
        units = tuple(_strip_unit_lead(u) for u in units)
        if not all(units):
            continue
        signed, _ = parse_date_checked(m.group("date"))
        return units, signed
    return None


_UNIT_LEAD = re.compile(r"^(?:.*?[。!?;；])")


def _strip_unit_lead(unit: str) -> str:
    unit = _UNIT_LEAD.sub("", unit).strip()
    # A unit name has no sentence words; "请认真贯彻执行武汉市人民政府" is not a signature.
    if re.search(r"(?:的|请|认真|执行|通知|现将|印发|同意|如下|为了|根据)", unit):
        return ""
    return unit


def _effective_from(body: str, *, publish: date | None, written: date | None) -> date | None:
    """``自2024年7月1日起施行`` → that date; ``自公布之日起施行`` → the publish date.

    The last such clause wins: it is the 附则 at the end, earlier ones quote other rules.
    """
    result: date | None = None
    for m in _EFFECTIVE.finditer(body or ""):
        if m.group("date"):
            value, _ = parse_date_checked(m.group("date"))
            if value:
                result = value
        elif m.group("event") in ("公布", "发布", "颁布") and publish:
            result = publish
        elif m.group("event") == "印发" and written:
            result = written
    return result


def _expiry_from(body: str, effective: date | None) -> date | None:
    """``有效期至2025年12月31日``, or ``有效期5年`` counted from the 施行日期 (to the day before)."""
    for m in _TERM.finditer(body or ""):
        if m.group("date"):
            value, _ = parse_date_checked(m.group("date"))
            if value:
                return value
        elif m.group("years") and effective:
            years = cn_to_int(m.group("years"))
            if years:
                try:
                    end = effective.replace(year=effective.year + years)
                except ValueError:  # 29 February
                    end = effective.replace(year=effective.year + years, day=28)
                return end - timedelta(days=1)
    return None
