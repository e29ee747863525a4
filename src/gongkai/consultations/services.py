"""Writes of 征求意见 and 决策预公开. Each service checks its own permission (core.access),
validates (ConsultationError naming the field), writes in one transaction and appends an audit
record. Drafts are documents: uploaded, read and extracted by the documents services, and
published through them (which announce the change for search and feeds)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.consultations.domain.errors import ConsultationError
from gongkai.consultations.domain.feedback import CommentFact, ViewFact, feedback_problems
from gongkai.consultations.domain.periods import period_findings, phase_of, rule_for
from gongkai.consultations.domain.vocab import (
    CHANNEL_LABELS,
    Channel,
    CommentStatus,
    Decision,
    HearingStatus,
    ItemStatus,
    Kind,
    Moderation,
    Phase,
    Visibility,
)
from gongkai.consultations.models import (
    Comment,
    Consultation,
    DecisionCatalog,
    DecisionItem,
    Hearing,
    HearingRegistration,
    MainView,
)
from gongkai.core.access import can_consultation_manage, require
from gongkai.core.models import Unit, User
from gongkai.core.services import audit_record
from gongkai.documents.domain.vocab import State as DocumentState

BODY_MAX = 5000
CATEGORY = "征求意见"


def _gate(actor, unit_id: int | None) -> None:
    """The one permission check of every staff write here (core.access)."""
    require(can_consultation_manage(actor, unit_id), "只有本单位的报送员和上级公开办可以办理征求意见")


def _today() -> date:
    return timezone.localdate()


def consultation_phase(consultation: Consultation, today: date | None = None) -> Phase:
    return phase_of(published=consultation.published_at is not None,
                    start=consultation.start_date, end=consultation.end_date,
                    today=today or _today(),
                    feedback_published=consultation.feedback_published_at is not None)


def _calendar():
    from gongkai.core.calendar import work_calendar

    return work_calendar()


# -- 重大行政决策事项目录 ----------------------------------------------------------------------


@transaction.atomic
def catalog_save(*, actor: User, unit: Unit, year: int, note: str = "") -> DecisionCatalog:
    _gate(actor, unit.pk)
    if not 2000 <= int(year) <= 2100:
        raise ConsultationError(f"年度 “{year}” 不正确", field="year")
    catalog, created = DecisionCatalog.objects.get_or_create(unit=unit, year=year,
                                                             defaults={"note": note.strip()})
    if not created and catalog.note != note.strip():
        catalog.note = note.strip()
        catalog.save(update_fields=["note", "updated_at"])
    audit_record(actor=actor, action="catalog_save", target=catalog, unit=unit,
                 data={"year": year, "created": created})
    return catalog


@transaction.atomic
def catalog_publish(*, actor: User, catalog: DecisionCatalog) -> DecisionCatalog:
    _gate(actor, catalog.unit_id)
    if not catalog.items.exists():
        raise ConsultationError("目录中还没有决策事项，不能公布", field="items")
    catalog.published_at = timezone.now()
    catalog.save(update_fields=["published_at", "updated_at"])
    audit_record(actor=actor, action="catalog_publish", target=catalog, unit=catalog.unit)
    return catalog


@transaction.atomic
def decision_item_save(
    *, actor: User, catalog: DecisionCatalog, title: str, lead_unit_name: str, planned_time: str,
    status: str = ItemStatus.PLANNED.value, needs_hearing: bool = False, note: str = "",
    item: DecisionItem | None = None,
) -> DecisionItem:
    """Add an item to the catalogue, or change one (a published catalogue stays published:
    its 更新时间 shows it was updated)."""
    _gate(actor, catalog.unit_id)
    values = {"title": " ".join((title or "").split()), "lead_unit_name": (lead_unit_name or "").strip(),
              "planned_time": (planned_time or "").strip()}
    for name, label in (("title", "决策事项"), ("lead_unit_name", "承办单位"), ("planned_time", "计划完成时间")):
        if not values[name]:
            raise ConsultationError(f"请填写{label}", field=name)
    if status not in {s.value for s in ItemStatus}:
        raise ConsultationError(f"状态 “{status}” 不在可选范围内", field="status")
    if item is None:
        last = catalog.items.aggregate(m=Max("sort_order"))["m"] or 0
        item = DecisionItem(catalog=catalog, sort_order=last + 1)
    elif item.catalog_id != catalog.pk:
        raise ConsultationError("该事项不属于此目录", field="item")
    for key, value in values.items():
        setattr(item, key, value)
    item.status, item.needs_hearing, item.note = status, bool(needs_hearing), note.strip()
    item.save()
    catalog.save(update_fields=["updated_at"])
    audit_record(actor=actor, action="decision_item_save", target=item, unit=catalog.unit,
                 data={"title": item.title, "status": item.status})
    return item


# -- consultations ------------------------------------------------------------------------------


def clean_channels(channels: Iterable[dict]) -> list[dict]:
    """[{'channel': code, 'address': …}] in the fixed order; an address is required for each
    channel except 网上 (the comment form on this site)."""
    out = {}
    for entry in channels or []:
        code = str(entry.get("channel") or "").strip()
        try:
            channel = Channel(code)
        except ValueError:
            raise ConsultationError(f"意见提交途径 “{code}” 不在可选范围内", field="channels") from None
        address = " ".join(str(entry.get("address") or "").split())[:300]
        if channel is not Channel.ONLINE and not address:
            raise ConsultationError(f"请填写{CHANNEL_LABELS[channel]}的地址或号码", field=f"channel_{channel.value}")
        out[channel] = address
    if not out:
        raise ConsultationError("请至少选择一种意见提交途径", field="channels")
    return [{"channel": ch.value, "address": out[ch]} for ch in Channel if ch in out]


def check_period(*, kind: str, start_date: date | None, end_date: date | None, short_reason: str) -> None:
    """The minimum period per kind (data/period_rules.yaml); shorter only with a reason."""
    if start_date is None:
        raise ConsultationError("请填写开始日期", field="start_date")
    if end_date is None:
        raise ConsultationError("请填写截止日期", field="end_date")
    if end_date < start_date:
        raise ConsultationError("截止日期早于开始日期", field="end_date")
    try:
        calendar = _calendar()
    except Exception:  # pragma: no cover - the tables exist once migrated
        calendar = None
    for finding in period_findings(kind, start_date, end_date, short_reason, calendar):
        if finding.code == "short_period_without_reason":
            rule = rule_for(kind)
            raise ConsultationError(f"{finding.message}。{rule.label}征求意见期限{rule.describe()}，"
                                    "缩短期限须填写理由，理由将随征求意见一并公开", field="short_reason")
        if finding.code == "calendar_unknown":
            raise ConsultationError(finding.message, field="end_date")


def _check_kind(kind: str) -> None:
    if kind not in {k.value for k in Kind}:
        raise ConsultationError(f"类别 “{kind}” 不在可选范围内", field="kind")


def _explanation_required(kind: str) -> bool:
    # 条例第十五条 / 规章制定程序条例第十五条: 公布 "草案及其说明"
    return kind in (Kind.MAJOR_DECISION.value, Kind.REGULATION.value)


@transaction.atomic
def consultation_create(
    *, actor: User, unit: Unit, kind: str, start_date: date, end_date: date,
    channels: Sequence[dict], title: str = "", file: tuple[str, bytes] | None = None,
    body: str = "", explanation: str = "", short_reason: str = "", contact: str = "",
    moderation: str = Moderation.PRE.value, visibility: str = Visibility.AFTER_CLOSE.value,
    item: DecisionItem | None = None,
) -> Consultation:
    """Register a consultation with its draft (征求意见稿): an uploaded file is read and
    extracted by the documents services like any document; it stays unpublished until
    `consultation_publish`."""
    from gongkai.documents.errors import DocumentError
    from gongkai.documents.services import document_create
    from gongkai.ingest.services import read_and_extract

    _gate(actor, unit.pk)
    _check_kind(kind)
    if moderation not in {m.value for m in Moderation}:
        raise ConsultationError("请选择审核方式", field="moderation")
    if visibility not in {v.value for v in Visibility}:
        raise ConsultationError("请选择意见公开时间", field="visibility")
    check_period(kind=kind, start_date=start_date, end_date=end_date, short_reason=short_reason)
    clean = clean_channels(channels)
    if _explanation_required(kind) and not explanation.strip():
        raise ConsultationError("重大行政决策和规章草案须同时公布起草说明（条例第十五条）", field="explanation")
    if item is not None and item.catalog.unit_id != unit.pk:
        raise ConsultationError("决策事项不属于本单位的目录", field="item")
    text = body
    source = None
    if file is not None:
        name, data = file
        try:
            raw, _warnings, meta = read_and_extract(name=name, data=data)
        except DocumentError as exc:
            raise ConsultationError(f"征求意见稿 “{name}”：{exc.message}", field="file") from exc
        from gongkai.ingest.services import display_text

        text = display_text(meta.body or raw)
        title = title or meta.title or ""
        source = (name.rsplit("/", 1)[-1], data)
    title = " ".join((title or "").split())
    if not title:
        raise ConsultationError("请填写草案名称", field="title")
    if not (text or "").strip():
        raise ConsultationError("请上传征求意见稿或填写草案正文", field="file")
    try:
        draft = document_create(unit=unit, actor=actor, title=title, body=text, source=source,
                                category=CATEGORY, publish_date=start_date)
    except DocumentError as exc:
        raise ConsultationError(f"征求意见稿：{exc.message}", field=exc.field or "file") from exc
    consultation = Consultation.objects.create(
        unit=unit, item=item, title=title, kind=kind, draft=draft,
        explanation=explanation.strip(), start_date=start_date, end_date=end_date,
        short_reason=short_reason.strip(), channels=clean, contact=contact.strip()[:300],
        moderation=moderation, visibility=visibility,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action="consultation_create", target=consultation, unit=unit,
                 data={"title": title, "kind": kind, "start": start_date.isoformat(),
                       "end": end_date.isoformat()})
    return consultation


@transaction.atomic
def consultation_publish(*, actor: User, consultation: Consultation,
                         published_elsewhere: bool = False) -> Consultation:
    """发布: the draft becomes public (documents service), the consultation appears on the
    征求意见 page and opens by itself on its start date.

    ``published_elsewhere``: a consultation the unit already ran on another site (read with
    ``gongkai consultations read``) is recorded with its real, past dates, so its comments,
    decisions and feedback can be kept here."""
    _gate(actor, consultation.unit_id)
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.published_at:
        raise ConsultationError("该征求意见已发布", field="published_at")
    if locked.end_date < _today() and not published_elsewhere:
        raise ConsultationError("截止日期已过，请修改日期后再发布", field="end_date")
    check_period(kind=locked.kind, start_date=locked.start_date, end_date=locked.end_date,
                 short_reason=locked.short_reason)
    _draft_publish(actor, locked)
    locked.published_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["published_at", "version", "updated_at"])
    if locked.item_id and locked.item.status in (ItemStatus.PLANNED.value, ItemStatus.DRAFTING.value):
        DecisionItem.objects.filter(pk=locked.item_id).update(status=ItemStatus.CONSULTING.value)
    audit_record(actor=actor, action="consultation_publish", target=locked, unit=locked.unit,
                 to_state=consultation_phase(locked).value,
                 data={"published_elsewhere": True} if published_elsewhere else None)
    return locked


def _draft_publish(actor, consultation: Consultation) -> None:
    """The draft is a document: published through the review flow (报送 → 保密审查 → 审核 →
    发布) by the unit, or directly by the office (公开办) over the unit."""
    from gongkai.core.access import can_document_publish_direct
    from gongkai.documents.services import document_publish_direct

    draft = consultation.draft
    draft.refresh_from_db(fields=["state"])
    if draft.state == DocumentState.PUBLISHED.value:
        return
    if not can_document_publish_direct(actor, consultation.unit_id):
        raise ConsultationError(
            f"征求意见稿《{draft.title}》须经保密审查和审核后发布：请在工作台报送该文件，"
            "发布后征求意见随之发布；公开办也可以直接发布", field="draft")
    document_publish_direct(document=draft, actor=actor, reason="发布征求意见稿")


def consultations_follow_drafts(document_ids: list[int], reason: str, **_kwargs) -> int:
    """Receiver of documents' ``document_changed``: a draft published through the review flow
    publishes its consultation (idempotent: a change sent twice publishes once)."""
    if reason != "publish":
        return 0
    published = 0
    today = _today()
    for c in Consultation.objects.filter(draft_id__in=document_ids, published_at__isnull=True,
                                         draft__state=DocumentState.PUBLISHED.value, end_date__gte=today):
        with transaction.atomic():
            if Consultation.objects.filter(pk=c.pk, published_at__isnull=True).update(
                    published_at=timezone.now(), version=c.version + 1):
                if c.item_id:
                    DecisionItem.objects.filter(pk=c.item_id, status__in=[
                        ItemStatus.PLANNED.value, ItemStatus.DRAFTING.value]).update(
                        status=ItemStatus.CONSULTING.value)
                audit_record(actor=None, action="consultation_publish", target=c, unit=c.unit,
                             actor_label="随征求意见稿发布", data={"draft": c.draft_id})
                published += 1
    return published


@transaction.atomic
def consultation_update_period(*, actor: User, consultation: Consultation, end_date: date,
                               short_reason: str | None = None) -> Consultation:
    """Extend (or correct) the end date; a shorter period needs its reason like at creation."""
    _gate(actor, consultation.unit_id)
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.feedback_published_at:
        raise ConsultationError("反馈情况已公布，不能再修改征求意见期限", field="end_date")
    reason = locked.short_reason if short_reason is None else short_reason.strip()
    check_period(kind=locked.kind, start_date=locked.start_date, end_date=end_date, short_reason=reason)
    before = locked.end_date.isoformat()
    locked.end_date, locked.short_reason = end_date, reason
    locked.closed_at = None if end_date >= _today() else locked.closed_at
    locked.version += 1
    locked.save(update_fields=["end_date", "short_reason", "closed_at", "version", "updated_at"])
    audit_record(actor=actor, action="consultation_update", target=locked, unit=locked.unit,
                 data={"end_date": {"before": before, "after": end_date.isoformat()}})
    return locked


def consultations_tick(today: date | None = None) -> tuple[int, int]:
    """Record the openings and closings that are due (for the audit trail and the inbox).
    Pages never depend on it: the phase is computed from the dates."""
    today = today or _today()
    opened = closed = 0
    published = Consultation.objects.filter(published_at__isnull=False)
    for c in published.filter(opened_at__isnull=True, start_date__lte=today):
        with transaction.atomic():
            if Consultation.objects.filter(pk=c.pk, opened_at__isnull=True).update(opened_at=timezone.now()):
                audit_record(actor=None, action="consultation_open", target=c, unit=c.unit,
                             actor_label="系统（按日期）")
                opened += 1
    for c in published.filter(closed_at__isnull=True, end_date__lt=today):
        with transaction.atomic():
            if Consultation.objects.filter(pk=c.pk, closed_at__isnull=True).update(closed_at=timezone.now()):
                audit_record(actor=None, action="consultation_close", target=c, unit=c.unit,
                             actor_label="系统（按日期）",
                             data={"comments": c.comments.exclude(status=CommentStatus.HIDDEN.value).count()})
                closed += 1
    return opened, closed


# -- comments -----------------------------------------------------------------------------------


def _next_number(consultation: Consultation) -> int:
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    return (consultation.comments.aggregate(m=Max("number"))["m"] or 0) + 1


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ConsultationError("请填写意见内容", field="body")
    if len(body) > BODY_MAX:
        raise ConsultationError(f"意见内容过长（{len(body)} 字，最多 {BODY_MAX} 字）", field="body")
    return body


@transaction.atomic
def comment_submit(*, consultation: Consultation, body: str, name: str = "", contact: str = "",
                   is_private: bool = False, article: str = "", today: date | None = None) -> Comment:
    """A comment from the public, online, without an account (spam guards are the form's)."""
    if consultation_phase(consultation, today) is not Phase.OPEN:
        raise ConsultationError("该草案当前不在征求意见期内", field="body")
    body = _clean_body(body)
    status = (CommentStatus.PENDING if consultation.moderation == Moderation.PRE.value
              else CommentStatus.PUBLISHED)
    comment = Comment.objects.create(
        consultation=consultation, channel=Channel.ONLINE.value, body=body,
        article=article.strip()[:100], name=name.strip()[:100], contact=contact.strip()[:200],
        is_private=bool(is_private), status=status.value, received_on=today or _today(),
        number=_next_number(consultation),
    )
    audit_record(actor=None, action="comment_submit", target=comment, unit=consultation.unit,
                 actor_label="社会公众", to_state=comment.status)
    return comment


@transaction.atomic
def comment_enter(*, actor: User, consultation: Consultation, channel: str, body: str,
                  received_on: date, name: str = "", contact: str = "", is_private: bool = False,
                  article: str = "") -> Comment:
    """A comment that came by letter, fax, e-mail, phone or in person, entered by staff."""
    _gate(actor, consultation.unit_id)
    if consultation.published_at is None:
        raise ConsultationError("征求意见尚未发布", field="channel")
    if consultation.feedback_published_at:
        raise ConsultationError("反馈情况已公布，不能再录入意见", field="channel")
    try:
        channel = Channel(channel)
    except ValueError:
        raise ConsultationError(f"途径 “{channel}” 不在可选范围内", field="channel") from None
    if received_on is None:
        raise ConsultationError("请填写收到日期", field="received_on")
    if received_on < consultation.start_date or received_on > _today():
        raise ConsultationError(
            f"收到日期 {received_on.isoformat()} 应在征求意见开始（{consultation.start_date.isoformat()}）"
            "之后、今天之前", field="received_on")
    comment = Comment.objects.create(
        consultation=consultation, channel=channel.value, body=_clean_body(body),
        article=article.strip()[:100], name=name.strip()[:100], contact=contact.strip()[:200],
        is_private=bool(is_private), status=CommentStatus.PUBLISHED.value, received_on=received_on,
        entered_by=actor, number=_next_number(consultation),
    )
    audit_record(actor=actor, action="comment_enter", target=comment, unit=consultation.unit,
                 data={"channel": channel.value, "received_on": received_on.isoformat()})
    return comment


@transaction.atomic
def comment_moderate(*, actor: User, comment: Comment, publish: bool, reason: str = "") -> Comment:
    """Approve (pre-moderation) or hide a comment; a hidden comment keeps its reason."""
    _gate(actor, comment.consultation.unit_id)
    if comment.consultation.feedback_published_at:
        raise ConsultationError("反馈情况已公布，不能再审核意见", field="status")
    before = comment.status
    if publish:
        comment.status, comment.hidden_reason = CommentStatus.PUBLISHED.value, ""
    else:
        reason = " ".join((reason or "").split())
        if not reason:
            raise ConsultationError("屏蔽意见须填写理由", field="reason")
        comment.status, comment.hidden_reason = CommentStatus.HIDDEN.value, reason[:300]
        comment.view = None
    comment.save(update_fields=["status", "hidden_reason", "view"])
    audit_record(actor=actor, action="comment_moderate", target=comment, unit=comment.consultation.unit,
                 from_state=before, to_state=comment.status, reason=comment.hidden_reason)
    return comment


# -- main views and decisions ---------------------------------------------------------------


def _after_close(consultation: Consultation) -> None:
    # read the row again: the caller's instance may predate a feedback published meanwhile
    phase = consultation_phase(Consultation.objects.get(pk=consultation.pk))
    if phase is Phase.FEEDBACK:
        raise ConsultationError("反馈情况已公布，不能再修改", field="view")
    if phase is not Phase.CLOSED:
        raise ConsultationError("征求意见结束后才能归纳主要观点和作出采纳决定", field="view")


@transaction.atomic
def view_save(*, actor: User, consultation: Consultation, summary: str,
              view: MainView | None = None) -> MainView:
    _gate(actor, consultation.unit_id)
    _after_close(consultation)
    summary = (summary or "").strip()
    if not summary:
        raise ConsultationError("请填写主要观点", field="summary")
    if view is None:
        last = consultation.views.aggregate(m=Max("sort_order"))["m"] or 0
        view = MainView(consultation=consultation, sort_order=last + 1)
    elif view.consultation_id != consultation.pk:
        raise ConsultationError("该观点不属于此征求意见", field="view")
    view.summary = summary[:2000]
    view.save()
    audit_record(actor=actor, action="view_save", target=view, unit=consultation.unit,
                 data={"summary": view.summary[:100]})
    return view


@transaction.atomic
def comments_assign(*, actor: User, consultation: Consultation, comment_ids: Iterable[int],
                    view: MainView | None) -> int:
    """Put comments under a main view (or take them out with view=None)."""
    _gate(actor, consultation.unit_id)
    _after_close(consultation)
    if view is not None and view.consultation_id != consultation.pk:
        raise ConsultationError("该观点不属于此征求意见", field="view")
    ids = [int(i) for i in comment_ids]
    rows = consultation.comments.filter(pk__in=ids)
    if rows.count() != len(set(ids)):
        raise ConsultationError("所选意见不属于此征求意见", field="comments")
    if rows.filter(status=CommentStatus.HIDDEN.value).exists():
        raise ConsultationError("已屏蔽的意见不归入主要观点", field="comments")
    if rows.filter(status=CommentStatus.PENDING.value).exists():
        raise ConsultationError("请先审核待审核的意见", field="comments")
    count = rows.update(view=view)
    audit_record(actor=actor, action="comment_assign", target=consultation, unit=consultation.unit,
                 data={"comments": sorted(ids), "view": view.pk if view else None})
    return count


@transaction.atomic
def view_decide(*, actor: User, view: MainView, decision: str, reason: str = "") -> MainView:
    """采纳 / 部分采纳 / 不予采纳; the two last need a reason (it is published)."""
    consultation = view.consultation
    _gate(actor, consultation.unit_id)
    _after_close(consultation)
    try:
        decision = Decision(decision)
    except ValueError:
        raise ConsultationError("请选择采纳情况", field="decision") from None
    reason = (reason or "").strip()
    if decision in (Decision.NOT_ADOPTED, Decision.PARTLY) and not reason:
        raise ConsultationError("部分采纳或不予采纳的，须说明理由", field="reason")
    view.decision, view.reason = decision.value, reason[:4000]
    view.save(update_fields=["decision", "reason"])
    audit_record(actor=actor, action="view_decide", target=view, unit=consultation.unit,
                 to_state=decision.value, reason=reason[:500])
    return view


def feedback_facts(consultation: Consultation) -> tuple[list[CommentFact], list[ViewFact]]:
    comments = [CommentFact(number=n, channel=ch, status=s, view_id=v) for n, ch, s, v in
                consultation.comments.values_list("number", "channel", "status", "view_id")]
    views = [ViewFact(id=i, summary=s, decision=d, reason=r) for i, s, d, r in
             consultation.views.values_list("id", "summary", "decision", "reason")]
    return comments, views


@transaction.atomic
def feedback_publish(*, actor: User, consultation: Consultation, summary: str = "") -> Consultation:
    """公布反馈情况: refused while any comment lacks a decision or a view its reason."""
    _gate(actor, consultation.unit_id)
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _after_close(locked)
    problems = feedback_problems(*feedback_facts(locked))
    if problems:
        shown = "；".join(problems[:5]) + (f"；等共{len(problems)}项" if len(problems) > 5 else "")
        raise ConsultationError(f"尚不能公布反馈情况：{shown}", field="feedback")
    locked.feedback_summary = (summary or "").strip()
    locked.feedback_published_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["feedback_summary", "feedback_published_at", "version", "updated_at"])
    audit_record(actor=actor, action="feedback_publish", target=locked, unit=locked.unit,
                 data={"comments": locked.comments.exclude(status=CommentStatus.HIDDEN.value).count(),
                       "views": locked.views.count()})
    return locked


