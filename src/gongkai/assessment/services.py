"""Writes of the assessment: indicator sets, runs, manual scores, publication.

Each service is keyword-only, runs in one transaction, checks the rule first and writes an
audit record. A published run is never written again (the models refuse as well).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.assessment import measures as measure_registry
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.domain.indicators import IndicatorSet as IndicatorSetSpec
from gongkai.assessment.domain.indicators import parse_indicator_set
from gongkai.assessment.domain.periods import Period, period_parse
from gongkai.assessment.domain.results import Measured, build_result
from gongkai.assessment.domain.scoring import manual_check
from gongkai.assessment.models import (
    Appeal,
    IndicatorSet,
    ManualEvidence,
    ManualScore,
    Rectification,
    Run,
)
from gongkai.assessment.selectors import units_info, units_resolve
from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.models import Unit
from gongkai.core.services import audit_record

DEFAULT_SET_PATH = Path(__file__).parent / "data" / "default_indicators.yaml"


@lru_cache(maxsize=32)
def spec_parse(yaml_text: str) -> IndicatorSetSpec:
    """The parsed indicator set (immutable, so one parse per text serves every caller)."""
    return parse_indicator_set(yaml_text, known_measures=set(measure_registry.REGISTRY))


@transaction.atomic
def indicator_set_save(*, yaml_text: str, activate: bool = True, actor=None) -> IndicatorSet:
    """Store a version of an indicator system (validated). Same name+version with the same text
    is a no-op; the same name+version with different text is refused (bump the version)."""
    require(access.can_assessment_manage(actor), "只有公开办或管理员可以修改指标体系")
    spec = spec_parse(yaml_text)
    existing = IndicatorSet.objects.filter(name=spec.name, version=spec.version).first()
    if existing is not None:
        if existing.sha256 != spec.sha256:
            raise AssessmentError(
                f"指标体系“{spec.name}”版本 {spec.version} 已存在且内容不同，请修改 version 后再保存",
                field="version",
            )
        obj = existing
    else:
        obj = IndicatorSet.objects.create(name=spec.name, version=spec.version,
                                          yaml_text=yaml_text, sha256=spec.sha256)
        audit_record(actor=actor, action="indicator_set_create", target=obj,
                     data={"name": spec.name, "version": spec.version, "sha256": spec.sha256})
    if activate and not obj.is_active:
        IndicatorSet.objects.exclude(pk=obj.pk).filter(is_active=True).update(is_active=False)
        IndicatorSet.objects.filter(pk=obj.pk).update(is_active=True)
        obj.is_active = True
        audit_record(actor=actor, action="indicator_set_activate", target=obj)
    return obj


def indicator_set_default(*, actor=None) -> IndicatorSet:
    """The active set, or the shipped default one loaded on first use."""
    active = IndicatorSet.objects.filter(is_active=True).first()
    if active is not None:
        return active
    return indicator_set_save(yaml_text=DEFAULT_SET_PATH.read_text(encoding="utf-8"), actor=actor)


def period_bounds(period: str) -> tuple[date, date]:
    """"2025" → the calendar year; "2025H1" → a half-year; "2025Q3" → a quarter."""
    return period_parse(period).bounds


def _measured_load(data: dict, result: dict) -> dict[str, dict[int, Measured]]:
    """The run's measures back from what it stored. The evidence of a measured indicator is
    stored once, in the result's row (the same list the measure returned); `measured` keeps it
    only for manual indicators, whose result row shows the evaluator's score instead. Runs
    stored before this kept the evidence in both, and load the same way."""
    shown = {(u["unit_id"], i["code"]): i.get("evidence", [])
             for u in result.get("units", []) for i in u.get("indicators", [])}
    out: dict[str, dict[int, Measured]] = {}
    for code, per_unit in data.items():
        out[code] = {
            int(uid): Measured(
                value=None if m["value"] is None else Decimal(str(m["value"])),
                evidence=m["evidence"] if "evidence" in m else shown.get((int(uid), code), []),
                detail=m["detail"], evidence_total=m["evidence_total"],
            )
            for uid, m in per_unit.items()
        }
    return out


def _measured_dump(data: dict[str, dict[int, Measured]], spec: IndicatorSetSpec) -> dict:
    manual = {leaf.code for leaf in spec.leaves() if leaf.is_manual}

    def one(code: str, m: Measured) -> dict:
        row = {"value": None if m.value is None else str(m.value), "detail": m.detail,
               "evidence_total": m.evidence_total}
        if code in manual:
            row["evidence"] = m.evidence
        return row

    return {
        code: {str(uid): one(code, m) for uid, m in sorted(per_unit.items())}
        for code, per_unit in data.items()
    }


def _result_compute(run: Run, spec: IndicatorSetSpec, measured: dict[str, dict[int, Measured]]) -> dict:
    manual = {
        (uid, code): score
        for uid, code, score in ManualScore.objects.filter(run=run).values_list(
            "unit_id", "indicator_code", "score"
        )
    }
    return build_result(
        indicator_set=spec,
        units=units_info(run.unit_ids),
        measured=measured,
        manual=manual,
        previous=run.previous.result if run.previous_id else None,
        year_ago=run.year_ago.result if run.year_ago_id else None,
        run={"id": run.pk, "period": run.period, "status": run.status},
    )


def _result_refresh(run: Run) -> dict:
    """Recompute a stored run's result (after manual scores changed): its measures are read back
    from what the run stored, since they describe the data as it was when the run measured."""
    return _result_compute(run, spec_parse(run.set_yaml), _measured_load(run.measured, run.result))


def _measure_all(spec: IndicatorSetSpec, ctx) -> dict[str, dict[int, Measured]]:
    """Run each measure the set names once (same measure and params → one query set)."""
    measured: dict[str, dict[int, Measured]] = {}
    cache: dict[str, dict[int, Measured]] = {}
    for leaf in spec.leaves():
        if not leaf.measure:
            continue
        key = leaf.measure + json.dumps(leaf.params, sort_keys=True, ensure_ascii=False)
        if key not in cache:
            cache[key] = measure_registry.REGISTRY[leaf.measure](ctx, dict(leaf.params))
        measured[leaf.code] = cache[key]
    return measured


def _published_of(period: Period | None) -> Run | None:
    if period is None:
        return None
    return Run.objects.published().filter(period=period.code).order_by("-published_at", "-id").first()


def _previous_auto(period: Period) -> Run | None:
    """The published run of the period just before (环比); else the latest published run of an
    earlier period of the same kind (a year is never compared with a quarter)."""
    run = _published_of(period.preceding)
    if run is not None:
        return run
    earlier = []
    for candidate in Run.objects.published().order_by("-published_at", "-id"):
        try:
            p = period_parse(candidate.period)
        except AssessmentError:
            continue
        if p.kind == period.kind and p.sort_key < period.sort_key:
            earlier.append((p.sort_key, candidate))
    return max(earlier, key=lambda t: t[0])[1] if earlier else None


def assessment_run(
    *,
    period: str,
    units=None,
    previous: Run | None | str = "auto",
    indicator_set: IndicatorSet | None = None,
    bulletin_date: date | None = None,
    replace_draft: bool = True,
    actor=None,
) -> Run:
    """Measure every unit for the period, score, rank and summarize: a draft run.

    previous="auto" takes the published run of the period just before (环比), else the latest
    earlier one of the same kind; None compares with nothing (changes are null). Below a year the
    same period a year before is compared as well (同比).

    A period that already has a draft: `replace_draft` discards it (its manual scores carry over);
    otherwise the new run is the period's second draft (第二稿), named as such everywhere.
    """
    require(access.can_assessment_manage(actor), "只有公开办或管理员可以运行考评")
    parsed = period_parse(period)
    start, end = parsed.bounds
    unit_ids = units_resolve(units)
    indicator_set = indicator_set or indicator_set_default(actor=actor)
    spec = spec_parse(indicator_set.yaml_text)
    if previous == "auto":
        previous = _previous_auto(parsed)
    if previous is not None and not previous.is_published:
        raise AssessmentError(f"对比的考评 #{previous.pk} 尚未发布", field="previous")
    year_ago = _published_of(parsed.year_ago)
    measured = _measure_all(spec, measure_registry.MeasureContext(start, end, unit_ids))
    with transaction.atomic():
        # The replaced drafts are deleted, never read: their JSON stays in the database.
        drafts = list(Run.objects.select_for_update().filter(period=parsed.code, status=Run.Status.DRAFT)
                      .only("pk", "period", "status", "draft_number", "appeal_until"))
        run = Run.objects.create(
            period=parsed.code, period_start=start, period_end=end, indicator_set=indicator_set,
            set_yaml=indicator_set.yaml_text, set_sha256=spec.sha256, unit_ids=unit_ids,
            previous=previous, year_ago=year_ago, measured=_measured_dump(measured, spec),
            bulletin_date=bulletin_date or timezone.localdate(), created_by=actor,
            draft_number=1 if replace_draft else 1 + max((d.draft_number for d in drafts), default=0),
        )
        carried = _manual_carry_over(run)
        replaced = []
        if replace_draft:
            for old in drafts:
                # 申诉 lodged on the replaced draft stay with the period: they move to the new run.
                Appeal.objects.filter(run=old).exclude(
                    unit_id__in=Appeal.objects.filter(run=run).values("unit_id")).update(run=run)
                if old.appeal_until and (run.appeal_until is None or old.appeal_until > run.appeal_until):
                    run.appeal_until = old.appeal_until
                    Run.objects.filter(pk=run.pk).update(appeal_until=old.appeal_until)
                replaced.append(old.pk)
                audit_record(actor=actor, action="assessment_delete", target=old,
                             data={"period": old.period, "replaced_by": run.pk})
                old.delete()
        run.result = _result_compute(run, spec, measured)
        Run.objects.filter(pk=run.pk).update(result=run.result)
        audit_record(actor=actor, action="assessment_run", target=run,
                     to_state=run.status, data={"period": run.period, "units": len(unit_ids),
                                                "indicator_set": spec.version,
                                                "sha256": spec.sha256,
                                                "manual_carried_over": carried,
                                                "replaced_drafts": replaced})
    return run


def _manual_carry_over(run: Run) -> int:
    """Re-running a period keeps what evaluators entered: copy the manual scores of the latest
    other run of the same period and the same indicator set text (same hash) for the units both
    runs assess. Returns how many were copied. Reads the ManualScore rows only, never the
    source run's stored JSON."""
    source = (
        Run.objects.filter(period=run.period, set_sha256=run.set_sha256)
        .exclude(pk=run.pk).order_by("-created_at", "-id").values_list("pk", flat=True).first()
    )
    if source is None:
        return 0
    units = set(run.unit_ids)
    rows = [
        ManualScore(run=run, unit_id=uid, indicator_code=code, score=score,
                    note=(f"{note}（沿用考评 #{source}）" if note else f"沿用考评 #{source}")[:500],
                    entered_by_id=by)
        for uid, code, score, by, note in ManualScore.objects.filter(run_id=source).values_list(
            "unit_id", "indicator_code", "score", "entered_by_id", "note")
        if uid in units
    ]
    ManualScore.objects.bulk_create(rows)
    return len(rows)


