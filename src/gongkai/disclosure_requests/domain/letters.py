"""The reply letter (政府信息公开申请答复书): one template per outcome, citing its article.

Pure: the caller passes plain values; `letters_docx.letter_docx` lays the result out as DOCX and
the tracking page shows the same paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.disclosure_requests.domain.outcomes import Category, outcome_check

REGULATION = "《中华人民共和国政府信息公开条例》"

# One opening sentence per category; {article} is the article of the ground (or category).
TEMPLATES: dict[Category, str] = {
    Category.DISCLOSED: "经审查，您申请公开的政府信息属于公开范围。根据{reg}{article}的规定，现予以公开，具体内容如下。",
    Category.PARTLY: "经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。根据{reg}{article}的规定，本机关向您提供可以公开的部分，并对不予公开的部分说明理由如下。",
    Category.WITHHELD: "经审查，您申请公开的政府信息{ground}。根据{reg}{article}的规定，本机关决定不予公开，理由如下。",
    Category.UNAVAILABLE: "经审查，{ground}。根据{reg}{article}的规定，本机关无法向您提供所申请的信息，说明如下。",
    Category.NOT_HANDLED: "经审查，您的申请属于“{ground}”的情形。根据{reg}{article}的规定，本机关对该申请不予处理，说明如下。",
    Category.OTHER: "经审查，{ground}。根据{reg}{article}的规定，本机关不再处理您的政府信息公开申请。",
}

REMEDY = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
    "或者自收到本答复之日起六个月内依法提起行政诉讼（{reg}第五十一条）。"
)


@dataclass(frozen=True)
class LetterInput:
    number: str
    unit_name: str
    applicant_label: str  # the applicant's name, or a masked form of it on public screens
    received_on: date | None
    information: str
    category: str
    ground: str
    reply_text: str
    answered_on: date


@dataclass(frozen=True)
class Letter:
    title: str
    reference: str
    salutation: str
    paragraphs: tuple[str, ...]
    signature: str
    dated: str
    article: str

    @property
    def text(self) -> str:
        return "\n".join(
            [self.title, self.reference, self.salutation, *self.paragraphs, self.signature, self.dated]
        )


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def letter_build(data: LetterInput) -> Letter:
    info, ground = outcome_check(data.category, data.ground)
    article = ground.article if ground else info.article
    received = cn_date(data.received_on) if data.received_on else "（日期未记录）"
    opening = (
        f"本机关于{received}收到您提出的政府信息公开申请（申请编号：{data.number}），"
        f"申请获取“{data.information}”。"
    )
    body = TEMPLATES[info.category].format(
        reg=REGULATION, article=article, ground=ground.label if ground else ""
    )
    paragraphs = [opening, body]
    paragraphs.extend(p.strip() for p in data.reply_text.splitlines() if p.strip())
    if info.category is not Category.DISCLOSED:
        paragraphs.append(REMEDY.format(reg=REGULATION))
    return Letter(
        title=f"{data.unit_name}政府信息公开申请答复书",
        reference=f"申请编号：{data.number}",
        salutation=f"{data.applicant_label}：",
        paragraphs=tuple(paragraphs),
        signature=data.unit_name,
        dated=cn_date(data.answered_on),
        article=article,
    )
