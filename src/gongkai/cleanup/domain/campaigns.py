"""Cleanup campaigns (文件清理, DESIGN §3.4) as plain Python: the choices a unit makes for each
document, the states of a campaign, and the wording of the result notice.

The notice follows the seed (`seed/docs/01-*`, 湖北省人民政府关于公布文件清理结果的通知):
"一、失效或废止的文件五十四件 … 二、需要修改的文件四十三件 …", counts in Chinese numerals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import cn2an


class Mark(StrEnum):
    """What a unit proposes for one of its documents."""

    KEEP = "keep"  # 继续有效
    AMEND = "amend"  # 需要修改
    REPEAL = "repeal"  # 失效或废止


MARK_LABELS: dict[Mark, str] = {
    Mark.KEEP: "继续有效",
    Mark.AMEND: "需要修改",
    Mark.REPEAL: "失效或废止",
}


class CampaignState(StrEnum):
    OPEN = "open"  # units mark their documents, the office reviews as marks come in
    PUBLISHED = "published"  # the result notice is out, statuses changed


CAMPAIGN_STATE_LABELS: dict[CampaignState, str] = {
    CampaignState.OPEN: "进行中",
    CampaignState.PUBLISHED: "已公布",
}


class Review(StrEnum):
    PENDING = "pending"  # 待审核
    ACCEPTED = "accepted"  # 审核通过
    RETURNED = "returned"  # 退回修改


REVIEW_LABELS: dict[Review, str] = {
    Review.PENDING: "待审核",
    Review.ACCEPTED: "审核通过",
    Review.RETURNED: "已退回",
}


def mark_problem(mark: str, reason: str) -> str | None:
    """Why a mark cannot be recorded, or None. Amend and repeal need a reason (the notice and
    the review depend on it); keep does not."""
    try:
        value = Mark(mark)
    except ValueError:
        return f"清理意见 “{mark}” 不在可选范围内（继续有效 / 需要修改 / 失效或废止）"
    if value in (Mark.AMEND, Mark.REPEAL) and not (reason or "").strip():
        return f"选择“{MARK_LABELS[value]}”须填写理由"
    return None


def publish_problems(marks: list[tuple[str, str]]) -> list[str]:
    """Why a campaign cannot be published: (mark, review) per item. Every item must be marked
    and accepted by the office."""
    unmarked = sum(1 for mark, _ in marks if not mark)
    unreviewed = sum(1 for mark, review in marks if mark and review != Review.ACCEPTED)
    problems = []
    if unmarked:
        problems.append(f"还有 {unmarked} 件文件未提出清理意见")
    if unreviewed:
        problems.append(f"还有 {unreviewed} 件文件的清理意见未审核通过")
    return problems


def cn_count(n: int) -> str:
    """54 → 五十四, 10 → 十 (cn2an writes 一十; 公文 write 十)."""
    text = str(cn2an.an2cn(n))
    return text[1:] if text.startswith("一十") else text


@dataclass(frozen=True)
class Listed:
    title: str
    doc_number: str = ""
    unit: str = ""

    def line(self, n: int) -> str:
        number = f"（{self.doc_number}）" if self.doc_number else ""
        return f"{n}.《{self.title}》{number}"


@dataclass
class NoticeText:
    title: str
    recipients: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, paragraphs)
    intro: str = ""
    signature: str = ""
    date_text: str = ""

    @property
    def body(self) -> str:
        lines = [self.title, f"{self.recipients}：", self.intro]
        for heading, paragraphs in self.sections:
            lines.append(heading)
            lines.extend(paragraphs)
        lines += [self.signature, self.date_text]
        return "\n".join(line for line in lines if line)


def date_cn(d: date) -> str:
    """公文 成文日期 in Arabic numerals (GB/T 9704-2012 §7.3.5.2): 2024年7月1日."""
    return f"{d.year}年{d.month}月{d.day}日"


def notice_compose(
    *,
    issuer: str,
    scope: str,
    recipients: str,
    repealed: list[Listed],
    amended: list[Listed],
    kept: int,
    on: date,
) -> NoticeText:
    """The result notice, in the seed's wording, with the lists."""
    notice = NoticeText(
        title=f"{issuer}关于公布文件清理结果的通知",
        recipients=recipients,
        intro=(f"为了维护法制统一，保证政令畅通，根据文件清理工作安排，{issuer}对{scope}"
               f"发布的现行有效文件进行了清理。现将清理结果通知如下："),
        signature=issuer,
        date_text=date_cn(on),
    )
    n = 1
    order = "一二三四五六七八九十"
    notice.sections.append((
        f"{order[n - 1]}、失效或废止的文件{cn_count(len(repealed))}件。",
        ["这类文件从本通知印发之日起，一律停止执行。"] + [x.line(i) for i, x in enumerate(repealed, 1)],
    ))
    n += 1
    notice.sections.append((
        f"{order[n - 1]}、需要修改的文件{cn_count(len(amended))}件。",
        ["这类文件的主要内容仍然有效，尚在继续执行，但其中某些条款需要修改。在修改之前，凡符合现行"
         "法律、法规、规章和政策的条款，应当继续有效；与之不符的条款，停止执行。"]
        + [x.line(i) for i, x in enumerate(amended, 1)],
    ))
    n += 1
    notice.sections.append((
        f"{order[n - 1]}、继续有效的文件{cn_count(kept)}件。",
        ["未列入本通知的现行有效文件继续有效。各地各部门应在各自职权范围内抓紧做好相关文件的修改工作，"
         "该修改的要修改，该废止的要及时明令废止。"],
    ))
    return notice