def _draft_lock(run: Run) -> Run:
    locked = Run.objects.select_for_update().get(pk=run.pk)
    if locked.is_published:
        raise AssessmentError(f"考评 #{run.pk} 已发布，不能修改", code="published", field="run")
    return locked


def _parse_score(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(value)
    try:
        result = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(value) from None
    if not result.is_finite():
        raise ValueError(value)
    return result


@transaction.atomic
def manual_scores_set(*, run: Run, entries: list[tuple[int, str, object]], actor=None) -> Run:
    """Enter evaluators' scores [(unit_id, indicator_code, score or None to clear[, note])]; all
    or none. The note (why this score; the evidence seen) is kept with the score.

    Errors name the unit and the indicator. The run's result is recomputed.
    """
    require(access.can_assessment_score(actor), "只有评估员、公开办或管理员可以录入人工评分")
    run = _draft_lock(run)
    spec = spec_parse(run.set_yaml)
    manual = {i.code: i for i in spec.manual_leaves()}
    names = dict(Unit.objects.filter(pk__in=run.unit_ids).values_list("id", "full_name"))
    clean: list[tuple[int, str, Decimal | None]] = []
    notes: dict[tuple[int, str], str] = {}
    for entry in entries:
        unit_id, code, value = entry[0], entry[1], entry[2]
        if len(entry) > 3 and entry[3] is not None:
            notes[(unit_id, code)] = str(entry[3]).strip()[:500]
        if unit_id not in names:
            raise AssessmentError(f"单位 #{unit_id} 不在考评 #{run.pk} 的考评范围内", field="unit")
        if code not in manual:
            raise AssessmentError(f"指标 {code} 不是人工评分指标", field="indicator_code")
        require(access.can_manual_score(actor, manual[code].stage),
                f"指标 {code} {manual[code].name} 属于“{manual[code].stage or '未分环节'}”，"
                f"您只能评分本环节（{access.assessor_stage(actor)}）的指标")
        if value is None or (isinstance(value, str) and not value.strip()):
            clean.append((unit_id, code, None))
            continue
        try:
            number = _parse_score(value)
            clean.append((unit_id, code, manual_check(manual[code], number)))
        except ValueError:
            raise AssessmentError(f"{names[unit_id]} {manual[code].name}: “{value}”不是数字",
                                  field=code) from None
        except AssessmentError as exc:
            raise AssessmentError(f"{names[unit_id]} {exc.message}", field=code) from None
    for unit_id, code, value in clean:
        if value is None:
            ManualScore.objects.filter(run=run, unit_id=unit_id, indicator_code=code).delete()
        else:
            defaults = {"score": value, "entered_by": actor if getattr(actor, "pk", None) else None}
            if (unit_id, code) in notes:
                defaults["note"] = notes[(unit_id, code)]
            ManualScore.objects.update_or_create(
                run=run, unit_id=unit_id, indicator_code=code, defaults=defaults,
            )
    run.result = _result_refresh(run)
    Run.objects.filter(pk=run.pk).update(result=run.result)
    audit_record(actor=actor, action="assessment_manual_scores", target=run,
                 data={"entries": len(clean)})
    return run


@transaction.atomic
def manual_scores_import(*, run: Run, path, actor=None) -> int:
    """Import the evaluators' XLSX (from `assess template`): every cell checked, all or none."""
    require(access.can_assessment_score(actor), "只有评估员、公开办或管理员可以导入人工评分")
    from gongkai.exports.xlsx import ManualSheetError, manual_sheet_read

    run = _draft_lock(run)
    spec = spec_parse(run.set_yaml)
    units = dict(Unit.objects.filter(pk__in=run.unit_ids).values_list("full_name", "id"))
    try:
        cells = manual_sheet_read(path, indicators=manual_leaves_for(actor, spec), units=units)
    except ManualSheetError as exc:
        raise AssessmentError(str(exc), code="xlsx", field="file") from None
    manual_scores_set(run=run, entries=cells, actor=actor)
    audit_record(actor=actor, action="assessment_manual_import", target=run,
                 data={"file": Path(str(path)).name, "cells": len(cells)})
    return len(cells)


@transaction.atomic
def assessment_refresh(*, run: Run, actor=None) -> Run:
    """Recompute a draft's result (e.g. after the indicator code or previous run changed)."""
    require(access.can_assessment_manage(actor), "只有公开办或管理员可以重新计算考评")
    run = _draft_lock(run)
    run.result = _result_refresh(run)
    Run.objects.filter(pk=run.pk).update(result=run.result)
    audit_record(actor=actor, action="assessment_refresh", target=run)
    return run


def bulletin_date_parse(text: str) -> date | None:
    """成文日期 from a form: YYYY-MM-DD, or empty for "keep the run's date"."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AssessmentError(f"成文日期应为 YYYY-MM-DD，实为 {text}", field="bulletin_date") from None


def replaced_drafts(run: Run) -> list[int]:
    """Ids of the drafts this run replaced (from its audit record)."""
    from gongkai.core.models import AuditLog

    record = AuditLog.objects.filter(action="assessment_run", target_type="assessment.run",
                                     target_id=str(run.pk)).order_by("-id").first()
    return list((record.data or {}).get("replaced_drafts", [])) if record else []


@transaction.atomic
def assessment_publish(
    *, run: Run, bulletin_date: date | None = None, allow_pending: bool = False,
    doc_number: str | None = None, narrative: str | None = None, actor=None
) -> Run:
    """Publish a draft: its result and bulletin are frozen from now on.

    Refused while manual scores are missing, unless allow_pending (they then count 0, and the
    audit record says so). `doc_number` (发文字号) and `narrative` (the office's words after
    总体来看) are entered when publishing and printed in the 通报."""
    require(access.can_assessment_manage(actor), "只有公开办或管理员可以发布考评通报")
    run = _draft_lock(run)
    open_appeals = run.appeals.filter(status=Appeal.Status.PENDING).count()
    if open_appeals:
        raise AssessmentError(f"还有 {open_appeals} 项申诉未复核，复核后才能发布", code="appeals",
                              field="appeals")
    pending = sum(u.get("pending", 0) for u in run.result.get("units", []))
    if pending and not allow_pending:
        raise AssessmentError(
            f"还有 {pending} 项人工评分未录入，不能发布（可导入评分表或逐项录入）",
            code="pending", field="manual",
        )
    run.status = Run.Status.PUBLISHED
    run.published_at = timezone.now()
    if bulletin_date is not None:
        run.bulletin_date = bulletin_date
    if doc_number is not None:
        run.doc_number = doc_number.strip()[:100]
    if narrative is not None:
        run.narrative = narrative.strip()
    run.result = {**run.result, "status": run.status}
    run.save(update_fields=["status", "published_at", "bulletin_date", "result", "doc_number",
                            "narrative"])
    audit_record(actor=actor, action="assessment_publish", target=run, from_state="draft",
                 to_state="published", data={"period": run.period, "pending_as_zero": pending,
                                             "doc_number": run.doc_number})
    _rectifications_open(run, actor)
    return run


@transaction.atomic
def assessment_delete(*, run: Run, actor=None) -> None:
    """Discard a draft run."""
    require(access.can_assessment_manage(actor), "只有公开办或管理员可以删除考评草稿")
    run = _draft_lock(run)
    audit_record(actor=actor, action="assessment_delete", target=run, data={"period": run.period})
    run.delete()


# -- 反馈与复核 (申诉) and 整改 -------------------------------------------------------------------

RECTIFY_WORKDAYS = 20


@transaction.atomic
def appeal_window_open(*, run: Run, until: date, actor=None) -> Run:
    """Let units see their draft scores and lodge 申诉 until `until` (inclusive)."""
    require(access.can_assessment_manage(actor), "只有公开办或管理员可以开放申诉")
    run = _draft_lock(run)
    if until < timezone.localdate():
        raise AssessmentError(f"申诉截止日期 {until.isoformat()} 已过", field="appeal_until")
    run.appeal_until = until
    run.save(update_fields=["appeal_until"])
    audit_record(actor=actor, action="assessment_appeal_window", target=run,
                 data={"until": until.isoformat()})
    return run


def appeal_window_is_open(run: Run) -> bool:
    return (not run.is_published and run.appeal_until is not None
            and timezone.localdate() <= run.appeal_until)


@transaction.atomic
def appeal_lodge(*, run: Run, unit_id: int, indicator_code: str, reason: str, actor=None) -> Appeal:
    """A unit's 申诉 against one indicator of a draft, within the window; one per indicator."""
    require(access.can_assessment_appeal(actor, unit_id), "只有本单位工作人员可以对本单位得分提出申诉")
    run = _draft_lock(run)
    if not appeal_window_is_open(run):
        raise AssessmentError("当前不在申诉期内", code="window", field="run")
    if unit_id not in run.unit_ids:
        raise AssessmentError("本单位不在本次考评范围内", field="unit")
    codes = {leaf.code: leaf for leaf in spec_parse(run.set_yaml).leaves()}
    if indicator_code not in codes:
        raise AssessmentError(f"指标 {indicator_code} 不在本次考评的指标体系中", field="indicator_code")
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise AssessmentError("申诉理由：请写明理由和依据（至少5个字）", field="reason")
    if Appeal.objects.filter(run=run, unit_id=unit_id, indicator_code=indicator_code).exists():
        raise AssessmentError(f"已对指标“{codes[indicator_code].name}”提出过申诉", field="indicator_code")
    appeal = Appeal.objects.create(run=run, unit_id=unit_id, indicator_code=indicator_code,
                                   reason=reason[:2000], created_by=actor)
    audit_record(actor=actor, action="assessment_appeal_lodge", target=appeal, unit=appeal.unit,
                 data={"run": run.pk, "indicator": indicator_code})
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, upheld: bool, decision: str, score=None, actor=None) -> Appeal:
    """The office decides a 申诉 with a reason; an upheld one on a manual indicator may carry the
    corrected score (entered as a manual score, so the result is recomputed)."""
    require(access.can_assessment_manage(actor), "只有公开办或管理员可以复核申诉")
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    run = _draft_lock(appeal.run)
    if appeal.status != Appeal.Status.PENDING:
        raise AssessmentError("该申诉已复核", field="appeal")
    decision = (decision or "").strip()
    if not decision:
        raise AssessmentError("复核意见：请写明复核理由", field="decision")
    if score not in (None, ""):
        if not upheld:
            raise AssessmentError("维持原评分时不能修改得分", field="score")
        manual_scores_set(run=run, entries=[(appeal.unit_id, appeal.indicator_code, score)],
                          actor=actor)
    appeal.status = Appeal.Status.UPHELD if upheld else Appeal.Status.REJECTED
    appeal.decision = decision[:2000]
    appeal.decided_by = actor if getattr(actor, "pk", None) else None
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["status", "decision", "decided_by", "decided_at"])
    audit_record(actor=actor, action="assessment_appeal_decide", target=appeal, unit=appeal.unit,
                 to_state=appeal.status, reason=decision[:500],
                 data={"run": run.pk, "indicator": appeal.indicator_code,
                       "score": None if score in (None, "") else str(score)})
    return appeal


