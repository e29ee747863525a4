"""Reads of the 专栏: every section of a unit's column, the office's completeness view, and the
政策解读 checks the assessment scores. Public pages see only ``Document.objects.public()``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.core.domain.errors import CalendarError
from gongkai.core.models import Unit
from gongkai.documents.domain.interpretation import qa_pairs
from gongkai.documents.domain.vocab import Disclosure, Level, State, Validity
from gongkai.documents.models import Document
from gongkai.zhuanlan.domain import normative
from gongkai.zhuanlan.domain.guide import Contact, Guide, guide_build
from gongkai.zhuanlan.domain.interpretation_checks import (
    InterpretationRules,
    check_document,
)
from gongkai.zhuanlan.domain.sections import (
    STATUS_LABELS,
    SectionState,
    SectionStatus,
    load_rules,
    sections_summarise,
)
from gongkai.zhuanlan.models import Guide as GuideRow
from gongkai.zhuanlan.models import NormativeRegistration, RuleDocument, UnitContact

SECTION_PREVIEW = 5
ANNUAL_REPORT_WORDS = ("政府信息公开工作年度报告", "政务公开工作年度报告", "政府信息公开年度报告")
EXPIRED = (Validity.INVALID.value, Validity.REPEALED.value)
STANDARD_SECTIONS = [
    ("guide", "政府信息公开指南"),
    ("rules", "政府信息公开制度"),
    ("statutory", "法定主动公开内容"),
    ("reports", "政府信息公开年报"),
]


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code, is_active=True).first()


def column_units() -> list[dict]:
    """Active units as a tree (depth-first in sort order), for the 专栏 index and the 目录."""
    units = list(Unit.objects.filter(is_active=True).order_by("sort_order", "id"))
    children: dict[int | None, list[Unit]] = defaultdict(list)
    ids = {u.pk for u in units}
    for u in units:
        children[u.parent_id if u.parent_id in ids else None].append(u)
    out: list[dict] = []

    def walk(parent, depth):
        for u in children.get(parent, []):
            out.append({"unit": u, "depth": depth})
            walk(u.pk, depth + 1)

    walk(None, 0)
    return out


def _public(unit: Unit):
    return Document.objects.public().filter(unit=unit)


# The 指南's contact fields that are the unit's own (entered once on the unit).
UNIT_CONTACT = {"address": "contact_address", "office_hours": "contact_hours",
                "phone": "contact_phone", "fax": "contact_fax", "email": "contact_email",
                "postcode": "contact_postcode"}
COLUMN_CONTACT = ("agency_name", "website", "request_agency", "is_sample")


def _contact(unit: Unit, row: UnitContact | None) -> Contact:
    values = {f: getattr(unit, attr) for f, attr in UNIT_CONTACT.items()}
    if row is not None:
        values.update({f: getattr(row, f) for f in COLUMN_CONTACT})
    return Contact(**values)


def contact_of(unit: Unit) -> Contact:
    """The unit's contact data as the 指南 shows it: the unit's own fields plus the 专栏's."""
    return _contact(unit, UnitContact.objects.filter(unit=unit).first())


def guide_of(unit: Unit, *, today: date | None = None) -> Guide:
    today = today or timezone.localdate()
    row = GuideRow.objects.filter(unit=unit).first()
    labels = [r.label for r in load_rules()]
    return guide_build(
        unit_name=unit.full_name, contact=contact_of(unit), section_labels=labels,
        overrides=dict(row.overrides) if row else {}, reviewed_on=row.reviewed_on if row else None,
        today=today, catalogue_url=reverse("portal:catalogue_unit", args=[unit.pk]),
        request_url=_request_url())


def _request_url() -> str:
    return reverse("disclosure_requests:new")


def rule_documents(unit: Unit, *, public_only: bool = True) -> list[Document]:
    qs = Document.objects.public() if public_only else Document.objects.all()
    return list(qs.filter(unit=unit, column_rule__isnull=False)
                .order_by("-publish_date", "-id"))


def rule_suggestions(unit: Unit, limit: int = 20) -> list[Document]:
    """Documents of the unit that look like openness rules but are not tagged (制度 by title)."""
    cond = Q(title__contains="政府信息公开") | Q(title__contains="政务公开")
    kinds = Q(title__contains="制度") | Q(title__contains="办法") | Q(title__contains="规定") | Q(
        title__contains="细则") | Q(title__contains="机制") | Q(title__contains="规范")
    return list(Document.objects.filter(unit=unit, interprets__isnull=True)
                .exclude(state=State.WITHDRAWN.value).filter(cond & kinds)
                .filter(column_rule__isnull=True).order_by("-publish_date", "-id")[:limit])


