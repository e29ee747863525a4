"""Reads of the assessment, and who may see what: the public sees published runs only;
the office (公开办), evaluators (评估员) and admins also see drafts."""

from __future__ import annotations

from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.domain.results import UnitInfo
from gongkai.assessment.models import Run
from gongkai.core import access
from gongkai.core.models import Unit


def runs_visible_to(user):
    runs = Run.objects.select_related("indicator_set").defer("measured", "result")
    if access.can_assessment_score(user):
        return runs
    return runs.published()


def run_get(user, run_id) -> Run | None:
    runs = Run.objects.all() if access.can_assessment_score(user) else Run.objects.published()
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


def units_info(unit_ids: list[int]) -> list[UnitInfo]:
    rows = Unit.objects.filter(pk__in=unit_ids).order_by("sort_order", "id").values_list(
        "id", "full_name", "assessment_group", "short_names"
    )
    return [UnitInfo(pk, name, group, i, (shorts or [""])[0])
            for i, (pk, name, group, shorts) in enumerate(rows)]


def units_resolve(units) -> list[int]:
    if units is None:
        ids = list(Unit.objects.filter(is_active=True).exclude(assessment_group="")
                   .order_by("sort_order", "id").values_list("id", flat=True))
        if not ids:
            raise AssessmentError("没有可考评的单位：请先为单位设置“考评分组”", field="units")
        return ids
    ids = []
    for item in units:
        if isinstance(item, Unit):
            ids.append(item.pk)
            continue
        if isinstance(item, int) or (isinstance(item, str) and item.isdigit()):
            unit = Unit.objects.filter(pk=int(item)).first()
        else:
            from gongkai.core.selectors import unit_find

            unit = unit_find(str(item))
        if unit is None:
            raise AssessmentError(f"units: 找不到单位“{item}”", field="units")
        ids.append(unit.pk)
    if not ids:
        raise AssessmentError("units: 至少需要一个考评单位", field="units")
    return sorted(set(ids), key=ids.index)


def authenticity_of(*, unit: Unit | None, title: str, doc_number: str, written_date,
                    publish_date, issuer_names=()) -> list[str]:
    """The 真实性 findings (assessment.domain.authenticity) a document would carry if submitted
    as it is: shown to the submitter on the registration form and the document page before
    报送 (submitting stays allowed; the `authenticity_flags` measure counts what is left). The
    issuer may be named by the unit's full name, a 简称, an alias or a 制定机关 of the document."""
    from gongkai.assessment.domain.authenticity import authenticity_findings

    names = [*(issuer_names or [])]
    prefixes: list[str] = []
    if unit is not None:
        names += [unit.full_name, *(unit.short_names or []), *(unit.aliases or [])]
        prefixes = list(unit.doc_prefixes or [])
    return authenticity_findings(doc_number=doc_number or "", title=title or "",
                                 written_date=written_date, publish_date=publish_date,
                                 unit_prefixes=prefixes, issuer_names=names)
