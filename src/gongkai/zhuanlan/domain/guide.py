"""The 政府信息公开指南 (条例 第十九条; 国办公开办函〔2019〕61号), generated from a unit's
contact data and the platform's own rules, with the unit's own words where it replaces a section.

第十九条: the 指南 states 政府信息的分类、编排体系、获取方式 and 政府信息公开工作机构的名称、
办公地址、办公时间、联系电话、传真号码、互联网联系方式; it must be kept current (第十二条).
The 依申请公开 flow is drawn from the deadlines the platform enforces
(``disclosure_requests.domain.deadline``), so the 指南 says what the system does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.disclosure_requests.domain.deadline import (
    ANSWER_WORKDAYS,
    CORRECTION_NOTICE_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
    THIRD_PARTY_REPLY_WORKDAYS,
)

STALE_AFTER_DAYS = 365  # reviewed at least once a year (第十二条 "及时更新"; 考评 checks the date)

SECTION_KEYS = ("intro", "proactive", "catalogue", "access", "requests", "fees", "agency",
                "remedies")
SECTION_TITLES = {
    "intro": "总则",
    "proactive": "主动公开",
    "catalogue": "政府信息的分类和编排体系",
    "access": "获取方式",
    "requests": "依申请公开",
    "fees": "收费",
    "agency": "政府信息公开工作机构",
    "remedies": "监督和救济",
}

CONTACT_LABELS = {
    "agency_name": "机构名称", "address": "办公地址", "office_hours": "办公时间",
    "phone": "联系电话", "fax": "传真", "email": "电子邮箱", "postcode": "邮政编码",
    "website": "网站",
}


@dataclass
class Contact:
    agency_name: str = ""
    address: str = ""
    office_hours: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    postcode: str = ""
    website: str = ""
    request_agency: str = ""  # 依申请公开受理机构 when different (same address and phone)
    is_sample: bool = False

    def missing(self) -> list[str]:
        """The 第十九条 fields not filled in (Chinese labels)."""
        required = ("agency_name", "address", "office_hours", "phone", "fax", "email")
        return [CONTACT_LABELS[f] for f in required if not getattr(self, f).strip()]


@dataclass(frozen=True)
class FlowStep:
    title: str
    detail: str
    article: str
    branch: str = ""  # a side path (补正, 延期, 征求第三方意见)


def request_flow() -> list[FlowStep]:
    """The 依申请公开 procedure the platform runs, step by step (the flow chart)."""
    return [
        FlowStep("提出申请", "通过网上申请、信函或当面提交《政府信息公开申请表》", "第二十九条"),
        FlowStep("登记受理", "收到申请之日起计算办理期限；网上申请以系统确认之日为收到日", "第三十一条"),
        FlowStep("审查申请", f"内容不明确的，{CORRECTION_NOTICE_WORKDAYS} 个工作日内一次性告知补正",
                 "第三十条", branch="补正：期限自收到补正后的申请之日起重新计算"),
        FlowStep("办理", "检索、审查拟公开的信息；涉及第三方合法权益的，书面征求第三方意见",
                 "第三十二条",
                 branch=f"征求第三方意见：第三方 {THIRD_PARTY_REPLY_WORKDAYS} 个工作日内答复，所需时间不计入期限"),
        FlowStep("答复", f"收到申请之日起 {ANSWER_WORKDAYS} 个工作日内答复", "第三十三条",
                 branch=f"延期：经负责人同意并告知申请人，最长延长 {MAX_EXTENSION_WORKDAYS} 个工作日"),
        FlowStep("送达", "按申请人选择的方式提供信息或送达告知书（予以公开、部分公开、不予公开、无法提供、不予处理等）",
                 "第三十六条"),
    ]


def _contact_lines(c: Contact) -> list[str]:
    lines = []
    for key, label in CONTACT_LABELS.items():
        value = getattr(c, key).strip()
        lines.append(f"{label}：{value or '（未填写）'}")
    return lines


def default_sections(*, unit_name: str, contact: Contact, section_labels: list[str],
                     catalogue_url: str = "", request_url: str = "") -> dict[str, str]:
    """The generated text of every section (plain text, paragraphs separated by blank lines)."""
    items = "\n".join(f"{i}. {label}" for i, label in enumerate(section_labels, 1))
    request_agency = contact.request_agency.strip() or contact.agency_name.strip() or unit_name
    flow = "\n".join(f"{i}. {s.title}：{s.detail}（条例{s.article}）"
                     + (f"\n   {s.branch}" if s.branch else "")
                     for i, s in enumerate(request_flow(), 1))
    request_contact = [f"受理机构：{request_agency}"]
    if contact.request_agency.strip():
        request_contact = [f"受理机构：{request_agency}",
                           f"受理地址：{contact.address.strip() or '（未填写）'}",
                           f"受理电话：{contact.phone.strip() or '（未填写）'}"]
    return {
        "intro": (f"根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）的规定，"
                  f"为便于公民、法人和其他组织获取{unit_name}的政府信息，编制本指南。"
                  "本指南每年至少更新一次，内容如有变化及时更新。"),
        "proactive": ("按照《条例》第十九条、第二十条，本机关主动公开下列政府信息，"
                      "在政府信息公开专栏“法定主动公开内容”中分类发布：\n" + items
                      + "\n\n主动公开的政府信息，自该信息形成或者变更之日起 20 个工作日内予以公开（《条例》第二十六条）。"),
        "catalogue": ("政府信息公开目录按主题分类和发布年份编排，每条信息包括索引号、标题、发文字号、"
                      "内容概述、生成日期、公布日期和时效性。索引号由单位代码、年份和顺序号组成，每条信息唯一。"
                      + (f"\n目录地址：{catalogue_url}" if catalogue_url else "")),
        "access": ("主动公开的政府信息可通过以下方式获取：\n"
                   "1. 政府信息公开专栏和政策文件库（全文检索，可按单位、年份、效力等级、时效性筛选，可订阅更新）；\n"
                   "2. 国家档案馆、公共图书馆、政务服务场所设置的政府信息查阅场所（《条例》第二十五条）；\n"
                   "3. 新闻发布会、政务新媒体等其他便于公众知晓的方式。"),
        "requests": ("公民、法人或者其他组织可以向本机关申请获取本机关制作或保存的、未主动公开的政府信息"
                     "（《条例》第二十七条）。申请应包括申请人的姓名或者名称、身份证明、联系方式，"
                     "申请公开的政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式和途径"
                     "（《条例》第二十九条）。\n\n办理流程：\n" + flow
                     + (f"\n\n网上申请：{request_url}" if request_url else "")
                     + ("\n\n" + "\n".join(request_contact) if request_contact else "")),
        "fees": ("行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
                 "可以依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费，"
                 "按件或按量计收，并在收费前书面告知申请人（《条例》第四十二条）。"),
        "agency": f"{unit_name}政府信息公开工作机构：\n" + "\n".join(_contact_lines(contact)),
        "remedies": ("公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，"
                     "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，"
                     "也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。"),
    }


@dataclass
class GuideSection:
    key: str
    title: str
    text: str
    edited: bool = False  # the unit's own words replace the generated text


@dataclass
class Guide:
    unit_name: str
    sections: list[GuideSection] = field(default_factory=list)
    reviewed_on: date | None = None
    stale: bool = True
    contact_missing: list[str] = field(default_factory=list)
    sample_contact: bool = False


def guide_is_stale(reviewed_on: date | None, today: date,
                   max_days: int = STALE_AFTER_DAYS) -> bool:
    """No review yet, or the last one is more than a year old."""
    return reviewed_on is None or (today - reviewed_on).days > max_days


def guide_build(*, unit_name: str, contact: Contact, section_labels: list[str],
                overrides: dict[str, str], reviewed_on: date | None, today: date,
                catalogue_url: str = "", request_url: str = "") -> Guide:
    generated = default_sections(unit_name=unit_name, contact=contact,
                                 section_labels=section_labels, catalogue_url=catalogue_url,
                                 request_url=request_url)
    sections = []
    for key in SECTION_KEYS:
        own = (overrides.get(key) or "").strip()
        sections.append(GuideSection(key, SECTION_TITLES[key], own or generated[key],
                                     edited=bool(own)))
    return Guide(unit_name=unit_name, sections=sections, reviewed_on=reviewed_on,
                 stale=guide_is_stale(reviewed_on, today), contact_missing=contact.missing(),
                 sample_contact=contact.is_sample)
