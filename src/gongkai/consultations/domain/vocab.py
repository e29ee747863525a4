"""Vocabularies of 征求意见: kinds of draft, channels, moderation, decisions, states."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    MAJOR_DECISION = "major_decision"  # 重大行政决策
    REGULATION = "regulation"  # 政府规章
    NORMATIVE = "normative"  # 行政规范性文件
    OTHER = "other"  # 其他


KIND_LABELS = {
    Kind.MAJOR_DECISION: "重大行政决策",
    Kind.REGULATION: "政府规章",
    Kind.NORMATIVE: "行政规范性文件",
    Kind.OTHER: "其他",
}


class Channel(StrEnum):
    """The fixed list of ways a comment reaches the unit (the notice reader's output is the
    Chinese label, in this order)."""

    ONLINE = "online"  # 网上
    LETTER = "letter"  # 信函
    EMAIL = "email"  # 电子邮件
    FAX = "fax"  # 传真
    PHONE = "phone"  # 电话
    IN_PERSON = "in_person"  # 现场


CHANNEL_LABELS = {
    Channel.ONLINE: "网上",
    Channel.LETTER: "信函",
    Channel.EMAIL: "电子邮件",
    Channel.FAX: "传真",
    Channel.PHONE: "电话",
    Channel.IN_PERSON: "现场",
}
CHANNEL_BY_LABEL = {label: channel for channel, label in CHANNEL_LABELS.items()}


class Moderation(StrEnum):
    PRE = "pre"  # 先审后发: a comment is shown only after staff approve it
    POST = "post"  # 先发后审: shown at once, staff may hide it afterwards


MODERATION_LABELS = {Moderation.PRE: "先审后发", Moderation.POST: "先发后审"}


class Visibility(StrEnum):
    """When published comments are shown to the public (the unit chooses)."""

    IMMEDIATE = "immediate"  # 即时公开
    AFTER_CLOSE = "after_close"  # 征求意见结束后公开


VISIBILITY_LABELS = {Visibility.IMMEDIATE: "提交后即公开", Visibility.AFTER_CLOSE: "征求意见结束后公开"}


class CommentStatus(StrEnum):
    PENDING = "pending"  # 待审核 (pre-moderation)
    PUBLISHED = "published"  # 已公开 (or accepted, when private)
    HIDDEN = "hidden"  # 已屏蔽, with a reason


COMMENT_STATUS_LABELS = {
    CommentStatus.PENDING: "待审核",
    CommentStatus.PUBLISHED: "已通过",
    CommentStatus.HIDDEN: "已屏蔽",
}


class Decision(StrEnum):
    """采纳情况 of a main view (主要观点)."""

    ADOPTED = "adopted"  # 采纳
    PARTLY = "partly"  # 部分采纳
    NOT_ADOPTED = "not_adopted"  # 不予采纳


DECISION_LABELS = {
    Decision.ADOPTED: "采纳",
    Decision.PARTLY: "部分采纳",
    Decision.NOT_ADOPTED: "不予采纳",
}


class Phase(StrEnum):
    """Where a consultation stands (computed from its dates and what was published)."""

    DRAFT = "draft"  # 未发布
    SCHEDULED = "scheduled"  # 已发布，尚未开始
    OPEN = "open"  # 征求意见中
    CLOSED = "closed"  # 已结束，待反馈
    FEEDBACK = "feedback"  # 已公布反馈情况


PHASE_LABELS = {
    Phase.DRAFT: "未发布",
    Phase.SCHEDULED: "即将开始",
    Phase.OPEN: "征求意见中",
    Phase.CLOSED: "已结束",
    Phase.FEEDBACK: "已反馈",
}


class ItemStatus(StrEnum):
    """重大行政决策事项目录: status of a planned decision."""

    PLANNED = "planned"  # 计划中
    DRAFTING = "drafting"  # 起草中
    CONSULTING = "consulting"  # 征求意见中
    DECIDED = "decided"  # 已决策
    POSTPONED = "postponed"  # 暂缓
    WITHDRAWN = "withdrawn"  # 已撤销


ITEM_STATUS_LABELS = {
    ItemStatus.PLANNED: "计划中",
    ItemStatus.DRAFTING: "起草中",
    ItemStatus.CONSULTING: "征求意见中",
    ItemStatus.DECIDED: "已作出决策",
    ItemStatus.POSTPONED: "暂缓",
    ItemStatus.WITHDRAWN: "已撤销",
}


class HearingStatus(StrEnum):
    ANNOUNCED = "announced"  # 已公告，报名中
    HELD = "held"  # 已举行（听证笔录已公开）
    CANCELLED = "cancelled"


HEARING_STATUS_LABELS = {
    HearingStatus.ANNOUNCED: "已公告",
    HearingStatus.HELD: "已举行",
    HearingStatus.CANCELLED: "已取消",
}
