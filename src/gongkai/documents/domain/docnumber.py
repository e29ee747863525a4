"""发文字号 (document numbers): parse, normalise, key, and find them in running text.

Two kinds exist:

* standard — 机关代字 + 〔year〕 + serial + 号: ``武政办〔2014〕153号``. GB/T 9704-2012 §7.2.4
  prescribes the hexagonal brackets 〔〕; people type ``[2014]``, ``［2014］``, ``【2014】``,
  ``(2014)``, ``（2014）``, ``〈2014〉``, full-width digits, stray spaces and drop the final 号
  (``鄂政办电〔2020〕13``). All normalise to ``鄂政办电〔2020〕13号``.
* order (令) — rules and laws are numbered by the issuer's order: ``武汉市人民政府令第322号``,
  ``市人民政府令第152号``, ``国务院令第492号``, ``国令第707号``, ``中华人民共和国主席令第二十四号``,
  ``交通运输部令2019年第1号``. The serial may be in Chinese numerals; it is normalised to
  Arabic digits.

Matching key (:func:`doc_number_key`): the normalised number without spaces. For orders the
issuer part is canonicalised so that references written relative to the issuer match the full
form: ``国令`` / ``中华人民共和国国务院令`` → ``国务院令``, ``人民政府`` → ``政府``, and when the
issuing unit is known, a leading ``市`` / ``省`` / ``区`` / ``县`` / ``州`` is replaced by the
issuer's own place name. So ``市人民政府令第152号`` with issuer ``武汉市人民政府`` and
``武汉市人民政府令第152号`` both key to ``武汉市政府令第152号``. Without the issuer, the relative
form keys to ``市政府令第152号`` and matches only itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from gongkai.documents.domain.numerals import CN_DIGITS, CN_UNITS, cn_to_int

Kind = Literal["standard", "order"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_SP = r"[ \t\u3000\u00a0]*"
# Bracket pairs around the year, after NFKC (which folds ［］（） to []()).
_OPEN = r"[\[(【〔〈<{]"
_CLOSE = r"[\])】〕〉>}]"
_STANDARD = re.compile(
    rf"(?P<prefix>[{_CJK}A-Za-z]{{1,20}}?){_SP}(?P<open>{_OPEN}){_SP}(?P<year>(?:19|20)\d{{2}}){_SP}"
    rf"(?P<close>{_CLOSE}){_SP}(?:第{_SP})?(?P<serial>\d{{1,5}})(?!\d){_SP}(?P<hao>号)?"
)
_ORDER_SERIAL = rf"(?P<serial>\d{{1,5}}|[{CN_DIGITS}{CN_UNITS}]{{1,8}})"
_ORDER = re.compile(
    rf"(?P<prefix>[{_CJK}]{{0,20}}?令){_SP}(?:(?P<year>(?:19|20)\d{{2}}){_SP}年{_SP})?第{_SP}{_ORDER_SERIAL}{_SP}号"
)

# Words that end a sentence fragment and so cannot be part of a 机关代字 found in running text:
# "…工作要点的通知武政办〔2015〕58号" has 代字 武政办, not 工作要点的通知武政办.
_BOUNDARY_WORDS = (
    "通知", "意见", "决定", "办法", "方案", "规定", "通报", "公告", "批复", "要点", "细则", "条例",
    "报告", "请示", "纪要", "规则", "制度", "文件", "精神", "要求", "规划", "通告", "函件", "字号",
    "文号", "号文", "印发", "转发", "根据", "按照", "依据", "参照", "执行", "贯彻", "落实",
    "正文", "附件", "属性", "公布", "发布", "修改", "废止",
)
_BOUNDARY_CHARS = set("的于和与及或按据照为在是将对由以了等其该此见之、，,。:：;；《》“”\"'()（）【】[]〔〕—-/ \t\n号")
_MAX_PREFIX = 10

_ORDER_ISSUER_ALIASES = {
    "国": "国务院",
    "中华人民共和国国务院": "国务院",
}
_RELATIVE_PLACES = ("省", "市", "区", "县", "州")


@dataclass(frozen=True)
class DocNumber:
    """A parsed 发文字号."""

    prefix: str  # 机关代字: 武政办; for orders the issuer with 令: 武汉市人民政府令
    year: int | None
    serial: int
    raw: str  # as written in the source
    normalized: str  # 武政办〔2014〕153号 / 武汉市人民政府令第322号
    kind: Kind = "standard"

    @property
    def key(self) -> str:
        return _key(self, issuer=None)

    def __str__(self) -> str:
        return self.normalized


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _serial(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


def _standard(m: re.Match[str], prefix: str) -> DocNumber | None:
    year = int(m.group("year"))
    serial = int(m.group("serial"))
    if not prefix:
        return None
    return DocNumber(prefix=prefix, year=year, serial=serial, raw=m.group(0).strip(),
                     normalized=f"{prefix}〔{year}〕{serial}号", kind="standard")


def _order(m: re.Match[str], prefix: str) -> DocNumber | None:
    serial = _serial(m.group("serial"))
    if serial is None or not prefix or prefix == "令":
        return None
    year = int(m.group("year")) if m.group("year") else None
    middle = f"{year}年" if year else ""
    return DocNumber(prefix=prefix, year=year, serial=serial, raw=m.group(0).strip(),
                     normalized=f"{prefix}{middle}第{serial}号", kind="order")


def parse_doc_number(text: str) -> DocNumber | None:
    """The 发文字号 that ``text`` is (spaces and brackets tolerated), else None.

    ``武政办[2014]153号`` → DocNumber("武政办", 2014, 153, …, "武政办〔2014〕153号").
    The whole string must be the number, apart from surrounding brackets
    (``(武政办〔2014〕153号)``) and spaces.
    """
    s = _prepare(text)
    s = re.sub(r"^[(\[【〔]\s*(.*?)\s*[)\]】〕]$", r"\1", s) if re.match(r"^[(\[【〔].*[)\]】〕]$", s) else s
    s = re.sub(r"\s+", "", s)  # spaces inside a number are noise (OCR, typing)
    m = _ORDER.fullmatch(s)
    if m:
        return _order(m, re.sub(r"\s+", "", m.group("prefix")))
    m = _STANDARD.fullmatch(s)
    if m:
        return _standard(m, re.sub(r"\s+", "", m.group("prefix")))
    return None


def normalize_doc_number(text: str) -> str:
    """The canonical spelling of a 发文字号; text that is not one is returned trimmed, unchanged."""
    parsed = parse_doc_number(text)
    return parsed.normalized if parsed else _prepare(text)


def doc_number_key(text: str, issuer: str | None = None) -> str:
    """A key for matching and de-duplication (see the module docstring for orders).

    Text that does not parse keys to itself without spaces, so two identical free-form
    numbers still match.
    """
    parsed = parse_doc_number(text)
    if parsed is None:
        return re.sub(r"\s+", "", _prepare(text))
    return _key(parsed, issuer=issuer)


def _key(number: DocNumber, issuer: str | None) -> str:
    if number.kind == "standard":
        return number.normalized
    body = number.prefix[:-1]  # without 令
    body = _ORDER_ISSUER_ALIASES.get(body, body)
    if body.startswith("中华人民共和国") and body != "中华人民共和国":
        body = body.removeprefix("中华人民共和国")
    if issuer and body.startswith(_RELATIVE_PLACES):
        place = _place_of(_prepare(issuer), body[0])
        if place:
            body = place + body[1:]
    body = body.replace("人民政府", "政府")
    middle = f"{number.year}年" if number.year else ""
    return f"{body}令{middle}第{number.serial}号"


def _place_of(issuer: str, level: str) -> str | None:
    """``武汉市人民政府``, 市 → ``武汉市``; ``湖北省人民政府``, 省 → ``湖北省``."""
    issuer = re.sub(r"\s+", "", issuer)
    index = issuer.find(level)
    if index <= 0:
        return None
    return issuer[: index + 1]


@dataclass(frozen=True)
class FoundDocNumber:
    number: DocNumber
    start: int
    end: int


# Names that contain a boundary character (和) yet belong to the issuer.
_PROTECTED = ("中华人民共和国",)


def _mask(candidate: str) -> str:
    for word in _PROTECTED:
        candidate = candidate.replace(word, "\0" * len(word))
    return candidate


def _trim_prefix(candidate: str) -> str:
    """Cut a greedy run of characters before the bracket down to a plausible 机关代字."""
    cut = 0
    for i, ch in enumerate(_mask(candidate)):
        if ch in _BOUNDARY_CHARS:
            cut = i + 1
    for word in _BOUNDARY_WORDS:
        index = candidate.rfind(word)
        if index >= 0:
            cut = max(cut, index + len(word))
    prefix = candidate[cut:]
    return prefix[-_MAX_PREFIX:]


def _trim_order_prefix(candidate: str) -> str:
    """Like :func:`_trim_prefix` for orders, whose issuer part may be long (中华人民共和国主席令)."""
    cut = 0
    for i, ch in enumerate(_mask(candidate)[:-1]):  # the final 令 stays
        if ch in _BOUNDARY_CHARS:
            cut = i + 1
    for word in _BOUNDARY_WORDS:
        index = candidate.rfind(word, 0, len(candidate) - 1)
        if index >= 0:
            cut = max(cut, index + len(word))
    return candidate[cut:]


_FIND_STANDARD = re.compile(
    rf"(?P<open>{_OPEN}){_SP}(?P<year>(?:19|20)\d{{2}}){_SP}(?P<close>{_CLOSE}){_SP}(?:第{_SP})?"
    rf"(?P<serial>\d{{1,5}})(?!\d)(?:{_SP}(?P<hao>号))?"
)
_FIND_ORDER = re.compile(
    rf"令{_SP}(?:(?P<year>(?:19|20)\d{{2}}){_SP}年{_SP})?第{_SP}{_ORDER_SERIAL}{_SP}号"
)
_PREFIX_BEFORE = re.compile(rf"[{_CJK}A-Za-z]+(?:[ \t]+[{_CJK}]+)?[ \t]*$")


def find_doc_numbers(text: str) -> list[FoundDocNumber]:
    """Every 发文字号 in running text, in order; positions refer to ``text`` after NFKC.

    Looks for the year in brackets (or ``令第N号``) and reads the 机关代字 backwards from it, up
    to the nearest punctuation, function word (的, 于 …) or document-type word (通知, 意见 …).
    A number in round brackets must end with 号 (``决定(2024)`` is a title suffix, not a
    number); other bracket forms may omit it (``(鄂政办发〔2014〕39)``).
    """
    text = unicodedata.normalize("NFKC", text or "")
    found: list[FoundDocNumber] = []
    for m in _FIND_STANDARD.finditer(text):
        if m.group("open") == "(" and not m.group("hao"):
            continue
        if m.group("open") == "(" and m.group("close") != ")":
            continue
        head = text[max(0, m.start() - 30) : m.start()]
        pm = _PREFIX_BEFORE.search(head)
        if not pm:
            continue
        prefix = _trim_prefix(re.sub(r"\s+", "", pm.group(0)))
        if not prefix or not re.search(f"[{_CJK}]", prefix):
            continue
        start = _locate(text, m.start(), prefix)
        year, serial = int(m.group("year")), int(m.group("serial"))
        number = DocNumber(prefix=prefix, year=year, serial=serial, raw=text[start : m.end()].strip(),
                           normalized=f"{prefix}〔{year}〕{serial}号", kind="standard")
        found.append(FoundDocNumber(number, start, m.end()))
    for m in _FIND_ORDER.finditer(text):
        head = text[max(0, m.start() - 30) : m.start() + 1]
        pm = re.search(rf"[{_CJK}]+令$", head)
        if not pm:
            continue
        prefix = _trim_order_prefix(pm.group(0))
        order_serial = _serial(m.group("serial"))
        if prefix == "令" or order_serial is None:
            continue
        start = m.start() + 1 - len(prefix)
        order_year = int(m.group("year")) if m.group("year") else None
        middle = f"{order_year}年" if order_year else ""
        number = DocNumber(prefix=prefix, year=order_year, serial=order_serial,
                           raw=text[start : m.end()],
                           normalized=f"{prefix}{middle}第{order_serial}号", kind="order")
        found.append(FoundDocNumber(number, start, m.end()))
    found.sort(key=lambda f: f.start)
    return found


def _locate(text: str, bracket_at: int, prefix: str) -> int:
    """Start index of ``prefix`` (which may have had spaces removed) just before ``bracket_at``."""
    i = bracket_at
    remaining = len(prefix)
    while i > 0 and remaining:
        i -= 1
        if not text[i].isspace():
            remaining -= 1
    return i
