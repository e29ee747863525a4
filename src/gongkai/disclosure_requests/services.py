"""Writes of 依申请公开 requests: `request_<verb>`, keyword-only, one transaction each.

Every step: the permission check, the domain check (states.transition, deadline.reckon), a
conditional UPDATE … WHERE id = … AND version = … AND status = … (two clerks acting at once:
exactly one wins, the other gets ConflictError), an audit record, side effects on commit.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.calendar import work_calendar
from gongkai.core.errors import CalendarError
from gongkai.core.models import Unit, User
from gongkai.core.services import audit_record
from gongkai.core.tasks import mail_send
from gongkai.disclosure_requests.domain import deadline as dl
from gongkai.disclosure_requests.domain.errors import ConflictError, RequestError
from gongkai.disclosure_requests.domain.outcomes import Category, outcome_check
from gongkai.disclosure_requests.domain.states import Action, Status, transition
from gongkai.disclosure_requests.domain.vocab import (
    ApplicantType,
    DeliveryForm,
    DeliveryMethod,
    IdType,
    id_number_problem,
)
from gongkai.disclosure_requests.models import (
    AssistTask,
    DisclosureRequest,
    FeeNotice,
    MockTest,
    RequestDesk,
    RequestFile,
    RequestNumberSequence,
    RequestPause,
)

PUBLIC_ACTOR = "公众（网上申请）"


# -- permissions ------------------------------------------------------------------------------


def _require(user, req: DisclosureRequest) -> None:
    require(access.can_request_handle(user, req.unit_id), "无权办理该申请")


# -- the deadline -----------------------------------------------------------------------------


def request_timeline(req: DisclosureRequest, pauses=None) -> dl.Timeline | None:
    """The request as the pure deadline model sees it (None before it is received)."""
    if req.received_on is None:
        return None
    if pauses is None:
        pauses = list(req.pauses.all()) if req.pk else []
    return dl.Timeline(
        received=req.received_on,
        correction_sent=req.correction_sent_on,
        correction_received=req.correction_received_on,
        extension_days=req.extension_days,
        extension_decided=req.extension_on,
        pauses=tuple(dl.Pause(p.start_on, p.end_on, dl.PauseKind(p.kind)) for p in pauses),
    )


def request_deadline(req: DisclosureRequest, *, calendar=None, pauses=None) -> dl.Deadline | None:
    timeline = request_timeline(req, pauses)
    if timeline is None:
        return None
    return dl.reckon_provisional(timeline, calendar or work_calendar(), CalendarError)


def _reckon(timeline: dl.Timeline, calendar) -> dl.Deadline:
    """The deadline; provisional (暂定, weekends only) where a year's holidays are unknown, so
    recording an action never waits for the calendar."""
    return dl.reckon_provisional(timeline, calendar, CalendarError)


# -- numbering --------------------------------------------------------------------------------


def _next_number(year: int) -> str:
    """2026-000123: one global sequence per calendar year of submission, so a number never
    reveals or depends on the unit and survives the request being transferred."""
    RequestNumberSequence.objects.get_or_create(year=year)
    RequestNumberSequence.objects.filter(year=year).update(last=F("last") + 1)
    last = RequestNumberSequence.objects.get(year=year).last
    return f"{year}-{last:06d}"


# -- conditional update -----------------------------------------------------------------------


def _apply(req: DisclosureRequest, *, expected_version: int | None, **changes) -> DisclosureRequest:
    version = req.version if expected_version is None else expected_version
    if "due_on" in changes:
        changes.setdefault("due_provisional", False)
    rows = DisclosureRequest.objects.filter(pk=req.pk, version=version, status=req.status).update(
        version=F("version") + 1, **changes
    )
    if rows != 1:
        raise ConflictError("该申请已被他人处理，请刷新页面后重试", field="version")
    req.refresh_from_db()
    return req


def _load(req: DisclosureRequest | int) -> DisclosureRequest:
    pk = req.pk if isinstance(req, DisclosureRequest) else req
    return DisclosureRequest.objects.select_related("unit").get(pk=pk)


def _notify(req: DisclosureRequest, subject: str, body: str) -> None:
    """Tell the applicant (第三十条 补正, 第三十三条 extension) by e-mail when they gave one."""
    if not req.email:
        return
    # A background job: sent once the transaction commits, retried with backoff on SMTP errors.
    mail_send(to=[req.email], subject=f"[{req.number}] {subject}", body=body, unit=req.unit)


# -- filing -----------------------------------------------------------------------------------


def _clean_applicant(data: dict) -> dict:
    required = {
        "applicant_name": "申请人姓名或名称", "id_number": "证件号码", "phone": "联系电话",
    }
    for key, label in required.items():
        if not str(data.get(key) or "").strip():
            raise RequestError(f"请填写{label}", field=key)
    for key, enum, label in (
        ("applicant_type", ApplicantType, "申请人类型"), ("id_type", IdType, "证件类型"),
        ("delivery_form", DeliveryForm, "信息提供形式"), ("delivery_method", DeliveryMethod, "获取方式"),
    ):
        try:
            enum(data.get(key))
        except ValueError:
            raise RequestError(f"{label}不正确: {data.get(key)!r}", field=key) from None
    problem = id_number_problem(data["id_type"], data["id_number"])
    if problem:
        raise RequestError(problem, field="id_number")
    if not any(str(data.get(k) or "").strip() for k in ("info_title", "info_doc_number", "info_description")):
        raise RequestError("第二十九条：请填写所需信息的名称、文号或者便于检索的其他特征性描述", field="info_description")
    if data["delivery_method"] == DeliveryMethod.POST and not str(data.get("address") or "").strip():
        raise RequestError("选择邮寄的，请填写通信地址", field="address")
    if data["delivery_method"] == DeliveryMethod.EMAIL and not str(data.get("email") or "").strip():
        raise RequestError("选择电子邮件的，请填写电子邮箱", field="email")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


@transaction.atomic
def request_submit(
    *,
    unit: Unit,
    applicant_type: str,
    applicant_name: str,
    id_type: str,
    id_number: str,
    phone: str,
    delivery_form: str,
    delivery_method: str,
    info_title: str = "",
    info_doc_number: str = "",
    info_description: str = "",
    contact_person: str = "",
    address: str = "",
    postcode: str = "",
    email: str = "",
    channel: str = dl.Channel.ONLINE.value,
    submitted_at: datetime | None = None,
    actor: User | None = None,
    idempotency_key: str | None = None,
    is_test: bool = False,
) -> DisclosureRequest:
    """File a request (第二十九条). It waits in `submitted` until the unit confirms receipt,
    which fixes the receipt date (第三十一条).

    ``idempotency_key`` (the public form's hidden one-time key): a second submission with
    the same key returns the request the first one filed, even when both arrive at once."""
    if idempotency_key:
        earlier = DisclosureRequest.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            return earlier
    if unit is None or not unit.is_active:
        raise RequestError("请选择受理申请的行政机关", field="unit")
    if not unit_accepts_requests(unit):
        raise RequestError(f"{unit.full_name}不受理政府信息公开申请，请选择其他行政机关", field="unit")
    data = _clean_applicant({
        "applicant_type": applicant_type, "applicant_name": applicant_name, "id_type": id_type,
        "id_number": id_number.upper(), "phone": phone, "delivery_form": delivery_form,
        "delivery_method": delivery_method, "info_title": info_title,
        "info_doc_number": info_doc_number, "info_description": info_description,
        "contact_person": contact_person, "address": address, "postcode": postcode, "email": email,
    })
    try:
        channel = dl.Channel(channel).value
    except ValueError:
        raise RequestError(f"未知的提交方式: {channel}", field="channel") from None
    submitted_at = submitted_at or timezone.now()
    try:
        with transaction.atomic():
            req = DisclosureRequest(
                number=_next_number(timezone.localtime(submitted_at).year),
                token=secrets.token_urlsafe(32),
                lookup_code=new_lookup_code(),
                is_test=is_test,
                unit=unit,
                status=Status.SUBMITTED.value,
                submitted_at=submitted_at,
                channel=channel,
                idempotency_key=idempotency_key or None,
                **data,
            )
            req.full_clean(exclude=["token", "idempotency_key"])
            req.save()
    except IntegrityError:
        earlier = (DisclosureRequest.objects.filter(idempotency_key=idempotency_key).first()
                   if idempotency_key else None)
        if earlier is None:
            raise
        return earlier  # the same form, sent at the same moment, already filed it
    audit_record(
        actor=actor, actor_label="" if actor else PUBLIC_ACTOR, action="request_submit", target=req,
        unit=unit, to_state=req.status, data={"number": req.number, "channel": channel},
    )
    _notify(req, "申请已提交", confirmation_text(req))
    return req


LOOKUP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed back


def new_lookup_code() -> str:
    return "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(8))


def confirmation_text(req: DisclosureRequest) -> str:
    from django.conf import settings

    site = settings.SITE_URL
    desk = desk_of(req.unit)
    lines = [
        f"您向{req.unit.full_name}提出的政府信息公开申请已提交。",
        f"申请编号：{req.number}",
        f"查询码：{req.lookup_code}",
        f"凭申请编号和查询码可在 {site}/requests/lookup/ 查询办理进度、在线补正和下载答复书。",
        "受理机关确认收到申请后，答复期限为收到申请之日起20个工作日（《中华人民共和国政府信息公开条例》第三十三条）。",
    ]
    contact = [f"{label}：{value}" for label, value in desk_contact_lines(req.unit, desk) if value]
    if contact:
        lines.append("受理机关联系方式：" + "；".join(contact))
    return "\n".join(lines)


@transaction.atomic
def request_receive(
    *,
    request: DisclosureRequest | int,
    channel: str,
    actor: User,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    expected_version: int | None = None,
    calendar=None,
) -> DisclosureRequest:
    """Record receipt: the channel decides which date counts (第三十一条)."""
    req = _load(request)
    _require(actor, req)
    to = transition(req.status, Action.RECEIVE)
    if submitted_on is None:
        submitted_on = timezone.localtime(req.submitted_at).date()
    received = dl.receipt_date(
        channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
    )
    calendar = calendar or work_calendar()
    result = _reckon(dl.Timeline(received=received), calendar)
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value, channel=dl.Channel(channel).value,
                 received_on=received, due_on=result.due,
                 due_provisional=result.provisional)
    audit_record(actor=actor, action="request_receive", target=req, from_state=before, to_state=req.status,
                 data={"channel": req.channel, "received_on": received.isoformat(),
                       "due_on": result.due.isoformat(), "due_provisional": result.provisional})
    return req


@transaction.atomic
def request_register(*, actor: User, channel: str, submitted_on: date | None = None,
                     signed_on: date | None = None, confirmed_on: date | None = None,
                     calendar=None, **fields) -> DisclosureRequest:
    """A request that came in on paper, by post or fax: file it and record receipt at once."""
    require(access.can_request_register(actor), "无权登记申请")
    submitted_at = None
    if submitted_on is not None:
        submitted_at = timezone.make_aware(datetime.combine(submitted_on, datetime.min.time().replace(hour=9)))
    req = request_submit(channel=channel, submitted_at=submitted_at, actor=actor, **fields)
    return request_receive(request=req, channel=channel, actor=actor, submitted_on=submitted_on,
                           signed_on=signed_on, confirmed_on=confirmed_on, calendar=calendar)


# -- 补正 (第三十条) -------------------------------------------------------------------------


@transaction.atomic
def request_correction_send(
    *,
    request: DisclosureRequest | int,
    sent_on: date,
    text: str,
    actor: User,
    period_workdays: int = dl.DEFAULT_CORRECTION_PERIOD_WORKDAYS,
    expected_version: int | None = None,
    calendar=None,
) -> DisclosureRequest:
    """第三十条: one notice, within 7 working days of receipt, saying what to correct and by
    when; the clock stops until the corrected request arrives."""
    req = _load(request)
    _require(actor, req)
    to = transition(req.status, Action.CORRECTION_REQUEST)
    if req.correction_sent_on is not None:
        raise RequestError("第三十条：补正通知应一次性告知，本申请已发出过补正通知", field="correction_sent_on")
    if not text.strip():
        raise RequestError("请写明需要补正的事项", field="correction_text")
    if req.pauses.exists():
        raise RequestError("已暂停计时的申请不能再要求补正", field="correction_sent_on")
    calendar = calendar or work_calendar()
    _reckon(replace(request_timeline(req, []), correction_sent=sent_on), calendar)  # checks 7 days
    dl.correction_due(dl.WeekendsOnly(calendar, CalendarError), sent_on, period_workdays)  # checks the period
    due, due_provisional = _workdays_after(calendar, sent_on, period_workdays)
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value, correction_sent_on=sent_on,
                 correction_text=text.strip(), correction_due_on=due, due_on=None)
    audit_record(actor=actor, action="request_correction_send", target=req, from_state=before,
                 to_state=req.status, reason=text.strip(),
                 data={"sent_on": sent_on.isoformat(), "correction_due_on": due.isoformat()})
    _notify(req, "补正通知", f"请于{due.isoformat()}{'（暂定）' if due_provisional else ''}前补正您的政府信息公开申请"
                         f"（可凭申请编号和查询码在线补正）：\n{text.strip()}")
    return req


@transaction.atomic
def request_correction_receive(
    *, request: DisclosureRequest | int, received_on: date, actor: User,
    expected_version: int | None = None, calendar=None,
) -> DisclosureRequest:
    """The corrected request arrived: 20 working days run afresh from this day (第三十条)."""
    req = _load(request)
    _require(actor, req)
    to = transition(req.status, Action.CORRECTION_RECEIVE)
    if req.correction_due_on and received_on > req.correction_due_on:
        raise RequestError(
            f"补正期限为 {req.correction_due_on}，{received_on} 已逾期；应终止办理（逾期不补正）",
            field="correction_received_on",
        )
    calendar = calendar or work_calendar()
    result = _reckon(replace(request_timeline(req, []), correction_received=received_on), calendar)
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value,
                 correction_received_on=received_on, due_on=result.due,
                 due_provisional=result.provisional)
    audit_record(actor=actor, action="request_correction_receive", target=req, from_state=before,
                 to_state=req.status, data={"received_on": received_on.isoformat(),
                                            "due_on": result.due.isoformat(),
                                            "due_provisional": result.provisional})
    return req


@transaction.atomic
def request_close_no_correction(
    *, request: DisclosureRequest | int, closed_on: date, actor: User,
    expected_version: int | None = None,
) -> DisclosureRequest:
    """No correction within the notice's period: 视为放弃申请 (第三十条), reported as
    其他处理 (一)."""
    req = _load(request)
    _require(actor, req)
    to = transition(req.status, Action.CLOSE_NO_CORRECTION)
    if req.correction_due_on is None or closed_on <= req.correction_due_on:
        raise RequestError(f"补正期限（{req.correction_due_on}）尚未届满，不能按逾期不补正终止",
                           field="closed_on")
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value, outcome=Category.OTHER.value,
                 outcome_ground="no_correction", answered_on=closed_on, answered_by=actor,
                 reply_text="您未在补正期限内补正申请，视为放弃申请，本机关不再处理该政府信息公开申请。")
    audit_record(actor=actor, action="request_close_no_correction", target=req, from_state=before,
                 to_state=req.status, data={"closed_on": closed_on.isoformat()})
    return req


# -- pauses (第三十二条, 第三十四条) -----------------------------------------------------------


@transaction.atomic
def request_pause(
    *, request: DisclosureRequest | int, kind: str, start_on: date, actor: User, party: str = "",
    note: str = "", expected_version: int | None = None, calendar=None,
) -> DisclosureRequest:
    """Stop the clock while a third party (第三十二条, 15 working days to reply) or another
    unit (第三十四条) is consulted."""
    req = _load(request)
    _require(actor, req)
    to = transition(req.status, Action.PAUSE)
    try:
        kind = dl.PauseKind(kind).value
    except ValueError:
        raise RequestError(f"未知的暂停类型: {kind}", field="kind") from None
    if not party.strip():
        raise RequestError("请填写征求意见的对象", field="party")
    pauses = list(req.pauses.all())
    if pauses and pauses[-1].end_on and start_on <= pauses[-1].end_on:
        raise RequestError(f"暂停开始日期应晚于上次恢复日期 {pauses[-1].end_on}", field="start_on")
    probe = RequestPause(request=req, kind=kind, start_on=start_on, end_on=None)
    calendar = calendar or work_calendar()
    _reckon(request_timeline(req, [*pauses, probe]), calendar)
    if req.due_on and start_on > req.due_on:
        raise RequestError(f"答复期限 {req.due_on} 已届满，不能再暂停计时", field="start_on")
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value, due_on=None)
    RequestPause.objects.create(request=req, kind=kind, start_on=start_on, party=party.strip(), note=note.strip())
    third_party_due, _provisional = _workdays_after(calendar, start_on, dl.THIRD_PARTY_REPLY_WORKDAYS)
    audit_record(actor=actor, action="request_pause", target=req, from_state=before, to_state=req.status,
                 reason=note.strip(), data={"kind": kind, "start_on": start_on.isoformat(),
                                            "party": party.strip(),
                                            "reply_due_on": third_party_due.isoformat()})
    return req


@transaction.atomic
def request_resume(
    *, request: DisclosureRequest | int, end_on: date, actor: User,
    expected_version: int | None = None, calendar=None,
) -> DisclosureRequest:
    """Restart the clock; the paused working days (start..end inclusive) do not count."""
    req = _load(request)
    _require(actor, req)
    return _resume(req, end_on=end_on, actor=actor, expected_version=expected_version,
                   calendar=calendar)


def _resume(req: DisclosureRequest, *, end_on: date, actor: User, expected_version: int | None = None,
            calendar=None, cause: str = "") -> DisclosureRequest:
    """request_resume after its permission check (also run for a 协办 reply, whose author
    answers for another unit)."""
    to = transition(req.status, Action.RESUME)
    pause = req.pauses.filter(end_on__isnull=True).order_by("-start_on").first()
    if pause is None:
        raise RequestError("没有进行中的暂停", field="end_on")
    if end_on < pause.start_on:
        raise RequestError(f"恢复日期不能早于暂停开始日期 {pause.start_on}", field="end_on")
    pause.end_on = end_on
    result = _reckon(request_timeline(req, [p if p.pk != pause.pk else pause for p in req.pauses.all()]),
                     calendar or work_calendar())
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value, due_on=result.due,
                 due_provisional=result.provisional)
    RequestPause.objects.filter(pk=pause.pk).update(end_on=end_on)
    audit_record(actor=actor, action="request_resume", target=req, from_state=before, to_state=req.status,
                 data={"kind": pause.kind, "start_on": pause.start_on.isoformat(),
                       "end_on": end_on.isoformat(), "due_on": result.due.isoformat(),
                       "due_provisional": result.provisional, **({"cause": cause} if cause else {})})
    return req


# -- extension (第三十三条第二款) ------------------------------------------------------------


@transaction.atomic
def request_extend(
    *, request: DisclosureRequest | int, days: int, decided_on: date, approver: str, reason: str,
    actor: User, expected_version: int | None = None, calendar=None,
) -> DisclosureRequest:
    """One extension of at most 20 working days, approved by the head of the disclosure office,
    before the deadline runs out; the applicant is told."""
    req = _load(request)
    _require(actor, req)
    transition(req.status, Action.EXTEND)
    if req.extension_days:
        raise RequestError("第三十三条：答复期限只能延长一次，本申请已延长过", field="days")
    if not approver.strip():
        raise RequestError("第三十三条：延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人", field="approver")
    if not reason.strip():
        raise RequestError("请填写延长答复期限的理由", field="reason")
    if not 1 <= days <= dl.MAX_EXTENSION_WORKDAYS:
        raise RequestError(f"延长期限应为1至{dl.MAX_EXTENSION_WORKDAYS}个工作日", field="days")
    calendar = calendar or work_calendar()
    timeline = replace(request_timeline(req), extension_days=days, extension_decided=decided_on)
    result = _reckon(timeline, calendar)
    req = _apply(req, expected_version=expected_version, extension_days=days, extension_on=decided_on,
                 extension_approver=approver.strip(), extension_reason=reason.strip(), due_on=result.due,
                 due_provisional=result.provisional)
    audit_record(actor=actor, action="request_extend", target=req, from_state=req.status,
                 to_state=req.status, reason=reason.strip(),
                 data={"days": days, "decided_on": decided_on.isoformat(), "approver": approver.strip(),
                       "due_on": result.due.isoformat() if result.due else "",
                       "due_provisional": result.provisional})
    due_text = (result.due.isoformat() + ("（暂定）" if result.provisional else "")) if result.due else "暂停计时结束后重新计算"
    _notify(req, "延长答复期限告知", f"经批准，答复期限延长{days}个工作日，至{due_text}。理由：{reason.strip()}")
    return req


# -- the answer -------------------------------------------------------------------------------


@transaction.atomic
def request_answer(
    *, request: DisclosureRequest | int, category: str, ground: str = "", reply_text: str,
    answered_on: date, actor: User, expected_version: int | None = None, calendar=None,
    duplicate_of: str = "",
) -> DisclosureRequest:
    """Answer with one outcome of the annual-report taxonomy (第三十六条 and the articles each
    ground rests on); a running pause ends on the answer day."""
    req = _load(request)
    _require(actor, req)
    to = transition(req.status, Action.ANSWER)
    outcome_check(category, ground)
    if (category, ground) == (Category.OTHER.value, "no_correction"):
        # 第三十条: only after a 补正 notice whose period ran out (request_close_no_correction)
        raise RequestError("逾期不补正须先发出补正通知，期限届满后使用“逾期不补正，终止办理”", field="ground")
    if not reply_text.strip():
        raise RequestError("请填写答复内容", field="reply_text")
    earlier = None
    if (category, ground) == (Category.NOT_HANDLED.value, "repeated"):
        earlier = _earlier_request(req, duplicate_of)
    elif duplicate_of.strip():
        raise RequestError("只有“重复申请”需要填写在先申请编号", field="duplicate_of")
    if (category, ground) == (Category.OTHER.value, "fee_unpaid"):
        notice = FeeNotice.objects.filter(request=req).first()
        if notice is None or notice.paid_on is not None or answered_on <= notice.pay_by:
            raise RequestError("逾期未缴费须先发出收费通知，且缴费期限已届满、尚未缴费", field="outcome")
    if req.received_on and answered_on < req.received_on:
        raise RequestError(f"答复日期不能早于收到申请之日 {req.received_on}", field="answered_on")
    due_on, provisional = req.due_on, req.due_provisional
    if req.status == Status.PAUSED:  # the pause ends with the answer; fix the deadline it had
        pauses = list(req.pauses.all())
        for p in pauses:
            if p.end_on is None:
                p.end_on = max(answered_on, p.start_on)
        result = _reckon(request_timeline(req, pauses), calendar or work_calendar())
        due_on, provisional = result.due, result.provisional
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value, outcome=category,
                 outcome_ground=ground, reply_text=reply_text.strip(), answered_on=answered_on,
                 answered_by=actor, due_on=due_on, due_provisional=provisional, duplicate_of=earlier)
    req.pauses.filter(end_on__isnull=True).update(end_on=answered_on)
    audit_record(actor=actor, action="request_answer", target=req, from_state=before, to_state=req.status,
                 data={"outcome": category, "ground": ground, "answered_on": answered_on.isoformat(),
                       "due_on": req.due_on.isoformat() if req.due_on else ""})
    return req


def _earlier_request(req: DisclosureRequest, number: str) -> DisclosureRequest | None:
    """第三十六条第（六）项: the earlier request of the same applicant to this unit that was
    already answered, which this one repeats."""
    number = (number or "").strip()
    if not number:
        known = (DisclosureRequest.objects.filter(unit_id=req.unit_id, id_number=req.id_number,
                                                  answered_on__isnull=False).exclude(pk=req.pk)
                 .order_by("-answered_on").values_list("number", flat=True)[:3])
        if known:
            raise RequestError("第三十六条第（六）项：请填写已答复的在先申请编号（同一申请人的在先申请："
                               + "、".join(known) + "）", field="duplicate_of")
        return None  # the earlier request predates the platform (on paper)
    earlier = DisclosureRequest.objects.filter(number=number, unit_id=req.unit_id).first()
    if earlier is None or earlier.pk == req.pk:
        raise RequestError(f"本机关没有申请编号为 {number} 的在先申请", field="duplicate_of")
    if earlier.outcome == "" or earlier.answered_on is None:
        raise RequestError(f"在先申请 {number} 尚未答复，不能按重复申请处理", field="duplicate_of")
    if earlier.id_number != req.id_number:
        raise RequestError(f"在先申请 {number} 不是同一申请人提出的", field="duplicate_of")
    return earlier


# --- retention of applicants' personal data (domain/retention.py) --------------------------


def requests_anonymise_expired(
    *, today: date, retention_days: int, actor: User | None = None, dry_run: bool = False
) -> list[str]:
    """Anonymise the applicants of requests closed for longer than the retention period;
    returns their numbers. Each one is audited (request_anonymise); already anonymised
    requests are left alone, so a second run changes nothing."""
    from gongkai.core import access
    from gongkai.disclosure_requests.domain.retention import (
        ANONYMISED_NAME,
        PERSONAL_FIELDS,
        purge_cutoff,
    )

    access.require(access.can_request_purge(actor), "只有公开办或系统管理员可以清理申请人信息")
    cutoff = purge_cutoff(today, retention_days)
    due = (DisclosureRequest.objects
           .filter(status__in=[Status.ANSWERED.value, Status.CLOSED.value],
                   answered_on__lte=cutoff)
           .exclude(applicant_name=ANONYMISED_NAME).order_by("pk"))
    numbers: list[str] = []
    for req in due.iterator(chunk_size=500):
        numbers.append(req.number)
        if dry_run:
            continue
        with transaction.atomic():
            DisclosureRequest.objects.filter(pk=req.pk).update(**PERSONAL_FIELDS)
            audit_record(actor=actor, actor_label="" if actor else "gongkai requests purge",
                         action="request_anonymise", target=req, unit=req.unit,
                         data={"number": req.number, "answered_on": req.answered_on.isoformat(),
                               "retention_days": retention_days})
    return numbers


def request_export_own_data(*, token: str, address: str = "") -> dict:
    """The applicant's own data, for the applicant who asks (个人信息保护法 第四十五条),
    found by the tracking token only they hold; every export is audited."""
    from gongkai.disclosure_requests.domain.retention import EXPORT_FIELDS

    req = DisclosureRequest.objects.filter(token=token).first() if token else None
    if req is None:
        raise RequestError("没有找到该申请", code="not_found", field="token")
    data = {}
    for name in EXPORT_FIELDS:
        value = getattr(req, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["unit"] = req.unit.full_name
    audit_record(actor=None, actor_label=PUBLIC_ACTOR, action="request_export_own_data",
                 target=req, unit=req.unit, data={"number": req.number, "address": address})
    return data


# -- provisional due dates (暂定) ---------------------------------------------------------------

@transaction.atomic
def provisional_recompute(*, calendar=None) -> int:
    """Recompute every provisional due date (after the office entered a year's holidays);
    returns how many changed from 暂定 to final. Called by the calendar's change signal."""
    calendar = calendar or work_calendar()
    changed = 0
    for req in DisclosureRequest.objects.filter(due_provisional=True).select_for_update():
        result = request_deadline(req, calendar=calendar)
        if result is None or result.provisional:
            continue
        before = req.due_on
        DisclosureRequest.objects.filter(pk=req.pk).update(due_on=result.due, due_provisional=False)
        audit_record(actor=None, actor_label="节假日安排录入后重新计算", action="request_due_recompute",
                     target=req, unit=req.unit,
                     data={"before": before.isoformat() if before else "",
                           "due_on": result.due.isoformat() if result.due else ""})
        changed += 1
    return changed + _provisional_tasks_recompute(calendar)


def _provisional_tasks_recompute(calendar) -> int:
    """The same for the 协办 limits (15 working days) and the 缴费期限 of fee notices."""
    from gongkai.disclosure_requests.domain.fees import PAYMENT_WORKDAYS

    return (_limits_recompute(calendar, AssistTask, "assist_task", "asked_on", ASSIST_WORKDAYS,
                              "due_on", "due_provisional")
            + _limits_recompute(calendar, FeeNotice, "fee_notice", "sent_on", PAYMENT_WORKDAYS,
                                "pay_by", "pay_by_provisional"))


def _limits_recompute(calendar, model, label: str, start: str, workdays: int, due: str, flag: str) -> int:
    changed = 0
    for row in model.objects.filter(**{flag: True}).select_related("request__unit"):
        day, provisional = _workdays_after(calendar, getattr(row, start), workdays)
        if provisional:
            continue
        model.objects.filter(pk=row.pk).update(**{due: day, flag: False})
        audit_record(actor=None, actor_label="节假日安排录入后重新计算", action="request_due_recompute",
                     target=row.request, unit=row.request.unit,
                     data={label: row.pk, "before": getattr(row, due).isoformat(), "due_on": day.isoformat()})
        changed += 1
    return changed


# -- 受理点: which units take requests, how, and where (the office keeps it) ----------------

DESK_FIELDS = ("agency", "payment_method")  # the rest of the contact data is the unit's


def desk_of(unit: Unit) -> RequestDesk | None:
    return RequestDesk.objects.filter(unit=unit).first()


def unit_accepts_requests(unit: Unit) -> bool:
    """A unit takes requests unless its desk says not; without a desk, every kind of unit
    but 其他 (内设机构 and the like, which answer in their parent's name) does."""
    desk = desk_of(unit)
    if desk is not None:
        return desk.accepts_requests
    return unit.kind != "other"


def units_accepting_requests():
    """The public form's choice of 受理机关."""
    from django.db.models import Exists, OuterRef, Q

    refused = RequestDesk.objects.filter(unit=OuterRef("pk"), accepts_requests=False)
    accepted = RequestDesk.objects.filter(unit=OuterRef("pk"), accepts_requests=True)
    return (Unit.objects.filter(is_active=True)
            .filter(Q(Exists(accepted)) | (~Q(kind="other") & ~Exists(refused))))


def desk_channels(unit: Unit) -> list[str]:
    """The channels a unit offers (all of 第三十一条's when its desk names none)."""
    desk = desk_of(unit)
    if desk is not None and desk.channels:
        return [c for c in desk.channels if c in {ch.value for ch in dl.Channel}]
    return [c.value for c in dl.Channel]


def desk_contact_lines(unit: Unit, desk: RequestDesk | None = None) -> list[tuple[str, str]]:
    """What applicants see of the 受理机关: the desk's 受理机构 (when named) and the unit's own
    contact data, entered once on the unit."""
    return [("受理机构", desk.agency if desk else ""), ("受理地址", unit.contact_address),
            ("邮政编码", unit.contact_postcode), ("咨询电话", unit.contact_phone),
            ("传真", unit.contact_fax), ("电子邮箱", unit.contact_email),
            ("办公时间", unit.contact_hours)]


@transaction.atomic
def desk_save(*, actor: User, unit: Unit, accepts_requests: bool, channels: list[str],
              contact: dict | None = None, **values) -> RequestDesk:
    """Save the desk; ``contact`` (the unit's ``contact_*`` fields) goes to the unit through
    ``core.services.unit_update`` (its own gate and audit), in the same transaction."""
    require(access.can_request_desk_edit(actor, unit.pk), "只有上级公开办可以修改申请受理点")
    unknown = set(values) - set(DESK_FIELDS)
    if unknown:
        raise RequestError(f"未知字段: {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    known = {c.value for c in dl.Channel}
    for c in channels:
        if c not in known:
            raise RequestError(f"未知的受理渠道: {c}", field="channels")
    if accepts_requests and not channels:
        raise RequestError("受理申请的单位至少应提供一种受理渠道", field="channels")
    clean = {k: str(values.get(k) or "").strip() for k in DESK_FIELDS}
    if contact:
        from gongkai.core.errors import CoreError
        from gongkai.core.services import CONTACT_FIELDS, unit_update

        unknown = set(contact) - set(CONTACT_FIELDS)
        if unknown:
            raise RequestError(f"未知字段: {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
        try:  # only the fields given change
            unit_update(actor=actor, unit=unit, parent=unit.parent, **contact)
        except CoreError as exc:
            raise RequestError(exc.message, field=exc.field) from None
        unit.refresh_from_db()
    desk, _created = RequestDesk.objects.update_or_create(
        unit=unit, defaults={"accepts_requests": accepts_requests, "channels": list(channels), **clean})
    audit_record(actor=actor, action="request_desk_save", target=desk, unit=unit,
                 data={"accepts_requests": accepts_requests, "channels": list(channels), **clean})
    return desk


# -- the applicant: look up, 补正 online ---------------------------------------------------------


def request_lookup(*, number: str, code: str) -> DisclosureRequest | None:
    """The request with this number, when the code matches (compared in constant time)."""
    number, code = (number or "").strip(), (code or "").strip().upper().replace(" ", "")
    if not number or not code:
        return None
    req = DisclosureRequest.objects.filter(number=number).exclude(lookup_code="").first()
    if req is None or not secrets.compare_digest(req.lookup_code, code):
        return None
    return req


@transaction.atomic
def request_correction_online(*, token: str, text: str, today: date | None = None,
                              calendar=None) -> DisclosureRequest:
    """第三十条 补正 sent by the applicant on the tracking page: received the day it is sent;
    the 20 working days run afresh from it."""
    req = DisclosureRequest.objects.select_related("unit").filter(token=token).first() if token else None
    if req is None:
        raise RequestError("没有找到该申请", code="not_found", field="token")
    to = transition(req.status, Action.CORRECTION_RECEIVE)
    text = (text or "").strip()
    if not text:
        raise RequestError("请填写补正后的申请内容", field="correction_reply")
    if len(text) > 4000:
        raise RequestError("补正内容不能超过4000字", field="correction_reply")
    today = today or timezone.localdate()
    if req.correction_due_on and today > req.correction_due_on:
        raise RequestError(f"补正期限（{req.correction_due_on}）已过，无法在线补正", field="correction_reply")
    result = _reckon(replace(request_timeline(req, []), correction_received=today),
                     calendar or work_calendar())
    before = req.status
    req = _apply(req, expected_version=None, status=to.value, correction_received_on=today,
                 correction_reply=text, due_on=result.due, due_provisional=result.provisional)
    audit_record(actor=None, actor_label=PUBLIC_ACTOR, action="request_correction_online", target=req,
                 unit=req.unit, from_state=before, to_state=req.status,
                 data={"received_on": today.isoformat(), "due_on": result.due.isoformat(),
                       "due_provisional": result.provisional})
    # the applicant's step list reads it like a correction received at the counter
    audit_record(actor=None, actor_label=PUBLIC_ACTOR, action="request_correction_receive", target=req,
                 unit=req.unit, from_state=before, to_state=req.status,
                 data={"received_on": today.isoformat(), "due_on": result.due.isoformat(),
                       "due_provisional": result.provisional, "online": True})
    return req


# -- released information (files attached to the answer) ---------------------------------------

MAX_RELEASE_BYTES = 50 * 1024 * 1024


@transaction.atomic
def request_file_add(*, request: DisclosureRequest | int, upload, actor: User) -> RequestFile:
    req = _load(request)
    _require(actor, req)
    if not req.status or Status(req.status) in (Status.CLOSED,):
        raise RequestError("已终止的申请不能上传文件", field="file")
    if Status(req.status) is Status.ANSWERED and req.outcome not in (
            Category.DISCLOSED.value, Category.PARTLY.value):
        raise RequestError("只有予以公开或部分公开的答复才能附上公开的信息", field="file")
    if upload is None or not getattr(upload, "size", 0):
        raise RequestError("请选择要上传的文件（文件不能为空）", field="file")
    if upload.size > MAX_RELEASE_BYTES:
        raise RequestError("文件不能超过50MB", field="file")
    import os

    name = os.path.basename(str(upload.name or "文件"))[:255]
    row = RequestFile(request=req, name=name, size=upload.size, uploaded_by=actor)
    row.file.save(f"{req.number}-{secrets.token_hex(4)}{os.path.splitext(name)[1][:10]}", upload, save=False)
    row.save()
    audit_record(actor=actor, action="request_file_add", target=req, data={"name": name, "size": upload.size})
    return row


@transaction.atomic
def request_file_remove(*, file_id: int, actor: User) -> None:
    row = RequestFile.objects.select_related("request__unit").filter(pk=file_id).first()
    if row is None:
        raise RequestError("没有找到该文件", code="not_found", field="file")
    _require(actor, row.request)
    name = row.name
    row.file.delete(save=False)
    row.delete()
    audit_record(actor=actor, action="request_file_remove", target=row.request, data={"name": name})


# -- 转办 (第三十六条第五项) ---------------------------------------------------------------------


@transaction.atomic
def request_refer(*, request: DisclosureRequest | int, agency: str, contact: str = "",
                  reply_text: str = "", answered_on: date, actor: User,
                  expected_version: int | None = None) -> DisclosureRequest:
    """The information is another agency's: answer 无法提供（本机关不掌握）and name the agency
    that holds it, with its contact data (第三十六条第（五）项)."""
    req = _load(request)
    _require(actor, req)
    to = transition(req.status, Action.REFER)
    agency = (agency or "").strip()
    if not agency:
        raise RequestError("第三十六条第（五）项：请写明负责公开该政府信息的行政机关", field="agency")
    if agency == req.unit.full_name:
        raise RequestError("负责公开的机关不能是本机关", field="agency")
    if req.received_on and answered_on < req.received_on:
        raise RequestError(f"答复日期不能早于收到申请之日 {req.received_on}", field="answered_on")
    before = req.status
    req = _apply(req, expected_version=expected_version, status=to.value,
                 outcome=Category.UNAVAILABLE.value, outcome_ground="not_held",
                 referred_agency=agency, referred_contact=(contact or "").strip(),
                 reply_text=(reply_text or "").strip(), answered_on=answered_on, answered_by=actor,
                 due_on=req.due_on, due_provisional=req.due_provisional)
    for event in ("request_refer", "request_answer"):
        audit_record(actor=actor, action=event, target=req, from_state=before, to_state=req.status,
                     data={"outcome": req.outcome, "ground": req.outcome_ground, "agency": agency,
                           "answered_on": answered_on.isoformat(),
                           "due_on": req.due_on.isoformat() if req.due_on else ""})
    return req


# -- 协办 (第三十四条) ---------------------------------------------------------------------------

ASSIST_WORKDAYS = 15


@transaction.atomic
def request_assist_ask(*, request: DisclosureRequest | int, unit: Unit, question: str, asked_on: date,
                       actor: User, expected_version: int | None = None, calendar=None) -> AssistTask:
    """Ask another unit for its opinion (第三十四条): a task in that unit's list, due in 15
    working days; the lead unit's clock stands still (a 第三十四条 pause) while it is open."""
    req = _load(request)
    _require(actor, req)
    transition(req.status, Action.ASSIST)
    if unit is None or unit.pk == req.unit_id:
        raise RequestError("请选择本机关以外的协办单位", field="unit")
    if not (question or "").strip():
        raise RequestError("请写明征求意见的事项", field="question")
    if req.assists.filter(unit=unit, replied_on__isnull=True).exists():
        raise RequestError(f"已向{unit.full_name}发出协办，尚未答复", field="unit")
    calendar = calendar or work_calendar()
    if Status(req.status) is Status.PROCESSING:
        req = request_pause(request=req, kind=dl.PauseKind.CO_HANDLING.value, start_on=asked_on,
                            actor=actor, party=unit.full_name, note=question,
                            expected_version=expected_version, calendar=calendar)
    due, provisional = _workdays_after(calendar, asked_on, ASSIST_WORKDAYS)
    task = AssistTask.objects.create(request=req, unit=unit, question=question.strip(), asked_on=asked_on,
                                     due_on=due, due_provisional=provisional, asked_by=actor)
    audit_record(actor=actor, action="request_assist_ask", target=req, unit=req.unit,
                 data={"assist_unit": unit.full_name, "asked_on": asked_on.isoformat(),
                       "due_on": due.isoformat(), "task": task.pk})
    return task


def _workdays_after(calendar, start: date, n: int) -> tuple[date, bool]:
    """start + n working days; weekends only (provisional, 暂定) where the year is unknown."""
    try:
        return dl.add_workdays(calendar, start, n), False
    except CalendarError:
        return dl.add_workdays(dl.WeekendsOnly(calendar, CalendarError), start, n), True


@transaction.atomic
def request_assist_reply(*, task: AssistTask | int, opinion: str, replied_on: date, actor: User) -> AssistTask:
    """The assisting unit answers; when no other 协办 is open the lead unit's clock restarts
    the next day (the reply day itself is not counted)."""
    task = AssistTask.objects.select_related("request__unit", "unit").get(
        pk=task.pk if isinstance(task, AssistTask) else task)
    require(access.can_request_assist(actor, task.unit_id), "无权答复该协办任务")
    if task.replied_on is not None:
        raise RequestError("该协办任务已答复", field="opinion")
    if not (opinion or "").strip():
        raise RequestError("请填写协办意见", field="opinion")
    if replied_on < task.asked_on:
        raise RequestError(f"答复日期不能早于发出日期 {task.asked_on}", field="replied_on")
    AssistTask.objects.filter(pk=task.pk).update(opinion=opinion.strip(), replied_on=replied_on,
                                                 replied_by=actor)
    task.refresh_from_db()
    audit_record(actor=actor, action="request_assist_reply", target=task.request, unit=task.unit,
                 data={"assist_unit": task.unit.full_name, "replied_on": replied_on.isoformat(),
                       "late": replied_on > task.due_on})
    _resume_after_assists(task.request_id, replied_on=replied_on, actor=actor)
    return task


def _resume_after_assists(request_id: int, *, replied_on: date, actor: User) -> None:
    """The last open 协办 answered: the 第三十四条 pause ends on the reply day and the lead
    unit's clock runs again from the next working day."""
    req = _load(request_id)
    if req.assists.filter(replied_on__isnull=True).exists():
        return
    pause = req.pauses.filter(end_on__isnull=True).order_by("-start_on").first()
    if (pause is None or pause.kind != dl.PauseKind.CO_HANDLING.value
            or Status(req.status) is not Status.PAUSED):
        return  # the unit resumed by hand already, or paused for something else
    _resume(req, end_on=max(replied_on, pause.start_on), actor=actor, cause="assist_reply")


# -- 信息处理费 (第四十二条) ---------------------------------------------------------------------


@transaction.atomic
def request_fee_notice(*, request: DisclosureRequest | int, mode: str, count: int, sent_on: date,
                       payment_method: str, actor: User, expected_version: int | None = None,
                       calendar=None) -> FeeNotice:
    """Send the 收费通知: the amount by the scale (domain.fees), payable within 20 working
    days; the clock stands still until payment."""
    from gongkai.disclosure_requests.domain.fees import PAYMENT_WORKDAYS, fee_amount

    req = _load(request)
    _require(actor, req)
    transition(req.status, Action.FEE_NOTICE)
    if FeeNotice.objects.filter(request=req).exists():
        raise RequestError("本申请已发出过收费通知", field="mode")
    fee = fee_amount(mode, count)
    if fee.amount <= 0:
        raise RequestError(f"{fee.describe()}，不应收费", field="count")
    if not (payment_method or "").strip():
        desk = desk_of(req.unit)
        payment_method = desk.payment_method if desk else ""
    if not payment_method.strip():
        raise RequestError("请写明缴纳方式（账户、地点等）", field="payment_method")
    calendar = calendar or work_calendar()
    req = request_pause(request=req, kind=dl.PauseKind.FEE.value, start_on=sent_on, actor=actor,
                        party=req.applicant_name or "申请人", note=fee.describe(),
                        expected_version=expected_version, calendar=calendar)
    pay_by, provisional = _workdays_after(calendar, sent_on, PAYMENT_WORKDAYS)
    notice = FeeNotice.objects.create(request=req, mode=fee.mode.value, count=count, amount=fee.amount,
                                      description=fee.describe(), payment_method=payment_method.strip(),
                                      sent_on=sent_on, pay_by=pay_by, pay_by_provisional=provisional,
                                      sent_by=actor)
    audit_record(actor=actor, action="request_fee_notice", target=req, unit=req.unit,
                 data={"mode": fee.mode.value, "count": count, "amount": fee.amount,
                       "sent_on": sent_on.isoformat(), "pay_by": pay_by.isoformat()})
    _notify(req, "信息处理费收费通知",
            f"{fee.describe()}。应缴金额：{fee.amount}元。缴纳方式：{notice.payment_method}。"
            f"请于{pay_by.isoformat()}{'（暂定）' if provisional else ''}前缴纳；逾期未缴纳的，视为放弃申请。")
    return notice


@transaction.atomic
def request_fee_paid(*, request: DisclosureRequest | int, paid_on: date, actor: User,
                     expected_version: int | None = None, calendar=None) -> DisclosureRequest:
    req = _load(request)
    _require(actor, req)
    transition(req.status, Action.FEE_PAID)
    notice = FeeNotice.objects.filter(request=req).first()
    if notice is None or notice.paid_on is not None:
        raise RequestError("没有待缴纳的收费通知", field="paid_on")
    if paid_on < notice.sent_on:
        raise RequestError(f"缴费日期不能早于通知日期 {notice.sent_on}", field="paid_on")
    if paid_on > notice.pay_by:
        raise RequestError(f"缴费期限为 {notice.pay_by}，已逾期；应按“逾期未缴费”不再处理", field="paid_on")
    req = request_resume(request=req, end_on=paid_on, actor=actor, expected_version=expected_version,
                         calendar=calendar)
    FeeNotice.objects.filter(pk=notice.pk).update(paid_on=paid_on)
    audit_record(actor=actor, action="request_fee_paid", target=req, unit=req.unit,
                 data={"paid_on": paid_on.isoformat(), "amount": notice.amount})
    return req


# -- 主动公开 (第四十四条) -----------------------------------------------------------------------


@transaction.atomic
def request_proactive_flag(*, request: DisclosureRequest | int, note: str, flagged_on: date,
                           actor: User) -> DisclosureRequest:
    """Answered information that others ask for too: flag it for 主动公开 (第四十四条); the
    unit's list of such items stays open until it is published."""
    req = _load(request)
    _require(actor, req)
    if req.outcome not in (Category.DISCLOSED.value, Category.PARTLY.value):
        raise RequestError("只有予以公开或部分公开的信息可以转为主动公开", field="proactive_note")
    if req.proactive_flagged_on:
        raise RequestError("已标记为建议主动公开", field="proactive_note")
    DisclosureRequest.objects.filter(pk=req.pk).update(proactive_flagged_on=flagged_on,
                                                       proactive_note=(note or "").strip())
    req.refresh_from_db()
    audit_record(actor=actor, action="request_proactive_flag", target=req, reason=(note or "").strip(),
                 data={"flagged_on": flagged_on.isoformat()})
    return req


@transaction.atomic
def request_proactive_done(*, request: DisclosureRequest | int, done_on: date, actor: User) -> DisclosureRequest:
    req = _load(request)
    _require(actor, req)
    if not req.proactive_flagged_on:
        raise RequestError("该申请未标记为建议主动公开", field="proactive_done_on")
    if done_on < req.proactive_flagged_on:
        raise RequestError(f"公开日期不能早于标记日期 {req.proactive_flagged_on}", field="proactive_done_on")
    DisclosureRequest.objects.filter(pk=req.pk).update(proactive_done_on=done_on)
    req.refresh_from_db()
    audit_record(actor=actor, action="request_proactive_done", target=req,
                 data={"done_on": done_on.isoformat()})
    return req


# -- 依申请公开模拟测试 ----------------------------------------------------------------------------


@transaction.atomic
def mock_request_file(*, actor: User, unit: Unit, channel: str, note: str = "",
                      submitted_at: datetime | None = None, **fields) -> MockTest:
    """An evaluator's test request through one of the channels the unit offers. The unit meets
    an ordinary request (is_test is never shown to it); online ones arrive like the public
    form's, the others wait to be received like a letter or a fax."""
    require(access.can_request_mock(actor), "只有评估员可以提交模拟测试申请")
    if channel not in desk_channels(unit):
        raise RequestError(f"{unit.full_name}未提供该受理渠道", field="channel")
    req = request_submit(unit=unit, channel=channel, submitted_at=submitted_at, actor=None,
                         is_test=True, **fields)
    test = MockTest.objects.create(request=req, evaluator=actor, note=(note or "").strip())
    audit_record(actor=actor, action="request_mock_file", target=req, unit=unit,
                 data={"channel": channel, "number": req.number})
    return test
