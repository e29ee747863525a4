"""References between documents and what a decision does to them (DESIGN §3.4), pure Python.

A decision (修改和废止…的决定, 清理结果的通知, a new 办法 that "同时废止" an old one) names the
documents it changes inside 《》, often followed by the 发文字号 in brackets:

    对《武汉市统计管理办法》(市人民政府令第152号)等19部规章的部分条款,予以修改。
    本办法自2007年1月1日起施行。…《北京市环境噪声管理暂行办法》同时废止。

This module finds those references, classifies the action per target (amend / repeal /
invalidate / replace / interpret / cite), reads the counts a decision declares (等19部规章,
失效或废止的文件五十四件) and the date the decision takes effect. It never touches the database:
resolution to library documents lives in `gongkai.documents.lifecycle`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.documents.domain.dates import parse_date
from gongkai.documents.domain.docnumber import normalize_doc_number
from gongkai.documents.domain.numerals import cn_to_int
from gongkai.documents.domain.validity import CHANGING_ACTIONS
from gongkai.documents.domain.vocab import RelationAction

__all__ = [
    "CHANGING_ACTIONS",
    "DeclaredCount",
    "Decision",
    "Reference",
    "decision_analyse",
    "declared_counts",
    "effective_date_find",
    "history_references",
    "normalize_doc_number",
    "references_extract",
    "title_key",
    "title_references",
]

# ---------------------------------------------------------------------------------------------
# Types


@dataclass(frozen=True)
class Reference:
    """One document named in a text.

    `count` is the size a list declares when the reference heads it
    (`《A》等19部规章` → 19 on A), else None. `start`/`end` are offsets of 《…》 in the text.
    """

    action: RelationAction
    title: str
    doc_number: str = ""
    count: int | None = None
    start: int = 0
    end: int = 0
    context: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (title_key(self.title), normalize_doc_number(self.doc_number))


@dataclass(frozen=True)
class DeclaredCount:
    """A number a decision states: 等19部规章…予以修改 → (amend, 19)."""

    action: RelationAction
    count: int
    text: str


@dataclass(frozen=True)
class Decision:
    """What one text does: its references (deduplicated), declared counts, effective date."""

    references: list[Reference] = field(default_factory=list)
    counts: list[DeclaredCount] = field(default_factory=list)
    effective_date: date | None = None

    def declared(self, action: RelationAction) -> int | None:
        """The total a decision declares for an action (summed over its clauses), or None."""
        found = [c.count for c in self.counts if c.action == action]
        return sum(found) if found else None

    def by_action(self, action: RelationAction) -> list[Reference]:
        return [r for r in self.references if r.action == action]


# ---------------------------------------------------------------------------------------------
# Small helpers: numerals, dates, 发文字号, title keys

_NUM = r"[0-9０-９零〇○一二两三四五六七八九十百千]+"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _number(text: str) -> int | None:
    """'19' / '１９' / '十九' / '五十四' → int; None when it is not a number."""
    return cn_to_int(text.strip().translate(_FULLWIDTH))


_DATE_RE = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")


def _date(text: str) -> date | None:
    return parse_date(text) if _DATE_RE.search(text) else None


_TITLE_NOISE = re.compile(r"[\s《》〈〉<>＜＞“”\"'‘’、，,·・]")
_TITLE_YEAR_SUFFIX = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*(?:年)?(?:修订|修正|修改)?\s*[)）]$")


ISSUER_BEFORE_GUANYU = re.compile(r"^.{2,30}?(?=关于)")
_ISSUED_INNER = re.compile(r"印发(?P<inner>.+?)的(?:通知|决定|意见|函)$")


def title_match_keys(title: str) -> tuple[str, str]:
    """Two indexable keys of a library title for resolving references to it by title:
    the title without its issuer (武汉市人民政府关于X的通知 → 关于X的通知) and, for a 印发 notice,
    the title of what it issues (…关于印发《武汉市统计管理办法》的通知 → 武汉市统计管理办法)."""
    core = title_key(ISSUER_BEFORE_GUANYU.sub("", title or ""))
    inner = _ISSUED_INNER.search(title_key(title or ""))
    return core, inner.group("inner") if inner else ""


def title_key(title: str) -> str:
    """A comparable form of a title: brackets, spaces and a trailing (2024) removed,
    full-width brackets unified, so 《修改<A>的决定》 and 《修改〈A〉的决定》 compare equal."""
    title = (title or "").strip().translate(_FULLWIDTH)
    title = _TITLE_YEAR_SUFFIX.sub("", title)
    title = title.replace("（", "(").replace("）", ")")
    return _TITLE_NOISE.sub("", title)


# ---------------------------------------------------------------------------------------------
# Finding 《…》 with nesting

_OPEN = {"《": "》", "〈": "〉", "<": ">", "＜": "＞"}
_MAX_TITLE = 300
_SCAN_STEPS_PER_CHAR = 5


def _titles(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) for every top-level 《…》; nested 〈〉 / <> / 《》 stay in the title,
    written as 〈〉. An unclosed 《 is skipped (OCR and truncated pages have them).

    Each 《 is followed for at most _MAX_TITLE characters, and the whole scan for at most
    _SCAN_STEPS_PER_CHAR steps per input character: a real text spends about one step per
    character, while a flood of unclosed 《 would otherwise cost _MAX_TITLE steps each (a
    1 MB page of them took minutes). Past the budget the rest of the text yields no titles."""
    found: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    budget = _SCAN_STEPS_PER_CHAR * n + 10_000
    while i < n and budget > 0:
        i = text.find("《", i)  # skipping to the next 《 costs no budget (str.find, not a loop)
        if i < 0:
            break
        stack = ["》"]
        j = i + 1
        while j < n and j - i <= _MAX_TITLE and stack:
            ch = text[j]
            if ch in _OPEN:
                stack.append(_OPEN[ch])
            elif ch == stack[-1]:
                stack.pop()
            elif ch == "》" and "》" in stack:  # unbalanced inner bracket: close at the outer one
                while stack and stack[-1] != "》":
                    stack.pop()
                stack.pop()
            elif ch in "\n。":  # a title never spans a sentence end
                break
            j += 1
        budget -= j - i
        if stack:
            i += 1
            continue
        inner = text[i + 1 : j - 1]
        inner = inner.replace("《", "〈").replace("》", "〉").replace("<", "〈").replace(">", "〉")
        inner = inner.replace("＜", "〈").replace("＞", "〉").strip()
        if inner:
            found.append((i, j, inner))
        i = j
    return found


