"""建议提案 pages: thin — parse input, call one service or selector, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.domain.errors import AccessDenied
from gongkai.core.domain.params import MAX_ID, id_param, year_param
from gongkai.core.errors import GongkaiError
from gongkai.core.models import Unit
from gongkai.proposals import selectors, services
from gongkai.proposals.models import Reply, YearSummary
from gongkai.proposals.rules import proposal_rules


def _date(value: str, label: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise services.ProposalError(f"{label}：“{value}”不是有效日期（例如 2024-03-01）", field=label) from None


def _units(values: list[str]) -> list[Unit]:
    ids = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 19 and int(v) <= MAX_ID]
    return list(Unit.objects.filter(pk__in=ids))


def public_list(request):
    """Replies published in full, and the yearly summaries."""
    return render(request, "proposals/public.html", {
        "replies": selectors.published_replies()[:200],
        "summaries": YearSummary.objects.filter(document__isnull=False).order_by("-year"),
        "rules": proposal_rules(),
    })


def summary_page(request, year: int):
    item = YearSummary.objects.filter(year=year, document__isnull=False).first() if 1949 <= year <= 2100 else None
    if item is None:
        raise Http404(_("该年度办理情况尚未公开"))
    return render(request, "proposals/summary.html", {"item": item, "rules": proposal_rules()})


@login_required
def manage_list(request):
    require(access.can_proposal_manage(request.user) or access.can_supervision_view(request.user),
            "只有督查室和承办单位可以查看建议提案")
    year = timezone.localdate().year
    summary, text = selectors.year_summary(year)
    return render(request, "proposals/manage_list.html", {
        "items": selectors.proposals_for(request.user)[:500],
        "manage": access.can_proposal_manage(request.user),
        "rules": proposal_rules(), "units": Unit.objects.order_by("code"),
        "year": year, "summary_text": text, "today": timezone.localdate(),
    })


@login_required
@require_POST
def register(request):
    require(access.can_proposal_manage(request.user), "只有督查室可以登记和交办建议提案")
    main = id_param(request.POST, "main_unit")
    try:
        proposal = services.proposal_register(
            kind=request.POST.get("kind", ""), session=request.POST.get("session", ""),
            number=request.POST.get("number", ""), title=request.POST.get("title", ""),
            author=request.POST.get("author", ""),
            main_unit=Unit.objects.filter(pk=main).first() if main else None,
            assigned_on=_date(request.POST.get("assigned_on", ""), "交办日期"),
            co_units=_units(request.POST.getlist("co_units")), broad_concern=bool(request.POST.get("broad_concern")),
            actor=request.user)
    except AccessDenied:
        raise
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("proposals:manage")
    messages.success(request, _("已登记并交办，答复期限 %(due)s") % {"due": proposal.due_date.isoformat()})
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def manage_detail(request, pk: int):
    proposal = get_object_or_404(selectors.proposals_for(request.user), pk=pk)
    unit_id = request.user.unit_id
    return render(request, "proposals/detail.html", {
        "p": proposal, "rules": proposal_rules(), "kind": proposal_rules().kinds.get(proposal.kind),
        "replies": proposal.replies.select_related("document"), "opinions": proposal.co_opinions.select_related("unit"),
        "manage": access.can_proposal_manage(request.user),
        "is_main": access.can_proposal_handle(request.user, proposal.main_unit_id),
        "is_co": bool(unit_id) and proposal.co_units.filter(pk=unit_id).exists()
        and not proposal.co_opinions.filter(unit_id=unit_id).exists(),
        "today": timezone.localdate(),
    })


@login_required
@require_POST
def manage_action(request, pk: int, action: str):
    proposal = get_object_or_404(selectors.proposals_for(request.user), pk=pk)
    post, actor = request.POST, request.user
    try:
        if action == "co_opinion":
            require(bool(actor.unit_id), "没有所属单位的账号不能报送会办意见")
            services.co_opinion_submit(proposal=proposal, unit=actor.unit, text=post.get("text", ""),
                                       sent_on=timezone.localdate(), actor=actor)
            done = _("会办意见已送主办单位")
        elif action == "reply":
            services.reply_submit(proposal=proposal, result_code=post.get("result_code", ""), text=post.get("text", ""),
                                  signer=post.get("signer", ""), replied_on=_date(post.get("replied_on", ""), "答复日期"),
                                  actor=actor)
            done = _("已答复")
        elif action == "feedback":
            services.feedback_record(proposal=proposal, satisfaction=post.get("satisfaction", ""),
                                     note=post.get("note", ""), actor=actor)
            done = _("已登记反馈")
        elif action == "extend":
            months = post.get("months", "")
            services.proposal_extend(proposal=proposal, months=int(months) if months.isdigit() and len(months) < 3 else -1,
                                     approval=post.get("approval", ""), actor=actor)
            done = _("已延期")
        elif action == "publish":
            reply = get_object_or_404(Reply, pk=id_param(post, "reply") or 0, proposal=proposal)
            services.reply_publish(reply=reply, actor=actor)
            done = _("答复全文已公开")
        else:
            raise Http404(_("未知操作"))
    except AccessDenied:
        raise
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("proposals:detail", pk=pk)


@login_required
@require_POST
def summary_publish(request):
    require(access.can_proposal_manage(request.user), "只有督查室可以公开年度办理情况")
    year = year_param(request.POST, "year")
    try:
        if year is None:
            raise services.ProposalError("年度：请填写四位年份", field="year")
        unit = request.user.unit or Unit.objects.filter(parent__isnull=True).first()
        item = services.summary_publish(year=year, unit=unit, day=timezone.localdate(), actor=request.user)
    except AccessDenied:
        raise
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("proposals:manage")
    messages.success(request, _("年度办理情况已公开"))
    return redirect("proposals:summary", year=item.year)
