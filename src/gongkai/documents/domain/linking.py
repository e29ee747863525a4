"""When a reference may change its target (DESIGN §3.4; issue 19 "links you can trust"), pure Python.

A text that says "对《X》…予以修改" changes X only when all of these hold:

* it is a decision-type text: a 决定 / 决议 / 令, a notice that publishes a cleanup's result or
  repeals documents (清理结果的通知, 关于废止…的通知); for 同时废止 (a new rule replacing an old
  one) also a rule or 规范性文件 itself;
* its issuer is the target's issuer or a body above it (the unit tree; by name, a government
  is above its own 办公厅 and departments named after it);
* the target was in force on the decision's date (not already 废止 / 失效, not published later).

Anything else is kept as a citation with the reason, listed in the conflicts report for a
person to confirm. A work document quoting a decision's sentence never repeals a 规章.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gongkai.documents.domain.validity import CHANGING_ACTIONS
from gongkai.documents.domain.vocab import Level, RelationAction


class IssuerRank(StrEnum):
    SAME = "same"
    ABOVE = "above"
    OTHER = "other"  # below, or another body
    UNKNOWN = "unknown"  # one side has no issuer


class LinkReason(StrEnum):
    LINKED = "linked"
    CITED = "cited"
    NOT_IN_LIBRARY = "not_in_library"
    NOT_DECISION = "not_decision"
    ISSUER_NOT_ABOVE = "issuer_not_above"
    ISSUER_UNKNOWN = "issuer_unknown"
    TARGET_NOT_IN_FORCE = "target_not_in_force"
    TARGET_STATUS_UNKNOWN = "target_status_unknown"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


REASON_LABELS: dict[LinkReason, str] = {
    LinkReason.LINKED: "已关联：决定类文件，制定机关相同或为上级，目标在决定时有效",
    LinkReason.CITED: "引用：原文未对该文件作出修改或废止",
    LinkReason.NOT_IN_LIBRARY: "未关联：库中未找到该文件",
    LinkReason.NOT_DECISION: "仅作引用：来源文件不是决定类文件（决定、令、清理结果的通知等）",
    LinkReason.ISSUER_NOT_ABOVE: "仅作引用：来源文件的制定机关不是目标文件的制定机关或其上级",
    LinkReason.ISSUER_UNKNOWN: "仅作引用：无法确定制定机关的上下级关系",
    LinkReason.TARGET_NOT_IN_FORCE: "仅作引用：目标文件在决定作出时已失效或尚未公布",
    LinkReason.TARGET_STATUS_UNKNOWN: "仅作引用：目标文件已失效，无法确定决定作出时是否有效",
    LinkReason.CONFIRMED: "已关联：经人工确认",
    LinkReason.REJECTED: "仅作引用：经人工确认不是修改或废止",
}

# Reasons a person should look at (the conflicts report's "待确认的关联").
NEEDS_CONFIRMATION = frozenset({
    LinkReason.NOT_DECISION, LinkReason.ISSUER_NOT_ABOVE, LinkReason.ISSUER_UNKNOWN,
    LinkReason.TARGET_NOT_IN_FORCE, LinkReason.TARGET_STATUS_UNKNOWN,
})

_YEAR_LABEL = re.compile(r"\s*[(（]\s*(?:19|20)\d{2}\s*(?:年)?(?:修订|修正|修改)?\s*[)）]\s*$")
_DECISION_TITLE = re.compile(r"(?:决定|决议|命令|修正案(?:[（(][^）)]{1,8}[）)])?)$")
_DECISION_SUBJECT = re.compile(
    r"(?:清理结果|清理情况|清理工作结果|废止|宣布失效|失效|修改|修正|停止执行|不再执行)"
    r"[^关]{0,40}(?:的)?(?:通知|公告|通告|批复|意见)$")
_ORDER_NUMBER = re.compile(r"令\s*(?:[(（]?\s*\d{4}\s*[)）]?)?\s*第?\s*\d+\s*号|令\s*〔\d{4}〕")
_RULE_LEVELS = frozenset({
    Level.CONSTITUTION, Level.LAW, Level.ADMIN_REGULATION, Level.DEPARTMENT_RULE,
    Level.LOCAL_REGULATION, Level.LOCAL_GOV_RULE, Level.NORMATIVE,
})
_RULE_TITLE = re.compile(r"(?:条例|办法|规定|细则|规则|规程|实施意见|意见|标准|制度)(?:的通知)?$")


def is_decision(title: str, doc_number: str = "") -> bool:
    """A decision-type text: 武汉市人民政府关于修改和废止部分规章的决定(2024), 令第322号,
    湖北省人民政府关于公布文件清理结果的通知, 关于废止《…》的通知."""
    core = _YEAR_LABEL.sub("", (title or "").strip())
    return bool(_DECISION_TITLE.search(core) or _DECISION_SUBJECT.search(core)
                or _ORDER_NUMBER.search(doc_number or ""))


def may_replace(title: str, doc_number: str, level: str) -> bool:
    """同时废止 / 代替: a decision, or a rule or 规范性文件 that takes the old one's place."""
    if is_decision(title, doc_number):
        return True
    core = _YEAR_LABEL.sub("", (title or "").strip())
    return level in {lv.value for lv in _RULE_LEVELS} or bool(_RULE_TITLE.search(core))