_DOC_NUMBER_AFTER = re.compile(
    r"\s*[（(]\s*([^（）()\n]{1,40}?(?:第\s*\d+\s*号|〔\s*\d{4}\s*〕\s*\d+\s*号|[\[［【]\s*\d{4}\s*[\]］】]\s*\d+\s*号|\d+\s*号))\s*[）)]"
)
_COUNT_AFTER = re.compile(rf"\s*等\s*({_NUM})\s*(?:部|件|个|项|份|篇)")
_JOINER = re.compile(r"[\s、，,和及与以及]*")

# ---------------------------------------------------------------------------------------------
# Classifying the action

# Order matters: the first pattern that matches the text after a reference group wins.
_ACTION_PATTERNS: list[tuple[RelationAction, re.Pattern[str]]] = [
    (RelationAction.REPLACE, re.compile(r"同时废止|同时失效|同时停止执行|代替|取代|替代")),
    (RelationAction.INVALIDATE, re.compile(r"宣布失效|予以失效|自行失效|停止执行|不再执行|失效")),
    (RelationAction.REPEAL, re.compile(r"予以废止|宣布废止|明令废止|废止")),
    (RelationAction.AMEND, re.compile(
        r"予以修改|作如下修改|作出如下修改|作以下修改|修改如下|予以修正|予以修订|进行修改|"
        r"作相应修改|部分条款.{0,4}修改|修改为"
    )),
    (RelationAction.INTERPRET, re.compile(r"^\s*(?:的)?(?:政策)?解读|^\s*(?:的)?(?:起草)?说明")),
]
# A reference preceded by these is the ground of the text, not its object.
_CITE_LEAD = re.compile(r"(?:根据|依据|依照|按照|贯彻|落实|参照|遵照|对照|违反|执行|适用)[^《]{0,12}$")
_OBJECT_LEAD = re.compile(r"(?:对|将|把)\s*$")
# A verb right before the reference: 本通知代替《…》, 决定废止《…》, 关于修改《…》的决定.
_LEAD_VERBS: list[tuple[RelationAction, re.Pattern[str]]] = [
    (RelationAction.REPLACE, re.compile(r"(?:代替|取代|替代)\s*$")),
    (RelationAction.REPEAL, re.compile(r"废止\s*$")),
    (RelationAction.INVALIDATE, re.compile(r"宣布失效\s*$")),
    (RelationAction.AMEND, re.compile(r"(?:修改|修订|修正)\s*$")),
]
_INTERPRET_LEAD = re.compile(r"(?:解读|关于)\s*$")
# Section headings of a decision's annex: "武汉市人民政府决定废止的规章" then a numbered list.
_HEADING = re.compile(r"决定(修改|废止|宣布失效|失效)的(?:规章|文件|规范性文件|地方性法规|行政法规)")
# The sections of a 清理结果 notice: "一、失效或废止的文件五十四件。" then its list; the
# "需要修改的文件" section lists documents still in force, so it ends the heading (cite).
_NOTICE_HEADING = re.compile(
    r"^[ \t]*[一二三四五六七八九十]+、\s*(失效或废止|废止|宣布失效|失效|需要修改|继续有效)的"
    r"(?:文件|规章|规范性文件)", re.M)
