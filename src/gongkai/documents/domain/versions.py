"""Versions of one work (issue 19), pure Python: dates from file names and history lines,
articles, the article-level diff between two versions, and which version was in force when.

* File names: ``北京市审计条例(2020-05-14).md``, ``20200514_武汉市统计管理办法.docx``,
  ``2020年5月14日武汉市….txt`` carry the version's date when its text has none.
* History lines (LawRefBook, 北大法宝, a 规章's own header): ``2020年5月14日 …第一次修正`` or
  ``（2003年5月6日武汉市人民政府令第152号公布 根据2024年5月9日…令第322号修改）`` give each
  version's date and kind (公布, 修正, 修订).
* Articles: ``第十八条 …`` at the start of a line (or after a chapter heading), with 之一
  numbers; the diff says 第十八条 changed, 第二十条 deleted, 第二十一条 added.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.documents.domain.dates import find_dates
from gongkai.documents.domain.numerals import cn_to_int
from gongkai.documents.domain.vocab import VersionKind

# ---------------------------------------------------------------------------------------------
# Dates in file names

_NAME_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_NAME_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_NAME_CN = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def filename_date(name: str) -> date | None:
    """The date a file name carries, or None (an impossible date is no date)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = base.rsplit(".", 1)[0] if "." in base else base
    for pattern in (_NAME_ISO, _NAME_CN, _NAME_COMPACT):
        for m in pattern.finditer(base):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


# ---------------------------------------------------------------------------------------------
# History lines


@dataclass(frozen=True)
class HistoryEntry:
    """One dated line of a work's history: 公布 / 修正 / 修订 / 废止, by which instrument."""

    date: date
    kind: VersionKind | None  # None: a line that makes no version (施行, 废止)
    text: str
    decision_title: str = ""


_KIND_WORDS = [
    (re.compile(r"修订"), VersionKind.REVISED),
    (re.compile(r"修正|修改"), VersionKind.AMENDED),
    (re.compile(r"重新公布"), VersionKind.REPUBLISHED),
    (re.compile(r"通过|公布|发布|印发|批准"), VersionKind.ORIGINAL),
]
_NOT_A_VERSION = re.compile(r"^\s*(?:起)?\s*(?:施行|实施|生效|废止)\s*$")
_DECISION_IN_LINE = re.compile(r"《([^》]{2,120})》")


def history_entries(lines: Sequence[str]) -> list[HistoryEntry]:
    """Every dated event in a work's history lines, in date order. One line may hold several
    (``2003年…公布 根据2024年…修改``): each date takes the words up to the next date."""
    entries: list[HistoryEntry] = []
    for line in lines:
        found = [f for f in find_dates(line) if f.value is not None]
        for i, f in enumerate(found):
            assert f.value is not None
            end = found[i + 1].start if i + 1 < len(found) else len(line)
            words = line[f.end:end]
            if _NOT_A_VERSION.match(words.strip(" ）)")):
                kind = None
            else:
                kind = next((k for p, k in _KIND_WORDS if p.search(words)), None)
            m = _DECISION_IN_LINE.search(words)
            entries.append(HistoryEntry(date=f.value, kind=kind, text=line.strip(),
                                        decision_title=m.group(1) if m else ""))
    entries.sort(key=lambda e: e.date)
    return entries


_INLINE_HISTORY = re.compile(r"^[ \t]*[(（]\s*((?:19|20)\d{2}\s*年[^)）]{4,400})[)）]\s*$", re.M)


def inline_history(text: str) -> list[str]:
    """The bracketed history under a rule's title: （2003年5月6日武汉市人民政府令第152号公布
    根据2024年5月9日武汉市人民政府令第322号修改）. Only near the top of the text."""
    head = text[:1500]
    return [m.group(1) for m in _INLINE_HISTORY.finditer(head)
            if re.search(r"公布|通过|修正|修订|修改|发布", m.group(1))]


def version_of(entries: Sequence[HistoryEntry]) -> tuple[date | None, VersionKind | None]:
    """The date and kind of the version a text with these history entries is: its latest
    version-making entry."""
    making = [e for e in entries if e.kind is not None]
    if not making:
        return None, None
    last = making[-1]
    return last.date, last.kind


# ---------------------------------------------------------------------------------------------
# Articles

_ARTICLE = re.compile(
    r"(?:^|(?<=\n))[ \t\u3000]*(?:#+\s*)?第(?P<num>[零〇一二三四五六七八九十百千0-9]+)条(?P<sub>之[一二三四五六七八九十]+)?"
    r"(?=[ \t\u3000　]|[^\s款项])"
)
_HEADING = re.compile(r"^[ \t\u3000]*(?:#+\s*)?第[零〇一二三四五六七八九十百千0-9]+[编章节]", re.M)


