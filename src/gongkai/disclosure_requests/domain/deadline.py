"""The answer deadline of a 依申请公开 request, reckoned in working days.

Pure: no Django, no database, no "today". The holiday calendar is an argument that follows the
small `Calendar` protocol below (`gongkai.core.domain.workdays.WorkCalendar` is one).

Rules of 《中华人民共和国政府信息公开条例》(2019):

* 第三十一条 — the day the request counts as received depends on the channel (`receipt_date`).
* 第三十三条第一款 — answer within 20 working days of receipt. As everywhere on the platform the
  day of receipt itself is not counted: the deadline is the 20th working day after it.
* 第三十三条第二款 — one extension of at most 20 working days, approved by the head of the
  disclosure office, and the applicant is told. It must be decided before the deadline runs out.
* 第三十条 — a 补正 (correction) notice must go out within 7 working days of receipt, all at once;
  the clock then stops and the 20 days run afresh from the day the corrected request is received.
  If the applicant does not correct within the period the notice gives, the request is closed
  (视为放弃申请, annual report 其他处理 (一) 逾期不补正).
* 第三十二条 — time spent consulting a third party (who has 15 working days to reply) does not
  count; 第三十四条 — nor does time spent consulting co-handling units. A pause FROM..TO excludes
  every working day from FROM to TO inclusive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol

from gongkai.disclosure_requests.domain.errors import DeadlineError

ANSWER_WORKDAYS = 20  # 第三十三条第一款
MAX_EXTENSION_WORKDAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_WORKDAYS = 7  # 第三十条
THIRD_PARTY_REPLY_WORKDAYS = 15  # 第三十二条
# 第三十条 lets the unit set a "合理的补正期限"; this is the platform's default, not a statutory figure.
DEFAULT_CORRECTION_PERIOD_WORKDAYS = 15


class Calendar(Protocol):
    """What the deadline model needs of a holiday calendar."""

    def is_workday(self, d: date) -> bool: ...

    def day_info(self, d: date) -> Any:
        """An object with `.is_workday`, `.kind` ("workday" | "weekend" | "holiday" |
        "makeup_workday") and `.name` (the holiday's name or "")."""
        ...


class Channel(StrEnum):
    """How the request reached the unit (第三十一条)."""

    IN_PERSON = "in_person"  # 当面提交
    REGISTERED_MAIL = "registered_mail"  # 挂号信等需签收的邮寄
    ORDINARY_MAIL = "ordinary_mail"  # 平常信函等无需签收的邮寄
    ONLINE = "online"  # 互联网渠道
    FAX = "fax"  # 传真

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_MAIL: "邮寄（挂号信等需签收）",
    Channel.ORDINARY_MAIL: "邮寄（平常信函等无需签收）",
    Channel.ONLINE: "互联网渠道",
    Channel.FAX: "传真",
}


