"""Reads for annual reports: the figures of 表二–表四 from the platform's own data, the roll-up
of an office's units, the reports a user may see, the office overview.

表二 (第二十条第（一）项) counts the unit's documents by 效力等级 — 规章 (地方政府规章, 部门规章)
and 行政规范性文件 (地方规范性文件) — from their 公布日期 and 时效性 history (ValidityEvent):
  本年制发件数  公布日期 in the year (registered documents; drafts not counted; a version that a
                修改决定 produced or a 整理版 is not a new issuance: the decision is counted);
  本年废止件数  a 废止 or 失效 event dated in the year (repealed, or expired at 有效期至);
  现行有效件数  公布日期 on or before 31 December and, on that day, not 废止 or 失效; a rule
                filed in several versions (作品) counts once, by its latest official version
                published by that day.
表三 comes from the 依申请公开 requests (disclosure_requests.selectors.table_three_for_period);
表四 from the case register (ReviewCase). The rows the platform holds no data for (行政许可,
行政处罚, 行政强制, 行政事业性收费) are the unit's entries.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.cases import Case, table_four_for_period
from gongkai.annual_reports.domain.states import GOVERNMENT_KINDS, State, deadline, rolls_up
from gongkai.annual_reports.models import AnnualReport, ReviewCase
from gongkai.core import access
from gongkai.core.models import Unit
from gongkai.disclosure_requests.selectors import table_three_for_period
from gongkai.documents.domain.vocab import Level, Validity, VersionKind
from gongkai.documents.domain.vocab import State as DocumentState
from gongkai.documents.models import Document, ValidityEvent

LEVEL_ROWS = {
    F.REGULATION: (Level.LOCAL_GOV_RULE.value, Level.DEPARTMENT_RULE.value),
    F.NORMATIVE: (Level.NORMATIVE.value,),
}
ENDED = (Validity.REPEALED.value, Validity.INVALID.value)


def roll_up_unit_ids(unit: Unit) -> list[int]:
    """The unit and, for a government, the departments and streets below it (stopping at the
    governments below, which report on their own)."""
    ids = [unit.pk]
    if not rolls_up(unit.kind):
        return ids
    frontier = [unit.pk]
    while frontier:
        children = list(Unit.objects.filter(parent_id__in=frontier).exclude(kind__in=GOVERNMENT_KINDS)
                        .values_list("id", flat=True))
        children = [c for c in children if c not in ids]
        ids += children
        frontier = children
    return ids


def child_unit_ids(unit: Unit) -> list[int]:
    return [i for i in roll_up_unit_ids(unit) if i != unit.pk]


def _validity_on(events: list[tuple[date, str, str]], current: str, day: date) -> str:
    """时效性 of a document on `day` from its events (date, from, to), sorted by date."""
    before = [e for e in events if e[0] <= day]
    if before:
        return before[-1][2]
    if events:
        return events[0][1] or current
    return current


def table_two_documents(unit_ids: list[int], year: int) -> dict:
    return table_two_for_period(unit_ids, date(year, 1, 1), date(year, 12, 31))


def _latest_versions(docs: list[tuple]) -> list[tuple]:
    """Of rows (id, publish_date, validity, work_id, version_kind, decision_id), one per work:
    its latest official version (a 整理版 is not official); documents without a work stand alone."""
    latest: dict[int, tuple] = {}
    alone = []
    for doc in docs:
        work_id, kind = doc[3], doc[4]
        if work_id is None:
            alone.append(doc)
        elif kind != VersionKind.CONSOLIDATED.value:
            held = latest.get(work_id)
            if held is None or (doc[1], doc[0]) > (held[1], held[0]):
                latest[work_id] = doc
    return alone + list(latest.values())


def table_two_for_period(unit_ids: list[int], start: date, end: date) -> dict:
    out = {}
    for row, levels in LEVEL_ROWS.items():
        rows = list(Document.objects.filter(unit_id__in=unit_ids, level__in=levels)
                    .exclude(state=DocumentState.DRAFT.value)
                    .filter(publish_date__isnull=False, publish_date__lte=end)
                    .values_list("id", "publish_date", "validity", "work_id", "version_kind",
                                 "version_decision_id"))
        issued = [d for d in rows if d[5] is None and d[4] != VersionKind.CONSOLIDATED.value]
        docs = _latest_versions(rows)
        ids = [d[0] for d in docs]
        events: dict[int, list[tuple[date, str, str]]] = {}
        for doc_id, day, frm, to in (ValidityEvent.objects.filter(document_id__in=ids)
                                     .order_by("date", "id")
                                     .values_list("document_id", "date", "from_validity", "to_validity")):
            events.setdefault(doc_id, []).append((day, frm, to))
        made = sum(1 for d in issued if d[1] >= start)
        repealed = sum(1 for doc_id in ids for day, frm, to in events.get(doc_id, [])
                       if start <= day <= end and to in ENDED and frm not in ENDED)
        current = sum(1 for doc_id, _p, validity, *_rest in docs
                      if _validity_on(events.get(doc_id, []), validity, end) not in ENDED)
        out[row] = {F.MADE: made, F.REPEALED: repealed, F.CURRENT: current}
    return out


def table_three(unit_ids: list[int], year: int) -> dict[str, list[int]]:
    return table_three_period(unit_ids, date(year, 1, 1), date(year, 12, 31))


def table_three_period(unit_ids: list[int], start: date, end: date) -> dict[str, list[int]]:
    """表三 in the form's rows from disclosure_requests' counts (columns in the form's order)."""
    data = table_three_for_period(unit_ids, start, end)
    cols = data["columns"]
    named = {"new": data["new"], "carried_over": data["carried_over"], "total": data["total"],
             "carried_forward": data["carried_forward"]}
    return {r.label: [(named.get(r.key) or data["outcomes"][r.key])[c] for c in cols] for r in F.TABLE3_ROWS}


def table_four_cases(unit_ids: list[int], year: int) -> dict[str, list[int]]:
    return table_four_period(unit_ids, date(year, 1, 1), date(year, 12, 31))


def table_four_period(unit_ids: list[int], start: date, end: date) -> dict[str, list[int]]:
    cases = [Case(k, f, o, d) for k, f, o, d in ReviewCase.objects.filter(
        unit_id__in=unit_ids, filed_on__gte=start, filed_on__lte=end).values_list(
        "kind", "filed_on", "outcome", "decided_on")]
    return table_four_for_period(cases, start, end)


def entered_sum(reports: list[AnnualReport]) -> dict:
    out = dict.fromkeys(F.UNIT_ENTERED)
    for report in reports:
        for key in F.UNIT_ENTERED:
            value = (report.entered or {}).get(key)
            if value is not None:
                out[key] = round((out[key] or 0) + value, 4) if isinstance(value, float) else (out[key] or 0) + value
    return out


def figures_from_data(unit: Unit, year: int, *, entered: dict | None = None, own_only: bool = False) -> dict:
    """表二–表四 of `unit` for `year` from the platform's data (its roll-up for a government
    unless `own_only`); the unit-entered rows from `entered` (plus, for a roll-up, what the
    units below entered in their reports of the year)."""
    ids = [unit.pk] if own_only else roll_up_unit_ids(unit)
    figures = F.empty_figures()
    figures["table2"].update(table_two_documents(ids, year))
    entered = dict(entered or {})
    if len(ids) > 1:
        children = list(AnnualReport.objects.filter(unit_id__in=ids[1:], year=year))
        below = entered_sum(children)
        for key in F.UNIT_ENTERED:
            if below[key] is not None:
                own = entered.get(key) or 0
                entered[key] = round(own + below[key], 4) if isinstance(below[key], float) else own + below[key]
    for key in F.UNIT_ENTERED:
        figures["table2"][key] = entered.get(key)
    figures["table3"] = table_three(ids, year)
    figures["table4"] = table_four_cases(ids, year)
    return figures


def units_sum(unit: Unit, year: int, *, entered: dict | None = None) -> dict | None:
    """For a government's report: its own figures plus every report of the units it rolls up
    (what the roll-up check holds the report against); None for other units."""
    children = child_unit_ids(unit)
    if not children:
        return None
    if entered is None:
        own = AnnualReport.objects.filter(unit=unit, year=year).first()
        entered = own.entered if own else {}
    total = figures_from_data(unit, year, entered=entered, own_only=True)
    for report in AnnualReport.objects.filter(unit_id__in=children, year=year):
        total = F.figures_add(total, report.figures)
    missing = set(children) - set(AnnualReport.objects.filter(unit_id__in=children, year=year)
                                  .values_list("unit_id", flat=True))
    for unit_id in missing:
        total = F.figures_add(total, figures_from_data(Unit.objects.get(pk=unit_id), year, own_only=True))
    return total


def previous_report(unit: Unit, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(unit=unit, year=year - 1).first()


def report_text(report: AnnualReport) -> str:
    """The prose of a report, parts in order (what the repetition and quote checks read)."""
    texts = report.texts or {}
    keys = list(F.TEXT_KEYS) + [k for k in texts if k not in F.TEXT_KEYS]
    return "\n".join(str(texts.get(k) or "") for k in keys if texts.get(k))


# -- who sees what ----------------------------------------------------------------------------


def reports_visible_to(user):
    """Reports a user may see in the back office: their own unit's, and for the office every
    unit below it. Published reports are public (portal)."""
    scope = access.scope_ids(user) | access.workbench_scope_ids(user)
    if access.is_admin(user):
        return AnnualReport.objects.select_related("unit")
    return AnnualReport.objects.filter(unit_id__in=scope).select_related("unit")


def published_reports():
    return AnnualReport.objects.filter(state=State.PUBLISHED.value).select_related("unit", "document")


def office_overview(user, year: int, *, today: date) -> list[dict]:
    """Every unit in the office's scope with its report's state, deadline and whether it is
    late, in the unit tree's order."""
    scope = access.units_for(user, "office") or (set() if not access.is_admin(user) else
                                                 set(Unit.objects.values_list("id", flat=True)))
    units = list(Unit.objects.filter(pk__in=scope, is_active=True).order_by("sort_order", "id"))
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(unit_id__in=scope, year=year)}
    rows = []
    for unit in units:
        report = reports.get(unit.pk)
        due = deadline(year, unit.kind)
        published = report is not None and report.state == State.PUBLISHED.value
        published_on = report.published_at.date() if published and report.published_at else None
        rows.append({
            "unit": unit, "report": report, "deadline": due,
            "state": report.state if report else "",
            "late": (published_on is not None and published_on > due) or (not published and today > due),
            "open_findings": len([f for f in (report.findings if report else []) if f.get("code", "").find("read_") != 0]),
        })
    return rows


def due_reminder(unit: Unit, year: int, *, today: date) -> dict | None:
    """The workbench reminder for a unit: its report for `year` is not published and the
    deadline is within 30 days or past."""
    due = deadline(year, unit.kind)
    report = AnnualReport.objects.filter(unit=unit, year=year).first()
    if report is not None and report.state == State.PUBLISHED.value:
        return None
    days = (due - today).days
    if days > 30:
        return None
    return {"year": year, "deadline": due, "days_left": days, "report": report}


def cases_visible_to(user):
    return ReviewCase.objects.filter(
        Q(unit_id__in=access.units_for(user, "submitter")) | Q(unit_id__in=access.units_for(user, "office"))
    ).select_related("unit", "request")


def report_assessment(unit_ids: list[int], year: int) -> dict[int, dict]:
    """For the assessment measure 年报按时发布且无勾稽错误: per unit, its report of `year`, whether
    it is published, and the problems — (field, Chinese detail) pairs: not published, published
    after the deadline, check findings without a recorded reason."""
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(unit_id__in=unit_ids, year=year)}
    out: dict[int, dict] = {}
    for uid in unit_ids:
        report = reports.get(uid)
        unit = units.get(uid)
        due = deadline(year, unit.kind if unit else "department")
        problems: list[tuple[str, str]] = []
        published = report is not None and report.state == State.PUBLISHED.value
        if not published:
            problems.append(("state", f"未发布（期限 {due.isoformat()}）"))
        else:
            on = report.published_at.date() if report.published_at else None
            if on is not None and on > due:
                problems.append(("published_at", f"{on.isoformat()} 发布，晚于期限 {due.isoformat()}"))
            reasons = report.reasons or {}
            open_findings = [f for f in report.findings or []
                             if f"{f['code']}|{','.join(f.get('cells') or [])}" not in reasons]
            for f in open_findings:
                problems.append(("findings", f["message"]))
        out[uid] = {"report_id": report.pk if report else None, "published": published, "problems": problems}
    return out


