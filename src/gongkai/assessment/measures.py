"""The registry of named measures (取数方法): set-based reads of the platform's own data.

A measure is a function `(ctx: MeasureContext, params: dict) -> dict[unit_id, Measured]`. It
reads every unit of the run at once — one or two aggregate queries whatever the number of units
or documents — and returns for each unit the value scored (a share for `ratio`, a count of
findings for `deduct` / `bonus` / `veto`) and the evidence: which documents, requests or
serial numbers cost the points. Register a new one with `@measure("name")`; the indicator YAML
names it (`measure: name`).
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.domain.results import Measured

EVIDENCE_LIMIT = 50  # items kept per unit and measure; the count of all is kept beside them

MeasureFn = Callable[["MeasureContext", dict[str, Any]], dict[int, Measured]]
REGISTRY: dict[str, MeasureFn] = {}
LABELS: dict[str, str] = {}


def measure(name: str, label: str = ""):
    def register(fn: MeasureFn) -> MeasureFn:
        REGISTRY[name] = fn
        LABELS[name] = label or name
        return fn

    return register


class Evidence:
    """The findings of one measure, bounded: per unit the first `limit` items are kept and every
    finding is counted, so a unit with 20,000 late documents stores 50 items and the number
    20,000 (docs/result-json.md: evidence_total, evidence_truncated). An item may be given as a
    function, called only when the item is kept: the rows past the limit cost a count, not the
    wording of their detail."""

    def __init__(self, limit: int | None = None):
        self.limit = EVIDENCE_LIMIT if limit is None else limit
        self.kept: dict[int, list[dict[str, Any]]] = defaultdict(list)
        self.total: dict[int, int] = defaultdict(int)

    def add(self, uid: int, item: dict[str, Any] | Callable[[], dict[str, Any]]) -> None:
        self.total[uid] += 1
        kept = self.kept[uid]
        if len(kept) < self.limit:
            kept.append(item() if callable(item) else item)

    def count(self, uid: int) -> int:
        return self.total.get(uid, 0)

    def items(self, uid: int) -> list[dict[str, Any]]:
        return self.kept.get(uid, [])

    def measured(self, uid: int, value, detail: str) -> Measured:
        return Measured(value, self.items(uid), detail, self.count(uid))


@dataclass
class MeasureContext:
    start: date
    end: date
    unit_ids: list[int]
    limit_workdays: int = field(default_factory=lambda: settings.TIMELINESS_LIMIT_WORKDAYS)
    _workday_index: Any = None

    @property
    def year(self) -> int:
        return self.end.year

    def workdays(self) -> WorkdayIndex:
        if self._workday_index is None:
            from gongkai.core.calendar import work_calendar

            self._workday_index = WorkdayIndex(work_calendar())
        return self._workday_index


class WorkdayIndex:
    """Working-day counts by prefix sums over the calendar, so 200,000 documents cost one pass
    over the days of the period, not one calendar walk each. Same rule as
    WorkCalendar.workdays_between: the first day is not counted."""

    def __init__(self, calendar):
        self.calendar = calendar
        self._first: date | None = None
        self._cumulative: list[int] = []
        self._workdays: list[date] = []

    def _ensure(self, low: date, high: date) -> None:
        if self._first is not None and low >= self._first and (
            high <= self._first + timedelta(days=len(self._cumulative) - 1)
        ):
            return
        if self._first is not None:
            low = min(low, self._first)
            high = max(high, self._first + timedelta(days=len(self._cumulative) - 1))
        days = (high - low).days + 1
        cumulative, workdays, running = [], [], 0
        for i in range(days):
            d = low + timedelta(days=i)
            if self.calendar.is_workday(d):
                running += 1
                workdays.append(d)
            cumulative.append(running)
        self._first, self._cumulative, self._workdays = low, cumulative, workdays

    def between(self, a: date, b: date) -> int:
        if b <= a:
            return 0
        self._ensure(a, b)
        return self._cumulative[(b - self._first).days] - self._cumulative[(a - self._first).days]

    def deadline(self, start: date, n: int) -> date:
        """The nth working day after start (start itself not counted)."""
        self._ensure(start, start + timedelta(days=n * 2 + 40))
        i = bisect.bisect_right(self._workdays, start)
        if i + n - 1 >= len(self._workdays):
            self._ensure(start, start + timedelta(days=n * 7 + 60))
            i = bisect.bisect_right(self._workdays, start)
        return self._workdays[i + n - 1] if n > 0 else start


def _day_start(d: date) -> datetime:
    """Local midnight at the start of d, aware when time zones are on."""
    start = datetime.combine(d, datetime.min.time())
    return timezone.make_aware(start) if settings.USE_TZ else start


def _local_date(value: datetime | None, zone=None) -> date | None:
    """The local calendar day of a stamp (``zone``: the current time zone, when the caller
    converts many stamps and has looked it up once)."""
    if value is None:
        return None
    if timezone.is_aware(value):
        return value.astimezone(zone or timezone.get_current_timezone()).date()
    return value.date()


def _as_date(value) -> date | None:
    """A date column read raw: a ``date``, or its ISO text where the driver returns text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _json_list(value) -> list:
    """A JSON list column read raw: text (SQLite, and PostgreSQL as Django configures psycopg)
    or already decoded."""
    if isinstance(value, (str, bytes, bytearray)):
        value = json.loads(value)
    return list(value or [])


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _doc_item(pk, title, doc_number, field_name, detail, public=False) -> dict[str, Any]:
    """Evidence about a document. `public` says whether anyone may see it (published and not
    不予公开): public pages and the 通报 show titles of public documents only."""
    return {"kind": "document", "id": pk, "title": title, "doc_number": doc_number,
            "field": field_name, "detail": detail, "public": bool(public)}


