"""Reads of 依申请公开 requests: who sees what, the workbench lists, the tracking steps, and the
numbers for the annual report (table 三) and the assessment (按时答复).

Privacy: the applicant block (name, ID, phone, address, e-mail) leaves the database only
through `requests_visible_to(user)` — the handling unit and the office above it. The public
tracking page uses `request_for_token` and `request_public_view`, which carry none of it
beyond a masked name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.core import access
from gongkai.core.models import AuditLog
from gongkai.core.selectors import unit_descendant_ids
from gongkai.disclosure_requests.domain.deadline import add_workdays
from gongkai.disclosure_requests.domain.letters import Letter, LetterInput, letter_build
from gongkai.disclosure_requests.domain.outcomes import outcome_label, table_rows
from gongkai.disclosure_requests.domain.states import OPEN_STATUSES, Status
from gongkai.disclosure_requests.domain.vocab import APPLICANT_LABELS, ApplicantType, mask_name
from gongkai.disclosure_requests.models import DisclosureRequest

DUE_SOON_WORKDAYS = 5

# -- visibility -------------------------------------------------------------------------------


def requests_visible_to(user) -> QuerySet[DisclosureRequest]:
    """Requests whose full record (personal data included) `user` may see: a submitter's own
    unit, an office's units below it. Everyone else: none."""
    unit_ids = access.request_unit_ids(user)
    if not unit_ids:
        return DisclosureRequest.objects.none()
    return DisclosureRequest.objects.filter(unit_id__in=unit_ids).select_related("unit")


def request_for_token(token: str) -> DisclosureRequest | None:
    if not token or len(token) < 20:
        return None
    return DisclosureRequest.objects.select_related("unit").filter(token=token).first()


# -- workbench lists --------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkLists:
    open: list[DisclosureRequest]
    due_soon: list[DisclosureRequest]
    overdue: list[DisclosureRequest]
    due_soon_limit: date | None
    today: date


def request_work_lists(user, *, today: date | None = None, calendar=None,
                       unit_id: int | None = None) -> WorkLists:
    """Open requests by deadline, those due within 5 working days, and overdue ones; for a
    submitter their unit, for the office every unit below it (optionally one of them)."""
    from gongkai.core.calendar import work_calendar

    today = today or timezone.localdate()
    qs = requests_visible_to(user).filter(status__in=OPEN_STATUSES)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    rows = list(qs.order_by("due_on", "submitted_at", "id"))
    rows.sort(key=lambda r: (r.due_on is None, r.due_on or date.max, r.submitted_at))
    try:
        limit = add_workdays(calendar or work_calendar(), today, DUE_SOON_WORKDAYS)
    except Exception:  # an unknown holiday year must not take the workbench down
        limit = None
    overdue = [r for r in rows if r.due_on and r.due_on < today]
    due_soon = [r for r in rows if r.due_on and today <= r.due_on and limit and r.due_on <= limit]
    return WorkLists(rows, due_soon, overdue, limit, today)


# -- the applicant's view ---------------------------------------------------------------------

PUBLIC_STEP_LABELS = {
    "request_submit": "提交申请",
    "request_receive": "确认收到申请",
    "request_correction_send": "发出补正通知",
    "request_correction_receive": "收到补正后的申请",
    "request_close_no_correction": "逾期未补正，终止办理",
    "request_pause": "征求意见，暂停计时",
    "request_resume": "恢复计时",
    "request_extend": "延长答复期限",
    "request_answer": "作出答复",
}


@dataclass(frozen=True)
class PublicStep:
    on: date  # the day it happened in law (receipt date, notice date …), not when it was typed in
    label: str
    detail: str


# the data key holding each step's legal date
_STEP_DATE_KEY = {
    "request_receive": "received_on", "request_correction_send": "sent_on",
    "request_correction_receive": "received_on", "request_close_no_correction": "closed_on",
    "request_pause": "start_on", "request_resume": "end_on", "request_extend": "decided_on",
    "request_answer": "answered_on",
}