@dataclass
class ReportLink:
    title: str
    url: str
    publish_date: date | None = None
    doc_number: str = ""

    def get_absolute_url(self) -> str:
        return self.url


def annual_reports(unit: Unit) -> list[ReportLink]:
    """政府信息公开年报: the unit's reports published by the annual-report app, then any other
    published document titled …年度报告 (reports made before the platform)."""
    from gongkai.annual_reports.selectors import published_reports

    out, seen = [], set()
    for r in published_reports().filter(unit=unit).order_by("-year")[:20]:
        out.append(ReportLink(r.title, reverse("annual_reports:public", args=[r.pk]),
                              getattr(r.document, "publish_date", None) if r.document_id else None))
        if r.document_id:
            seen.add(r.document_id)
    cond = Q()
    for word in ANNUAL_REPORT_WORDS:
        cond |= Q(title__contains=word)
    for d in _public(unit).filter(cond).exclude(pk__in=seen).order_by("-publish_date", "-id"):
        out.append(ReportLink(d.title, d.get_absolute_url(), d.publish_date, d.doc_number))
    return out


@dataclass
class SectionView:
    state: SectionState
    documents: list[Document] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.state.status]


def sections_of(unit: Unit, *, today: date | None = None,
                preview: int | None = SECTION_PREVIEW) -> list[SectionView]:
    """The fifteen 第二十条 sections with the unit's public documents of each kind: one query
    for the rows to classify, one for the documents shown."""
    today = today or timezone.localdate()
    rules = load_rules()
    rows = (_public(unit).filter(interprets__isnull=True).order_by("-publish_date", "-id")
            .values_list("id", "level", "category", "title", "publish_date"))
    states = sections_summarise(rules, rows, today=today)
    shown: set[int] = set()
    for st in states:
        shown.update(st.document_ids if preview is None else st.document_ids[:preview])
    docs = Document.objects.in_bulk(list(shown))
    return [SectionView(st, [docs[i] for i in (st.document_ids if preview is None
                                                 else st.document_ids[:preview]) if i in docs])
            for st in states]


def sections_by_unit(unit_ids, *, today: date) -> dict[int, list[SectionState]]:
    """The fifteen sections of many units at once (one query), for the assessment."""
    rules = load_rules()
    rows: dict[int, list] = defaultdict(list)
    for uid, pk, level, category, title, published in (
            Document.objects.public().filter(unit_id__in=list(unit_ids), interprets__isnull=True)
            .order_by("unit_id", "-publish_date", "-id")
            .values_list("unit_id", "id", "level", "category", "title", "publish_date")
            .iterator(chunk_size=5000)):
        rows[uid].append((pk, level, category, title, published))
    return {uid: sections_summarise(rules, rows.get(uid, []), today=today) for uid in unit_ids}


def guides_by_unit(unit_ids, *, today: date) -> dict[int, Guide]:
    """Every unit's 指南 state (review date, stale, contact gaps) in three queries."""
    labels = [r.label for r in load_rules()]
    contacts = {c.unit_id: c for c in UnitContact.objects.filter(unit_id__in=list(unit_ids))}
    guides = {g.unit_id: g for g in GuideRow.objects.filter(unit_id__in=list(unit_ids))}
    out = {}
    for unit in Unit.objects.filter(pk__in=list(unit_ids)):
        contact = _contact(unit, contacts.get(unit.pk))
        g = guides.get(unit.pk)
        out[unit.pk] = guide_build(unit_name=unit.full_name, contact=contact,
                                   section_labels=labels, overrides=dict(g.overrides) if g else {},
                                   reviewed_on=g.reviewed_on if g else None, today=today)
    return out


def section_of(unit: Unit, key: str, *, today: date | None = None) -> SectionView | None:
    for view in sections_of(unit, today=today, preview=None):
        if view.state.rule.key == key:
            return view
    return None


def expired_documents(unit: Unit) -> dict[str, list[Document]]:
    """废止和失效文件: 规章, 行政规范性文件 and the others, each newest first."""
    qs = list(_public(unit).filter(validity__in=EXPIRED).order_by("-publish_date", "-id"))
    out = {"rules": [], "normative": [], "other": []}
    for d in qs:
        key = ("rules" if d.level == Level.LOCAL_GOV_RULE.value
               else "normative" if d.level == Level.NORMATIVE.value else "other")
        out[key].append(d)
    return out


@dataclass
class InterpretationView:
    document: Document
    interpretations: list[Document]


def interpretations_of(unit: Unit) -> list[Document]:
    """The unit's public 解读, each with its (public) document."""
    return list(_public(unit).filter(interprets__isnull=False,
                                     interprets__state=State.PUBLISHED.value)
                .exclude(interprets__disclosure=Disclosure.WITHHELD.value)
                .select_related("interprets").order_by("-publish_date", "-id"))


