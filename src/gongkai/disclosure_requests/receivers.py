"""Reactions of the 依申请公开 app to changes elsewhere."""

from __future__ import annotations

from django.db import transaction


def calendar_year_saved(sender, instance, **kwargs) -> None:
    """The office entered a year's 节假日安排: recompute every provisional (暂定) due date."""
    from gongkai.disclosure_requests.services import provisional_recompute

    transaction.on_commit(provisional_recompute)