def request_public_steps(req: DisclosureRequest) -> list[PublicStep]:
    """The steps the applicant may see: what happened and when, never who handled it or whom
    the unit consulted."""
    logs = AuditLog.objects.filter(
        target_type=DisclosureRequest._meta.label_lower, target_id=str(req.pk),
        action__in=list(PUBLIC_STEP_LABELS),
    ).order_by("at", "id")
    steps = []
    for log in logs:
        d = log.data or {}
        detail = ""
        if log.action == "request_receive":
            detail = f"收到申请之日：{d.get('received_on', '')}；答复期限：{d.get('due_on', '')}"
        elif log.action == "request_correction_send":
            detail = f"请于 {d.get('correction_due_on', '')} 前补正：{req.correction_text}"
        elif log.action == "request_correction_receive":
            detail = f"答复期限重新计算至 {d.get('due_on', '')}"
        elif log.action == "request_pause":
            detail = f"自 {d.get('start_on', '')} 起暂停计时（《政府信息公开条例》第三十二条、第三十四条）"
        elif log.action == "request_resume":
            detail = f"{d.get('end_on', '')} 恢复计时；答复期限：{d.get('due_on', '')}"
        elif log.action == "request_extend":
            detail = f"延长{d.get('days', '')}个工作日，至 {d.get('due_on', '')}；理由：{log.reason}"
        elif log.action == "request_answer":
            detail = outcome_label(d.get("outcome", ""), d.get("ground", ""))
        key = _STEP_DATE_KEY.get(log.action)
        try:
            on = date.fromisoformat(d[key]) if key else timezone.localtime(req.submitted_at).date()
        except (KeyError, TypeError, ValueError):
            on = timezone.localtime(log.at).date()
        steps.append(PublicStep(on, PUBLIC_STEP_LABELS[log.action], detail))
    return steps


def request_letter(req: DisclosureRequest, *, masked: bool) -> Letter | None:
    """The reply letter; `masked` for anything shown outside the unit (the tracking page)."""
    if not req.outcome or req.answered_on is None:
        return None
    return letter_build(LetterInput(
        number=req.number,
        unit_name=req.unit.full_name,
        applicant_label=mask_name(req.applicant_name) if masked else req.applicant_name,
        received_on=req.received_on,
        information=req.information,
        category=req.outcome,
        ground=req.outcome_ground,
        reply_text=req.reply_text,
        answered_on=req.answered_on,
    ))


def request_public_view(req: DisclosureRequest) -> dict:
    """Everything the tracking page shows, and nothing more (no ID, phone, address, e-mail)."""
    return {
        "number": req.number,
        "unit": req.unit.full_name,
        "applicant": mask_name(req.applicant_name),
        "information": req.information,
        "status": Status(req.status).label,
        "status_code": req.status,
        "submitted_at": timezone.localtime(req.submitted_at),
        "received_on": req.received_on,
        "due_on": req.due_on,
        "due_provisional": req.due_provisional,
        "correction_text": req.correction_text if req.status == Status.AWAITING_CORRECTION else "",
        "correction_due_on": req.correction_due_on,
        "outcome": outcome_label(req.outcome, req.outcome_ground) if req.outcome else "",
        "answered_on": req.answered_on,
        "steps": request_public_steps(req),
        "letter": request_letter(req, masked=True),
    }


# -- annual report table 三 -------------------------------------------------------------------

COLUMNS = [t.value for t in ApplicantType] + ["total"]
COLUMN_LABELS = {**{t.value: APPLICANT_LABELS[t] for t in ApplicantType}, "total": "总计"}


class TableIdentityError(ValueError):
    """一 + 二 ≠ 三(七) + 四 for some column: the data has a request answered before receipt,
    or an answered request without a receipt date."""


def _empty() -> dict[str, int]:
    return dict.fromkeys(COLUMNS, 0)


def annual_table_three(unit_ids, year: int, *, strict: bool = False) -> dict:
    """Counts of annual-report table 三 for the given units and calendar year.

    一 new: received in the year. 二 carried over: received before the year, not finished
    before it. 三 outcomes: finished (answered or closed) in the year, by outcome row, with
    (七) 总计. 四 carried forward: received by 31 December and not finished by then.
    Requests not yet received (no receipt date) are not counted anywhere.
    The result carries `identity_ok` and `identity_errors` (per column); with strict=True a
    broken identity raises TableIdentityError.
    """
    return table_three_for_period(unit_ids, date(year, 1, 1), date(year, 12, 31), strict=strict,
                                  year=year)


