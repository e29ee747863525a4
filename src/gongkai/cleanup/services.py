"""Writes of cleanup campaigns: open, mark, review, publish (DESIGN §3.4).

Permissions (CKAN style: each operation checks its own): the office (公开办) of a unit opens and
runs campaigns over units below it; staff of a unit (报送员, 审核员) mark only their own unit's
items; nobody else writes. Every write is one transaction with an audit record. Publishing
changes 时效性 only through documents.lifecycle.validity_change (cause "cleanup") and files the
result notice in the library through documents.services.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.cleanup.domain.campaigns import (
    CampaignState,
    Listed,
    Mark,
    NoticeText,
    Review,
    mark_problem,
    notice_compose,
    publish_problems,
)
from gongkai.cleanup.errors import CleanupError
from gongkai.cleanup.models import Campaign, CampaignItem
from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.domain.roles import Role
from gongkai.core.models import Unit
from gongkai.core.services import audit_record
from gongkai.documents.domain.vocab import IN_FORCE, RelationAction, State, Validity
from gongkai.documents.models import Document, DocumentRelation
from gongkai.documents.revisions import REVISION_DUE_DAYS, revision_task_open
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.documents.validity import validity_change


def campaign_documents(units: Iterable[Unit]):
    """The documents a campaign reviews: published and in force, of the given units."""
    return (Document.objects.filter(unit__in=list(units), state=State.PUBLISHED.value,
                                    validity__in=[v.value for v in IN_FORCE])
            .order_by("unit_id", "publish_date", "id"))


# ---------------------------------------------------------------------------------------------
# Writes


@transaction.atomic
def campaign_open(*, actor, title: str, units: Iterable[Unit], deadline: date,
                  today: date | None = None) -> Campaign:
    """Open a campaign over `units` (all below the actor's unit) with one item per document."""
    require(access.can_campaign_run(actor, None), "只有公开办可以发起文件清理")
    today = today or timezone.localdate()
    title = " ".join((title or "").split())
    if not title:
        raise CleanupError("清理名称不能为空", field="title")
    if deadline is None or deadline < today:
        raise CleanupError("截止日期不能早于今天", field="deadline")
    units = list(units)
    if not units:
        raise CleanupError("请至少选择一个参加单位", field="units")
    scope = access.units_for(actor, Role.OFFICE)
    outside = [u.full_name for u in units if u.pk not in scope]
    if outside:
        raise CleanupError(f"不能对本单位管辖范围以外的单位发起清理：{'、'.join(outside)}",
                           field="units")
    campaign = Campaign.objects.create(unit_id=actor.unit_id, title=title, deadline=deadline,
                                       created_by=actor)
    campaign.units.set(units)
    items = [CampaignItem(campaign=campaign, document=d, unit_id=d.unit_id)
             for d in campaign_documents(units)]
    CampaignItem.objects.bulk_create(items)
    audit_record(actor=actor, action="cleanup_open", target=campaign, unit=campaign.unit,
                 to_state=campaign.state,
                 data={"units": [u.pk for u in units], "items": len(items),
                       "deadline": deadline.isoformat()})
    return campaign


def _open_item(item: CampaignItem) -> CampaignItem:
    locked = CampaignItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
    if locked.campaign.state != CampaignState.OPEN:
        raise CleanupError("该清理已公布，不能再修改", field="campaign")
    return locked


@transaction.atomic
def item_mark(*, actor, item: CampaignItem, mark: str, reason: str = "") -> CampaignItem:
    """A unit's proposal for one of its documents: keep / amend / repeal (with reason).
    Re-marking sends the item back to the office for review."""
    require(access.can_campaign_item_mark(actor, item.unit_id), "只能对本单位的文件提出清理意见")
    problem = mark_problem(mark, reason)
    if problem:
        raise CleanupError(problem, field="mark" if "范围" in problem else "reason")
    locked = _open_item(item)
    before = locked.mark
    locked.mark = mark
    locked.reason = (reason or "").strip()
    locked.marked_by = actor
    locked.marked_at = timezone.now()
    locked.review = Review.PENDING.value
    locked.save()
    audit_record(actor=actor, action="cleanup_mark", target=locked, unit=locked.unit,
                 from_state=before, to_state=mark, reason=locked.reason,
                 data={"document": locked.document_id})
    return locked


@transaction.atomic
def item_review(*, actor, item: CampaignItem, accept: bool, note: str = "") -> CampaignItem:
    """The office accepts a unit's mark, or returns it with a note."""
    locked = _open_item(item)
    require(access.can_campaign_run(actor, locked.campaign.unit_id), "只有组织清理的公开办可以审核")
    if not locked.mark:
        raise CleanupError("该文件尚未提出清理意见，不能审核", field="mark")
    if not accept and not (note or "").strip():
        raise CleanupError("退回须写明意见", field="note")
    before = locked.review
    locked.review = (Review.ACCEPTED if accept else Review.RETURNED).value
    locked.review_note = (note or "").strip()
    locked.reviewed_by = actor
    locked.reviewed_at = timezone.now()
    locked.save()
    audit_record(actor=actor, action="cleanup_review", target=locked, unit=locked.unit,
                 from_state=before, to_state=locked.review, reason=locked.review_note)
    return locked


def _listed(items: list[CampaignItem]) -> list[Listed]:
    return [Listed(title=i.document.title, doc_number=i.document.doc_number,
                   unit=i.unit.full_name) for i in items]


def campaign_notice_text(campaign: Campaign, items: list[CampaignItem], *, on: date) -> NoticeText:
    """The result notice of a campaign (the same text at publication, on the web page and in
    the DOCX)."""
    units = list(campaign.units.order_by("sort_order", "id"))
    names = [u.full_name for u in units]
    scope = "、".join(names) if len(names) <= 3 else f"{names[0]}等{len(names)}个单位"
    return notice_compose(
        issuer=campaign.unit.full_name, scope=scope,
        recipients="、".join(names) if len(names) <= 3 else "各有关单位",
        repealed=_listed([i for i in items if i.mark == Mark.REPEAL]),
        amended=_listed([i for i in items if i.mark == Mark.AMEND]),
        kept=sum(1 for i in items if i.mark == Mark.KEEP), on=on,
    )


@transaction.atomic
def campaign_publish(*, actor, campaign: Campaign, today: date | None = None,
                     doc_number: str = "") -> Campaign:
    """Publish the result: the notice goes into the library (published), each document marked
    失效或废止 becomes 废止 from today through a ValidityEvent caused by the notice, and a
    repeal relation links the notice to it. Needs every item marked and accepted."""
    today = today or timezone.localdate()
    locked = Campaign.objects.select_for_update().select_related("unit").get(pk=campaign.pk)
    require(access.can_campaign_run(actor, locked.unit_id), "只有组织清理的公开办可以公布清理结果")
    if locked.state != CampaignState.OPEN:
        raise CleanupError("该清理已经公布", field="state")
    items = list(locked.items.select_related("document", "unit").order_by("unit_id", "id"))
    problems = publish_problems([(i.mark, i.review) for i in items])
    if problems:
        raise CleanupError("；".join(problems), field="items")
    repealed = [i for i in items if i.mark == Mark.REPEAL]
    amended = [i for i in items if i.mark == Mark.AMEND]
    kept = [i for i in items if i.mark == Mark.KEEP]
    text = campaign_notice_text(locked, items, on=today)
    notice = document_create(
        unit=locked.unit, actor=actor, title=text.title, doc_number=doc_number,
        issuer_names=[locked.unit.full_name], written_date=today, publish_date=today,
        effective_date=today, level="工作文件", category="综合政务\\文件清理", body=text.body,
    )
    notice = document_publish_direct(document=notice, actor=actor, reason=f"文件清理：{locked.title}")
    now = timezone.now()
    for item in repealed:
        validity_change(document=item.document, to_validity=Validity.REPEALED.value, date=today,
                        cause="cleanup", actor=actor, cause_document=notice,
                        note=f"文件清理：{item.reason}")
        DocumentRelation.objects.create(
            source=notice, target=item.document, action=RelationAction.REPEAL.value,
            stated_action=RelationAction.REPEAL.value, link_reason="linked",
            target_title=item.document.title, target_doc_number=item.document.doc_number,
            effective_date=today, applied_at=now, context=item.reason,
        )
    for item in amended:
        # 需要修改: a task with a due date, closed by the amending decision or the new version
        revision_task_open(document=item.document, actor=actor, reason=item.reason,
                           due_date=today + timedelta(days=REVISION_DUE_DAYS),
                           origin=f"文件清理：{locked.title}")
    locked.state = CampaignState.PUBLISHED.value
    locked.notice = notice
    locked.published_at = now
    locked.save(update_fields=["state", "notice", "published_at"])
    audit_record(actor=actor, action="cleanup_publish", target=locked, unit=locked.unit,
                 from_state=CampaignState.OPEN.value, to_state=locked.state,
                 data={"notice": notice.pk, "repealed": len(repealed), "amended": len(amended),
                       "kept": len(kept)})
    return locked


@transaction.atomic
def campaign_accept_marked(*, actor, campaign: Campaign) -> int:
    """The office accepts every mark still waiting for review (returned ones stay returned).
    Returns how many were accepted."""
    require(access.can_campaign_run(actor, campaign.unit_id), "只有组织清理的公开办可以审核")
    pending = list(CampaignItem.objects.filter(campaign=campaign, review=Review.PENDING.value)
                   .exclude(mark="").order_by("id"))
    for item in pending:
        item_review(actor=actor, item=item, accept=True)
    return len(pending)
