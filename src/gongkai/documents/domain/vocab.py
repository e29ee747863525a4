"""Controlled vocabularies of a document's 文章属性 (DESIGN §3.1), plain Python.

The value stored is the Chinese term itself for the vocabularies that the public and the
legal databases use verbatim (效力等级, 时效性, 公开属性), so imports and exports need no mapping.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """效力等级."""

    CONSTITUTION = "宪法"
    LAW = "法律"
    ADMIN_REGULATION = "行政法规"
    DEPARTMENT_RULE = "部门规章"
    LOCAL_REGULATION = "地方性法规"
    LOCAL_GOV_RULE = "地方政府规章"
    NORMATIVE = "地方规范性文件"
    WORK_DOCUMENT = "工作文件"
    OTHER = "其他"


class Validity(StrEnum):
    """时效性."""

    NOT_YET = "尚未生效"
    CURRENT = "现行有效"
    AMENDED = "已被修改"
    PARTLY_INVALID = "部分失效"
    INVALID = "失效"
    REPEALED = "废止"


IN_FORCE = frozenset({Validity.CURRENT, Validity.AMENDED, Validity.PARTLY_INVALID})


class Disclosure(StrEnum):
    """公开属性."""

    PROACTIVE = "主动公开"
    ON_REQUEST = "依申请公开"
    WITHHELD = "不予公开"


class State(StrEnum):
    """Where a document is in 报送 → 审核 → 发布 (the review app owns the transitions)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    SECRECY_CLEARED = "secrecy_cleared"
    APPROVED = "approved"
    PUBLISHED = "published"
    WITHHELD = "withheld"  # 不予公开: registered with its legal ground, never published
    WITHDRAWN = "withdrawn"  # 撤回: was public, taken down


STATE_LABELS: dict[State, str] = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "已报送",
    State.SECRECY_CLEARED: "保密审查通过",
    State.APPROVED: "已审核",
    State.PUBLISHED: "已发布",
    State.WITHHELD: "不予公开",
    State.WITHDRAWN: "已撤回",
}


class RelationAction(StrEnum):
    """What one document does to another."""

    AMEND = "amend"  # 修改 / 修正 / 修订
    REPEAL = "repeal"  # 废止
    PARTLY_REPEAL = "partly_repeal"  # 部分条款废止 (the target becomes 部分失效)
    INVALIDATE = "invalidate"  # 宣布失效
    REPLACE = "replace"  # 代替 / 同时废止 and replaces
    INTERPRET = "interpret"  # 解读
    CITE = "cite"  # 引用 / 根据


RELATION_LABELS: dict[RelationAction, str] = {
    RelationAction.AMEND: "修改",
    RelationAction.REPEAL: "废止",
    RelationAction.PARTLY_REPEAL: "部分废止",
    RelationAction.INVALIDATE: "宣布失效",
    RelationAction.REPLACE: "代替",
    RelationAction.INTERPRET: "解读",
    RelationAction.CITE: "引用",
}


class InterpretationKind(StrEnum):
    """解读形式 (国办发〔2016〕80号: 文字解读、图表图解、专家解读、音视频、新闻发布会 …)."""

    TEXT = "文字解读"
    GRAPHIC = "图解"
    QA = "简明问答"
    VIDEO = "视频/发布会"
    EXPERT = "专家解读"


class VersionKind(StrEnum):
    """What made a version of a work (版本)."""

    ORIGINAL = "original"  # 公布
    AMENDED = "amended"  # 修正 (by a 修改决定)
    REVISED = "revised"  # 修订
    REPUBLISHED = "republished"  # 重新公布
    CONSOLIDATED = "consolidated"  # 整理版: built here from a decision, not an official text


VERSION_LABELS: dict[VersionKind, str] = {
    VersionKind.ORIGINAL: "公布",
    VersionKind.AMENDED: "修正",
    VersionKind.REVISED: "修订",
    VersionKind.REPUBLISHED: "重新公布",
    VersionKind.CONSOLIDATED: "整理版（非正式文本）",
}