def _is_public(state: str, disclosure: str) -> bool:
    return state == "published" and disclosure != "不予公开"


def _ratio(good: dict[int, int], total: dict[int, int], evidence: Evidence, unit_ids, what: str,
           unit_word: str = "件", none: str = "无适用文件"):
    out = {}
    for uid in unit_ids:
        n = total.get(uid, 0)
        ok = good.get(uid, 0)
        out[uid] = evidence.measured(uid, (Decimal(ok) / Decimal(n)) if n else None,
                                     f"{what} {ok}/{n} {unit_word}" if n else none)
    return out


def _counted(found: Evidence, unit_ids, detail: Callable[[int], str]) -> dict[int, Measured]:
    """A count of findings per unit (deduct / bonus / veto), with the bounded evidence."""
    return {uid: found.measured(uid, found.count(uid), detail(found.count(uid))) for uid in unit_ids}


@contextmanager
def _cutoff_table(cutoffs: dict[date, tuple[datetime, bool]]):
    """The per-date cutoffs as a relation ``c(day, first_late, missing_late)``: ``first_late``
    is the first instant after the date's deadline; ``missing_late`` (1/0) says whether a row
    never stamped is late already (its deadline passed within the period). Yields the FROM
    fragment and its parameters.

    SQLite: a temporary table keyed by day, so that the documents are read through the unit
    index and each meets its cutoff by primary key (with a VALUES list the planner drove the
    join from the dates and read the documents of each date in random order: 2 s → 0.4 s for
    211,000 documents). PostgreSQL: a VALUES list, which it hashes."""
    ops = connection.ops
    rows = [(ops.adapt_datefield_value(day), ops.adapt_datetimefield_value(cutoff), int(missing))
            for day, (cutoff, missing) in cutoffs.items()]
    if connection.vendor != "sqlite":
        marks = ", ".join(["(CAST(%s AS date), CAST(%s AS timestamptz), CAST(%s AS integer))"]
                          * len(rows))
        yield f"(VALUES {marks}) AS c(day, first_late, missing_late)", [v for r in rows for v in r]
        return
    # Three statements, whatever the number of dates; the table lives with the connection
    # (the next measure replaces it) and is private to it.
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS temp.gongkai_cutoffs")
        cur.execute("CREATE TEMP TABLE gongkai_cutoffs (day date PRIMARY KEY, first_late datetime, "
                    "missing_late integer) WITHOUT ROWID")
        cur.executemany("INSERT INTO temp.gongkai_cutoffs VALUES (%s, %s, %s)", rows)
    yield "temp.gongkai_cutoffs c", []