_HEADING_ACTIONS = {
    "修改": RelationAction.AMEND,
    "废止": RelationAction.REPEAL,
    "宣布失效": RelationAction.INVALIDATE,
    "失效": RelationAction.INVALIDATE,
}
_NOTICE_HEADING_ACTIONS = {
    "失效或废止": RelationAction.REPEAL,
    "废止": RelationAction.REPEAL,
    "宣布失效": RelationAction.INVALIDATE,
    "失效": RelationAction.INVALIDATE,
}
_LIST_ITEM = re.compile(r"^\s*(?:[0-9０-９]+|[一二三四五六七八九十]+)\s*[.．、)）]")


def _classify(
    after: str, before: str, heading: RelationAction | None, line_start: str
) -> RelationAction:
    if _CITE_LEAD.search(before[-16:]):
        return RelationAction.CITE
    if _INTERPRET_LEAD.search(before[-4:]) and re.match(r"\s*的?(?:政策)?解读", after):
        return RelationAction.INTERPRET
    for action, pattern in _LEAD_VERBS:
        if pattern.search(before[-8:]):
            return _partly(action, after)
    for action, pattern in _ACTION_PATTERNS:
        if pattern.search(after):
            return _partly(action, after)
    if heading is not None and _LIST_ITEM.match(line_start):
        return heading
    return RelationAction.CITE


_ARTICLES_AFTER = re.compile(r"\s*(?:的)?第[零〇一二三四五六七八九十百千0-9]+条")


def _partly(action: RelationAction, after: str) -> RelationAction:
    """废止《X》第三条 / 《X》第五条、第六条予以废止: only those articles go, the rest stays
    in force (部分失效)."""
    if action in (RelationAction.REPEAL, RelationAction.INVALIDATE) and _ARTICLES_AFTER.match(after):
        return RelationAction.PARTLY_REPEAL
    return action


def _clause_end(text: str, pos: int, *, cross_commas: bool) -> int:
    stops = "。；;\n" if cross_commas else "。；;\n，,：:"
    for k in range(pos, min(len(text), pos + 200)):
        if text[k] in stops or text[k] == "《":
            return k
    return min(len(text), pos + 200)


_REPLACE_TAIL = re.compile(r"同时(?:废止|失效|停止执行)\s*[。；;]?\s*$")


def _sentence_end(text: str, pos: int) -> int:
    ends = [k for k in (text.find(ch, pos) for ch in "。；;\n") if k != -1]
    return min(ends) + 1 if ends else len(text)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(ch, 0, start) for ch in "。\n；")
    rights = [k for k in (text.find(ch, end) for ch in "。\n；") if k != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left + 1 : right].strip()[:400]


# ---------------------------------------------------------------------------------------------
# Public functions