def _due_date(start: date) -> date:
    from gongkai.core.calendar import work_calendar
    from gongkai.core.errors import GongkaiError

    try:
        return work_calendar().add_workdays(start, RECTIFY_WORKDAYS).date
    except GongkaiError:
        # A year whose holidays nobody entered: Monday to Friday (the item says so in its data).
        from datetime import timedelta

        day, counted = start, 0
        while counted < RECTIFY_WORKDAYS:
            day += timedelta(days=1)
            counted += day.weekday() < 5
        return day


def _rectifications_open(run: Run, actor) -> int:
    """On publishing: one 整改 item per unit that lost points, due 20 working days after the
    通报's date."""
    due = _due_date(run.bulletin_date)
    items = []
    for u in run.result.get("units", []):
        lost = [
            {"code": i["code"], "name": i["name"], "lost": round(i["max"] - i["score"], 2)}
            for i in u["indicators"]
            if i["method"] in ("ratio", "deduct", "manual") and i["max"] - i["score"] > 0
        ]
        if lost or u["vetoed"]:
            items.append(Rectification(run=run, unit_id=u["unit_id"], lost=lost, due_date=due))
    Rectification.objects.bulk_create(items)
    if items:
        audit_record(actor=actor, action="assessment_rectification_open", target=run,
                     data={"units": len(items), "due": due.isoformat()})
    return len(items)