def table_three_for_period(unit_ids, start: date, end: date, *, strict: bool = False,
                           year: int | None = None) -> dict:
    """Table 三 for any period (统计报送 by quarter or half-year): 一 received in the period,
    二 received before it and not finished before it, 三 finished in it, 四 received by its
    last day and not finished by then."""
    unit_ids = set(unit_ids)
    year = year if year is not None else end.year
    rows = DisclosureRequest.objects.filter(unit_id__in=unit_ids).filter(
        Q(received_on__lte=end) | Q(answered_on__gte=start, answered_on__lte=end)
    ).values_list("applicant_type", "received_on", "answered_on", "outcome", "outcome_ground")
    new, carried_over, carried_forward, total = _empty(), _empty(), _empty(), _empty()
    outcomes = {key: _empty() for key, _, _ in table_rows()}
    for applicant_type, received, answered, outcome, ground in rows:
        cols = (applicant_type, "total")
        finished_before = answered is not None and answered < start
        if received is not None and start <= received <= end:
            for c in cols:
                new[c] += 1
        if received is not None and received < start and not finished_before:
            for c in cols:
                carried_over[c] += 1
        if answered is not None and start <= answered <= end:
            keys = [outcome] + ([f"{outcome}:{ground}"] if ground else [])
            for key in keys:
                if key in outcomes:
                    for c in cols:
                        outcomes[key][c] += 1
            for c in cols:
                total[c] += 1
        if received is not None and received <= end and (answered is None or answered > end):
            for c in cols:
                carried_forward[c] += 1
    errors = {
        c: f"{COLUMN_LABELS[c]}：一({new[c]}) + 二({carried_over[c]}) ≠ 三(七)({total[c]}) + 四({carried_forward[c]})"
        for c in COLUMNS
        if new[c] + carried_over[c] != total[c] + carried_forward[c]
    }
    if errors and strict:
        raise TableIdentityError("；".join(errors.values()))
    return {
        "year": year,
        "unit_ids": sorted(unit_ids),
        "columns": COLUMNS,
        "column_labels": COLUMN_LABELS,
        "new": new,
        "carried_over": carried_over,
        "outcomes": outcomes,
        "outcome_rows": [
            {"key": key, "row": row, "label": label, "counts": outcomes[key]}
            for key, row, label in table_rows()
        ],
        "total": total,
        "carried_forward": carried_forward,
        "identity_ok": not errors,
        "identity_errors": errors,
    }


def annual_table_three_for_unit(unit, year: int, **kwargs) -> dict:
    """Table 三 for a unit and every unit below it (the office's report)."""
    return annual_table_three(unit_descendant_ids([unit.pk]), year, **kwargs)


# -- timeliness (按时答复) --------------------------------------------------------------------


@dataclass(frozen=True)
class RequestTimeliness:
    request_id: int
    number: str
    unit_id: int
    answered_on: date | None
    due: date
    on_time: bool | None  # None: still open and not yet due at the end of the period


def answered_on_time(unit_ids: set[int], start: date, end: date) -> list[RequestTimeliness]:
    """按时答复 for the assessment: every received request of the units that was either finished
    between start and end (on time when finished on or before its due date), or still open at
    `end` with its due date on or before `end` (late). Open requests not yet due at `end` come
    with on_time None; requests whose clock is stopped (no due date) are left out."""
    qs = DisclosureRequest.objects.filter(
        unit_id__in=set(unit_ids), received_on__isnull=False, due_on__isnull=False,
        received_on__lte=end,
    ).filter(
        Q(answered_on__gte=start, answered_on__lte=end)
        | Q(answered_on__isnull=True, due_on__gte=start)
        | Q(answered_on__gt=end, due_on__gte=start)
    ).order_by("due_on", "id").values_list("id", "number", "unit_id", "answered_on", "due_on")
    out = []
    for pk, number, unit_id, answered, due in qs:
        if answered is not None and answered <= end:
            on_time: bool | None = answered <= due
        elif due <= end:
            on_time = False
        else:
            on_time = None
        out.append(RequestTimeliness(pk, number, unit_id, answered if answered and answered <= end else None,
                                     due, on_time))
    return out


def on_time_share(unit_ids: set[int], start: date, end: date) -> float | None:
    """Share answered on time among the requests of `answered_on_time` that are decided;
    None when there are none (the measure does not apply)."""
    decided = [r.on_time for r in answered_on_time(unit_ids, start, end) if r.on_time is not None]
    if not decided:
        return None
    return sum(1 for x in decided if x) / len(decided)
