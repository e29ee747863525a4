"""Reads of the public library for the portal pages, feeds and the public API.

Every read starts from Document.objects.public().current_versions() or .visible_to(user): the one visibility
rule (documents.querysets) decides; nothing here filters on state by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.documents.domain.vocab import IN_FORCE, RelationAction
from gongkai.documents.models import Document, DocumentRelation
from gongkai.portal.domain.library_query import LibraryQuery

NEWEST_COUNT = 10
FEED_COUNT = 50
CATALOGUE_PAGE_SIZE = 100
RELATED_LIMIT = 500  # links shown on a document page, each way (a 修改决定 may amend hundreds)


# ---------------------------------------------------------------------------------------------
# Search: the search app's engine, one call.

def library_search(query: LibraryQuery, *, page_size: int = 20):
    """Run a library search through the search app (gongkai.search.services.search)."""
    from gongkai.search.services import SearchFilters, search

    filters = SearchFilters(
        unit=query.unit,
        year=query.year,
        level=query.level,
        validity=query.validity,
        category=query.category,
        in_force_only=query.in_force,
    )
    return search(query.q, filters=filters, sort=query.sort, page=query.page,
                  page_size=page_size, facets=True)


@dataclass
class ShownHit:
    document: Document
    snippet_html: str  # escaped text with <mark> around the matched words
    title_html: str = ""


def shown_hits(hits) -> list[ShownHit]:
    """The search app's hits (gongkai.search.services.Hit) as the pages and the API show
    them. The search app reads the documents through Document.objects.public().current_versions() with their
    unit, so nothing is re-read here."""
    from django.utils.html import escape

    return [ShownHit(hit.document, str(hit.snippet or ""),
                     str(hit.title_html or escape(hit.document.title))) for hit in hits]


def issuers_by_document(documents) -> dict[int, list[str]]:
    """制定机关 per document: the names as written, else the linked units (one query)."""
    out = {d.pk: [str(n) for n in d.issuer_names] for d in documents if d.issuer_names}
    missing = [d.pk for d in documents if not d.issuer_names]
    if missing:
        through = Document.issuers.through.objects.filter(document_id__in=missing)
        for document_id, name in through.values_list("document_id", "unit__full_name").order_by("id"):
            out.setdefault(document_id, []).append(name)
    return out


# ---------------------------------------------------------------------------------------------
# Home page.

@dataclass
class LibraryTotals:
    documents: int
    in_force: int
    units: int


def newest_documents(limit: int = NEWEST_COUNT) -> list[Document]:
    return list(
        Document.objects.public().current_versions()
        .select_related("unit").defer("body")  # a list of titles: 10 bodies are ~160 KB
        .order_by(F("publish_date").desc(nulls_last=True), "-id")[:limit]
    )


@dataclass
class PublicCounts:
    """Public documents (current versions) per unit, and how many of them are in force."""

    by_unit: dict[int, int]
    in_force: int

    @property
    def documents(self) -> int:
        return sum(self.by_unit.values())


def public_counts() -> PublicCounts:
    """The counts kept current by the documents app (``documents.PublicCount``, recounted for
    the units of every announced change): at most units × 时效性 rows, whatever the library's
    size."""
    from gongkai.documents.models import PublicCount

    in_force_values = {v.value for v in IN_FORCE}
    by_unit: dict[int, int] = {}
    in_force = 0
    for unit_id, validity, n in PublicCount.objects.filter(count__gt=0).values_list(
            "unit_id", "validity", "count"):
        by_unit[unit_id] = by_unit.get(unit_id, 0) + n
        if validity in in_force_values:
            in_force += n
    return PublicCounts(by_unit=by_unit, in_force=in_force)


def public_counts_by_unit() -> dict[int, int]:
    return public_counts().by_unit


def units_with_counts(counts: PublicCounts | None = None) -> list[tuple[Unit, int]]:
    """Active units that have public documents, with how many, in the units' own order."""
    by_unit = (counts or public_counts()).by_unit
    units = Unit.objects.filter(is_active=True, id__in=list(by_unit))
    return [(unit, by_unit[unit.id]) for unit in units]