def _cutoff_sql(population, stamp: str, cutoffs: tuple[str, list], select: str,
                extra: str = "") -> tuple[str, list]:
    """``SELECT {select} FROM document JOIN c ON 公布日期 = c.day WHERE population [AND
    {extra}]``: each row meets the cutoff of its 公布日期 in the database (``c`` from
    ``_cutoff_table``; it holds the period's dates only, so the join is the period filter).
    The document table is joined directly, not as a subquery, so the statement stays flat."""
    qn = connection.ops.quote_name
    query = population.query
    table = qn(population.model._meta.db_table)
    if sum(1 for n in query.alias_refcount.values() if n) > 1:
        raise AssessmentError("on-time population must filter the document table alone")
    where, params = query.get_compiler(connection=connection).compile(query.where)
    source, source_params = cutoffs
    sql = (f"SELECT {select} FROM {table} JOIN {source} ON {table}.{qn('publish_date')} = c.day "
           f"WHERE ({where})" + (f" AND {extra}" if extra else ""))
    column = f"{table}.{{}}".format
    names = {"stamp": stamp, "unit": "unit_id", "id": "id", "day": "publish_date",
             "title": "title", "number": "doc_number", "state": "state", "disclosure": "disclosure"}
    return sql.format(**{k: column(qn(v)) for k, v in names.items()}), [*source_params, *params]


_LATE = "({stamp} >= c.first_late OR ({stamp} IS NULL AND c.missing_late = 1))"


def _timeliness(ctx: MeasureContext, *, stamp: str, population: Q, verb: str):
    """On time: stamped within ``limit_workdays`` working days of the 公布日期. The deadline
    depends on the date alone: it is worked out once per distinct date (at most the days of
    the period). The database counts, per unit, the on-time rows and the late ones (stamped
    after the deadline, or never stamped although the deadline passed within the period; a row
    never stamped whose deadline falls after the period is not counted) in one pass, and
    returns only the first ``EVIDENCE_LIMIT`` late rows of each unit, for their evidence."""
    from gongkai.documents.models import Document

    limit = ctx.limit_workdays
    base = Document.objects.filter(population, unit_id__in=ctx.unit_ids,
                                   publish_date__gte=ctx.start, publish_date__lte=ctx.end)
    index = ctx.workdays()
    deadlines: dict[date, date] = {}
    for published in base.order_by().values_list("publish_date", flat=True).distinct():
        deadlines[published] = index.deadline(published, limit)
    evidence = Evidence()
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    if not deadlines:
        return good, total, evidence
    cutoffs = {d: (_day_start(due + timedelta(days=1)), due <= ctx.end)
               for d, due in deadlines.items()}
    # The join with the period's dates is the period filter: no date range in the WHERE, which
    # SQLite would otherwise answer from the 公布日期 index, in random order.
    units = Document.objects.filter(population, unit_id__in=ctx.unit_ids)
    columns = ("{id}", "{unit}", "{title}", "{number}", "{day}", "{stamp}", "{state}",
               "{disclosure}")
    with _cutoff_table(cutoffs) as table, connection.cursor() as cur:
        counts_sql, params = _cutoff_sql(
            units, stamp, table,
            f"{{unit}}, SUM(CASE WHEN {{stamp}} < c.first_late THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {_LATE} THEN 1 ELSE 0 END)")
        cur.execute(f"{counts_sql} GROUP BY 1", params)
        for uid, n_good, n_late in cur.fetchall():
            good[int(uid)] = int(n_good or 0)
            total[int(uid)] = int(n_good or 0) + int(n_late or 0)
            evidence.total[int(uid)] = int(n_late or 0)
        # The first EVIDENCE_LIMIT late rows of each unit, with what their evidence names, in
        # one statement (values as the database returns them: the stamp goes through the
        # backend's own converter, a date given as text is matched by its ISO form).
        ranked, params = _cutoff_sql(
            units, stamp, table,
            ", ".join(f"{c} AS c{i}" for i, c in enumerate(columns))
            + ", ROW_NUMBER() OVER (PARTITION BY {unit} ORDER BY {day}, {id}) AS nth", _LATE)
        names = ", ".join(f"c{i}" for i in range(len(columns)))
        cur.execute(f"SELECT {names} FROM ({ranked}) t WHERE nth <= %s ORDER BY c1, c4, c0",
                    [*params, evidence.limit])
        rows = cur.fetchall()
    # A stamp read raw goes through the backend's own converter where it has one (SQLite: text
    # or naive UTC → aware); PostgreSQL returns an aware datetime already.
    convert = getattr(connection.ops, "convert_datetimefield_value", lambda v, _e, _c: v)
    zone = timezone.get_current_timezone()
    for pk, uid, title, number, published, stamped, state, disclosure in rows:
        published = _as_date(published)
        due = deadlines[published]
        done = _local_date(convert(stamped, None, connection), zone)
        if done is None:
            detail = f"{_cn(published)}公布，应于{_cn(due)}前{verb}，截至{_cn(ctx.end)}未{verb}"
        else:
            detail = (f"{_cn(published)}公布，{_cn(done)}{verb}，为公布后第"
                      f"{index.between(published, done)}个工作日（限{limit}个工作日）")
        evidence.kept[uid].append(_doc_item(pk, title, number or "", stamp, detail,
                                            _is_public(state, disclosure)))
    return good, total, evidence


