"""The states of a request and which step may happen in which state (a transition table)."""

from __future__ import annotations

from enum import StrEnum

from gongkai.disclosure_requests.domain.errors import RequestError


class Status(StrEnum):
    SUBMITTED = "submitted"  # 已提交，待确认收到 (online/fax: 第三十一条 needs both sides to confirm)
    PROCESSING = "processing"  # 办理中
    AWAITING_CORRECTION = "awaiting_correction"  # 待补正 (第三十条)
    PAUSED = "paused"  # 暂停计时 (第三十二条 / 第三十四条)
    ANSWERED = "answered"  # 已答复
    CLOSED = "closed"  # 已终止（逾期不补正，第三十条）

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in (Status.ANSWERED, Status.CLOSED)


STATUS_LABELS = {
    Status.SUBMITTED: "已提交，待受理",
    Status.PROCESSING: "办理中",
    Status.AWAITING_CORRECTION: "待补正",
    Status.PAUSED: "暂停计时",
    Status.ANSWERED: "已答复",
    Status.CLOSED: "已终止",
}

OPEN_STATUSES = tuple(s.value for s in Status if s.is_open)


class Action(StrEnum):
    RECEIVE = "receive"  # 确认收到
    CORRECTION_REQUEST = "correction_request"  # 发出补正通知
    CORRECTION_RECEIVE = "correction_receive"  # 收到补正
    CLOSE_NO_CORRECTION = "close_no_correction"  # 逾期不补正，终止
    PAUSE = "pause"  # 暂停计时
    RESUME = "resume"  # 恢复计时
    EXTEND = "extend"  # 延长答复期限
    ANSWER = "answer"  # 答复
    REFER = "refer"  # 转办：告知负责公开的机关（第三十六条第五项）
    ASSIST = "assist"  # 协办：征求其他机关意见（第三十四条）
    FEE_NOTICE = "fee_notice"  # 收费通知（第四十二条）
    FEE_PAID = "fee_paid"  # 收到信息处理费


ACTION_LABELS = {
    Action.RECEIVE: "确认收到申请",
    Action.CORRECTION_REQUEST: "发出补正通知",
    Action.CORRECTION_RECEIVE: "收到补正后的申请",
    Action.CLOSE_NO_CORRECTION: "逾期不补正，终止办理",
    Action.PAUSE: "暂停计时",
    Action.RESUME: "恢复计时",
    Action.EXTEND: "延长答复期限",
    Action.ANSWER: "作出答复",
    Action.REFER: "转办（告知负责公开的机关）",
    Action.ASSIST: "协办（征求其他机关意见）",
    Action.FEE_NOTICE: "发出收费通知",
    Action.FEE_PAID: "确认已缴纳信息处理费",
}

# action -> (states it may start from, state it leads to; None = unchanged)
TRANSITIONS: dict[Action, tuple[frozenset[Status], Status | None]] = {
    Action.RECEIVE: (frozenset({Status.SUBMITTED}), Status.PROCESSING),
    Action.CORRECTION_REQUEST: (frozenset({Status.PROCESSING}), Status.AWAITING_CORRECTION),
    Action.CORRECTION_RECEIVE: (frozenset({Status.AWAITING_CORRECTION}), Status.PROCESSING),
    Action.CLOSE_NO_CORRECTION: (frozenset({Status.AWAITING_CORRECTION}), Status.CLOSED),
    Action.PAUSE: (frozenset({Status.PROCESSING}), Status.PAUSED),
    Action.RESUME: (frozenset({Status.PAUSED}), Status.PROCESSING),
    Action.EXTEND: (frozenset({Status.PROCESSING, Status.PAUSED}), None),
    Action.ANSWER: (frozenset({Status.PROCESSING, Status.PAUSED}), Status.ANSWERED),
    Action.REFER: (frozenset({Status.PROCESSING}), Status.ANSWERED),
    Action.ASSIST: (frozenset({Status.PROCESSING, Status.PAUSED}), Status.PAUSED),
    Action.FEE_NOTICE: (frozenset({Status.PROCESSING}), Status.PAUSED),
    Action.FEE_PAID: (frozenset({Status.PAUSED}), Status.PROCESSING),
}


def transition(status: str, action: Action) -> Status:
    """The state after `action`, or RequestError when it may not happen now."""
    current = Status(status)
    sources, target = TRANSITIONS[action]
    if current not in sources:
        raise RequestError(
            f"申请当前状态为“{current.label}”，不能{ACTION_LABELS[action]}", field="status"
        )
    return target or current