def receipt_date(
    channel: Channel | str,
    *,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> date:
    """The day the request counts as received (第三十一条).

    (一) 当面提交: the day it is handed in (`submitted_on`).
    (二) 邮寄: the day the unit signs for it (`signed_on`); for ordinary letters that need no
         signature, the day the unit confirms with the applicant (`confirmed_on`), which the
         office must do on the day the letter arrives.
    (三) 互联网渠道 / 传真: the day both sides confirm (`confirmed_on`).
    """
    try:
        channel = Channel(channel)
    except ValueError:
        raise DeadlineError(f"未知的提交方式: {channel}", field="channel") from None
    if channel is Channel.IN_PERSON:
        needed, value = "submitted_on", submitted_on
        label = "当面提交的，以提交之日为收到申请之日，请填写提交日期"
    elif channel is Channel.REGISTERED_MAIL:
        needed, value = "signed_on", signed_on
        label = "以邮寄方式提交的，以行政机关签收之日为收到申请之日，请填写签收日期"
    else:
        needed, value = "confirmed_on", confirmed_on
        label = "以平常信函、互联网渠道或传真提交的，以双方确认之日为收到申请之日，请填写确认日期"
    if value is None:
        raise DeadlineError(f"第三十一条：{label}", field=needed)
    if submitted_on is not None and value < submitted_on:
        raise DeadlineError(
            f"收到申请之日（{value.isoformat()}）不能早于申请提交之日（{submitted_on.isoformat()}）",
            field=needed,
        )
    return value


class PauseKind(StrEnum):
    THIRD_PARTY = "third_party"  # 征求第三方意见，第三十二条
    CO_HANDLING = "co_handling"  # 征求其他机关意见（会商），第三十四条
    FEE = "fee"  # 收费通知至缴费，第四十二条（信息处理费管理办法：不计入答复期限）

    @property
    def label(self) -> str:
        return PAUSE_LABELS[self][0]

    @property
    def article(self) -> str:
        return PAUSE_LABELS[self][1]


PAUSE_LABELS: dict[PauseKind, tuple[str, str]] = {
    PauseKind.THIRD_PARTY: ("征求第三方意见", "第三十二条"),
    PauseKind.CO_HANDLING: ("征求其他机关意见", "第三十四条"),
    PauseKind.FEE: ("收取信息处理费，待缴纳", "第四十二条"),
}


@dataclass(frozen=True)
class Pause:
    """The clock stands still from `start` to `end` inclusive; `end` None: still paused."""

    start: date
    end: date | None = None
    kind: PauseKind = PauseKind.THIRD_PARTY


@dataclass(frozen=True)
class Timeline:
    """What happened to a request, as far as the deadline is concerned."""

    received: date
    correction_sent: date | None = None
    correction_received: date | None = None
    extension_days: int = 0
    extension_decided: date | None = None
    pauses: tuple[Pause, ...] = ()


@dataclass(frozen=True)
class Day:
    date: date
    name: str
    kind: str


@dataclass(frozen=True)
class Step:
    """One line of the reckoning, with the holidays it skipped and the 调休 days it used."""

    kind: str  # receipt | correction_notice | correction_received | awaiting_correction | pause | answer_period | extension
    text: str
    article: str
    start: date
    end: date | None = None
    workdays: int = 0
    skipped: tuple[Day, ...] = ()
    makeup: tuple[Day, ...] = ()
    paused: tuple[date, ...] = ()


@dataclass(frozen=True)
class Deadline:
    """`due` is None while the clock is stopped (awaiting 补正, or paused with no end yet)."""

    due: date | None
    clock_start: date | None
    base_due: date | None
    correction_notice_limit: date
    steps: tuple[Step, ...] = field(default_factory=tuple)
    # 暂定: reckoned with weekends only for a year whose holidays nobody has entered yet;
    # recomputed when the year is entered (disclosure_requests.services.provisional_recompute).
    provisional: bool = False
    unknown_years: tuple[int, ...] = ()

    @property
    def stopped(self) -> bool:
        return self.due is None


@dataclass(frozen=True)
class _Walk:
    end: date
    skipped: tuple[Day, ...]
    makeup: tuple[Day, ...]
    paused: tuple[date, ...]


def _in_pauses(d: date, pauses: Sequence[Pause]) -> bool:
    return any(p.start <= d and (p.end is None or d <= p.end) for p in pauses)


def _walk(calendar: Calendar, start: date, n: int, pauses: Sequence[Pause] = ()) -> _Walk:
    """The n-th working day after `start` (start itself not counted), not counting paused days."""
    d = start
    counted = 0
    skipped: list[Day] = []
    makeup: list[Day] = []
    paused: list[date] = []
    while counted < n:
        d += timedelta(days=1)
        info = calendar.day_info(d)
        if not info.is_workday:
            if getattr(info, "kind", "") == "holiday":
                skipped.append(Day(d, getattr(info, "name", "") or "", "holiday"))
            continue
        if _in_pauses(d, pauses):
            paused.append(d)
            continue
        if getattr(info, "kind", "") == "makeup_workday":
            makeup.append(Day(d, getattr(info, "name", "") or "", "makeup_workday"))
        counted += 1
    return _Walk(d, tuple(skipped), tuple(makeup), tuple(paused))


def workdays_in(calendar: Calendar, start: date, end: date) -> int:
    """Working days from start to end, both inclusive."""
    count = 0
    d = start
    while d <= end:
        if calendar.is_workday(d):
            count += 1
        d += timedelta(days=1)
    return count


def add_workdays(calendar: Calendar, start: date, n: int) -> date:
    """The n-th working day after `start`; `start` itself is not counted."""
    return _walk(calendar, start, n).end


def correction_notice_limit(calendar: Calendar, received: date) -> date:
    """The last day a 补正 notice may go out (第三十条: within 7 working days of receipt)."""
    return add_workdays(calendar, received, CORRECTION_NOTICE_WORKDAYS)


def correction_due(
    calendar: Calendar, sent: date, period_workdays: int = DEFAULT_CORRECTION_PERIOD_WORKDAYS
) -> date:
    """The day by which the applicant must send the corrected request (the notice's period)."""
    if period_workdays < 1:
        raise DeadlineError("补正期限至少为1个工作日", field="correction_period")
    return add_workdays(calendar, sent, period_workdays)


def _validate(timeline: Timeline, calendar: Calendar, notice_limit: date) -> None:
    t = timeline
    if not 0 <= t.extension_days <= MAX_EXTENSION_WORKDAYS:
        raise DeadlineError(
            f"第三十三条：延长答复期限最长不得超过{MAX_EXTENSION_WORKDAYS}个工作日（填写的是 {t.extension_days}）",
            field="extend",
        )
    if t.correction_received is not None and t.correction_sent is None:
        raise DeadlineError("有补正收到日期却没有补正通知发出日期", field="correction_sent")
    if t.correction_sent is not None:
        if t.correction_sent < t.received:
            raise DeadlineError(
                f"补正通知发出日期（{t.correction_sent}）早于收到申请之日（{t.received}）",
                field="correction_sent",
            )
        if t.correction_sent > notice_limit:
            raise DeadlineError(
                f"第三十条：补正通知应在收到申请之日起{CORRECTION_NOTICE_WORKDAYS}个工作日内发出，"
                f"收到申请 {t.received}，最迟 {notice_limit}，实际 {t.correction_sent}",
                field="correction_sent",
            )
        if t.correction_received is not None and t.correction_received < t.correction_sent:
            raise DeadlineError(
                f"补正收到日期（{t.correction_received}）早于补正通知发出日期（{t.correction_sent}）",
                field="correction_received",
            )
    clock_start = t.correction_received or t.received
    for p in t.pauses:
        if p.end is not None and p.end < p.start:
            raise DeadlineError(f"暂停计时的结束日期 {p.end} 早于开始日期 {p.start}", field="pause")
        if p.start <= clock_start:
            raise DeadlineError(
                f"暂停计时的开始日期 {p.start} 应晚于答复期限的起算日 {clock_start}", field="pause"
            )


def _holidays_text(days: Iterable[Day]) -> str:
    """中秋 2026-09-26至2026-09-27（2天）；国庆节 …: runs of consecutive days per name."""
    by_name: dict[str, list[date]] = {}
    for day in days:
        by_name.setdefault(day.name or "节假日", []).append(day.date)
    parts = []
    for name, dates in by_name.items():
        runs: list[list[date]] = []
        for d in dates:
            if runs and d - runs[-1][-1] == timedelta(days=1):
                runs[-1].append(d)
            else:
                runs.append([d])
        spans = "、".join(
            r[0].isoformat() if len(r) == 1 else f"{r[0].isoformat()}至{r[-1].isoformat()}" for r in runs
        )
        parts.append(f"{name} {spans}（{len(dates)}天）")
    return "；".join(parts)


def reckon(timeline: Timeline, calendar: Calendar) -> Deadline:
    """The due date and each step of the reckoning. Raises DeadlineError on impossible input
    and lets the calendar's error through for years whose holidays nobody knows."""
    t = timeline
    notice_limit = correction_notice_limit(calendar, t.received)
    _validate(t, calendar, notice_limit)
    steps: list[Step] = []
    received_info = calendar.day_info(t.received)
    note = "" if received_info.is_workday else "（当日为非工作日）"
    steps.append(
        Step("receipt", f"收到申请 {t.received.isoformat()}{note}，当日不计入期限", "第三十一条",
             start=t.received)
    )

    if t.correction_sent is not None:
        used = workdays_in(calendar, t.received + timedelta(days=1), t.correction_sent)
        steps.append(
            Step(
                "correction_notice",
                f"发出补正通知 {t.correction_sent.isoformat()}：收到申请后第{used}个工作日"
                f"（最迟 {notice_limit.isoformat()}），答复期限停止计算",
                "第三十条", start=t.correction_sent, workdays=used,
            )
        )
        if t.correction_received is None:
            steps.append(
                Step("awaiting_correction", "等待申请人补正；收到补正申请后重新计算答复期限",
                     "第三十条", start=t.correction_sent)
            )
            return Deadline(None, None, None, notice_limit, tuple(steps))
        steps.append(
            Step(
                "correction_received",
                f"收到补正后的申请 {t.correction_received.isoformat()}，答复期限自此重新起算",
                "第三十条", start=t.correction_received,
            )
        )
    clock_start = t.correction_received or t.received

    for p in sorted(t.pauses, key=lambda p: p.start):
        if p.end is None:
            steps.append(
                Step("pause", f"{p.kind.label}，自 {p.start.isoformat()} 起暂停计时，尚未恢复",
                     p.kind.article, start=p.start)
            )
        else:
            n = workdays_in(calendar, p.start, p.end)
            steps.append(
                Step(
                    "pause",
                    f"{p.kind.label} {p.start.isoformat()}至{p.end.isoformat()}：{n}个工作日不计入",
                    p.kind.article, start=p.start, end=p.end, workdays=n,
                )
            )
    if any(p.end is None for p in t.pauses):
        return Deadline(None, clock_start, None, notice_limit, tuple(steps))

    base = _walk(calendar, clock_start, ANSWER_WORKDAYS, t.pauses)
    text = f"答复期限{ANSWER_WORKDAYS}个工作日：自 {clock_start.isoformat()} 次日起算，至 {base.end.isoformat()}"
    if base.paused:
        text += f"（其中{len(base.paused)}个工作日暂停计时）"
    if base.skipped:
        text += f"；跳过节假日：{_holidays_text(base.skipped)}"
    if base.makeup:
        text += f"；调休上班日：{_holidays_text(base.makeup)}"
    steps.append(
        Step("answer_period", text, "第三十三条第一款", start=clock_start, end=base.end,
             workdays=ANSWER_WORKDAYS, skipped=base.skipped, makeup=base.makeup, paused=base.paused)
    )
    due = base.end
    if t.extension_days:
        if t.extension_decided is not None and t.extension_decided > base.end:
            raise DeadlineError(
                f"第三十三条：延长答复期限须在期限届满（{base.end}）前决定，实际 {t.extension_decided}",
                field="extend",
            )
        ext = _walk(calendar, base.end, t.extension_days, t.pauses)
        text = f"延长答复期限{t.extension_days}个工作日：自 {base.end.isoformat()} 次日起，至 {ext.end.isoformat()}"
        if ext.paused:
            text += f"（其中{len(ext.paused)}个工作日暂停计时）"
        if ext.skipped:
            text += f"；跳过节假日：{_holidays_text(ext.skipped)}"
        if ext.makeup:
            text += f"；调休上班日：{_holidays_text(ext.makeup)}"
        steps.append(
            Step("extension", text, "第三十三条第二款", start=base.end, end=ext.end,
                 workdays=t.extension_days, skipped=ext.skipped, makeup=ext.makeup, paused=ext.paused)
        )
        due = ext.end
    return Deadline(due, clock_start, base.end, notice_limit, tuple(steps))


@dataclass(frozen=True)
class _WeekendDay:
    date: date
    is_workday: bool
    kind: str
    name: str = ""


class WeekendsOnly:
    """`calendar`, except that a day of a year it does not know is a working day Monday to
    Friday (no holidays, no 调休): the provisional reckoning. Records the unknown years met."""

    def __init__(self, calendar: Calendar, error: type[Exception]):
        self._calendar = calendar
        self._error = error
        self.unknown: set[int] = set()

    def day_info(self, d: date) -> Any:
        try:
            return self._calendar.day_info(d)
        except self._error:
            self.unknown.add(d.year)
            weekday = d.weekday() < 5
            return _WeekendDay(d, weekday, "workday" if weekday else "weekend")

    def is_workday(self, d: date) -> bool:
        return bool(self.day_info(d).is_workday)


def reckon_provisional(timeline: Timeline, calendar: Calendar,
                       unknown_error: type[Exception]) -> Deadline:
    """As reckon, but never stops on a year whose holidays nobody knows: the due date is then
    reckoned on weekends only and marked provisional (暂定). Recording an action must not wait
    for the office to enter next year's holidays."""
    try:
        return reckon(timeline, calendar)
    except unknown_error:
        fallback = WeekendsOnly(calendar, unknown_error)
        result = reckon(timeline, fallback)
        from dataclasses import replace

        return replace(result, provisional=True, unknown_years=tuple(sorted(fallback.unknown)))
