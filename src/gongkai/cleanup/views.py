"""Cleanup pages (/cleanup/): thin — parse input, call one service or selector, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.cleanup import selectors, services
from gongkai.cleanup.domain.campaigns import MARK_LABELS, Mark
from gongkai.cleanup.errors import CleanupError
from gongkai.cleanup.models import CampaignItem
from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.domain.params import int_param
from gongkai.core.domain.roles import Role
from gongkai.core.models import Unit
from gongkai.documents.domain.dates import parse_date
from gongkai.documents.errors import DocumentError
from gongkai.documents.selectors import conflicts_report
from gongkai.documents.validity import LifecycleError


@login_required
def index(request):
    campaigns = list(selectors.campaigns_visible_to(request.user))
    return render(request, "cleanup/index.html", {
        "campaigns": campaigns,
        "can_open": access.can_campaign_run(request.user, None),
    })


@login_required
def campaign_new(request):
    require(access.can_campaign_run(request.user, None), _("只有公开办可以发起文件清理"))
    choices = Unit.objects.filter(pk__in=access.units_for(request.user, Role.OFFICE),
                                  is_active=True).exclude(pk=request.user.unit_id)
    error, values = None, {"title": "", "deadline": "", "units": []}
    if request.method == "POST":
        values = {"title": request.POST.get("title", ""),
                  "deadline": request.POST.get("deadline", ""),
                  "units": [int(x) for x in request.POST.getlist("units") if x.isdigit()]}
        deadline = parse_date(values["deadline"])
        try:
            if deadline is None:
                raise CleanupError(_("截止日期无法识别"), field="deadline")
            campaign = services.campaign_open(
                actor=request.user, title=values["title"], deadline=deadline,
                units=list(Unit.objects.filter(pk__in=values["units"])),
            )
        except CleanupError as exc:
            error = exc
        else:
            messages.success(request, _("已发起文件清理"))
            return redirect(campaign.get_absolute_url())
    return render(request, "cleanup/new.html", {"choices": choices, "error": error,
                                                "values": values}, status=400 if error else 200)


def _campaign_for(request, pk: int):
    return get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)


@login_required
def campaign_detail(request, pk: int):
    campaign = _campaign_for(request, pk)
    items = list(selectors.campaign_items_for(request.user, campaign))
    runs = access.can_campaign_run(request.user, campaign.unit_id)
    for item in items:
        item.can_mark = campaign.state == "open" and access.can_campaign_item_mark(request.user, item.unit_id)
    return render(request, "cleanup/campaign.html", {
        "campaign": campaign, "items": items, "runs": runs,
        "unit_progress": selectors.campaign_unit_progress(campaign) if runs else [],
        "progress": selectors.campaign_progress(campaign, items),
        "marks": [(m.value, MARK_LABELS[m]) for m in Mark],
        "overdue": campaign.state == "open" and campaign.deadline < timezone.localdate(),
    })


def _item(request, pk: int, item_id: int) -> CampaignItem:
    campaign = _campaign_for(request, pk)
    item = get_object_or_404(selectors.campaign_items_for(request.user, campaign), pk=item_id)
    return item


@login_required
@require_POST
def item_mark(request, pk: int, item_id: int):
    item = _item(request, pk, item_id)
    try:
        services.item_mark(actor=request.user, item=item, mark=request.POST.get("mark", ""),
                           reason=request.POST.get("reason", ""))
    except CleanupError as exc:
        messages.error(request, f"《{item.document.title}》：{exc}")
    return redirect(f"/cleanup/{pk}/#item-{item_id}")


@login_required
@require_POST
def item_review(request, pk: int, item_id: int):
    item = _item(request, pk, item_id)
    try:
        services.item_review(actor=request.user, item=item,
                             accept=request.POST.get("accept") == "1",
                             note=request.POST.get("note", ""))
    except CleanupError as exc:
        messages.error(request, f"《{item.document.title}》：{exc}")
    return redirect(f"/cleanup/{pk}/#item-{item_id}")


@login_required
@require_POST
def campaign_accept_marked(request, pk: int):
    campaign = _campaign_for(request, pk)
    try:
        n = services.campaign_accept_marked(actor=request.user, campaign=campaign)
    except CleanupError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已审核通过 %(n)d 件") % {"n": n})
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def campaign_publish(request, pk: int):
    campaign = _campaign_for(request, pk)
    try:
        services.campaign_publish(actor=request.user, campaign=campaign,
                                  doc_number=request.POST.get("doc_number", "").strip())
    except (CleanupError, DocumentError) as exc:  # DocumentError: a bad 发文字号
        messages.error(request, str(exc))
        return redirect(campaign.get_absolute_url())
    messages.success(request, _("清理结果已公布"))
    return redirect("cleanup:notice", pk=pk)


def _published(pk: int):
    campaign = selectors.published_campaign(pk)
    if campaign is None or campaign.notice is None or not campaign.notice.is_public:
        raise Http404(_("清理结果尚未公布"))
    return campaign


def notice(request, pk: int):
    """The result notice as a web page: public once published."""
    campaign = _published(pk)
    text = services.campaign_notice_text(campaign, selectors.published_items(campaign),
                                         on=campaign.notice.publish_date)
    return render(request, "cleanup/notice.html", {"campaign": campaign, "notice": text,
                                                   "document": campaign.notice})


def notice_docx(request, pk: int):
    """The result notice as DOCX in 公文 layout (GB/T 9704)."""
    from datetime import datetime

    from gongkai.exports.docx import OfficialDocument, official_docx_bytes

    campaign = _published(pk)
    on: date = campaign.notice.publish_date
    text = services.campaign_notice_text(campaign, selectors.published_items(campaign), on=on)
    blocks = [("paragraph", text.intro)]
    for heading, paragraphs in text.sections:
        blocks.append(("heading", heading))
        blocks += [("paragraph", p) for p in paragraphs]
    data = official_docx_bytes(OfficialDocument(
        title=text.title, recipients=f"{text.recipients}：", blocks=blocks,
        signature=text.signature, date_text=text.date_text,
        doc_number=campaign.notice.doc_number, stamp=datetime(on.year, on.month, on.day),
    ))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename=cleanup-notice-{pk}.docx"
    return response


@login_required
@require_POST
def relation_confirm(request, pk: int):
    """The office settles a stated change held as a citation (documents.relations)."""
    from gongkai.documents.models import DocumentRelation
    from gongkai.documents.relations import relation_confirm as confirm

    relation = get_object_or_404(DocumentRelation, pk=pk)
    accept = request.POST.get("accept") == "1"
    try:  # a refusal (AccessDenied) is answered by the middleware
        confirm(relation=relation, accept=accept, actor=request.user)
    except DocumentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已确认为修改或废止关系") if accept else _("已确认只是引用"))
    return redirect("cleanup:conflicts")


@login_required
def conflicts(request):
    """For the office: documents in force citing dead ones, and expiring documents."""
    require(access.can_campaign_run(request.user, None), _("只有公开办可以查看"))
    days = int_param(request.GET, "days", default=90, minimum=0, maximum=3650)
    try:
        report = conflicts_report(days=min(days, 3650),
                                  unit_ids=access.units_for(request.user, Role.OFFICE))
    except LifecycleError as exc:
        raise Http404(str(exc)) from exc
    return render(request, "cleanup/conflicts.html", {"report": report})