@transaction.atomic
def rectification_open(*, unit, source: str, title: str, due_date, origin: str = "",
                       actor=None) -> Rectification:
    """Open one 整改 item outside a 通报: after a 督查 (`inspection`) or entered by hand
    (`manual`). The 通报's items are opened by publishing (`_rectifications_open`)."""
    require(access.can_rectification_open(actor), "只有督查室或公开办可以下达整改")
    if source not in (Rectification.Source.INSPECTION, Rectification.Source.MANUAL):
        raise AssessmentError("来源：考评通报的整改事项由发布通报生成，这里只能是督查或手工录入",
                              field="source")
    title = (title or "").strip()
    if not title:
        raise AssessmentError("整改事项：请写明要整改的问题", field="title")
    if unit is None:
        raise AssessmentError("责任单位：请选择单位", field="unit")
    if due_date is None:
        raise AssessmentError("整改期限：请填写日期", field="due_date")
    item = Rectification.objects.create(
        source=source, unit=unit, title=title[:300], origin=(origin or "")[:200], due_date=due_date,
        opened_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="assessment_rectification_open", target=item, unit=unit,
                 data={"source": source, "origin": item.origin, "due": due_date.isoformat()})
    return item


@transaction.atomic
def rectification_close(*, item: Rectification, report: str, actor=None) -> Rectification:
    """The unit reports what it rectified; the item is closed."""
    item = Rectification.objects.select_for_update().get(pk=item.pk)
    require(access.can_assessment_appeal(actor, item.unit_id) or access.can_assessment_manage(actor),
            "只有本单位工作人员可以报送整改情况")
    if item.status == Rectification.Status.CLOSED:
        raise AssessmentError("该整改事项已报送整改情况", field="rectification")
    report = (report or "").strip()
    if len(report) < 10:
        raise AssessmentError("整改情况：请写明逐项整改的措施和结果（至少10个字）", field="report")
    item.status = Rectification.Status.CLOSED
    item.report = report[:5000]
    item.closed_by = actor if getattr(actor, "pk", None) else None
    item.closed_at = timezone.now()
    item.save(update_fields=["status", "report", "closed_by", "closed_at"])
    audit_record(actor=actor, action="assessment_rectification_close", target=item, unit=item.unit,
                 from_state="open", to_state="closed", data={"run": item.run_id, "source": item.source})
    return item


