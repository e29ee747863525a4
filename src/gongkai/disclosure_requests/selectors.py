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
    "request_fee_notice": "发出信息处理费收费通知",
    "request_fee_paid": "收到信息处理费，恢复计时",
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
    "request_answer": "answered_on", "request_fee_notice": "sent_on", "request_fee_paid": "paid_on",
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
            if d.get("agency"):
                detail += f"；负责公开的机关：{d['agency']}"
        elif log.action == "request_fee_notice":
            detail = f"应缴{d.get('amount', '')}元，请于 {d.get('pay_by', '')} 前缴纳（第四十二条）"
        if d.get("due_provisional") and d.get("due_on"):
            detail = detail.replace(str(d["due_on"]), f"{d['due_on']}（暂定）", 1)
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
        referred_agency=req.referred_agency,
        referred_contact=req.referred_contact,
        released_files=tuple(f.name for f in req.files.all()),
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
    rows = DisclosureRequest.objects.filter(unit_id__in=unit_ids, is_test=False).filter(
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
        received_on__lte=end, is_test=False,
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


# -- staff search (all requests, finished ones included) ----------------------------------------


def request_search(user, *, q: str = "", start: date | None = None, end: date | None = None,
                   outcome: str = "", status: str = "", unit_id: int | None = None) -> QuerySet[DisclosureRequest]:
    """Every request the user may see, matching the number or the applicant (q), submitted
    between start and end, with the outcome (a category or category:ground) and state."""
    qs = requests_visible_to(user)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(applicant_name__icontains=q)
                       | Q(contact_person__icontains=q) | Q(info_title__icontains=q))
    if start:
        qs = qs.filter(submitted_at__date__gte=start)
    if end:
        qs = qs.filter(submitted_at__date__lte=end)
    if outcome:
        category, _sep, ground = outcome.partition(":")
        qs = qs.filter(outcome=category)
        if ground:
            qs = qs.filter(outcome_ground=ground)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-id")


def assist_tasks_for(user, *, open_only: bool = True):
    """协办 tasks addressed to the user's units (what the lead unit asks, not who applied)."""
    from gongkai.disclosure_requests.models import AssistTask

    unit_ids = access.request_unit_ids(user)
    qs = AssistTask.objects.filter(unit_id__in=unit_ids).select_related("request__unit", "unit")
    if open_only:
        qs = qs.filter(replied_on__isnull=True)
    return qs.order_by("due_on", "id")


def proactive_queue(user):
    """第四十四条: answered information flagged for 主动公开 and not yet published."""
    return (requests_visible_to(user).filter(proactive_flagged_on__isnull=False, proactive_done_on__isnull=True)
            .order_by("proactive_flagged_on", "id"))


def duplicate_candidates(req: DisclosureRequest, limit: int = 5) -> list[DisclosureRequest]:
    """Earlier answered requests of the same applicant (ID number) to the same unit: candidates
    for 第三十六条第（六）项 重复申请."""
    if not req.id_number:
        return []
    return list(DisclosureRequest.objects.filter(unit_id=req.unit_id, id_number=req.id_number,
                                                 answered_on__isnull=False)
                .exclude(pk=req.pk).order_by("-answered_on")[:limit])


# -- public statistics ---------------------------------------------------------------------------


def public_statistics(unit, year: int, *, today: date | None = None) -> dict:
    """A unit's figures for the year as anyone may see them: received, answered, answered on
    time, and the outcome rows of table 三 (test requests never count)."""
    today = today or timezone.localdate()
    end = min(date(year, 12, 31), today) if year == today.year else date(year, 12, 31)
    start = date(year, 1, 1)
    table = table_three_for_period({unit.pk}, start, end, year=year)
    timeliness = [r for r in answered_on_time({unit.pk}, start, end) if r.on_time is not None]
    on_time = sum(1 for r in timeliness if r.on_time)
    return {
        "unit": unit.full_name, "unit_code": unit.code, "year": year, "as_of": end.isoformat(),
        "received": table["new"]["total"],
        "carried_over": table["carried_over"]["total"],
        "answered": table["total"]["total"],
        "decided_for_timeliness": len(timeliness),
        "answered_on_time": on_time,
        "on_time_share": round(on_time / len(timeliness), 4) if timeliness else None,
        "carried_forward": table["carried_forward"]["total"],
        "outcomes": [{"key": r["key"], "row": r["row"], "label": r["label"], "count": r["counts"]["total"]}
                     for r in table["outcome_rows"]],
    }


# -- 依申请公开模拟测试 ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MockResult:
    test_id: int
    request_id: int
    number: str
    unit_id: int
    unit_name: str
    channel: str
    submitted_on: date
    status: str
    score: object  # domain.checks.MockScore


def mock_results(unit_ids=None, *, start: date | None = None, end: date | None = None,
                 today: date | None = None) -> list[MockResult]:
    """Every test request (of the units, submitted in the period) with its score."""
    from gongkai.disclosure_requests.domain.checks import letter_elements, mock_score
    from gongkai.disclosure_requests.domain.deadline import CHANNEL_LABELS, Channel
    from gongkai.disclosure_requests.models import MockTest

    today = today or timezone.localdate()
    qs = MockTest.objects.select_related("request__unit").prefetch_related("request__files")
    if unit_ids is not None:
        qs = qs.filter(request__unit_id__in=set(unit_ids))
    if start:
        qs = qs.filter(request__submitted_at__date__gte=start)
    if end:
        qs = qs.filter(request__submitted_at__date__lte=end)
    out = []
    for t in qs.order_by("request__unit_id", "request__submitted_at", "id"):
        req = t.request
        letter = request_letter(req, masked=False)
        elements = []
        if letter is not None:
            elements = letter_elements(
                letter.text, disclosed_in_full=req.outcome == "disclosed",
                referral=(req.outcome, req.outcome_ground) == ("unavailable", "not_held") and bool(req.referred_agency),
                referred_agency=req.referred_agency)
        score = mock_score(received_on=req.received_on, due_on=req.due_on, answered_on=req.answered_on,
                           today=today, elements=elements)
        if letter is None and req.answered_on is None:
            pass
        out.append(MockResult(t.pk, req.pk, req.number, req.unit_id, req.unit.full_name,
                              CHANNEL_LABELS[Channel(req.channel)],
                              timezone.localtime(req.submitted_at).date(), Status(req.status).label, score))
    return out