@dataclass(frozen=True)
class Article:
    number: int
    sub: int  # 之一 → 1; 0 for a plain article
    label: str  # 第十八条 / 第一百二十条之一
    text: str  # the article without its label, whitespace-normalised

    @property
    def key(self) -> tuple[int, int]:
        return (self.number, self.sub)


def _norm(text: str) -> str:
    text = re.sub(r"[ \t\u3000]+", "", text)
    text = re.sub(r"\n+", "\n", text)
    return text.strip()


def articles(text: str) -> list[Article]:
    """The articles of a rule, in order. Text before the first article (title, preamble) and
    chapter headings are not articles."""
    found = list(_ARTICLE.finditer(text or ""))
    out: list[Article] = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        chunk = text[m.end():end]
        heading = _HEADING.search(chunk)
        if heading:
            chunk = chunk[:heading.start()]
        num = cn_to_int(m.group("num")) if not m.group("num").isdigit() else int(m.group("num"))
        if num is None:
            continue
        sub = cn_to_int(m.group("sub")[1:]) if m.group("sub") else 0
        out.append(Article(number=num, sub=sub or 0,
                           label=f"第{m.group('num')}条{m.group('sub') or ''}",
                           text=_norm(chunk)))
    return out


@dataclass(frozen=True)
class ArticleChange:
    kind: str  # changed | deleted | added | renumbered
    old: Article | None
    new: Article | None

    @property
    def label(self) -> str:
        words = {"changed": "修改", "deleted": "删除", "added": "增加", "renumbered": "条文序号调整"}
        if self.kind == "renumbered" and self.old and self.new:
            return f"{self.old.label}改为{self.new.label}"
        art = self.new if self.kind == "added" else self.old
        return f"{art.label if art else ''}{words[self.kind]}"


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair_block(olds: list[Article], news: list[Article]) -> list[ArticleChange]:
    """Inside a block of differing articles, pair old and new ones in order so that the total
    similarity is highest (an edited article is "changed", not deleted + added); pairs less
    than 30% alike are not pairs. Blocks are small (a decision changes a few articles at a
    place), and a very large block is compared in order only."""
    n, m = len(olds), len(news)
    if n * m > 2_500:
        pairs = min(n, m)
        return ([ArticleChange("changed", olds[k], news[k]) for k in range(pairs)]
                + [ArticleChange("deleted", o, None) for o in olds[pairs:]]
                + [ArticleChange("added", None, x) for x in news[pairs:]])
    sim = [[_similar(o.text, x.text) for x in news] for o in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= 0.3 else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[ArticleChange] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= 0.3 and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            out.append(ArticleChange("changed", olds[i], news[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append(ArticleChange("deleted", olds[i], None))
            i += 1
        else:
            out.append(ArticleChange("added", None, news[j]))
            j += 1
    out += [ArticleChange("deleted", o, None) for o in olds[i:]]
    out += [ArticleChange("added", None, x) for x in news[j:]]
    return out


def articles_diff(old: Sequence[Article], new: Sequence[Article]) -> list[ArticleChange]:
    """What changed from one version to the next, by article. Articles are aligned by their
    text (a deleted article shifts the numbers of all that follow, which is no change of
    theirs), then a pair of unmatched articles at the same place is one changed article."""
    a = [x.text for x in old]
    b = [x.text for x in new]
    changes: list[ArticleChange] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                if old[i1 + k].key != new[j1 + k].key:
                    changes.append(ArticleChange("renumbered", old[i1 + k], new[j1 + k]))
            continue
        changes += _pair_block(list(old[i1:i2]), list(new[j1:j2]))
    return changes


# ---------------------------------------------------------------------------------------------
# Which version was in force on a date


@dataclass(frozen=True)
class VersionDates:
    key: int  # the caller's id
    publish: date | None
    effective: date | None
    official: bool = True


def _start(v: VersionDates) -> date | None:
    """When a version starts to apply: its 施行日期, never before its 公布日期 (a republished
    text still says 本办法自2003年7月1日起施行 — the original's date)."""
    dates = [d for d in (v.effective, v.publish) if d]
    return max(dates) if dates else None


def version_in_force(versions: Sequence[VersionDates], on: date) -> int | None:
    """The version in force on `on`: the latest that had started by then; at the same start an
    official text wins over a 整理版 (which only stands in while no official text says the
    same). None when none had started (the work did not exist yet)."""
    started = [(start, v) for v in versions if (start := _start(v)) is not None and start <= on]
    if not started:
        return None
    return max(started, key=lambda sv: (sv[0], sv[1].official, sv[1].publish or date.min,
                                        sv[1].key))[1].key


def current_version(versions: Sequence[VersionDates]) -> int | None:
    """The current version of a work: the latest by 公布日期 (then 施行日期); at the same date an
    official text wins over a 整理版, so a republished text replaces the consolidation made
    from the same decision."""
    if not versions:
        return None
    return max(versions, key=lambda v: (v.publish or date.min, v.official,
                                        v.effective or date.min, v.key)).key
