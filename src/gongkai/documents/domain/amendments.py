"""Amendment instructions (修改决定的修改条款) → structured changes → the consolidated 整理版.

A 修改决定 writes its changes in a few fixed forms (《立法技术规范（试行）》, 武汉市人民政府令第322号):

    将第十八条修改为：“违反本办法，法律、法规有规定的，从其规定。”
    将第十九条中的“行政处分”修改为“处分”。
    将第八条第三款修改为：“…”
    删去第二十条。 / 删去第五条中的“、限期”。 / 删去第九条第二款。
    增加一条，作为第六条：“…”
    第三条增加一款，作为第一款：“…”
    将第六条改为第七条。
    条文顺序作相应调整。

`instructions_parse` reads them (a quote may run over several paragraphs, each opened with “);
`consolidate` applies them to the articles of the text they amend. Article numbers in 修改, 删去
and 改为 are the old text's, in 增加一条作为第X条 the new text's (how decisions are drafted).
The result is an unofficial 整理版: internal cross-references (依照第十八条) are not renumbered,
and forms not listed here (合并, 单列一条) are reported as not understood, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gongkai.documents.domain.numerals import cn_to_int
from gongkai.documents.domain.versions import Article, articles

_N = r"[零〇一二三四五六七八九十百千0-9]+"


class Op(StrEnum):
    REPLACE_ARTICLE = "replace_article"  # 将第X条修改为
    REPLACE_PARAGRAPH = "replace_paragraph"  # 将第X条第Y款修改为
    REPLACE_WORDS = "replace_words"  # 将第X条中的“A”修改为“B”
    DELETE_ARTICLE = "delete_article"  # 删去第X条
    DELETE_PARAGRAPH = "delete_paragraph"  # 删去第X条第Y款
    DELETE_WORDS = "delete_words"  # 删去第X条中的“A”
    ADD_ARTICLE = "add_article"  # 增加一条，作为第X条
    ADD_PARAGRAPH = "add_paragraph"  # 第X条增加一款，作为第Y款
    RENUMBER = "renumber"  # 将第X条改为第Y条
    REORDER = "reorder"  # 条文顺序作相应调整


@dataclass(frozen=True)
class Change:
    op: Op
    article: int  # the article it acts on (old numbering; new numbering for ADD_ARTICLE)
    paragraph: int | None = None
    old: str = ""  # words replaced or deleted
    new: str = ""  # new text, new words, or the new article number for RENUMBER
    text: str = ""  # the instruction as written


@dataclass
class Parsed:
    changes: list[Change] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)


def _num(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else cn_to_int(text)


def _int(text: str) -> int:
    return _num(text) or 0


_ITEM_MARK = re.compile(
    r"[(（](?:[一二三四五六七八九十百]+|[0-9]{1,3})[)）]|(?:(?<=\n)|^)\s*[一二三四五六七八九十百]+、")


def _split_items(text: str) -> list[str]:
    """The instructions, one per sentence: split at item marks ((一), 一、) and at 。 outside
    quotes. A quote may run over several paragraphs, each opened with “ and only the last
    closed (“甲。\n“乙。”)."""
    text = text.replace("\r", "")
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        if depth == 0:
            m = _ITEM_MARK.match(text, i)
            if m and m.end() > i:
                out.append("".join(buf))
                buf = []
                i = m.end()
                continue
        ch = text[i]
        if ch == "“":
            before = "".join(buf).rstrip(" \t")
            if depth == 0 or not before.endswith("\n"):
                depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        if ch == "\n" and depth == 0 and "".join(buf).rstrip().endswith("”"):
            out.append("".join(buf))  # 修改为：“…。” ends the instruction at its line end
            buf = []
            i += 1
            continue
        buf.append(ch)
        if ch == "。" and depth == 0:
            out.append("".join(buf))
            buf = []
        i += 1
    out.append("".join(buf))
    return [re.sub(r"\s*\n\s*", "\n", x).strip().lstrip("”").strip()
            for x in out if x.strip().strip("”。 ")]


def _quote_body(text: str) -> str:
    """The text inside a (possibly multi-paragraph) quote: “甲。\n“乙。” → 甲。\n乙。"""
    start = text.find("“")
    end = text.rfind("”")
    inner = text[start + 1:end] if start != -1 and end > start else text[start + 1:]
    paragraphs = [p.strip().lstrip("“").rstrip("”").strip() for p in inner.split("\n")]
    return "\n".join(p for p in paragraphs if p)


_ART = rf"第({_N})条(?:之({_N}))?"
_REPLACE_ARTICLE = re.compile(rf"^将{_ART}修改为[：:]")
_REPLACE_PARAGRAPH = re.compile(rf"^将{_ART}第({_N})款修改为[：:]")
_WORDS = re.compile(r"“([^”]*)”修改为“([^”]*)”")
_REPLACE_WORDS = re.compile(rf"^将{_ART}(?:第({_N})款)?(?:第{_N}项)?中的")
_DELETE_ARTICLE = re.compile(rf"^删去{_ART}[。；]?$")
_DELETE_PARAGRAPH = re.compile(rf"^删去{_ART}第({_N})款[。；]?$")
_DELETE_WORDS = re.compile(rf"^删去{_ART}(?:第({_N})款)?(?:第{_N}项)?中的((?:“[^”]*”[、和及]?)+)")
_ADD_ARTICLE = re.compile(rf"^(?:在{_ART}后)?增加一条[，,]\s*作为{_ART}[：:]")
_REPLACE_ITEM = re.compile(rf"^将{_ART}(?:第({_N})款)?第({_N})项修改为[：:]")
_ADD_PARAGRAPH = re.compile(rf"^{_ART}增加一款[，,]\s*作为第({_N})款[：:]")
_RENUMBER = re.compile(rf"^将{_ART}改为{_ART}[。；，,]?")
_REORDER = re.compile(r"条文顺序作相应调整|条文序号作相应调整|条款顺序作相应调整")


def instructions_parse(text: str) -> Parsed:
    """The structured changes in a decision's text for one target (the part after
    对《X》作如下修改：). Sentences that change nothing (施行 clauses) are skipped; an
    instruction in a form not read here goes to `not_understood`."""
    parsed = Parsed()
    for sentence in _split_items(text or ""):
        s = sentence.strip()
        if _REORDER.search(s) and len(s) < 40:
            parsed.changes.append(Change(Op.REORDER, 0, text=s))
            continue
        if _REPLACE_ITEM.match(s):
            parsed.not_understood.append(s)  # 第X项: items inside a paragraph are not split yet
        elif m := _REPLACE_PARAGRAPH.match(s):
            parsed.changes.append(Change(Op.REPLACE_PARAGRAPH, _int(m.group(1)), _int(m.group(3)),
                                         new=_quote_body(s[m.end():]), text=s))
        elif m := _REPLACE_ARTICLE.match(s):
            parsed.changes.append(Change(Op.REPLACE_ARTICLE, _int(m.group(1)),
                                         new=_quote_body(s[m.end():]), text=s))
        elif (m := _REPLACE_WORDS.match(s)) and _WORDS.search(s):
            para = _int(m.group(3)) if m.group(3) else None
            for old, new in _WORDS.findall(s):
                parsed.changes.append(Change(Op.REPLACE_WORDS, _int(m.group(1)), para,
                                             old=old, new=new, text=s))
        elif m := _DELETE_PARAGRAPH.match(s):
            parsed.changes.append(Change(Op.DELETE_PARAGRAPH, _int(m.group(1)), _int(m.group(3)),
                                         text=s))
        elif m := _DELETE_ARTICLE.match(s):
            parsed.changes.append(Change(Op.DELETE_ARTICLE, _int(m.group(1)), text=s))
        elif m := _DELETE_WORDS.match(s):
            para = _int(m.group(3)) if m.group(3) else None
            for old in re.findall(r"“([^”]*)”", m.group(4)):
                parsed.changes.append(Change(Op.DELETE_WORDS, _int(m.group(1)), para, old=old,
                                             text=s))
        elif m := _ADD_ARTICLE.match(s):
            parsed.changes.append(Change(Op.ADD_ARTICLE, _int(m.group(3)),
                                         new=_quote_body(s[m.end():]), text=s))
        elif m := _ADD_PARAGRAPH.match(s):
            parsed.changes.append(Change(Op.ADD_PARAGRAPH, _int(m.group(1)), _int(m.group(3)),
                                         new=_quote_body(s[m.end():]), text=s))
        elif m := _RENUMBER.match(s):
            parsed.changes.append(Change(Op.RENUMBER, _int(m.group(1)), new=str(_int(m.group(3))),
                                         text=s))
            rest = s[m.end():]
            if rest.strip("。 "):
                # 将第六条改为第七条，第二款修改为：“…”
                if pm := re.match(rf"第({_N})款修改为[：:]", rest):
                    parsed.changes.append(Change(Op.REPLACE_PARAGRAPH, _int(m.group(1)),
                                                 _int(pm.group(1)),
                                                 new=_quote_body(rest[pm.end():]), text=s))
                elif rest.startswith("修改为"):
                    parsed.changes.append(Change(Op.REPLACE_ARTICLE, _int(m.group(1)),
                                                 new=_quote_body(rest), text=s))
                elif _WORDS.search(rest):
                    for old, new in _WORDS.findall(rest):
                        parsed.changes.append(Change(Op.REPLACE_WORDS, _int(m.group(1)),
                                                     old=old, new=new, text=s))
                else:
                    parsed.not_understood.append(s)
        elif re.search(r"修改为|删去|增加|改为|合并|单列", s):
            parsed.not_understood.append(s)
    return parsed


@dataclass
class Consolidated:
    articles: list[Article]
    applied: int
    problems: list[str]

    @property
    def text(self) -> str:
        return "\n".join(f"{a.label} {a.text}" for a in self.articles)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else
                                     (("一" if rest < 20 else "") + _cn(rest)))
        return digits[n // 100] + "百" + tail
    return str(n)


def article_label(n: int) -> str:
    return f"第{_cn(n)}条"


def consolidate(base_text: str, changes: list[Change]) -> Consolidated:
    """Apply `changes` to the articles of `base_text`. Every change that cannot be applied
    (no such article, the words are not there) is reported in `problems`, never skipped
    silently."""
    base = articles(base_text)
    slots: list[dict[str, Any]] = [{"key": a.key, "text": a.text, "deleted": False, "number": a.number}
                         for a in base]
    by_key = {s["key"]: s for s in slots}
    problems: list[str] = []
    applied = 0
    renumbers: dict[int, int] = {}
    adds: list[Change] = []
    reorder = False
    for c in changes:
        if c.op == Op.REORDER:
            reorder = True
            continue
        if c.op == Op.ADD_ARTICLE:
            adds.append(c)
            continue
        slot = by_key.get((c.article, 0))
        if slot is None:
            problems.append(f"{article_label(c.article)}不存在：{c.text[:40]}")
            continue
        paragraphs = slot["text"].split("\n")
        if c.op == Op.REPLACE_ARTICLE:
            slot["text"] = c.new
        elif c.op == Op.REPLACE_PARAGRAPH:
            if not c.paragraph or c.paragraph > len(paragraphs):
                problems.append(f"{article_label(c.article)}没有第{c.paragraph}款：{c.text[:40]}")
                continue
            paragraphs[c.paragraph - 1] = c.new
            slot["text"] = "\n".join(paragraphs)
        elif c.op in (Op.REPLACE_WORDS, Op.DELETE_WORDS):
            scope = (paragraphs[c.paragraph - 1] if c.paragraph and c.paragraph <= len(paragraphs)
                     else slot["text"])
            if c.old not in scope:
                problems.append(f"{article_label(c.article)}中没有“{c.old}”：{c.text[:40]}")
                continue
            new_scope = scope.replace(c.old, c.new if c.op == Op.REPLACE_WORDS else "")
            if c.paragraph and c.paragraph <= len(paragraphs):
                paragraphs[c.paragraph - 1] = new_scope
                slot["text"] = "\n".join(paragraphs)
            else:
                slot["text"] = new_scope
        elif c.op == Op.DELETE_ARTICLE:
            slot["deleted"] = True
        elif c.op == Op.DELETE_PARAGRAPH:
            if not c.paragraph or c.paragraph > len(paragraphs):
                problems.append(f"{article_label(c.article)}没有第{c.paragraph}款：{c.text[:40]}")
                continue
            del paragraphs[c.paragraph - 1]
            slot["text"] = "\n".join(paragraphs)
        elif c.op == Op.ADD_PARAGRAPH:
            index = (c.paragraph or len(paragraphs) + 1) - 1
            paragraphs.insert(min(index, len(paragraphs)), c.new)
            slot["text"] = "\n".join(paragraphs)
        elif c.op == Op.RENUMBER:
            renumbers[c.article] = int(c.new)
        applied += 1
    survivors = [s for s in slots if not s["deleted"]]
    deleted = sorted(s["key"][0] for s in slots if s["deleted"])
    final: list[dict[str, Any]] = [
        {"text": s["text"], "number": s["number"], "old": s["key"][0], "sub": s["key"][1]}
        for s in survivors]
    for c in sorted(adds, key=lambda c: c.article):
        # 增加一条，作为第X条: X is the new numbering; it goes before the article now numbered X
        index = next((i for i, f in enumerate(final) if f["old"] is not None
                      and f["old"] - sum(1 for d in deleted if d < f["old"])
                      + sum(1 for g in final[:i] if g["old"] is None) >= c.article), len(final))
        final.insert(index, {"text": c.new, "number": c.article, "old": None, "sub": 0})
        applied += 1
    if reorder or adds or deleted or renumbers:
        # 条文顺序作相应调整: every article moves by the deletions and additions before it, so a
        # text that starts at 第十七条 (an excerpt) keeps its own numbering
        out, added = [], 0
        for f in final:
            if f["old"] is None:
                number = f["number"]
                added += 1
            elif f["old"] in renumbers:
                number = renumbers[f["old"]]
            else:
                number = f["old"] - sum(1 for d in deleted if d < f["old"]) + added
            out.append(Article(number=number, sub=f["sub"] if f["old"] is not None else 0,
                               label=article_label(number) + (f"之{_cn(f['sub'])}" if f["sub"] else ""),
                               text=f["text"]))
    else:
        out = [Article(number=f["number"], sub=f["sub"], label=article_label(f["number"]),
                       text=f["text"]) for f in final]
    if reorder:
        applied += 1
    return Consolidated(articles=out, applied=applied, problems=problems)


_TARGET_HEAD = re.compile(
    r"(?:对|决定对)\s*《([^》]{2,120})》\s*(?:[(（][^)）]{0,40}[)）])?\s*作(?:出)?如下修改\s*[：:]")


def decision_instructions(text: str) -> dict[str, Parsed]:
    """A decision's instructions per target: the text after each 对《X》作如下修改： up to the
    next target (or the decision's closing clause)."""
    heads = list(_TARGET_HEAD.finditer(text or ""))
    out: dict[str, Parsed] = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        part = text[m.end():end]
        # the next target's number (二、对《…》) or 本决定自…起施行 ends this one
        part = re.split(r"\n\s*本决定自|\n\s*[一二三四五六七八九十]+、\s*$", part)[0]
        part = re.sub(r"[一二三四五六七八九十]+、\s*$", "", part.rstrip())
        out[m.group(1)] = instructions_parse(part)
    return out