def qa_of(document: Document) -> list[tuple[str, str]]:
    return qa_pairs(document.body) if document.interpretation_kind == "简明问答" else []


# -- 规范性文件 register ------------------------------------------------------------------------


@dataclass
class RegisterRow:
    registration: NormativeRegistration
    document: Document
    term_status: str
    term_label: str
    evaluation_due: date
    filing_status: str
    filing_label: str
    filing_deadline: date
    gap_finding: str


def _register_row(reg, rules, today) -> RegisterRow:
    doc = reg.document
    term = normative.term_status(rules, expires=reg.expires_on, today=today)
    published = doc.publish_date or reg.registered_on
    filing = normative.filing_status(rules, published=published, filed_on=reg.filed_on,
                                     today=today)
    gap = normative.effective_gap_finding(rules, published=doc.publish_date,
                                          effective=doc.effective_date,
                                          reason=reg.immediate_reason)
    return RegisterRow(reg, doc, term.value, normative.TERM_LABELS[term],
                       normative.evaluation_due(rules, reg.expires_on), filing.value,
                       normative.FILING_LABELS[filing], normative.filing_deadline(rules, published),
                       gap)


def register_rows(unit_ids, *, today: date | None = None, public_only: bool = True,
                  year: int | None = None, current_only: bool = True) -> list[RegisterRow]:
    today = today or timezone.localdate()
    rules = normative.load_rules()
    qs = NormativeRegistration.objects.filter(unit_id__in=list(unit_ids)).select_related(
        "document", "unit", "previous")
    if current_only:
        qs = qs.filter(is_current=True)
    if public_only:
        qs = (qs.filter(document__state=State.PUBLISHED.value)
              .exclude(document__disclosure=Disclosure.WITHHELD.value))
    if year is not None:
        qs = qs.filter(document__publish_date__year=year)
    return [_register_row(r, rules, today) for r in qs.order_by("-year", "-serial")]


def normative_unregistered(unit_ids) -> list[Document]:
    """地方规范性文件 of the units that have no registration (漏登记)."""
    return list(Document.objects.filter(unit_id__in=list(unit_ids), level=Level.NORMATIVE.value,
                                        interprets__isnull=True)
                .exclude(state__in=[State.WITHDRAWN.value, State.DRAFT.value])
                .exclude(Exists(NormativeRegistration.objects.filter(document=OuterRef("pk"))))
                .order_by("-publish_date", "-id"))


@dataclass
class FilingCatalogue:
    """备案目录 of one year: every registered 规范性文件 published that year with its 备案."""

    year: int
    rows: list[RegisterRow]
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0


def filing_catalogue(unit_ids, year: int, *, today: date | None = None) -> FilingCatalogue:
    rows = register_rows(unit_ids, today=today, public_only=False, year=year, current_only=False)
    rows = [r for r in rows if r.registration.previous_id is None]  # the first registration
    cat = FilingCatalogue(year=year, rows=rows)
    for r in rows:
        setattr(cat, r.filing_status, getattr(cat, r.filing_status) + 1)
    return cat


# -- 政策解读 checks (the assessment measure reads these) -----------------------------------------


@dataclass
class InterpretationFinding:
    unit_id: int
    document_id: int
    title: str
    doc_number: str
    code: str  # missing | late | not_linked
    detail: str
    public: bool


def _workdays_between():
    from gongkai.core.calendar import work_calendar

    calendar = work_calendar()

    def between(a: date, b: date) -> int:
        return calendar.count_workdays(a, b)

    return between