def references_extract(text: str, *, self_title: str = "") -> list[Reference]:
    """Every document named in `text`, with the action this text takes on it.

    Consecutive references joined by 、/和/及 form a group and share the verb after the last
    one (《A》、《B》同时废止 → both replaced). A reference led by 根据/按照/贯彻… is cited. Items
    of a numbered list under a heading such as 决定废止的规章 take the heading's action. The
    same (title, 发文字号) is reported once, with its strongest action (a decision's 第一条
    and its annex name the same 规章). `self_title` (the text's own title) is left out.
    """
    titles = _titles(text)
    self_key = title_key(self_title) if self_title else ""
    refs: list[Reference] = []
    # headings in force by offset
    headings: list[tuple[int, RelationAction | None]] = [
        (m.start(), _HEADING_ACTIONS[m.group(1)]) for m in _HEADING.finditer(text)]
    headings += [(m.start(), _NOTICE_HEADING_ACTIONS.get(m.group(1)))
                 for m in _NOTICE_HEADING.finditer(text)]
    headings.sort(key=lambda h: h[0])

    # attach doc numbers and counts, then group
    items: list[dict[str, Any]] = []
    for start, end, title in titles:
        m = _DOC_NUMBER_AFTER.match(text, end)
        doc_number, tail = "", end
        if m:
            doc_number, tail = normalize_doc_number(m.group(1)), m.end()
        c = _COUNT_AFTER.match(text, tail)
        count = None
        if c:
            count, tail = _number(c.group(1)), c.end()
        items.append({"start": start, "end": end, "title": title, "doc_number": doc_number,
                      "count": count, "tail": tail})

    groups: list[list[dict[str, Any]]] = []
    for item in items:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev["tail"] : item["start"]]
            if prev["count"] is None and _JOINER.fullmatch(gap) and "\n" not in gap:
                groups[-1].append(item)
                continue
        groups.append([item])

    for group in groups:
        first, last = group[0], group[-1]
        line_pos = text.rfind("\n", 0, first["start"]) + 1
        line_start = text[line_pos : first["start"]]
        before = text[max(line_pos, first["start"] - 20) : first["start"]]
        cross = bool(_OBJECT_LEAD.search(before)) or last["count"] is not None
        lead_m = re.match(r"[，,\s]*", text[last["tail"] :])
        lead = lead_m.end() if lead_m else 0  # 《X》，同时废止
        after = text[last["tail"] : _clause_end(text, last["tail"] + lead, cross_commas=cross)]
        heading = None
        for pos, action in headings:
            if pos < first["start"]:
                heading = action
        action = _classify(after, before, heading, line_start)
        if action == RelationAction.CITE and not _CITE_LEAD.search(before[-16:]):
            # 1985年国务院发布的《A》和1987年…发布的《B》同时废止: every document named in a
            # sentence that ends in 同时废止 is replaced, unless it is the ground (根据…) or the
            # amending decision of another (…《决定》修正的《B》)
            sentence_end = _sentence_end(text, last["tail"])
            if _REPLACE_TAIL.search(text[last["tail"] : sentence_end]) and not re.match(
                r"[\s，,]*(?:第[一二三四五六七八九十]+次)?(?:修正|修订|修改)", after
            ):
                action = RelationAction.REPLACE
        for item in group:
            if self_key and title_key(item["title"]) == self_key:
                continue
            refs.append(Reference(
                action=action, title=item["title"], doc_number=item["doc_number"],
                count=item["count"], start=item["start"], end=item["end"],
                context=_sentence(text, item["start"], item["tail"]),
            ))
    return _dedupe(refs)


_STRENGTH = {
    RelationAction.CITE: 0,
    RelationAction.INTERPRET: 1,
    RelationAction.AMEND: 2,
    RelationAction.PARTLY_REPEAL: 3,
    RelationAction.INVALIDATE: 4,
    RelationAction.REPEAL: 5,
    RelationAction.REPLACE: 6,
}


def _dedupe(refs: list[Reference]) -> list[Reference]:
    """One reference per target; the strongest action wins, a known 发文字号 and count are kept."""
    by_key: dict[str, Reference] = {}
    order: list[str] = []
    for ref in refs:
        k = title_key(ref.title)
        old = by_key.get(k)
        if old is None:
            by_key[k] = ref
            order.append(k)
            continue
        best = ref if _STRENGTH[ref.action] > _STRENGTH[old.action] else old
        by_key[k] = Reference(
            action=best.action, title=old.title, doc_number=old.doc_number or ref.doc_number,
            count=old.count if old.count is not None else ref.count, start=old.start,
            end=old.end, context=best.context,
        )
    return [by_key[k] for k in order]


_TITLE_ACTION = re.compile(r"关于(修改|废止|宣布失效)((?:〈[^〉]+〉[、和及]?)+)")


def title_references(title: str) -> list[Reference]:
    """What a decision's own title says: 关于修改〈北京市审计条例〉的决定 → amend 北京市审计条例."""
    norm = title.replace("《", "〈").replace("》", "〉").replace("<", "〈").replace(">", "〉")
    refs = []
    for m in _TITLE_ACTION.finditer(norm):
        action = {"修改": RelationAction.AMEND, "废止": RelationAction.REPEAL,
                  "宣布失效": RelationAction.INVALIDATE}[m.group(1)]
        after = norm[m.end() : m.end() + 3]
        if after.startswith("等"):  # 关于修改〈A〉等八部地方性法规的决定: A is one of many
            pass
        for inner in re.findall(r"〈([^〉]+)〉", m.group(2)):
            refs.append(Reference(action=action, title=inner, context=title))
    return refs


