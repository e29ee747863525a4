"""Words of a request (第二十九条): who asks, how they identify, how they want the answer."""

from __future__ import annotations

from enum import StrEnum


class ApplicantType(StrEnum):
    """The applicant columns of annual-report table 三 (自然人 / 法人或其他组织 of five kinds)."""

    NATURAL = "natural"  # 自然人
    COMMERCIAL = "commercial"  # 商业企业
    RESEARCH = "research"  # 科研机构
    PUBLIC_INTEREST = "public_interest"  # 社会公益组织
    LEGAL_SERVICE = "legal_service"  # 法律服务机构
    OTHER = "other"  # 其他

    @property
    def label(self) -> str:
        return APPLICANT_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        return self is not ApplicantType.NATURAL


APPLICANT_LABELS: dict[ApplicantType, str] = {
    ApplicantType.NATURAL: "自然人",
    ApplicantType.COMMERCIAL: "商业企业",
    ApplicantType.RESEARCH: "科研机构",
    ApplicantType.PUBLIC_INTEREST: "社会公益组织",
    ApplicantType.LEGAL_SERVICE: "法律服务机构",
    ApplicantType.OTHER: "其他",
}


class IdType(StrEnum):
    ID_CARD = "id_card"  # 居民身份证
    PASSPORT = "passport"  # 护照
    HK_MACAO_TAIWAN = "hmt_permit"  # 港澳台居民居住证/通行证
    CREDIT_CODE = "credit_code"  # 统一社会信用代码
    OTHER = "other"  # 其他证件

    @property
    def label(self) -> str:
        return ID_LABELS[self]


ID_LABELS: dict[IdType, str] = {
    IdType.ID_CARD: "居民身份证",
    IdType.PASSPORT: "护照",
    IdType.HK_MACAO_TAIWAN: "港澳台居民居住证/通行证",
    IdType.CREDIT_CODE: "统一社会信用代码证",
    IdType.OTHER: "其他有效证件",
}


class DeliveryForm(StrEnum):
    PAPER = "paper"  # 纸质
    ELECTRONIC = "electronic"  # 电子


DELIVERY_FORM_LABELS = {DeliveryForm.PAPER: "纸质", DeliveryForm.ELECTRONIC: "电子"}


class DeliveryMethod(StrEnum):
    POST = "post"  # 邮寄
    EMAIL = "email"  # 电子邮件
    PICKUP = "pickup"  # 自行领取
    ONLINE = "online"  # 网上查阅（跟踪页面）


DELIVERY_METHOD_LABELS = {
    DeliveryMethod.POST: "邮寄",
    DeliveryMethod.EMAIL: "电子邮件",
    DeliveryMethod.PICKUP: "当场/自行领取",
    DeliveryMethod.ONLINE: "网上查阅",
}


def id_number_problem(id_type: str, number: str) -> str | None:
    """A Chinese message when the number cannot be right for its type, else None.

    居民身份证: 18 characters, GB 11643 check digit. 统一社会信用代码: 18 characters (GB 32100).
    """
    number = (number or "").strip().upper()
    if not number:
        return "请填写证件号码"
    if id_type == IdType.ID_CARD:
        if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
            return "居民身份证号码应为18位（最后一位可为X）"
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        check = "10X98765432"[sum(int(c) * w for c, w in zip(number[:17], weights, strict=True)) % 11]
        if number[17] != check:
            return "居民身份证号码校验位不正确，请核对"
    elif id_type == IdType.CREDIT_CODE:
        if len(number) != 18 or not number.isalnum():
            return "统一社会信用代码应为18位数字或字母"
    elif len(number) > 40:
        return "证件号码过长"
    return None


def mask_name(name: str) -> str:
    """张三 → 张*, 某某科技有限公司 → 某某****公司: enough for the applicant to recognise."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) <= 3:
        return name[0] + "*" * (len(name) - 1)
    return name[:2] + "*" * (len(name) - 4) + name[-2:]
