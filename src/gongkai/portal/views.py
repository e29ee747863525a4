"""The public site (政策文件库): thin views over portal.selectors and the search app."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.domain.params import text_param, year_param
from gongkai.core.files import protected_file_response
from gongkai.core.links import reverser
from gongkai.core.models import Unit
from gongkai.documents.domain.interpretation import qa_pairs
from gongkai.documents.domain.vocab import Level, Validity
from gongkai.documents.models import Attachment, Document
from gongkai.portal import selectors
from gongkai.portal.domain.library_query import page_window, parse_library_query
from gongkai.portal.domain.summary import content_summary

RESULTS_PAGE_SIZE = 20
LIFECYCLE_TEMPLATE = "documents/_lifecycle.html"

FACET_TITLES = {
    "unit": gettext_lazy("发布单位"),
    "year": gettext_lazy("年份"),
    "level": gettext_lazy("效力等级"),
    "validity": gettext_lazy("时效性"),
    "category": gettext_lazy("主题分类"),
}


def home(request):
    counts = selectors.public_counts()
    unit_counts = selectors.units_with_counts(counts)
    return render(request, "portal/home.html", {
        "newest": selectors.newest_documents(),
        "unit_counts": unit_counts,
        "totals": selectors.library_totals(unit_counts, counts),
    })


def search_results(request):
    parsed = parse_library_query(request.GET)
    query = parsed.query
    result = selectors.library_search(query, page_size=RESULTS_PAGE_SIZE)
    last_page = max(1, -(-result.count // RESULTS_PAGE_SIZE))

    # Facet groups with a link that adds (or, for the chosen value, removes) the filter.
    facet_groups = []
    for key in ("validity", "level", "unit", "year", "category"):
        facets = (result.facets or {}).get(key) or []
        chosen = getattr(query, key)
        entries = []
        for facet in facets:
            if facet.value in ("", None):  # documents without the attribute: no filter link
                continue
            selected = chosen is not None and str(chosen) == str(facet.value)
            target = query.without(key) if selected else query.with_filter(key, facet.value)
            entries.append({"label": facet.label, "count": facet.count, "selected": selected,
                            "url": target.querystring()})
        if entries:
            facet_groups.append({"key": key, "title": FACET_TITLES[key], "entries": entries})

    labels = {key: {str(f.value): f.label for f in (result.facets or {}).get(key) or []}
              for key in FACET_TITLES}
    active = [{"key": key, "title": FACET_TITLES[key],
               "label": labels[key].get(str(value), str(value)),
               "remove_url": query.without(key).querystring()}
              for key, value in query.active_filters]

    pages = [{"number": n, "url": query.with_page(n).querystring() if n else None,
              "current": n == query.page} for n in page_window(query.page, last_page)]

    return render(request, "portal/search.html", {
        "query": query,
        "ignored": parsed.ignored,
        "result": result,
        "hits": selectors.shown_hits(result.hits),
        "facet_groups": facet_groups,
        "active": active,
        "in_force_toggle_url": query.with_in_force(not query.in_force).querystring(),
        "sort_urls": {"relevance": query.with_sort("relevance").querystring(),
                      "date": query.with_sort("date").querystring()},
        "pages": pages,
        "prev_url": query.with_page(query.page - 1).querystring() if query.page > 1 else None,
        "next_url": query.with_page(query.page + 1).querystring() if query.page < last_page else None,
        "last_page": last_page,
        "first_number": (query.page - 1) * RESULTS_PAGE_SIZE + 1,
        "levels": [m.value for m in Level],
        "validities": [m.value for m in Validity],
    })


def _lifecycle_template() -> str | None:
    """The lifecycle block (documents app) if that app ships it, else None: the page must
    render either way."""
    try:
        get_template(LIFECYCLE_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return LIFECYCLE_TEMPLATE


def document_detail(request, pk: int):
    from gongkai.documents import selectors as document_selectors
    from gongkai.documents import versions
    from gongkai.documents.domain.dates import parse_date

    visible = Document.objects.visible_to(request.user)
    document = get_object_or_404(
        visible.select_related("unit", "work").prefetch_related("issuers", "attachments"), pk=pk
    )
    from gongkai.consultations.selectors import (
        consultation_for_draft,
        consultation_for_final_document,
    )

    as_of, as_of_error, status = None, "", 200
    raw = request.GET.get("as_of", "").strip()
    if raw:
        as_of = parse_date(raw)
        if as_of is None:
            as_of_error = _("参数 as_of “%(value)s” 不是有效日期，应写作 2023-01-01") % {"value": raw[:40]}
            status = 400
        else:
            in_force = versions.version_as_of(document, as_of, visible)
            if in_force is None:
                as_of_error = _("%(date)s 时本文件尚未公布或施行") % {"date": as_of.isoformat()}
            elif in_force.pk != document.pk:
                document = get_object_or_404(
                    visible.select_related("unit", "work").prefetch_related("issuers", "attachments"),
                    pk=in_force.pk)
    work_versions = versions.work_versions(document, visible)
    return render(request, "portal/document.html", {
        "document": document,
        # 征求意见: the draft links to its consultation; a final decision document back to it
        "consultation_of_draft": consultation_for_draft(document.pk),
        "consultation_of_final": consultation_for_final_document(document.pk),
        "issuers": selectors.document_issuers(document),
        "related": selectors.document_related(document, visible),
        "qa": qa_pairs(document.body) if document.interpretation_kind == "简明问答" else [],
        "lifecycle_template": _lifecycle_template(),
        "versions": work_versions if len(work_versions) > 1 else [],
        "current_version": next((v for v in work_versions if v.is_current_version), None),
        "history": document_selectors.document_history(document, visible, work_versions),
        "worklist": document_selectors.decision_worklist(document),
        "as_of": as_of, "as_of_error": as_of_error,
    }, status=status)


def document_diff(request, pk: int):
    """Article-level diff between two versions of a work: ?from=<id> (default: the version
    before this one) to this document."""
    from gongkai.documents import versions

    visible = Document.objects.visible_to(request.user)
    document = get_object_or_404(visible, pk=pk)
    work_versions = versions.work_versions(document, visible)
    error = ""
    older = None
    raw = request.GET.get("from", "").strip()
    if raw:
        older = next((v for v in work_versions if str(v.pk) == raw), None)
        if older is None:
            error = _("参数 from “%(value)s” 不是本文件的另一个版本") % {"value": raw[:20]}
    else:
        index = next((i for i, v in enumerate(work_versions) if v.pk == document.pk), 0)
        older = work_versions[index - 1] if index > 0 else None
        if older is None:
            error = _("本文件没有更早的版本可以比较")
    changes = versions.version_diff(older, document) if older is not None else []
    return render(request, "portal/document_diff.html", {
        "document": document, "older": older, "changes": changes, "error": error,
        "versions": work_versions,
    }, status=400 if error and raw else 200)


def attachment_download(request, pk: int, aid: int):
    """Serve an attachment only if its document is visible to the reader (never a raw
    media URL: a withdrawn document's files must disappear with it)."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(Attachment, pk=aid, document=document)
    return protected_file_response(attachment.file, filename=attachment.name,
                                   content_type=attachment.content_type)


def catalogue(request):
    # Every active unit is a row with three links: reversed once each (core.links), not per row.
    catalogue_url, column_url, feed_url = (reverser("portal:catalogue_unit"),
                                           reverser("zhuanlan:column"), reverser("portal:unit_feed"))
    rows = [(unit, depth, n, catalogue_url(unit.pk), column_url(unit.code), feed_url(unit.pk))
            for unit, depth, n in selectors.unit_tree_with_counts()]
    return render(request, "portal/catalogue.html", {"unit_tree": rows})


def catalogue_unit(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id, is_active=True)
    years = selectors.catalogue_years(unit)
    if text_param(request.GET, "year") == "none":
        year = None
    else:
        year = year_param(request.GET, default=years[0][0] if years else None)
    paginator = Paginator(selectors.catalogue_documents(unit, year), selectors.CATALOGUE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    from gongkai.consultations.selectors import public_catalogs, public_consultations

    for doc in page:
        doc.summary = content_summary(doc.body)
    return render(request, "portal/catalogue_unit.html", {
        "unit": unit, "years": years, "year": year, "page": page,
        # the unit's 专栏: its 征求意见 and 重大行政决策事项目录
        "consultations": list(public_consultations().filter(unit=unit).order_by("-start_date")[:10]),
        "decision_catalogs": list(public_catalogs().filter(unit=unit)[:5]),
        "year_param": "none" if year is None else str(year),
        "annual_reports": _annual_reports(unit),
    })


def _annual_reports(unit):
    """The unit's published 政府信息公开工作年度报告 (政府信息公开年报 of its column)."""
    from gongkai.annual_reports.selectors import published_reports

    return list(published_reports().filter(unit=unit).order_by("-year")[:20])