@transaction.atomic
def final_document_link(*, actor: User, consultation: Consultation, document) -> Consultation:
    """The final decision document, once published, links back to its consultation."""
    _gate(actor, consultation.unit_id)
    if document.state != DocumentState.PUBLISHED.value:
        raise ConsultationError(f"文件《{document.title}》尚未发布，发布后才能关联", field="document")
    if document.pk == consultation.draft_id:
        raise ConsultationError("正式文件不能是征求意见稿本身", field="document")
    consultation.final_document = document
    consultation.save(update_fields=["final_document", "updated_at"])
    if consultation.item_id:
        DecisionItem.objects.filter(pk=consultation.item_id).update(
            final_document=document, status=ItemStatus.DECIDED.value)
    audit_record(actor=actor, action="final_document_link", target=consultation, unit=consultation.unit,
                 data={"document": document.pk, "title": document.title})
    return consultation


# -- hearings (听证) ------------------------------------------------------------------------------


@transaction.atomic
def hearing_announce(*, actor: User, consultation: Consultation, title: str, announcement: str,
                     held_at: datetime, place: str, registration_end: date, seats: int = 10,
                     materials: str = "") -> Hearing:
    _gate(actor, consultation.unit_id)
    for value, name, label in ((title, "title", "听证事项"), (announcement, "announcement", "听证公告"),
                               (place, "place", "地点")):
        if not (value or "").strip():
            raise ConsultationError(f"请填写{label}", field=name)
    if held_at is None:
        raise ConsultationError("请填写举行时间", field="held_at")
    if registration_end is None or registration_end >= timezone.localtime(held_at).date():
        raise ConsultationError("报名截止日期应早于听证会举行日期", field="registration_end")
    if not 1 <= int(seats) <= 500:
        raise ConsultationError("听证参加人名额应在1至500之间", field="seats")
    hearing = Hearing.objects.create(
        consultation=consultation, title=title.strip(), announcement=announcement.strip(),
        held_at=held_at, place=place.strip(), registration_end=registration_end, seats=int(seats),
        materials=materials.strip())
    audit_record(actor=actor, action="hearing_announce", target=hearing, unit=consultation.unit)
    return hearing