def unit_tree_with_counts() -> list[tuple[Unit, int, int]]:
    """Active units in tree order (depth-first, the units' own order) with their depth and
    number of public documents: the 目录 as a tree instead of a flat list. Units above one
    with documents are shown (0) so the tree stays whole; empty branches are left out."""
    counts = public_counts_by_unit()
    units = list(Unit.objects.filter(is_active=True))
    ids = {u.pk for u in units}
    children: dict[int | None, list[Unit]] = {}
    for u in units:
        children.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    subtree: dict[int, int] = {}

    def total(u: Unit) -> int:
        subtree[u.pk] = counts.get(u.pk, 0) + sum(total(c) for c in children.get(u.pk, []))
        return subtree[u.pk]

    for root in children.get(None, []):
        total(root)
    out: list[tuple[Unit, int, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for u in children.get(parent, []):
            if subtree.get(u.pk):  # a branch without any public document is left out
                out.append((u, depth, counts.get(u.pk, 0)))
                walk(u.pk, depth + 1)

    walk(None, 0)
    return out


def library_totals(unit_counts: list[tuple[Unit, int]],
                   counts: PublicCounts | None = None) -> LibraryTotals:
    counts = counts or public_counts()
    return LibraryTotals(documents=counts.documents, in_force=counts.in_force,
                         units=len(unit_counts))


# ---------------------------------------------------------------------------------------------
# 政府信息公开目录.

def catalogue_years(unit: Unit) -> list[tuple[int | None, int]]:
    """(year of 公布日期, count) for a unit's public documents, newest first; None = undated."""
    rows = (
        Document.objects.public().current_versions()
        .filter(unit=unit)
        .order_by()
        .annotate(year=ExtractYear("publish_date"))
        .values_list("year")
        .annotate(n=Count("id"))
    )
    return sorted(rows, key=lambda row: (row[0] is None, -(row[0] or 0)))


def catalogue_documents(unit: Unit, year: int | None):
    """A unit's public documents of one year in 索引号 order (a queryset, for paging)."""
    docs = Document.objects.public().current_versions().filter(unit=unit)
    docs = docs.filter(publish_date__isnull=True) if year is None else docs.filter(
        publish_date__year=year
    )
    return docs.order_by("index_no", "publish_date", "id")


# ---------------------------------------------------------------------------------------------
# Feeds.

def feed_documents(unit: Unit | None = None, limit: int = FEED_COUNT) -> list[Document]:
    """The newest documents put into the library (by 发布时间, then 公布日期)."""
    docs = Document.objects.public().current_versions().select_related("unit").defer("body")
    if unit is not None:
        docs = docs.filter(unit=unit)
    return list(
        docs.order_by(
            F("published_at").desc(nulls_last=True),
            F("publish_date").desc(nulls_last=True),
            "-id",
        )[:limit]
    )


# ---------------------------------------------------------------------------------------------
# Document page: related documents.

OUT_LABELS = {
    RelationAction.AMEND: _("本文件修改了"),
    RelationAction.REPEAL: _("本文件废止了"),
    RelationAction.PARTLY_REPEAL: _("本文件废止了部分条款"),
    RelationAction.INVALIDATE: _("本文件宣布失效"),
    RelationAction.REPLACE: _("本文件代替了"),
    RelationAction.CITE: _("本文件引用了"),
    RelationAction.INTERPRET: _("本文件解读了"),
}
IN_LABELS = {
    RelationAction.AMEND: _("被以下文件修改"),
    RelationAction.REPEAL: _("被以下文件废止"),
    RelationAction.PARTLY_REPEAL: _("部分条款被以下文件废止"),
    RelationAction.INVALIDATE: _("被以下文件宣布失效"),
    RelationAction.REPLACE: _("被以下文件代替"),
    RelationAction.CITE: _("被以下文件引用"),
    RelationAction.INTERPRET: _("被以下文件解读"),
}
# Display order: what changed this document first, then what it changed, citations last.
GROUP_ORDER = [
    ("in", RelationAction.REPEAL), ("in", RelationAction.INVALIDATE),
    ("in", RelationAction.REPLACE), ("in", RelationAction.PARTLY_REPEAL),
    ("in", RelationAction.AMEND),
    ("out", RelationAction.REPEAL), ("out", RelationAction.INVALIDATE),
    ("out", RelationAction.REPLACE), ("out", RelationAction.PARTLY_REPEAL),
    ("out", RelationAction.AMEND),
    ("out", RelationAction.INTERPRET), ("in", RelationAction.INTERPRET),
    ("out", RelationAction.CITE), ("in", RelationAction.CITE),
]


@dataclass
class RelatedItem:
    title: str
    doc_number: str = ""
    document: Document | None = None  # None: not in the library, or not visible to the reader
    date: object = None


@dataclass
class RelationGroup:
    direction: str  # "out" (this document acts on others) or "in"
    action: str
    label: str
    items: list[RelatedItem] = field(default_factory=list)


@dataclass
class Related:
    interprets: Document | None
    interpretations: list[Document]
    groups: list[RelationGroup]
    validity_events: list

    @property
    def is_empty(self) -> bool:
        return not (self.interprets or self.interpretations or self.groups or self.validity_events)


def document_related(document: Document, visible) -> Related:
    """What links to and from a document, limited to what the reader may see.

    `visible` is Document.objects.visible_to(reader) (or .public()). An outgoing link to a
    hidden document shows the title written in this document, without a link; an incoming
    link from a hidden document is left out entirely (its existence is not public).
    """
    interprets = None
    if document.interprets_id:
        interprets = visible.filter(pk=document.interprets_id).first()
    # Every read here starts from this document's own links (the interprets / relation
    # indexes) and only then applies the visibility rule to those few ids: filtering `visible`
    # first lets the planner walk the (state, publish_date) index over every public row.
    interpretation_ids = list(Document.objects.filter(interprets_id=document.pk)
                              .order_by().values_list("pk", flat=True)[:RELATED_LIMIT])
    interpretations = list(
        visible.filter(pk__in=interpretation_ids).defer("body")
        .order_by(F("publish_date").desc(nulls_last=True), "id")
    ) if interpretation_ids else []

    out_rows = list(
        DocumentRelation.objects.filter(source=document).select_related("target")
        .defer("target__body").order_by("id")[:RELATED_LIMIT]
    )
    in_candidates = list(
        DocumentRelation.objects.filter(target=document).select_related("source")
        .defer("source__body").order_by("id")[:RELATED_LIMIT]
    )
    source_ids = {r.source_id for r in in_candidates}
    visible_sources = set(visible.filter(pk__in=source_ids).values_list("pk", flat=True)) \
        if source_ids else set()
    in_rows = [r for r in in_candidates if r.source_id in visible_sources]
    target_ids = {r.target_id for r in out_rows if r.target_id}
    visible_targets = set(visible.filter(pk__in=target_ids).values_list("pk", flat=True)) if target_ids else set()

    buckets: dict[tuple[str, str], list[RelatedItem]] = {}
    for row in out_rows:
        target = row.target if row.target_id in visible_targets else None
        buckets.setdefault(("out", row.action), []).append(RelatedItem(
            title=target.title if target else (row.target_title or _("（未收录的文件）")),
            doc_number=target.doc_number if target else row.target_doc_number,
            document=target, date=row.effective_date,
        ))
    for row in in_rows:
        buckets.setdefault(("in", row.action), []).append(RelatedItem(
            title=row.source.title, doc_number=row.source.doc_number, document=row.source,
            date=row.effective_date or row.source.publish_date,
        ))

    groups = []
    for direction, action in GROUP_ORDER:
        items = buckets.pop((direction, action.value), None)
        if items:
            labels = OUT_LABELS if direction == "out" else IN_LABELS
            groups.append(RelationGroup(direction, action.value, str(labels[action]), items))
    for (direction, action), items in buckets.items():  # an action added later: still shown
        groups.append(RelationGroup(direction, action, action, items))

    events = list(document.validity_events.select_related("cause_document")
                  .defer("cause_document__body").order_by("date", "id"))
    cause_ids = {e.cause_document_id for e in events if e.cause_document_id}
    visible_causes = set(visible.filter(pk__in=cause_ids).values_list("pk", flat=True)) if cause_ids else set()
    for event in events:
        event.visible_cause = event.cause_document if event.cause_document_id in visible_causes else None

    return Related(interprets=interprets, interpretations=interpretations, groups=groups,
                   validity_events=events)


def document_issuers(document: Document) -> list[str]:
    """制定机关 as written on the document, else the linked units (uses prefetched issuers)."""
    if document.issuer_names:
        return [str(n) for n in document.issuer_names]
    return [u.full_name for u in document.issuers.all()]
