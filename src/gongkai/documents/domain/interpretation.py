"""政策解读: recognising an interpretation and the one document it explains (plain Python).

A 解读 names its document in its title, in one of a few forms that units use everywhere:

* 《X》政策解读 / 《X》解读 / 《X》的解读 / 《X》（武政规〔2020〕3号）解读
* 关于《X》的解读 / 关于《X》的政策解读 / 关于《X》的起草说明
* 一图读懂《X》 / 图解《X》 / 图解：《X》 / 解读《X》 / 专家解读《X》
* X解读 / X政策解读 / 一图读懂X (no book-title marks: the title itself minus the marker)

and often again in its first paragraph (“近日，市人民政府印发了《X》（武政规〔2020〕3号）”).
``interpretation_refs`` reads those references; ``choose_target`` decides, from the candidate
documents the caller found for them, whether exactly one document is meant (link it) or not
(ask a person). Nothing here guesses: two different documents named, or one title shared by
two documents of the unit, is "ambiguous".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.documents.domain.docnumber import doc_number_key, parse_doc_number
from gongkai.documents.domain.relations import _titles, title_key
from gongkai.documents.domain.vocab import InterpretationKind

# What remains of an unbracketed title once the marker is cut off.
_SUFFIX = re.compile(
    r"(?:的)?(?:政策|文件|专家|权威|深度)?(?:解读|图解|问答|简明问答|起草说明|说明)"
    r"(?:材料|文章|稿)?$")
_PREFIX = re.compile(
    r"^(?:专家|权威|深度)?(?:一图读懂|一图看懂|图解|图说|解读|读懂)[：:\s]*")
_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
_BODY_WINDOW = 400  # a 解读 names its document in its opening lines

_KIND_RULES: list[tuple[re.Pattern[str], InterpretationKind]] = [
    (re.compile(r"一图|图解|图说|看图|长图|海报"), InterpretationKind.GRAPHIC),
    (re.compile(r"问答|答问|答记者问|问与答|问十答|十问|Q&A", re.I), InterpretationKind.QA),
    (re.compile(r"视频|发布会|访谈|直播|微视频"), InterpretationKind.VIDEO),
    (re.compile(r"专家|学者|权威解读"), InterpretationKind.EXPERT),
]


@dataclass(frozen=True)
class Ref:
    """A reference to the interpreted document: its title key and/or 发文字号 key."""

    title: str = ""  # as written
    title_key: str = ""
    number_key: str = ""
    source: str = "title"  # title | body


@dataclass(frozen=True)
class Candidate:
    id: int
    unit_id: int
    title: str
    doc_number: str = ""


@dataclass
class Choice:
    status: str  # linked | ambiguous | none
    document_id: int | None = None
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""


# Words at least one of which every 解读 title contains (a cheap database pre-filter before
# ``is_interpretation`` decides).
TITLE_MARKERS = ("解读", "图解", "一图读懂", "一图看懂", "图说", "读懂", "问答", "问十答", "答问",
                 "答记者问", "起草说明", "发布会", "吹风会")

_MARKER_END = re.compile(
    r"(?:解读|图解|问答|问十答|答问|答记者问|起草说明|新闻发布会|发布会|政策吹风会)(?:材料|文章|稿|视频)?"
    r"[（(]?[一二三四五六七八九十\d]*[)）]?$")
_MARKER_START = re.compile(r"^(?:专家|权威|深度)?(?:一图读懂|一图看懂|图解|图说|解读|读懂)")


def is_interpretation(title: str) -> bool:
    """The title is that of a 解读: it ends in 解读 / 图解 / 问答 / 起草说明 / 发布会, or starts
    with 一图读懂 / 图解 / 解读 (outside any 《…》). A notice *about* 解读 work
    (…关于进一步规范政策解读工作的通知) is not one."""
    outside = re.sub(r"《[^》]*》", "《》", " ".join((title or "").split())).strip(" 。.")
    return bool(_MARKER_END.search(outside) or _MARKER_START.search(outside))


def guess_kind(title: str, body: str = "") -> InterpretationKind:
    """The form of interpretation the title (or the opening of the body) says it is."""
    outside = re.sub(r"《[^》]*》", "", title or "")
    for pattern, kind in _KIND_RULES:
        if pattern.search(outside):
            return kind
    head = (body or "")[:200]
    if len(re.findall(r"(?:^|\n)\s*(?:问|Q)[0-9一二三四五六七八九十]*[：:、.]", head)) >= 1:
        return InterpretationKind.QA
    return InterpretationKind.TEXT


def _number_key(text: str) -> str:
    parsed = parse_doc_number(text)
    return doc_number_key(parsed.normalized) if parsed and parsed.serial else ""


def _refs_in(text: str, source: str) -> list[Ref]:
    refs: list[Ref] = []
    for _start, end, inner in _titles(text):
        number = ""
        tail = text[end:end + 30]
        m = re.match(r"\s*[（(]([^（()）]{4,30})[)）]", tail)
        if m and _NUMBER.search(m.group(1)):
            number = _number_key(m.group(1))
        refs.append(Ref(title=inner, title_key=title_key(inner), source=source))
        if number:
            # a separate reference, so that title and number can confirm each other
            refs.append(Ref(number_key=number, source=source))
    return refs


def interpretation_refs(title: str, body: str = "") -> list[Ref]:
    """Every reference the 解读 makes to a document: 《…》 in the title (with a 发文字号 in
    brackets after it), else the title minus its marker; then 《…》 and 发文字号 in the opening
    of the body. Order: title first."""
    title = " ".join((title or "").split())
    refs = _refs_in(title, "title")
    if not refs:
        stripped = _PREFIX.sub("", title)
        stripped = _SUFFIX.sub("", stripped)
        stripped = re.sub(r"^关于", "", stripped).strip(" ：:—-")
        stripped = re.sub(r"的$", "", stripped)
        if stripped and stripped != title and len(stripped) >= 4:
            refs.append(Ref(title=stripped, title_key=title_key(stripped), source="title"))
        for m in _NUMBER.finditer(title):
            key = _number_key(m.group(0))
            if key:
                refs.append(Ref(title="", number_key=key, source="title"))
    head = (body or "")[:_BODY_WINDOW]
    body_refs = _refs_in(head, "body")
    refs.extend(body_refs)
    for m in _NUMBER.finditer(head):
        key = _number_key(m.group(0))
        if key and not any(r.number_key == key for r in refs):
            refs.append(Ref(title="", number_key=key, source="body"))
    return refs


def choose_target(refs: list[Ref], matches: dict[Ref, list[Candidate]], *,
                  unit_id: int | None = None, self_id: int | None = None) -> Choice:
    """Which one document the references mean, given the candidates found for each.

    The title's references decide when they find anything; the body's are used only when the
    title's find nothing. A reference with candidates in several units prefers the 解读's own
    unit. The result is ``linked`` only when every deciding reference points at the same single
    document."""
    def narrowed(cands: list[Candidate]) -> list[Candidate]:
        cands = [c for c in cands if c.id != self_id]
        own = [c for c in cands if unit_id is not None and c.unit_id == unit_id]
        return own if len({c.id for c in own}) == 1 else cands

    def found_for(source: str) -> list[tuple[Ref, list[Candidate]]]:
        found = [(r, narrowed(matches.get(r, []))) for r in refs if r.source == source]
        return [(r, c) for r, c in found if c]

    ambiguous: Choice | None = None
    for source in ("title", "body"):
        found = found_for(source)
        if not found:
            continue
        ids = {c.id for _r, cands in found for c in cands}
        everything = {c.id: c for _r, cands in found for c in cands}
        # A title ref and a number ref that agree on one document decide it even if one of
        # them alone is ambiguous.
        common = set.intersection(*({c.id for c in cands} for _r, cands in found))
        if ambiguous is not None:
            # the body narrows the title's candidates: only a document both name counts
            title_ids = {c.id for c in ambiguous.candidates}
            narrowing = [s for s in ({c.id for c in cands} & title_ids for _r, cands in found) if s]
            common = set.intersection(*narrowing) if narrowing else set()
            if len(common) == 1:
                return Choice("linked", document_id=common.pop(), candidates=ambiguous.candidates)
            return ambiguous
        if len(common) == 1:
            return Choice("linked", document_id=common.pop(),
                          candidates=list(everything.values()))
        if len(ids) == 1:
            return Choice("linked", document_id=ids.pop(), candidates=list(everything.values()))
        ambiguous = Choice("ambiguous", candidates=sorted(everything.values(), key=lambda c: c.id),
                           reason=f"解读所指文件不唯一：找到 {len(ids)} 件可能的文件")
    if ambiguous is not None:
        return ambiguous
    if not refs:
        return Choice("none", reason="标题和正文开头未写明所解读的文件")
    return Choice("none", reason="库中没有找到所解读的文件："
                  + "、".join(r.title or r.number_key for r in refs[:3]))


_QA_SPLIT = re.compile(
    r"(?:^|\n)\s*(?:问题?|Q)\s*[0-9一二三四五六七八九十]*\s*[：:、.．]\s*", re.I)
_QA_NUMBERED = re.compile(r"(?:^|\n)\s*[0-9一二三四五六七八九十]{1,3}\s*[、.．]\s*(.{2,80}?[？?])\s*\n")
_ANSWER = re.compile(r"^\s*(?:答|A)\s*[：:、.．]\s*", re.I | re.M)


def qa_pairs(body: str) -> list[tuple[str, str]]:
    """The questions and answers of a 简明问答: “问：…答：…” blocks, or numbered questions
    ending in ？ each followed by its answer. Empty when the body has no such structure."""
    body = (body or "").replace("\r\n", "\n")
    pairs: list[tuple[str, str]] = []
    if _QA_SPLIT.search(body):
        chunks = _QA_SPLIT.split(body)[1:]
        for chunk in chunks:
            parts = _ANSWER.split(chunk, maxsplit=1)
            if len(parts) == 2:
                q, a = parts[0].strip(), parts[1].strip()
            else:
                q, _sep, a = chunk.partition("\n")
                q, a = q.strip(), a.strip()
            if q:
                pairs.append((q, a))
        if pairs:
            return pairs
    matches = list(_QA_NUMBERED.finditer("\n" + body))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body) + 1
        answer = ("\n" + body)[m.end():end].strip()
        pairs.append((m.group(1).strip(), answer))
    return pairs