@transaction.atomic
def hearing_register(*, hearing: Hearing, name: str, contact: str, affiliation: str = "",
                     position: str = "", today: date | None = None) -> HearingRegistration:
    if hearing.status != HearingStatus.ANNOUNCED.value or (today or _today()) > hearing.registration_end:
        raise ConsultationError("听证报名已截止", field="name")
    if not (name or "").strip():
        raise ConsultationError("请填写姓名", field="name")
    if not (contact or "").strip():
        raise ConsultationError("请填写联系方式，以便通知是否确定为听证参加人", field="contact")
    registration = HearingRegistration.objects.create(
        hearing=hearing, name=name.strip()[:100], contact=contact.strip()[:200],
        affiliation=affiliation.strip()[:200], position=position.strip()[:4000])
    audit_record(actor=None, action="hearing_register", target=registration,
                 unit=hearing.consultation.unit, actor_label="社会公众")
    return registration


@transaction.atomic
def hearing_select(*, actor: User, registration: HearingRegistration, selected: bool) -> HearingRegistration:
    hearing = registration.hearing
    _gate(actor, hearing.consultation.unit_id)
    if selected and not registration.selected and hearing.registrations.filter(selected=True).count() >= hearing.seats:
        raise ConsultationError(f"听证参加人已满（{hearing.seats}名）", field="selected")
    registration.selected = bool(selected)
    registration.save(update_fields=["selected"])
    audit_record(actor=actor, action="hearing_select", target=registration, unit=hearing.consultation.unit,
                 to_state="selected" if selected else "not_selected")
    return registration


@transaction.atomic
def hearing_record(*, actor: User, hearing: Hearing, record: str) -> Hearing:
    _gate(actor, hearing.consultation.unit_id)
    if timezone.now() < hearing.held_at:
        raise ConsultationError("听证会举行后才能公布听证笔录", field="record")
    if not (record or "").strip():
        raise ConsultationError("请填写听证笔录", field="record")
    hearing.record = record.strip()
    hearing.status = HearingStatus.HELD.value
    hearing.record_published_at = timezone.now()
    hearing.save(update_fields=["record", "status", "record_published_at"])
    audit_record(actor=actor, action="hearing_record", target=hearing, unit=hearing.consultation.unit)
    return hearing