# -- assessor stages and evidence of manual scores (评分依据材料, issue 16) ----------------------


def manual_leaves_for(user, spec: IndicatorSetSpec) -> list:
    """The manual indicators `user` sees and scores (an evaluator: their assessor stage)."""
    return [leaf for leaf in spec.manual_leaves() if access.can_manual_score(user, leaf.stage)]


@transaction.atomic
def manual_evidence_add(*, run: Run, unit_id: int, indicator_code: str, name: str, data: bytes,
                        actor=None) -> ManualEvidence:
    """Attach an evidence file to a unit's manual indicator of a draft run."""
    import mimetypes

    from django.conf import settings
    from django.core.files.base import ContentFile

    from gongkai.documents.domain.filenames import display_name
    from gongkai.documents.services import content_hash

    require(access.can_assessment_score(actor), "只有评估员、公开办或管理员可以上传评分依据材料")
    run = _draft_lock(run)
    spec = spec_parse(run.set_yaml)
    manual = {i.code: i for i in spec.manual_leaves()}
    if indicator_code not in manual:
        raise AssessmentError(f"指标 {indicator_code} 不是人工评分指标", field="indicator_code")
    leaf = manual[indicator_code]
    require(access.can_manual_score(actor, leaf.stage),
            f"指标 {leaf.code} {leaf.name} 不属于您的考评环节（{access.assessor_stage(actor)}）")
    unit = Unit.objects.filter(pk=unit_id, pk__in=run.unit_ids).first()
    if unit is None:
        raise AssessmentError(f"单位 #{unit_id} 不在考评 #{run.pk} 的考评范围内", field="unit")
    shown = display_name(name)
    if not data:
        raise AssessmentError(f"文件 {shown} 是空文件", field="file")
    if len(data) > settings.IMPORT_MAX_FILE_BYTES:
        raise AssessmentError(
            f"文件 {shown} 过大（最多 {settings.IMPORT_MAX_FILE_BYTES // 1024 // 1024} MB）",
            field="file")
    evidence = ManualEvidence(
        run=run, unit=unit, indicator_code=indicator_code, name=shown, size=len(data),
        sha256=content_hash(data), content_type=mimetypes.guess_type(shown)[0] or "",
        uploaded_by=actor if getattr(actor, "pk", None) else None)
    evidence.file.save(shown, ContentFile(data), save=False)
    evidence.save()
    audit_record(actor=actor, action="assessment_evidence_add", target=run, unit=unit,
                 data={"indicator": indicator_code, "name": shown, "sha256": evidence.sha256,
                       "size": evidence.size})
    return evidence


@transaction.atomic
def manual_evidence_remove(*, evidence: ManualEvidence, actor=None) -> None:
    """Remove an evidence file of a draft run (the stored bytes go after commit)."""
    require(access.can_assessment_score(actor), "只有评估员、公开办或管理员可以删除评分依据材料")
    run = _draft_lock(evidence.run)
    leaf = next((i for i in spec_parse(run.set_yaml).manual_leaves()
                 if i.code == evidence.indicator_code), None)
    require(access.can_manual_score(actor, leaf.stage if leaf else ""),
            "该材料不属于您的考评环节")
    storage, stored, name = evidence.file.storage, evidence.file.name, evidence.name
    unit = evidence.unit
    evidence.delete()
    audit_record(actor=actor, action="assessment_evidence_remove", target=run, unit=unit,
                 data={"indicator": evidence.indicator_code, "name": name})
    transaction.on_commit(lambda: storage.delete(stored) if stored else None)
