"""How a request ends: the outcome taxonomy of the annual report (年度报告 表三), as data.

The categories and grounds are exactly the rows of table 三 "本年度办理结果" of the national
annual-report format (国办公开办函〔2021〕30号), each with the article of
《中华人民共和国政府信息公开条例》(2019) it rests on; the reply letter cites that article.
Row numbers (三(一)…三(六)) and ground numbers (1…8) are kept so the statistics line up with
the printed table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.disclosure_requests.domain.errors import RequestError


class Category(StrEnum):
    DISCLOSED = "disclosed"  # (一) 予以公开
    PARTLY = "partly"  # (二) 部分公开
    WITHHELD = "withheld"  # (三) 不予公开
    UNAVAILABLE = "unavailable"  # (四) 无法提供
    NOT_HANDLED = "not_handled"  # (五) 不予处理
    OTHER = "other"  # (六) 其他处理


@dataclass(frozen=True)
class Ground:
    code: str
    number: int  # the row number inside its category in table 三
    label: str
    article: str


@dataclass(frozen=True)
class CategoryInfo:
    category: Category
    row: str  # 三(一) …
    label: str
    article: str  # the article for the category as a whole
    grounds: tuple[Ground, ...] = ()

    @property
    def needs_ground(self) -> bool:
        return bool(self.grounds)

    def ground(self, code: str) -> Ground:
        for g in self.grounds:
            if g.code == code:
                return g
        raise RequestError(f"“{self.label}”没有理由“{code}”", field="ground")


CATEGORIES: dict[Category, CategoryInfo] = {
    Category.DISCLOSED: CategoryInfo(
        Category.DISCLOSED, "（一）", "予以公开", "第三十六条第（一）项、第（二）项"
    ),
    Category.PARTLY: CategoryInfo(
        Category.PARTLY, "（二）", "部分公开", "第三十七条"
    ),
    Category.WITHHELD: CategoryInfo(
        Category.WITHHELD, "（三）", "不予公开", "第三十六条第（三）项",
        (
            Ground("state_secret", 1, "属于国家秘密", "第十四条"),
            Ground("prohibited_by_law", 2, "其他法律行政法规禁止公开", "第十四条"),
            Ground("three_securities_one_stability", 3, "危及“三安全一稳定”", "第十四条"),
            Ground("third_party_rights", 4, "保护第三方合法权益", "第十五条"),
            Ground("internal_affairs", 5, "属于三类内部事务信息", "第十六条第一款"),
            Ground("process_information", 6, "属于四类过程性信息", "第十六条第二款"),
            Ground("enforcement_files", 7, "属于行政执法案卷", "第十六条第二款"),
            Ground("administrative_inquiry", 8, "属于行政查询事项", "第三十六条第（七）项"),
        ),
    ),
    Category.UNAVAILABLE: CategoryInfo(
        Category.UNAVAILABLE, "（四）", "无法提供", "第三十六条",
        (
            Ground("not_held", 1, "本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项"),
            Ground("needs_creation", 2, "没有现成信息需要另行制作", "第三十八条"),
            Ground("still_unclear", 3, "补正后申请内容仍不明确", "第二十九条第二款、第三十条"),
        ),
    ),
    Category.NOT_HANDLED: CategoryInfo(
        Category.NOT_HANDLED, "（五）", "不予处理", "第三十五条、第三十六条、第三十九条",
        (
            Ground("petition_complaint", 1, "信访举报投诉类申请", "第三十九条第一款"),
            Ground("repeated", 2, "重复申请", "第三十六条第（六）项"),
            Ground("publication", 3, "要求提供公开出版物", "第三十九条第二款"),
            Ground("excessive", 4, "无正当理由大量反复申请", "第三十五条"),
            Ground("confirm_or_reissue", 5, "要求行政机关确认或重新出具已获取信息", "第三十九条"),
        ),
    ),
    Category.OTHER: CategoryInfo(
        Category.OTHER, "（六）", "其他处理", "第三十条、第四十二条",
        (
            Ground("no_correction", 1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条"),
            Ground("fee_unpaid", 2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "第四十二条"),
            Ground("other", 3, "其他", "第三十六条"),
        ),
    ),
}


def outcome_check(category: str, ground: str = "") -> tuple[CategoryInfo, Ground | None]:
    """The category and ground, or a RequestError naming the field that is wrong."""
    try:
        info = CATEGORIES[Category(category)]
    except ValueError:
        raise RequestError(f"未知的办理结果: {category or '（空）'}", field="outcome") from None
    if info.needs_ground:
        if not ground:
            raise RequestError(f"“{info.label}”须选择具体理由", field="ground")
        return info, info.ground(ground)
    if ground:
        raise RequestError(f"“{info.label}”不需要选择理由", field="ground")
    return info, None


def outcome_article(category: str, ground: str = "") -> str:
    info, g = outcome_check(category, ground)
    return g.article if g else info.article


def outcome_label(category: str, ground: str = "") -> str:
    info, g = outcome_check(category, ground)
    return f"{info.label}（{g.label}）" if g else info.label


def outcome_choices() -> list[tuple[str, str]]:
    """(value, label) pairs for a select: "withheld:state_secret" style, category alone when it
    has no grounds."""
    out: list[tuple[str, str]] = []
    for info in CATEGORIES.values():
        if info.grounds:
            out.extend(
                (f"{info.category.value}:{g.code}", f"{info.label} — {g.number}. {g.label}")
                for g in info.grounds
            )
        else:
            out.append((info.category.value, info.label))
    return out


def table_rows() -> list[tuple[str, str, str]]:
    """Table 三's outcome rows in print order: (key, row label, text). Key is "category" or
    "category:ground"."""
    rows: list[tuple[str, str, str]] = []
    for info in CATEGORIES.values():
        rows.append((info.category.value, info.row, info.label))
        for g in info.grounds:
            rows.append((f"{info.category.value}:{g.code}", f"{info.row}{g.number}", g.label))
    return rows