@measure("submitted_on_time", "报送及时：公布之日起 N 个工作日内报送的文件占比")
def submitted_on_time(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    if "limit_workdays" in params:
        ctx = MeasureContext(ctx.start, ctx.end, ctx.unit_ids, int(params["limit_workdays"]),
                             ctx._workday_index)
    good, total, evidence = _timeliness(ctx, stamp="submitted_at", population=Q(), verb="报送")
    return _ratio(good, total, evidence, ctx.unit_ids, "按时报送")


@measure("published_on_time", "发布及时：主动公开文件公布之日起 N 个工作日内发布的占比")
def published_on_time(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    if "limit_workdays" in params:
        ctx = MeasureContext(ctx.start, ctx.end, ctx.unit_ids, int(params["limit_workdays"]),
                             ctx._workday_index)
    population = Q(disclosure="主动公开") & ~Q(state__in=["withheld", "draft"])
    good, total, evidence = _timeliness(ctx, stamp="published_at", population=population,
                                        verb="发布")
    return _ratio(good, total, evidence, ctx.unit_ids, "按时发布")


def _gap_excuses(unit_ids, year) -> set[tuple[int, str, int]]:
    """Gaps the unit explained on its gaps page (review.GapNote, 缺号说明)."""
    from gongkai.review.models import GapNote

    rows = GapNote.objects.filter(unit_id__in=unit_ids, year=year).values_list(
        "unit_id", "doc_prefix", "serial"
    )
    return {(u, p, s) for u, p, s in rows}


@measure("serial_gaps", "报送完整：当年发文字号序号的缺号数")
def serial_gaps(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """Missing serials of each 机关代字 in the period's year — the same rule as the unit's own
    gaps page (review.domain.serials.missing_serials: between the lowest and highest registered
    serial; params.from_one counts from 1). Gaps the unit explained (缺号说明) are excused."""
    from gongkai.documents.models import Document
    from gongkai.review.domain.serials import missing_serials

    rows = (
        Document.objects.filter(unit_id__in=ctx.unit_ids, doc_year=ctx.year,
                                doc_serial__isnull=False)
        .exclude(doc_prefix="")
        .order_by()
        .values_list("unit_id", "doc_prefix", "doc_serial")
    )
    serials: dict[tuple[int, str], set[int]] = defaultdict(set)
    for uid, prefix, serial in rows.iterator(chunk_size=5000):
        serials[(uid, prefix)].add(serial)
    excused = _gap_excuses(ctx.unit_ids, ctx.year)
    from_one = bool(params.get("from_one", False))
    found = Evidence()
    excused_count: dict[int, int] = defaultdict(int)
    for (uid, prefix), present in sorted(serials.items()):
        missing = missing_serials(present)
        if from_one:
            missing = [s for s in range(1, max(present)) if s not in present]
        for serial in missing:
            if (uid, prefix, serial) in excused:
                excused_count[uid] += 1
                continue
            found.add(uid, {"kind": "serial_gap", "doc_number": f"{prefix}〔{ctx.year}〕{serial}号",
                               "field": "doc_serial", "detail": "缺号：未报送也未说明原因"})
    out = {}
    for uid in ctx.unit_ids:
        note = f"，已说明原因 {excused_count[uid]} 个" if excused_count.get(uid) else ""
        out[uid] = found.measured(uid, found.count(uid), f"缺号 {found.count(uid)} 个{note}")
    return out


METADATA_FIELDS = {
    "title": "标题", "doc_number": "发文字号", "issuers": "制定机关", "publish_date": "公布日期",
    "level": "效力等级", "category": "主题分类", "index_no": "索引号",
    "effective_date": "施行日期", "written_date": "成文日期",
}


@measure("metadata_complete", "报送规范：文章属性齐全的文件占比")
def metadata_complete(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    from gongkai.documents.models import Document

    fields = list(params.get("fields") or ["title", "doc_number", "issuers", "publish_date",
                                            "level", "category", "index_no"])
    unknown = [f for f in fields if f not in METADATA_FIELDS]
    if unknown:
        raise AssessmentError(f"metadata_complete.params.fields: 未知字段 {', '.join(unknown)}",
                              field="params.fields")
    # 解读 (interpretations) carry no 发文字号 of their own: they are checked with their document.
    qs = Document.objects.filter(unit_id__in=ctx.unit_ids, publish_date__gte=ctx.start,
                                 publish_date__lte=ctx.end, interprets__isnull=True
                                 ).exclude(state="draft")
    # Counted in the database; only the incomplete documents come back, for their evidence.
    missing_q = {}
    for f in fields:
        if f == "issuers":
            through = Document.issuers.through
            missing_q[f] = ~Exists(through.objects.filter(document_id=OuterRef("pk")))
        elif isinstance(Document._meta.get_field(f), CharField):
            missing_q[f] = Q(**{f"{f}__isnull": True}) | Q(**{f: ""})
        else:
            missing_q[f] = Q(**{f"{f}__isnull": True})
    any_missing = Q()
    for q in missing_q.values():
        any_missing |= q
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for uid, n_all, n_bad in (qs.order_by().values_list("unit_id")
                              .annotate(n=Count("id"), bad=Count("id", filter=any_missing))):
        total[uid] += n_all
        good[uid] += n_all - n_bad
        evidence.total[uid] += n_bad
    # Only the first EVIDENCE_LIMIT incomplete documents of each unit come back (a window over
    # each unit's rows); the aggregate above counted all of them.
    flags = {f"missing_{f}": Case(When(q, then=Value(True)), default=Value(False),
                                  output_field=BooleanField()) for f, q in missing_q.items()}
    columns = ["id", "unit_id", "title", "doc_number", "state", "disclosure", *flags]
    nth = Window(RowNumber(), partition_by=[F("unit_id")], order_by=[F("publish_date"), F("id")])
    for row in (qs.filter(any_missing).annotate(**flags, nth=nth).filter(nth__lte=evidence.limit)
                .order_by("unit_id", "publish_date", "id")
                .values_list(*columns).iterator(chunk_size=5000)):
        values = dict(zip(columns, row, strict=True))
        missing = [METADATA_FIELDS[f] for f in fields if values[f"missing_{f}"]]
        evidence.kept[values["unit_id"]].append(_doc_item(
            values["id"], values["title"], values["doc_number"], ",".join(missing),
            f"缺少{'、'.join(missing)}", _is_public(values["state"], values["disclosure"])))
    return _ratio(good, total, evidence, ctx.unit_ids, "属性齐全")


@measure("normative_interpreted", "政策解读：地方规范性文件按时关联解读的占比")
def normative_interpreted(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """A 规范性文件 counts when a 解读 is linked to it and was published within
    ``max_delay_workdays`` working days (default 3; 0 = the same day). The evidence names each
    document without a 解读 or with a late one, and each 解读 that names a document but is
    not linked back to it (zhuanlan checks, rules as data)."""
    from gongkai.zhuanlan.domain.interpretation_checks import rules_from
    from gongkai.zhuanlan.selectors import interpretation_findings

    try:
        rules = rules_from(params)
    except ValueError as exc:
        raise AssessmentError(f"normative_interpreted.params: {exc}", field="params") from exc
    checked, good, findings = interpretation_findings(
        ctx.unit_ids, ctx.start, ctx.end, rules, workdays_between=ctx.workdays().between)
    evidence = Evidence()
    for f in sorted(findings, key=lambda f: (f.code == "not_linked", f.unit_id, f.document_id)):
        evidence.add(f.unit_id, _doc_item(f.document_id, f.title, f.doc_number,
                                             "interprets" if f.code == "not_linked"
                                             else "interpretations", f.detail, f.public))
    return _ratio(good, checked, evidence, ctx.unit_ids, "按时解读")


@measure("statutory_sections", "法定主动公开内容：专栏各栏目有内容且及时更新的占比")
def statutory_sections(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """The fifteen 第二十条 sections of each unit's 专栏 (as of the period's end): a section
    counts when it is neither empty nor stale. ``params.sections`` limits the keys scored."""
    from gongkai.zhuanlan.domain.sections import STATUS_LABELS
    from gongkai.zhuanlan.selectors import sections_by_unit

    keys = set(params.get("sections") or [])
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for uid, states in sections_by_unit(ctx.unit_ids, today=ctx.end).items():
        for state in states:
            rule = state.rule
            if keys and rule.key not in keys:
                continue
            total[uid] += 1
            if state.status == "current":
                good[uid] += 1
            else:
                last = f"，最近更新 {state.last_update}" if state.last_update else ""
                evidence.add(uid, {"kind": "section", "id": rule.key, "field": "statutory",
                                      "detail": f"（{rule.item}）{rule.label}：{STATUS_LABELS[state.status]}{last}",
                                      "public": True})
    return _ratio(good, total, evidence, ctx.unit_ids, "栏目正常", "个", "无栏目")


@measure("guide_current", "公开指南：指南未在一年内审核或联系方式不全（发现数）")
def guide_current(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """One finding for a 指南 not reviewed in the year before the period's end, one for
    missing 第十九条 contact fields; score it with ``deduct``."""
    from gongkai.core.models import Unit
    from gongkai.zhuanlan.selectors import guides_by_unit

    out = {}
    codes = dict(Unit.objects.filter(pk__in=ctx.unit_ids).values_list("pk", "code"))
    for uid, guide in guides_by_unit(ctx.unit_ids, today=ctx.end).items():
        items = []
        if guide.stale:
            when = f"上次审核于 {guide.reviewed_on}" if guide.reviewed_on else "从未审核"
            items.append({"kind": "guide", "id": codes.get(uid), "field": "reviewed_on",
                          "public": True, "detail": f"政府信息公开指南{when}，超过一年未更新"})
        if guide.contact_missing:
            items.append({"kind": "guide", "id": codes.get(uid), "field": "contact", "public": True,
                          "detail": "指南缺少" + "、".join(guide.contact_missing)})
        out[uid] = Measured(len(items), items, f"{len(items)} 项", len(items))
    for uid in ctx.unit_ids:
        out.setdefault(uid, Measured(0, [], "0 项", 0))
    return out


@measure("requests_on_time", "按时答复：依申请公开在法定期限内答复的占比")
def requests_on_time(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    from gongkai.disclosure_requests.selectors import answered_on_time

    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for row in sorted(answered_on_time(set(ctx.unit_ids), ctx.start, ctx.end),
                      key=lambda r: (r.unit_id, str(r.number))):
        if row.on_time is None:
            continue  # open and not yet due when the period closed
        total[row.unit_id] += 1
        if row.on_time:
            good[row.unit_id] += 1
        else:
            answered = f"{row.answered_on} 答复" if row.answered_on else "尚未答复"
            evidence.add(row.unit_id, {
                "kind": "request", "id": row.request_id, "number": str(row.number),
                "field": "answered_on", "detail": f"答复期限 {row.due}，{answered}",
            })
    return _ratio(good, total, evidence, ctx.unit_ids, "按时答复", "件", "无适用的依申请公开申请")


RETURN_ACTIONS = ["review_return"]  # review.services.AUDIT_ACTIONS[Action.RETURN]


@measure("review_returns", "审核退回：报送后被审核退回的次数")
def review_returns(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    from gongkai.core.models import AuditLog

    actions = list(params.get("actions") or RETURN_ACTIONS)
    start = timezone.make_aware(datetime.combine(ctx.start, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(ctx.end + timedelta(days=1), datetime.min.time()))
    rows = (
        AuditLog.objects.filter(unit_id__in=ctx.unit_ids, action__in=actions, at__gte=start,
                                at__lt=end)
        .order_by("unit_id", "at", "id")
        .values_list("unit_id", "target_type", "target_id", "reason", "at")
    )
    found = Evidence()
    for uid, target_type, target_id, reason, at in rows.iterator(chunk_size=5000):
        item = {"kind": "document" if target_type == "documents.document" else "audit",
                "id": int(target_id) if target_id.isdigit() else target_id,
                "field": "state", "detail": f"{_local_date(at)} 被退回：{reason or '未写理由'}"}
        found.add(uid, item)
    return _counted(found, ctx.unit_ids, lambda n: f"被退回 {n} 次")


@measure("withheld_without_reason", "不予公开未写明依据的文件数")
def withheld_without_reason(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    from gongkai.documents.models import Document

    rows = (
        Document.objects.filter(unit_id__in=ctx.unit_ids, disclosure="不予公开",
                                disclosure_reason="", publish_date__gte=ctx.start,
                                publish_date__lte=ctx.end)
        .order_by("unit_id", "id").values_list("id", "unit_id", "title", "doc_number")
    )
    found = Evidence()
    for pk, uid, title, number in rows:
        found.add(uid, _doc_item(pk, title, number, "disclosure_reason", "不予公开未写明依据"))
    return _counted(found, ctx.unit_ids, lambda n: f"{n} 件")


@measure("annual_report_on_time", "年报按时发布且无勾稽错误")
def annual_report_on_time(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """条例 第四十九条、第五十条: each unit publishes its 政府信息公开工作年度报告 by its deadline
    (部门 31 January, 政府 31 March) with tables that add up (no check finding left without a
    recorded reason). The report assessed is that of `year + year_offset` (default −1: the report
    published during the assessed year); a unit scores 1 when both hold, else 0, with the reason
    as evidence."""
    from gongkai.annual_reports.selectors import report_assessment

    year = ctx.year + int(params.get("year_offset", -1))
    rows = report_assessment(ctx.unit_ids, year)
    out = {}
    for uid in ctx.unit_ids:
        row = rows[uid]
        items = [{"kind": "annual_report", "id": row["report_id"], "number": f"{year}年度报告",
                  "field": field_name, "detail": detail, "public": row["published"]}
                 for field_name, detail in row["problems"]]
        out[uid] = Measured(value=Decimal(0 if items else 1), evidence=items[:EVIDENCE_LIMIT],
                            detail=f"{year}年度报告：" + ("；".join(d for _f, d in row["problems"]) or "按时发布，勾稽关系无误"),
                            evidence_total=len(items))
    return out


# -- 决策预公开 (consultations) ------------------------------------------------------------------
# The seed's 存在问题 (湖北省2019年度考评通报): drafts published without a 起草说明, periods under
# 30 days without a reason, no feedback or feedback without counts, views, decisions and the
# reasons for not adopting; most units never published their 重大决策事项目录.


def _consultation_item(f, detail: str, field_name: str) -> dict[str, Any]:
    return {"kind": "consultation", "id": f.id, "title": f.title, "field": field_name,
            "detail": detail, "public": True}


@measure("decision_catalog_published", "决策事项目录：未公布当年重大行政决策事项目录")
def decision_catalog_published(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    from gongkai.consultations.selectors import published_catalog_units

    done = published_catalog_units(set(ctx.unit_ids), ctx.year)
    out = {}
    for uid in ctx.unit_ids:
        if uid in done:
            out[uid] = Measured(0, [], f"已公布{ctx.year}年度重大行政决策事项目录", 0)
        else:
            item = {"kind": "catalog", "id": None, "field": "published_at", "public": True,
                    "detail": f"未公布{ctx.year}年度重大行政决策事项目录"}
            out[uid] = Measured(1, [item], f"未公布{ctx.year}年度重大行政决策事项目录", 1)
    return out


def _consultations(ctx: MeasureContext):
    from gongkai.consultations.selectors import consultation_facts

    grouped: dict[int, list] = defaultdict(list)
    for f in consultation_facts(set(ctx.unit_ids), ctx.start, ctx.end):
        grouped[f.unit_id].append(f)
    return grouped


@measure("consultation_explained", "草案公开：征求意见时同步公开起草说明的草案占比")
def consultation_explained(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for uid, facts in _consultations(ctx).items():
        for f in facts:
            total[uid] += 1
            if f.has_explanation:
                good[uid] += 1
            else:
                evidence.add(uid, _consultation_item(f, "征求意见未同步公开起草说明", "explanation"))
    return _ratio(good, total, evidence, ctx.unit_ids, "公开起草说明", "件", "无征求意见")


@measure("consultation_period_kept", "征求意见期限：期限符合规定或说明了缩短理由的占比")
def consultation_period_kept(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    from gongkai.consultations.domain.periods import period_findings

    calendar = ctx.workdays().calendar
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for uid, facts in _consultations(ctx).items():
        for f in facts:
            total[uid] += 1
            found = [x for x in period_findings(f.kind, f.start_date, f.end_date, f.short_reason, calendar)
                     if x.code == "short_period_without_reason"]
            if found:
                evidence.add(uid, _consultation_item(f, found[0].message, "end_date"))
            else:
                good[uid] += 1
    return _ratio(good, total, evidence, ctx.unit_ids, "期限符合规定", "件", "无征求意见")


@measure("consultation_feedback_complete",
         "反馈情况：征求意见结束后按时公布完整反馈情况的占比")
def consultation_feedback_complete(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """Feedback published within `within_days` (default 30) calendar days of the close, with
    every comment decided and every view not (fully) adopted given its reason. Consultations
    whose feedback was not yet due when the period ended are left out."""
    within = int(params.get("within_days", 30))
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for uid, facts in _consultations(ctx).items():
        for f in facts:
            due = f.end_date + timedelta(days=within)
            published = f.feedback_published_on
            if due > ctx.end and (published is None or published > ctx.end):
                continue  # not yet due when the assessment period closed
            total[uid] += 1
            if published is not None and published <= due:
                good[uid] += 1
            elif published is not None:
                evidence.add(uid, _consultation_item(
                    f, f"征求意见于{_cn(f.end_date)}结束，{_cn(published)}才公布反馈情况（限{within}日内）",
                    "feedback_published_at"))
            else:
                missing = "；".join(f.problems[:3]) if f.problems else "未归纳意见"
                evidence.add(uid, _consultation_item(
                    f, f"征求意见于{_cn(f.end_date)}结束，未公布反馈情况（{missing}）", "feedback_published_at"))
    return _ratio(good, total, evidence, ctx.unit_ids, "按时公布完整反馈", "件", "无应公布反馈的征求意见")


@measure("authenticity_flags", "报送真实性：文号年份、公布与成文日期、机关代字、标题写明发文机关")
def authenticity_flags(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    """Documents of the period (by 公布日期) left with a 真实性 finding when submitted
    (assessment.domain.authenticity): each finding counts once."""
    from gongkai.assessment.domain.authenticity import authenticity_findings
    from gongkai.core.models import Unit
    from gongkai.documents.models import Document

    units = {
        pk: (list(prefixes or []), [full, *(shorts or []), *(aliases or [])])
        for pk, prefixes, full, shorts, aliases in Unit.objects.filter(pk__in=ctx.unit_ids)
        .values_list("pk", "doc_prefixes", "full_name", "short_names", "aliases")
    }
    columns = ("id", "unit_id", "title", "doc_number", "written_date", "publish_date",
               "issuer_names", "state", "disclosure")
    query = (
        Document.objects.filter(unit_id__in=ctx.unit_ids, publish_date__gte=ctx.start,
                                publish_date__lte=ctx.end, interprets__isnull=True)
        .exclude(state="draft").order_by("unit_id", "publish_date", "id")
        .values_list(*columns).query
    )
    # Every row of the period is checked, so the rows are read as the driver returns them,
    # without the ORM's per-value converters (two thirds of the time): dates given as text are
    # parsed here, and the document's own 发文机关 list only when the unit's names are not in
    # the title (the only rule that reads it).
    sql, params = query.sql_with_params()
    found = Evidence()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        while batch := cur.fetchmany(5000):
            for pk, uid, title, number, written, published, issuers, state, disclosure in batch:
                prefixes, names = units[uid]
                if title and issuers and not any(n and n in title for n in names):
                    names = [*names, *_json_list(issuers)]
                for finding in authenticity_findings(
                    doc_number=number or "", title=title, written_date=_as_date(written),
                    publish_date=_as_date(published), unit_prefixes=prefixes, issuer_names=names,
                ):
                    found.add(uid, _doc_item(pk, title, number or "", "authenticity", finding,
                                             _is_public(state, disclosure)))
    return _counted(found, ctx.unit_ids, lambda n: f"真实性问题 {n} 处")
