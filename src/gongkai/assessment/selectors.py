"""Reads of the assessment, and who may see what: the public sees published runs only;
the office (公开办), evaluators (评估员) and admins also see drafts."""

from __future__ import annotations

from gongkai.assessment.models import Run


def can_manage(user) -> bool:
    """Runs, publishes, edits indicator sets: the office and admins."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.has_role("office") or user.has_role("admin"))


def can_score(user) -> bool:
    """Enters manual scores: evaluators, and whoever manages."""
    return can_manage(user) or bool(
        getattr(user, "is_authenticated", False) and user.has_role("evaluator")
    )


def runs_visible_to(user):
    runs = Run.objects.select_related("indicator_set").defer("measured", "result")
    if can_score(user):
        return runs
    return runs.published()


def run_get(user, run_id) -> Run | None:
    runs = Run.objects.all() if can_score(user) else Run.objects.published()
    return runs.filter(pk=run_id).first()


def run_resolve(ref: str) -> Run | None:
    """A run by id, or "latest" (the newest run, published or not)."""
    if str(ref).strip().lower() == "latest":
        return Run.objects.order_by("-created_at", "-id").first()
    if not str(ref).strip().isdigit():
        return None
    return Run.objects.filter(pk=int(ref)).first()


def unit_result(run: Run, unit_id: int) -> dict | None:
    for row in run.result.get("units", []):
        if row.get("unit_id") == unit_id:
            return row
    return None


def unit_history(unit_id: int, *, published_only: bool = True) -> list[tuple[Run, dict]]:
    runs = Run.objects.order_by("-period", "-id")
    if published_only:
        runs = runs.published()
    out = []
    for run in runs:
        row = unit_result(run, unit_id)
        if row is not None:
            out.append((run, row))
    return out
