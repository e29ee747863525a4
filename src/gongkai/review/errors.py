"""Errors of the review app (报送 → 审核 → 发布)."""

from __future__ import annotations

from gongkai.core.errors import GongkaiError


class ReviewError(GongkaiError):
    """A transition, annotation or token operation was refused.

    Codes: `forbidden` (role or unit may not act), `invalid_transition` (not from this state),
    `reason_required`, `ground_required`, `conflict` (someone else acted first), `not_found`,
    `token`, `gap`.
    """

    code = "review"
