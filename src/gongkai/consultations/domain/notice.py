"""Reading a 征求意见 notice as government sites publish it: the draft's title, who issued it,
the comment period, the channels, and the reason given for a short period.

Notices write the period in many ways, all handled by general rules (no sample is special):

* a range: ``征求意见时间为2023年3月6日至2023年4月5日``, ``2022年11月18日至11月24日`` (the year of
  the second date taken from the first), ``公告时间：2020年6月10日至2020年6月23日``;
* an end only: ``截止2023年8月19日``, ``请于7月26日前反馈`` (year from the notice's own date),
  ``意见反馈截止时间为2018年4月26日``, ``在2017年5月26日前``; the period then starts on the
  notice's date (its signature date, or the page's 发布日期);
* a length: ``自公告之日起30日``, ``征求意见期为30天``, ``自发布之日起15个工作日`` (counted with the
  work calendar, when one is given).

Dates may be written ``2023年8月19日``, ``2023-08-19``, ``2023.8.19`` or ``二〇二三年八月十九日``,
with a time of day after them (``17:00前``, ``下午5时``). The text is NFKC-folded first, so
full-width and ASCII punctuation read the same.

``comment_days`` counts calendar days inclusive of both ends. A length written as N days gives
an end date N − 1 days after the start, so that comment_days is the N the notice states.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.consultations.domain.periods import Calendar, Finding, comment_days, period_findings
from gongkai.consultations.domain.vocab import CHANNEL_LABELS, Channel, Kind
from gongkai.core.domain.text import to_cjk_punctuation
from gongkai.documents.domain.numerals import CN_DIGITS, cn_to_int

# -- normalising -------------------------------------------------------------------------------

_CN_NUM = f"[{CN_DIGITS}十]"
_CN_DATE = re.compile(
    rf"(?P<y>[{CN_DIGITS}]{{4}})\s*年\s*(?P<m>{_CN_NUM}{{1,3}})\s*月\s*(?P<d>{_CN_NUM}{{1,3}})\s*[日号]")
_CN_MONTH_DAY = re.compile(rf"(?<![{CN_DIGITS}十\d])(?P<m>{_CN_NUM}{{1,3}})\s*月\s*(?P<d>{_CN_NUM}{{1,3}})\s*[日号]")
_CN_COUNT = re.compile(rf"(?P<n>[{CN_DIGITS}十百]{{1,4}})(?=\s*(?:个工作日|个自然日|日|天|个月))")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


def _cn_year(text: str) -> int | None:
    digits = [cn_to_int(ch) for ch in text]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def normalise(text: str) -> str:
    """NFKC, Chinese-numeral dates and counts as Arabic digits, runs of spaces squeezed."""
    text = unicodedata.normalize("NFKC", text or "").replace("\r\n", "\n").replace("\r", "\n")

    def full(m: re.Match[str]) -> str:
        y, mo, d = _cn_year(m.group("y")), cn_to_int(m.group("m")), cn_to_int(m.group("d"))
        return f"{y}年{mo}月{d}日" if None not in (y, mo, d) else m.group(0)

    def month_day(m: re.Match[str]) -> str:
        mo, d = cn_to_int(m.group("m")), cn_to_int(m.group("d"))
        return f"{mo}月{d}日" if mo and d and mo <= 12 and d <= 31 else m.group(0)

    def count(m: re.Match[str]) -> str:
        n = cn_to_int(m.group("n"))
        return str(n) if n else m.group(0)

    text = _CN_DATE.sub(full, text)
    text = _CN_MONTH_DAY.sub(month_day, text)
    text = _CN_COUNT.sub(count, text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    # spaces inside dates and numbers ("2023 年 8 月 19 日")
    return re.sub(r"(?<=[\d年月])\s+(?=[\d年月日])", "", text)


# -- dates in running text ---------------------------------------------------------------------

_TIME = r"(?:\s*(?:上午|下午|晚上|中午)?\s*\d{1,2}\s*(?:[:：]\s*\d{2}|时|点)(?:\s*\d{1,2}\s*分)?(?:\s*整)?)?"
_DATE = (r"(?:(?P<{p}y>(?:19|20)\d{{2}})\s*年\s*)?(?P<{p}m>\d{{1,2}})\s*月\s*(?P<{p}d>\d{{1,2}})\s*[日号]"
         r"|(?P<{p}y2>(?:19|20)\d{{2}})(?P<{p}sep>[-./])(?P<{p}m2>\d{{1,2}})(?P={p}sep)(?P<{p}d2>\d{{1,2}})(?!\d)")


def _date_re(prefix: str) -> str:
    return "(?:" + _DATE.format(p=prefix) + ")"


_ONE_DATE = re.compile(_date_re("a"))
_RANGE = re.compile(
    _date_re("a") + _TIME + r"\s*(?:起|开始)?\s*(?:至|到|—+|–|-|~|～|－)\s*" + _date_re("b") + _TIME)
_END_BEFORE = re.compile(
    r"(?:截止|截至|截止时间|截止日期|截止期限|截止日|期限|于|在|请于|请在|务必于|至)\s*(?:为|是|到)?\s*[:：]?\s*"
    + _date_re("a") + _TIME + r"\s*(?:前|之前|以前|止|为止|截止)?")
_DATE_BEFORE = re.compile(_date_re("a") + _TIME + r"\s*(?:前|之前|以前|为止|止|截止)")
_LENGTH = re.compile(
    r"(?P<from>自|从|于)?\s*(?:本)?(?:公告|通知|公示|公布|发布|发文|印发|刊登|刊发|即日|之日)?\s*"
    r"(?:之日|之时|当日|日)?\s*(?:起)?\s*(?:的)?\s*"
    r"(?:征求意见|意见征集|征集意见|公示|公告|期限|时间|期)?(?:期限|时间|期)?\s*(?:为|是)?\s*"
    r"(?:共|为期)?\s*(?P<n>\d{1,3})\s*(?P<unit>个工作日|个自然日|日|天|个月)")
_START_NOW = re.compile(r"(?:自|从)\s*(?:本(?:公告|通知)|公告|通知|公示|公布|发布|即日|之日|今日)")
_PERIOD_CUE = re.compile(r"征求意见|意见征集|征集意见|公示|公告|反馈|提出|截止|截至|期限|时间|期间|为期|期为")
_STANDALONE_DATE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?:19|20)\d{2}-\d{1,2}-\d{1,2})\s*$")
_META_DATE = re.compile(r"(?:发布日期|发布时间|发文日期|成文日期|公布日期|日期)\s*[:：]?\s*" + _date_re("a"))


def _to_date(m: re.Match[str], prefix: str, default_year: int | None) -> tuple[date | None, bool]:
    """(date, had_year) for a match of _date_re(prefix)."""
    g = m.groupdict()
    y: int | None
    if g.get(prefix + "y2"):
        y, mo, d, had = int(g[prefix + "y2"]), int(g[prefix + "m2"]), int(g[prefix + "d2"]), True
    else:
        had = bool(g.get(prefix + "y"))
        y = int(g[prefix + "y"]) if had else default_year
        mo, d = int(g[prefix + "m"]), int(g[prefix + "d"])
    if y is None:
        return None, had
    try:
        return date(y, mo, d), had
    except ValueError:
        return None, had


# -- structure of the notice -------------------------------------------------------------------


@dataclass
class NoticeReading:
    draft_title: str | None = None
    issuer: str | None = None
    notice_date: date | None = None
    comment_start: date | None = None
    comment_end: date | None = None
    comment_days: int | None = None
    channels: list[str] = field(default_factory=list)
    reason_for_short_period: str | None = None
    kind: Kind = Kind.OTHER
    addresses: dict[str, str] = field(default_factory=dict)  # channel label → address as written
    findings: list[Finding] = field(default_factory=list)

    def as_json(self, file: str) -> dict[str, object]:
        """The command's shape, exactly: file, draft_title, issuer, comment_start, comment_end,
        comment_days, channels, reason_for_short_period, findings."""
        return {
            "file": file,
            "draft_title": self.draft_title,
            "issuer": self.issuer,
            "comment_start": self.comment_start.isoformat() if self.comment_start else None,
            "comment_end": self.comment_end.isoformat() if self.comment_end else None,
            "comment_days": self.comment_days,
            "channels": list(self.channels),
            "reason_for_short_period": self.reason_for_short_period,
            "findings": [f.as_dict() for f in self.findings],
        }


_DRAFT_START = re.compile(r"^\s*第[一1]\s*[章条]|^\s*[一1]\s*[、.]\s*总\s*则")
_UNIT_END = ("政府", "办公厅", "办公室", "委员会", "局", "厅", "委", "办", "部", "署", "院", "中心",
             "处", "所", "会", "站", "馆", "队", "司", "管委会", "街道办事处", "公司")
_UNIT_LINE = re.compile(r"^[\u4e00-\u9fff（）()、]{3,40}$")


def _notice_part(lines: list[str]) -> tuple[int, int | None]:
    """(index of the line after the notice, index of its signature date line or None).

    The notice ends at its signature: a line that is only a date, right under the issuing
    unit's name — what follows is the draft or the later 反馈情况. A bare date elsewhere (a page
    header's 发布时间) is not a signature. Without one, the notice ends where the draft's
    articles begin, else it is the whole text."""
    draft_start = None
    for i, line in enumerate(lines):
        if _STANDALONE_DATE.match(line) and i > 0 and _is_unit_name(lines[i - 1]):
            if draft_start is None or i < draft_start:
                return i + 1, i
        if draft_start is None and _DRAFT_START.match(line) and i > 2:
            draft_start = i
    if draft_start is not None:
        return draft_start, None
    return len(lines), None


def _is_unit_name(line: str) -> bool:
    line = line.strip()
    return bool(_UNIT_LINE.match(line)) and line.endswith(_UNIT_END) and "关于" not in line


def _issuer(lines: list[str], sig_index: int | None, title: str) -> str | None:
    if sig_index is not None:
        names: list[str] = []
        j = sig_index - 1
        while j >= 0 and len(names) < 4 and _is_unit_name(lines[j]):
            names.insert(0, lines[j].strip())
            j -= 1
        if names:
            return "、".join(names)
    for line in lines[:12]:
        m = re.match(r"^\s*(?:发布机构|发文机关|发布单位|来源|信息来源)\s*[:：]\s*([\u4e00-\u9fff（）()、]{3,40})", line)
        if m and _is_unit_name(m.group(1)):
            return m.group(1)
    m = re.match(r"^([\u4e00-\u9fff（）()、]{3,40}?)关于", title)
    if m and m.group(1).endswith(_UNIT_END):
        return m.group(1)
    return None


_BOOK = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")
_DRAFT_MARK = r"(?:[(（][^()（）]{0,12}(?:征求意见稿|草案|送审稿|修订稿|意见稿|讨论稿|代拟稿)[^()（）]{0,6}[)）])"
_TRAILING_MARK = re.compile(r"^\s*" + _DRAFT_MARK)
_TITLE_ABOUT = re.compile(
    r"关于(?:公开|向社会公开|面向社会)?(?:征求|征集)(?:对)?(?P<t>.+?)(?:意见建议|意见和建议|修改意见|的意见|意见)(?:的)?(?:通知|公告|函|公示)")
_DRAFT_LINE = re.compile(r"^(?P<t>[^。，,;；:：]{4,80}?)\s*" + _DRAFT_MARK + r"\s*$")


def _draft_title(title: str, notice: str, lines: list[str]) -> str | None:
    """The name of the draft as the notice writes it, with its 征求意见稿 mark."""
    candidates = []
    for text in (title, notice):
        for m in _BOOK.finditer(text):
            name = m.group(1).strip()
            tail = _TRAILING_MARK.match(text[m.end():m.end() + 20])
            if tail and not re.search(_DRAFT_MARK, name):
                name += tail.group(0).strip()
            around = text[max(0, m.start() - 40):m.end() + 40]
            score = 2 if re.search(r"征求意见|意见稿|草案|征求.{0,4}意见|征集", around) else 0
            if re.search(_DRAFT_MARK, name):
                score += 1
            if re.match(r"^(?:中华人民共和国|重大行政决策程序暂行条例|规章制定程序条例)", name) or re.search(
                    r"(?:条例|法)$", name) and not re.search(_DRAFT_MARK, name) and score < 2:
                score -= 3  # a law the notice cites as its basis, not the draft
            candidates.append((score, name))
        if candidates and max(s for s, _n in candidates) >= 2:
            break
    if candidates:
        # a short reference (《办法》) loses to the full name it abbreviates
        candidates = [(s - (1 if any(n != name and n.endswith(name) for _s, n in candidates) else 0), name)
                      for s, name in candidates]
        best = max(candidates, key=lambda c: c[0])
        if best[0] >= 0:
            return to_cjk_punctuation(best[1])
    for line in lines:
        if _DRAFT_LINE.match(line):
            return to_cjk_punctuation(line.strip())
    about = _TITLE_ABOUT.search(title)
    if about:
        return to_cjk_punctuation(about.group("t").strip("《》“”\"' "))
    return None


def _title_line(lines: list[str]) -> str:
    """The notice's own title: its first line when that reads like one, else the first line
    that speaks of 征求意见."""
    if lines and len(lines[0]) <= 150 and re.search(r"(?:通知|公告|通告|函|公示|启事|说明)$", lines[0]):
        return lines[0]
    for line in lines[:15]:
        if re.search(r"征求.{0,30}意见|意见征集|征集.{0,20}意见", line) and len(line) <= 120:
            return line
    return lines[0] if lines else ""


def _notice_date(lines: list[str], sig_index: int | None) -> date | None:
    if sig_index is not None:
        m = _ONE_DATE.search(lines[sig_index])
        if m:
            value, _had = _to_date(m, "a", None)
            if value:
                return value
    for line in lines[:15]:
        m = _META_DATE.search(line)
        if m:
            value, _had = _to_date(m, "a", None)
            if value:
                return value
    for line in reversed(lines):  # a bare date line (a signature without the unit's name)
        if _STANDALONE_DATE.match(line):
            m = _ONE_DATE.search(line)
            if m:
                return _to_date(m, "a", None)[0]
    return None


# -- the period --------------------------------------------------------------------------------


def _cue_before(text: str, pos: int, width: int = 40) -> bool:
    return bool(_PERIOD_CUE.search(text[max(0, pos - width):pos + 8]))


def _range(notice: str, year: int | None) -> tuple[date, date] | None:
    best = None
    for m in _RANGE.finditer(notice):
        a, had_a = _to_date(m, "a", year)
        if a is None:
            continue
        b, had_b = _to_date(m, "b", a.year)
        if b is None:
            continue
        if not had_b and b < a:
            b = b.replace(year=b.year + 1)
        if b < a:
            continue
        context = notice[max(0, m.start() - 40):m.end() + 20]
        if re.search(r"施行|有效期|实施|规划期|执行期|年度", context) and not _cue_before(notice, m.start()):
            continue
        if _cue_before(notice, m.start()):
            return a, b
        best = best or (a, b)
    return best


def _end_only(notice: str, year: int | None, after: date | None) -> date | None:
    for pattern in (_END_BEFORE, _DATE_BEFORE):
        for m in pattern.finditer(notice):
            if pattern is _DATE_BEFORE and not _cue_before(notice, m.start(), 60):
                continue
            value, had = _to_date(m, "a", year)
            if value is None:
                continue
            if not had and after and value < after:
                try:
                    value = value.replace(year=value.year + 1)
                except ValueError:
                    continue
            tail = notice[m.end():m.end() + 30]
            head = notice[max(0, m.start() - 30):m.start()]
            if re.search(r"施行|实施|生效|印发|成文", tail[:6]):
                continue
            if pattern is _END_BEFORE and not (_PERIOD_CUE.search(head + m.group(0) + tail[:20])):
                continue
            return value
    return None


def _length(notice: str) -> tuple[int, str, bool] | None:
    """(n, unit, starts at the notice) of the first stated length of the period."""
    for m in _LENGTH.finditer(notice):
        head = notice[max(0, m.start() - 30):m.end()]
        if not re.search(r"征求意见|意见征集|征集意见|公示期|公告期|期限|为期|期为|起", head):
            continue
        if re.search(r"不少于|不得少于|不超过|以内|内作出|日内|工作日内|少于", notice[m.start():m.end() + 4]):
            continue  # the rule quoted, or a deadline for the unit's reply, not this period
        n = int(m.group("n"))
        if not 1 <= n <= 366:
            continue
        return n, m.group("unit"), bool(_START_NOW.search(head) or m.group("from"))
    return None


def _add_length(start: date, n: int, unit: str, calendar: Calendar | None) -> date | None:
    if unit in ("日", "天", "个自然日"):
        return start + timedelta(days=n - 1)
    if unit == "个月":
        month = start.month - 1 + n
        year, month = start.year + month // 12, month % 12 + 1
        day = min(start.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
        return date(year, month, day) - timedelta(days=1)
    if calendar is None:
        return None
    try:
        steps = n - 1 if calendar.is_workday(start) else n
        end: date = calendar.add_workdays(start, steps).date
        return end
    except Exception:  # CalendarError: an unknown year
        return None


# -- the reason for a short period -------------------------------------------------------------

_REASON_CUE = re.compile(
    r"缩短|紧急|紧迫|急需|急迫|时间较短|时间紧|时限紧|(?<!不)少于\s*30|不足\s*30|短于|(?<!不)少于三十|不足三十")
_SENTENCE_SPLIT = re.compile(r"(?<=[。；;!！?？])|\n")


def _reason(notice: str) -> str | None:
    for sentence in _SENTENCE_SPLIT.split(notice):
        s = sentence.strip()
        if not s or not _REASON_CUE.search(s):
            continue
        if re.search(r"不少于|不得少于", s) and not re.search(r"缩短|紧急|紧迫|因|由于|鉴于", s):
            continue  # the rule quoted, not a reason
        if re.search(r"征求意见|期限|时间|期|公示|截止", s):
            return to_cjk_punctuation(s)
    return None


# -- channels ----------------------------------------------------------------------------------

_CLAUSE_SPLIT = re.compile(r"(?<=[。；;])|\n|(?=[(（][一二三四五六七八九十][)）])|(?=(?<![\d.])\d\s*[.、．](?!\d))")
_SUBMIT = r"提出|反馈|反映|留言|提交|发表|填写|报送|递交|发送|发至|寄|送至|送达|传真至|来信|来函|意见"
_ONLINE = re.compile(
    r"网上(?:提交|留言|反馈|提出|征集)|在线(?:提交|留言|反馈|提出|填写)|意见征集(?:系统|平台|栏目|专栏|专区|板块)"
    r"|(?:登录|登陆|访问|进入).{0,60}?(?:网站|网|平台|系统|栏目|专栏|专区|公众号|小程序|app|APP)"
    r"|(?:互动交流|政民互动|民意征集|网上调查|留言板|留言栏|网民留言|网上信箱|书记信箱|市长信箱|局长信箱)"
    r"|(?:网站|网页|门户|平台|公众号|小程序).{0,20}?(?:留言|提出意见|反馈意见|提交意见|参与)")
_LETTER = re.compile(r"信函|来信|信件|邮寄|寄至|寄送|寄到|寄往|寄给|邮递|通信地址|通讯地址|邮政编码|邮编|信封|信箱(?!.{0,3}@)")
_EMAIL = re.compile(r"电子邮件|电子邮箱|电子信箱|邮箱|e-?mail|E-?mail|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_FAX = re.compile(r"传真")
_PHONE = re.compile(r"拨打|致电|热线|电话(?:反馈|提出|反映|告知|方式|留言)|(?:通过|以|采取|可)电话|电话、|、电话")
_IN_PERSON = re.compile(r"现场|当面|直接送(?:达|至|交)|面交|来访|座谈|送交")
_ADDRESS = {
    Channel.EMAIL: re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
    Channel.FAX: re.compile(r"传真(?:号码|电话)?\s*(?:至|到)?\s*[:：为]?\s*([0-9][0-9\- ()（）]{6,20}[0-9])"),
    Channel.PHONE: re.compile(r"电话(?:号码)?\s*[:：为]?\s*([0-9][0-9\- ()（）、,，/]{6,40}[0-9])"),
    Channel.LETTER: re.compile(r"(?:通信地址|通讯地址|地址|寄至|寄送至|邮寄至|寄到)\s*[:：]?\s*([^。；;\n]{4,80})"),
    Channel.ONLINE: re.compile(r"(https?://[^\s)）。；;,，]+|www\.[^\s)）。；;,，]+)"),
}


def _is_publication_clause(clause: str) -> bool:
    """Where the draft is published or can be read (not where comments go)."""
    return bool(re.search(r"下载|查看|查阅|全文|刊登|公布于|发布于|发布的方式|公布方式|发布方式", clause)) and not re.search(
        r"提出|反馈|留言|提交|发表|填写|发送|寄", clause)


def _channels(notice: str) -> tuple[list[str], dict[str, str]]:
    found: set[Channel] = set()
    addresses: dict[str, str] = {}
    for clause in _CLAUSE_SPLIT.split(notice):
        clause = clause.strip()
        if not clause or _is_publication_clause(clause):
            continue
        contact_only = bool(re.match(r"^(?:联系人|联系电话|咨询电话|联系方式|联\s*系\s*人)", clause))
        hits: set[Channel] = set()
        if _ONLINE.search(clause) and re.search(_SUBMIT, clause):
            hits.add(Channel.ONLINE)
        if _LETTER.search(clause):
            hits.add(Channel.LETTER)
        if _EMAIL.search(clause):
            hits.add(Channel.EMAIL)
        if _FAX.search(clause):
            hits.add(Channel.FAX)
        if _PHONE.search(clause) and not re.search(r"联系电话|咨询电话", clause.split("拨打")[0] if "拨打" in clause else clause):
            hits.add(Channel.PHONE)
        if re.search(r"方式|途径|渠道", clause) and re.search(r"提出|反馈|反映|提交", clause):
            if re.search(r"电话", clause) and not re.search(r"联系电话|咨询电话", clause):
                hits.add(Channel.PHONE)
            if re.search(r"网上|网络|互联网|在线", clause):
                hits.add(Channel.ONLINE)
        if _IN_PERSON.search(clause) and re.search(r"提交|提出|递交|反馈|反映|送|座谈", clause) and not re.search(
                r"现场(?:检查|核查|勘验|踏勘)", clause):
            hits.add(Channel.IN_PERSON)
        if contact_only:
            hits &= {Channel.EMAIL, Channel.FAX}  # an address given with the contact is a channel
        found |= hits
        for channel in hits:
            pattern = _ADDRESS.get(channel)
            label = CHANNEL_LABELS[channel]
            if pattern and label not in addresses:
                m = pattern.search(clause)
                if m:
                    addresses[label] = (m.group(1) if m.groups() else m.group(0)).strip(" ,，")
    ordered = [CHANNEL_LABELS[c] for c in Channel if c in found]
    return ordered, addresses


# -- kind --------------------------------------------------------------------------------------


def guess_kind(text: str) -> Kind:
    if "重大行政决策" in text or "重大决策" in text:
        return Kind.MAJOR_DECISION
    if re.search(r"政府规章|规章草案|规章制定程序条例|政府令|(?<![法部门])规章(?!制度|项目)", text):
        return Kind.REGULATION
    if "规范性文件" in text:
        return Kind.NORMATIVE
    return Kind.OTHER


# -- the reader --------------------------------------------------------------------------------


def read_notice(text: str, *, calendar: Calendar | None = None, kind: Kind | None = None) -> NoticeReading:
    """Read one notice (the notice alone, or the notice followed by the draft)."""
    text = normalise(text)
    lines = [line for line in text.split("\n") if line.strip()]
    end_index, sig_index = _notice_part(lines)
    notice_lines = lines[:end_index]
    notice = "\n".join(notice_lines)
    title = _title_line(notice_lines)
    reading = NoticeReading()
    reading.kind = kind or guess_kind(notice)
    reading.draft_title = _draft_title(title, notice, lines)
    reading.issuer = _issuer(lines, sig_index, title)
    reading.notice_date = _notice_date(notice_lines, sig_index)
    year = reading.notice_date.year if reading.notice_date else None
    period_text = "\n".join(line for line in notice_lines if not _STANDALONE_DATE.match(line))

    start = end = None
    workday_length = None
    found = _range(period_text, year)
    if found:
        start, end = found
    else:
        end = _end_only(period_text, year, reading.notice_date)
        length = _length(period_text)
        if end is not None:
            start = reading.notice_date
            m_from = re.search(r"(?:自|从)\s*" + _date_re("a") + r"\s*(?:起|开始)", period_text)
            if m_from:
                start = _to_date(m_from, "a", year)[0] or start
        elif length is not None:
            n, unit, _from_notice = length
            m_from = re.search(r"(?:自|从)\s*" + _date_re("a") + r"\s*(?:起|开始)", period_text)
            start = (_to_date(m_from, "a", year)[0] if m_from else None) or reading.notice_date
            if start is not None:
                end = _add_length(start, n, unit, calendar)
                if end is None:
                    workday_length = (n, unit)
    if start is not None and end is not None and end < start:
        start = None  # a notice dated after its own deadline: the start is not known
    reading.comment_start, reading.comment_end = start, end
    reading.comment_days = comment_days(start, end)
    reading.channels, reading.addresses = _channels(notice)
    reading.reason_for_short_period = _reason(notice)
    if workday_length is not None:
        n, unit = workday_length
        findings = [Finding("calendar_unknown", f"征求意见期为{n}{unit}，缺少该年度的节假日安排，无法推算截止日期")]
    else:
        findings = period_findings(reading.kind, start, end, reading.reason_for_short_period, calendar)
    if not reading.channels:
        findings.append(Finding("channels_missing", "未写明提出意见的途径（网上、信函、电子邮件、传真等）"))
    reading.findings = findings
    return reading
