"""Public, read-only API of 征求意见 (rate-limited like the library): consultations with their
period, channels and phase, and a consultation's feedback once published. Names and contacts of
commenters are never part of it; private comments are counted, never shown."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view

from gongkai.api.errors import PUBLIC, ApiError, error_body
from gongkai.api.ratelimit import rate_limited
from gongkai.consultations import selectors
from gongkai.consultations.domain.vocab import Phase

router = Router()
TAGS = ["征求意见"]


class ChannelOut(Schema):
    channel: str
    address: str


class ConsultationOut(Schema):
    id: int
    title: str
    unit: str
    kind: str
    start_date: date
    end_date: date
    days: int
    phase: str
    phase_label: str
    short_reason: str
    channels: list[ChannelOut]
    contact: str
    draft_url: str
    url: str
    feedback_url: str | None


class ViewOut(Schema):
    summary: str
    decision: str
    reason: str
    comment_numbers: list[int]


class FeedbackOut(Schema):
    consultation: int
    total: int
    by_channel: dict[str, int]
    by_decision: dict[str, int]
    views: list[ViewOut]


def _out(request, c) -> dict:
    ctx = selectors.consultation_context(c)
    return {
        "id": c.pk, "title": c.title, "unit": c.unit.full_name, "kind": ctx["kind_label"],
        "start_date": c.start_date, "end_date": c.end_date, "days": ctx["days"],
        "phase": ctx["phase"], "phase_label": ctx["phase_label"], "short_reason": c.short_reason,
        "channels": [{"channel": label, "address": address} for label, address in ctx["channels"]],
        "contact": c.contact,
        "draft_url": request.build_absolute_uri(reverse("portal:document", args=[c.draft_id])),
        "url": request.build_absolute_uri(reverse("consultations:detail", args=[c.pk])),
        "feedback_url": request.build_absolute_uri(reverse("consultations:feedback", args=[c.pk]))
        if c.feedback_published_at else None,
    }


@router.get("/consultations", response={200: list[ConsultationOut], **PUBLIC}, tags=TAGS,
            summary="征求意见列表（phase: open / closed / feedback / scheduled）")
@decorate_view(rate_limited)
def consultations_list(request, phase: str = "", unit: int | None = None):
    qs = selectors.public_consultations()
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    if phase in {p.value for p in Phase}:
        qs = selectors.phase_filter(qs, phase)
    return [_out(request, c) for c in qs.order_by("-start_date", "-id")[:200]]


@router.get("/consultations/{consultation_id}/feedback", response={200: FeedbackOut, 404: ApiError, **PUBLIC},
            tags=TAGS, summary="意见反馈情况：意见数量、主要观点、采纳情况和理由")
@decorate_view(rate_limited)
def consultation_feedback(request, consultation_id: int):
    c = selectors.public_consultations().filter(pk=consultation_id).first()
    if c is None or c.feedback_published_at is None:
        return Status(404, error_body("not_found", f"征求意见 {consultation_id} 不存在或尚未公布反馈情况"))
    fb = selectors.feedback_of(c)
    return Status(200, {
        "consultation": c.pk, "total": fb.total, "by_channel": dict(fb.by_channel),
        "by_decision": dict(fb.by_decision),
        "views": [{"summary": v.summary, "decision": v.decision_label, "reason": v.reason,
                   "comment_numbers": v.comment_numbers} for v in fb.views],
    })