def interpretation_findings(unit_ids, start: date, end: date, rules: InterpretationRules,
                            workdays_between=None) -> tuple[dict[int, int], dict[int, int],
                                                            list[InterpretationFinding]]:
    """For every document of the rules' levels published in [start, end]: whether it has a
    解读, published within the rule's working days. Returns (checked per unit, good per unit,
    findings). A 解读 that names a document but is not linked to it is a finding of its own
    (``not_linked``) and does not count as the document's 解读."""
    workdays_between = workdays_between or _workdays_between()
    unit_ids = list(unit_ids)
    docs = list(
        Document.objects.filter(unit_id__in=unit_ids, level__in=list(rules.levels),
                                publish_date__gte=start, publish_date__lte=end,
                                interprets__isnull=True)
        .exclude(state__in=[State.DRAFT.value, State.WITHHELD.value, State.WITHDRAWN.value])
        .exclude(disclosure=Disclosure.WITHHELD.value)
        .order_by("unit_id", "publish_date", "id")
        .values_list("id", "unit_id", "title", "doc_number", "publish_date", "state"))
    readings: dict[int, list[tuple[int, date | None]]] = defaultdict(list)
    for pk, target, published_at, pdate in (
            Document.objects.filter(interprets_id__in=[d[0] for d in docs])
            .exclude(state__in=[State.DRAFT.value, State.WITHDRAWN.value])
            .values_list("id", "interprets_id", "published_at", "publish_date")):
        when = pdate or (timezone.localtime(published_at).date() if published_at else None)
        readings[target].append((pk, when))
    checked: dict[int, int] = defaultdict(int)
    good: dict[int, int] = defaultdict(int)
    findings: list[InterpretationFinding] = []
    for pk, uid, title, number, published, state in docs:
        checked[uid] += 1
        try:
            finding = check_document(published=published, readings=readings.get(pk, []),
                                     rules=rules, workdays_between=workdays_between)
        except CalendarError as exc:
            finding = None
            findings.append(InterpretationFinding(uid, pk, title, number, "calendar", str(exc),
                                                  state == State.PUBLISHED.value))
            continue
        if finding is None:
            good[uid] += 1
        else:
            findings.append(InterpretationFinding(uid, pk, title, number, finding.code,
                                                  finding.detail, state == State.PUBLISHED.value))
    from gongkai.documents.interpretations import interpretations_unlinked

    for d in interpretations_unlinked(unit_ids, published_between=(start, end),
                                      with_body=False):
        if d.state != State.DRAFT.value:
            findings.append(InterpretationFinding(d.unit_id, d.pk, d.title, d.doc_number,
                                                  "not_linked", "解读未关联到所解读的文件",
                                                  d.is_public))
    return checked, good, findings


# -- completeness (the office's view) ---------------------------------------------------------


@dataclass
class Completeness:
    unit: Unit
    contact_missing: list[str]
    sample_contact: bool
    guide_reviewed_on: date | None
    guide_stale: bool
    rules: int
    reports: int
    sections_empty: int
    sections_stale: int
    expired: int
    unlinked_interpretations: int
    unregistered_normative: int

    @property
    def problems(self) -> int:
        return (bool(self.contact_missing) + self.guide_stale + (self.rules == 0)
                + (self.reports == 0) + self.sections_empty + self.sections_stale
                + self.unlinked_interpretations + self.unregistered_normative)


def _counts(qs) -> dict[int, int]:
    return dict(qs.order_by().values_list("unit_id").annotate(n=Count("id")))


def completeness(units, *, today: date | None = None) -> list[Completeness]:
    """Every unit's 专栏 at a glance, set-based (a fixed number of queries for any number)."""
    from gongkai.documents.interpretations import interpretations_unlinked

    today = today or timezone.localdate()
    unit_list = list(units)
    ids = [u.pk for u in unit_list]
    unlinked: dict[int, int] = defaultdict(int)
    for d in interpretations_unlinked(ids, with_body=False):
        unlinked[d.unit_id] += 1
    unregistered: dict[int, int] = defaultdict(int)
    for d in normative_unregistered(ids):
        unregistered[d.unit_id] += 1
    public = Document.objects.public().filter(unit_id__in=ids)
    rules = _counts(public.filter(column_rule__isnull=False))
    report_cond = Q()
    for word in ANNUAL_REPORT_WORDS:
        report_cond |= Q(title__contains=word)
    reports = _counts(public.filter(report_cond))
    from gongkai.annual_reports.selectors import published_reports

    for (uid,) in (published_reports().filter(unit_id__in=ids, document__isnull=True)
                   .values_list("unit_id")):
        reports[uid] = reports.get(uid, 0) + 1
    expired = _counts(public.filter(validity__in=EXPIRED))
    guides = guides_by_unit(ids, today=today)
    sections = sections_by_unit(ids, today=today)
    rows = []
    for unit in unit_list:
        guide = guides[unit.pk]
        states = sections.get(unit.pk, [])
        rows.append(Completeness(
            unit=unit, contact_missing=guide.contact_missing, sample_contact=guide.sample_contact,
            guide_reviewed_on=guide.reviewed_on, guide_stale=guide.stale,
            rules=rules.get(unit.pk, 0), reports=reports.get(unit.pk, 0),
            sections_empty=sum(st.status == SectionStatus.EMPTY for st in states),
            sections_stale=sum(st.status == SectionStatus.STALE for st in states),
            expired=expired.get(unit.pk, 0),
            unlinked_interpretations=unlinked[unit.pk],
            unregistered_normative=unregistered[unit.pk]))
    return rows


def rule_documents_ids(unit_ids) -> set[int]:
    return set(RuleDocument.objects.filter(document__unit_id__in=list(unit_ids))
               .values_list("document_id", flat=True))