# -- 统计报送: the same figures for any period ------------------------------------------------


def figures_for_period(unit_ids: list[int], start: date, end: date) -> dict:
    """表二 (documents), 表三 (requests) and 表四 (cases) for a period; the rows the platform does
    not hold stay blank (the statistics return carries what the platform knows)."""
    figures = F.empty_figures()
    figures["table2"].update(table_two_for_period(unit_ids, start, end))
    figures["table3"] = table_three_period(unit_ids, start, end)
    figures["table4"] = table_four_period(unit_ids, start, end)
    return figures


def statistics_return(unit: Unit, period, *, below: bool = False) -> dict:
    """The statistics return of `unit` for `period` (domain.periods.Period): its figures (with
    `below`, one row per unit below it and their sum), and the difference from the previous
    period's return, cell by cell (this − previous)."""
    from gongkai.core.access import unit_descendant_ids

    units = [unit]
    if below:
        ids = unit_descendant_ids([unit.pk])
        units = list(Unit.objects.filter(pk__in=ids, is_active=True).order_by("sort_order", "id"))
    per_unit = []
    total = F.empty_figures()
    previous_total = F.empty_figures()
    prev = period.previous()
    for u in units:
        figures = figures_for_period([u.pk], period.start, period.end)
        per_unit.append({"unit": u.full_name, **{k: figures[k] for k in ("table2", "table3", "table4")}})
        total = F.figures_add(total, figures)
        previous_total = F.figures_add(previous_total, figures_for_period([u.pk], prev.start, prev.end))
    return {
        "unit": unit.full_name, "period": period.code, "period_label": period.label,
        "start": period.start.isoformat(), "end": period.end.isoformat(),
        **{k: total[k] for k in ("table2", "table3", "table4")},
        "previous": {"period": prev.code, "period_label": prev.label,
                     **{k: previous_total[k] for k in ("table2", "table3", "table4")}},
        "difference": figures_difference(total, previous_total),
        "units": per_unit if below else [],
    }


def figures_difference(a: dict, b: dict) -> dict:
    """Cell-wise a − b (blank counts as 0)."""
    a, b = F.figures_copy(a), F.figures_copy(b)
    out = F.empty_figures()

    def sub(x, y):
        d = (x or 0) - (y or 0)
        return round(d, 4) if isinstance(d, float) else d

    for row in F.DOC_ROWS:
        for col in F.DOC_COLUMNS:
            out["table2"][row][col] = sub(a["table2"][row][col], b["table2"][row][col])
    for row in F.SINGLE_ROWS:
        out["table2"][row] = None if a["table2"][row] is None and b["table2"][row] is None else sub(
            a["table2"][row], b["table2"][row])
    for key in ("table3", "table4"):
        for row in out[key]:
            out[key][row] = [sub(x, y) for x, y in zip(a[key][row], b[key][row], strict=True)]
    return {k: out[k] for k in ("table2", "table3", "table4")}