_NAME_NOISE = re.compile(r"[\s（）()]")


def _name(n: str) -> str:
    return _NAME_NOISE.sub("", n or "")


def issuer_rank_by_name(source: Iterable[str], target: Iterable[str]) -> IssuerRank:
    """Compare issuers by their names when the unit tree does not know them: equal names are
    the same body; 武汉市人民政府 is above 武汉市人民政府办公厅 (a name that extends it); a
    人民代表大会 and its 常务委员会 are one legislature."""
    src = {_name(n) for n in source if _name(n)}
    tgt = {_name(n) for n in target if _name(n)}
    if not src or not tgt:
        return IssuerRank.UNKNOWN
    legislature = {n.replace("常务委员会", "") for n in src}
    if src & tgt or legislature & {n.replace("常务委员会", "") for n in tgt}:
        return IssuerRank.SAME
    if any(t.startswith(s) and len(t) > len(s) for s in src for t in tgt):
        return IssuerRank.ABOVE
    return IssuerRank.OTHER


@dataclass(frozen=True)
class LinkCheck:
    linked: bool  # the stated change is kept as a change
    reason: LinkReason

    @property
    def label(self) -> str:
        return REASON_LABELS[self.reason]


def link_check(
    *,
    action: RelationAction,
    resolved: bool,
    source_decision: bool,
    source_may_replace: bool = False,
    issuer: IssuerRank = IssuerRank.UNKNOWN,
    target_in_force: bool | None = None,
) -> LinkCheck:
    """Whether a reference stated as `action` changes its target (see the module docstring).

    An unresolved target stays a change (the decision's worklist shows it); a citation is a
    citation."""
    if action not in CHANGING_ACTIONS:
        return LinkCheck(True, LinkReason.CITED)
    allowed_source = source_may_replace if action == RelationAction.REPLACE else source_decision
    if not allowed_source:
        return LinkCheck(False, LinkReason.NOT_DECISION)
    if not resolved:
        return LinkCheck(True, LinkReason.NOT_IN_LIBRARY)
    if issuer == IssuerRank.UNKNOWN:
        return LinkCheck(False, LinkReason.ISSUER_UNKNOWN)
    if issuer == IssuerRank.OTHER:
        return LinkCheck(False, LinkReason.ISSUER_NOT_ABOVE)
    if target_in_force is None:
        return LinkCheck(False, LinkReason.TARGET_STATUS_UNKNOWN)
    if not target_in_force:
        return LinkCheck(False, LinkReason.TARGET_NOT_IN_FORCE)
    return LinkCheck(True, LinkReason.LINKED)
