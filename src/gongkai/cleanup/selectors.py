"""Reads of cleanup campaigns, scoped to the reader (DESIGN §2: nobody sees what is not theirs).

Office staff see the campaigns of their unit and the units below it, with every item; staff of
a participating unit see the campaigns that include their unit, with their own items only; the
public sees only a published campaign's notice.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Q

from gongkai.cleanup.domain.campaigns import CampaignState, Mark, Review
from gongkai.cleanup.models import Campaign, CampaignItem
from gongkai.core import access
from gongkai.core.domain.roles import Role


def campaigns_visible_to(user):
    if user is None or not user.is_authenticated or not user.unit_id:
        return Campaign.objects.none()
    q = Q(units=user.unit_id) | Q(unit_id__in=access.units_for(user, Role.OFFICE))
    return Campaign.objects.filter(q).distinct().select_related("unit", "notice")


def campaign_items_for(user, campaign: Campaign):
    """Every item for the office running it; the reader's own unit's items otherwise."""
    items = campaign.items.select_related("document", "unit", "marked_by", "reviewed_by")
    if access.can_campaign_run(user, campaign.unit_id):
        return items.order_by("unit__sort_order", "unit_id", "id")
    return items.filter(unit_id=user.unit_id).order_by("id")


def campaign_progress(campaign: Campaign, items=None) -> dict:
    items = list(items if items is not None else campaign.items.all())
    marks = Counter(i.mark or "" for i in items)
    return {
        "total": len(items),
        "unmarked": marks[""],
        "keep": marks[Mark.KEEP.value],
        "amend": marks[Mark.AMEND.value],
        "repeal": marks[Mark.REPEAL.value],
        "accepted": sum(1 for i in items if i.review == Review.ACCEPTED),
        "returned": sum(1 for i in items if i.review == Review.RETURNED),
    }


def published_campaign(pk: int) -> Campaign | None:
    return (Campaign.objects.filter(pk=pk, state=CampaignState.PUBLISHED.value)
            .select_related("unit", "notice").first())


def published_items(campaign: Campaign) -> list[CampaignItem]:
    return list(campaign.items.select_related("document", "unit").order_by("unit_id", "id"))


def campaign_unit_progress(campaign: Campaign) -> list[dict]:
    """Per participating unit: documents, marked, accepted — what the office chases."""
    rows = []
    items = list(campaign.items.values("unit_id", "mark", "review"))
    for unit in campaign.units.order_by("sort_order", "id"):
        mine = [i for i in items if i["unit_id"] == unit.pk]
        rows.append({
            "unit": unit,
            "total": len(mine),
            "marked": sum(1 for i in mine if i["mark"]),
            "accepted": sum(1 for i in mine if i["review"] == Review.ACCEPTED),
            "done": all(i["mark"] for i in mine),
        })
    return rows