_COUNT_STATEMENTS: list[tuple[re.Pattern[str], RelationAction | None]] = [
    # 失效或废止的文件五十四件 / 需要修改的文件四十三件 / 废止的规章3部
    (re.compile(rf"(失效或废止|废止或失效|宣布失效|予以废止|废止|失效|需要修改|需修改|予以修改|修改)的"
                rf"(?:规章|文件|规范性文件|政策文件|地方性法规|行政法规)(?:共)?\s*({_NUM})\s*(?:件|部|个|份|篇)"),
     None),
]
_COUNT_WORDS = {
    "失效或废止": RelationAction.REPEAL,
    "废止或失效": RelationAction.REPEAL,
    "宣布失效": RelationAction.INVALIDATE,
    "失效": RelationAction.INVALIDATE,
    "予以废止": RelationAction.REPEAL,
    "废止": RelationAction.REPEAL,
    "需要修改": RelationAction.AMEND,
    "需修改": RelationAction.AMEND,
    "予以修改": RelationAction.AMEND,
    "修改": RelationAction.AMEND,
}


def declared_counts(text: str, references: list[Reference] | None = None) -> list[DeclaredCount]:
    """The numbers a decision states, from list heads (《A》等19部规章…予以修改) and from
    statements (失效或废止的文件五十四件)."""
    if references is None:
        references = references_extract(text)
    counts = [DeclaredCount(action=r.action, count=r.count, text=r.context)
              for r in references if r.count is not None]
    for pattern, _ in _COUNT_STATEMENTS:
        for m in pattern.finditer(text):
            n = _number(m.group(2))
            if n:
                counts.append(DeclaredCount(action=_COUNT_WORDS[m.group(1)], count=n, text=m.group(0)))
    return counts


_EFFECTIVE = re.compile(
    rf"(?:自|从)\s*(?:本(?:决定|通知|办法|规定|意见))?\s*((?:{_NUM})\s*年\s*(?:{_NUM})\s*月\s*(?:{_NUM})\s*日|(?:公布|发布|印发|颁布|下发)之?日)"
    rf"\s*起\s*[，,]?\s*(?:一律)?\s*(?:施行|实施|执行|生效|停止执行)"
)
_OWN_SUBJECT = re.compile(r"本(?:决定|办法|规定|条例|通知|意见|细则|规则|方案|法)\s*$")


def effective_date_find(text: str, *, publish_date: date | None = None) -> date | None:
    """When the text takes effect: 本决定自2024年7月1日起施行 → 2024-07-01; 自公布之日起施行 →
    `publish_date` (an argument: the text does not know when it was published)."""
    best = None
    for m in _EFFECTIVE.finditer(text):
        own = bool(_OWN_SUBJECT.search(text[max(0, m.start() - 8) : m.start()]))
        spec = m.group(1)
        value = publish_date if spec.endswith("日") and not _DATE_RE.match(spec) else _date(spec)
        if value is None:
            continue
        if own:
            return value
        if best is None:
            best = value
    return best


def decision_analyse(text: str, *, publish_date: date | None = None, self_title: str = "") -> Decision:
    """Everything this module reads from one text."""
    refs = references_extract(text, self_title=self_title)
    if self_title:
        known = {title_key(r.title) for r in refs}
        refs += [r for r in title_references(self_title) if title_key(r.title) not in known]
    return Decision(
        references=refs,
        counts=declared_counts(text, refs),
        effective_date=effective_date_find(text, publish_date=publish_date),
    )


_HISTORY_VERB = re.compile(r"^\s*(?:第[一二三四五六七八九十0-9]+次)?(修正|修订|修改|废止)")
_AMENDING_TITLE = re.compile(r"(关于修改|修改.*的决定|修正案|关于.*修改.*的决定)")


def history_references(line: str) -> list[Reference]:
    """The amending instruments named in one history line of a law
    (`2010年12月23日 …《关于修改部分地方性法规的决定》第二次修正`).

    The action is what the instrument did to the document carrying the line: amend for
    修正/修订/修改 after it, or for a title that is itself an amendment (关于修改…的决定)."""
    refs = []
    for start, end, title in _titles(line):
        m = _HISTORY_VERB.match(line, end)
        if m:
            action = RelationAction.REPEAL if m.group(1) == "废止" else RelationAction.AMEND
        elif _AMENDING_TITLE.search(title) or title.endswith("决定"):
            action = RelationAction.AMEND
        else:
            continue
        refs.append(Reference(action=action, title=title, start=start, end=end, context=line))
    return refs
