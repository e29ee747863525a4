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
    # 第三十六条第（五）项: the information is another agency's; name it (and how to reach it)
    referred_agency: str = ""
    referred_contact: str = ""
    released_files: tuple[str, ...] = ()


REFERRAL = ("经查，您申请的政府信息不属于本机关负责公开。根据{reg}第三十六条第（五）项的规定，"
            "告知您该政府信息由{agency}负责公开，请向其提出申请{contact}。")


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
    if data.referred_agency.strip():
        contact = f"（联系方式：{data.referred_contact.strip()}）" if data.referred_contact.strip() else ""
        paragraphs.append(REFERRAL.format(reg=REGULATION, agency=data.referred_agency.strip(),
                                          contact=contact))
    paragraphs.extend(p.strip() for p in data.reply_text.splitlines() if p.strip())
    if data.released_files:
        paragraphs.append("附件：" + "；".join(f"{i}. {n}" for i, n in enumerate(data.released_files, 1)))
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


@dataclass(frozen=True)
class FeeNoticeInput:
    number: str
    unit_name: str
    applicant_label: str
    received_on: date | None
    information: str
    fee_description: str
    amount: int
    pay_by: date
    pay_by_provisional: bool
    payment_method: str
    sent_on: date


def fee_notice_build(data: FeeNoticeInput, basis: str) -> Letter:
    """政府信息公开信息处理费收费通知书: basis, scale, amount, how and by when to pay."""
    received = cn_date(data.received_on) if data.received_on else "（日期未记录）"
    due = cn_date(data.pay_by) + ("（暂定）" if data.pay_by_provisional else "")
    paragraphs = (
        f"本机关于{received}收到您提出的政府信息公开申请（申请编号：{data.number}），申请获取“{data.information}”。",
        f"根据{basis}的规定，本机关决定对该申请收取信息处理费。计费情况：{data.fee_description}。应缴金额：{data.amount}元。",
        f"缴纳方式：{data.payment_method}。请于{due}前缴纳（自收到本通知之日起20个工作日内）。"
        "自发出本通知至收到您缴纳的费用期间，不计算在答复期限内；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        REMEDY.format(reg=REGULATION),
    )
    return Letter(
        title=f"{data.unit_name}政府信息公开信息处理费收费通知书",
        reference=f"申请编号：{data.number}",
        salutation=f"{data.applicant_label}：",
        paragraphs=paragraphs,
        signature=data.unit_name,
        dated=cn_date(data.sent_on),
        article="第四十二条",
    )
