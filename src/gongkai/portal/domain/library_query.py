"""The state of a library search (检索条件), kept entirely in the URL.

A results page is shareable and the back button works because every piece of state — the
query, each filter, the 现行有效 switch, the sort and the page — lives in the query string.
This module parses that query string and builds the links that add or remove one filter.
Plain Python: no django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from gongkai.documents.domain.vocab import Level, Validity

FILTER_KEYS = ("unit", "year", "level", "validity", "category")
SORTS = ("relevance", "date")
MAX_QUERY_CHARS = 1000  # longer input is cut, never rejected (a query is data)
MAX_PAGE = 10_000
YEAR_RANGE = (1949, 2100)
MAX_ID = 2**63 - 1  # a unit id must fit the 64-bit column (SQLite raised OverflowError)


@dataclass(frozen=True)
class LibraryQuery:
    q: str = ""
    unit: int | None = None
    year: int | None = None
    level: str | None = None
    validity: str | None = None
    category: str | None = None
    in_force: bool = False
    sort: str = "relevance"
    page: int = 1

    def params(self) -> dict[str, str]:
        """The non-default values, in a stable order, as URL parameters."""
        out: dict[str, str] = {}
        if self.q:
            out["q"] = self.q
        for key in FILTER_KEYS:
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = str(value)
        if self.in_force:
            out["in_force"] = "1"
        if self.sort != "relevance":
            out["sort"] = self.sort
        if self.page != 1:
            out["page"] = str(self.page)
        return out

    def querystring(self) -> str:
        params = self.params()
        return "?" + urlencode(params) if params else "?"

    def with_filter(self, key: str, value: object) -> LibraryQuery:
        """The same search narrowed by one filter; back to page 1."""
        if key not in FILTER_KEYS:
            raise KeyError(key)
        return replace(self, page=1, **{key: _coerce(key, value)})  # type: ignore[arg-type]

    def without(self, key: str) -> LibraryQuery:
        """The same search with one filter (or the switch) removed; back to page 1."""
        if key == "in_force":
            return replace(self, page=1, in_force=False)
        if key == "q":
            return replace(self, page=1, q="")
        if key not in FILTER_KEYS:
            raise KeyError(key)
        return replace(self, page=1, **{key: None})  # type: ignore[arg-type]

    def with_sort(self, sort: str) -> LibraryQuery:
        return replace(self, page=1, sort=sort if sort in SORTS else "relevance")

    def with_in_force(self, on: bool) -> LibraryQuery:
        return replace(self, page=1, in_force=on)

    def with_page(self, page: int) -> LibraryQuery:
        return replace(self, page=max(1, min(int(page), MAX_PAGE)))

    @property
    def active_filters(self) -> list[tuple[str, object]]:
        return [(k, getattr(self, k)) for k in FILTER_KEYS if getattr(self, k) not in (None, "")]

    @property
    def is_empty(self) -> bool:
        return not self.q and not self.active_filters and not self.in_force


@dataclass(frozen=True)
class ParsedQuery:
    query: LibraryQuery
    # Values that were ignored, by parameter name: shown to the user, never an error page.
    ignored: dict[str, str] = field(default_factory=dict)


def _coerce(key: str, value: object) -> object:
    if key in ("unit", "year"):
        return int(str(value))
    return str(value)


_LEVELS = frozenset(m.value for m in Level)
_VALIDITIES = frozenset(m.value for m in Validity)


def parse_library_query(params: Mapping[str, str]) -> ParsedQuery:
    """Read the query string of a results page.

    Bad values (a year that is not a number, an unknown 效力等级 …) are dropped and reported
    in `ignored` so the page can say which parameter it did not understand.
    """
    ignored: dict[str, str] = {}
    values: dict[str, object] = {}

    q = " ".join((params.get("q") or "").split())
    values["q"] = q[:MAX_QUERY_CHARS]

    for key in ("unit", "year", "page"):
        raw = (params.get(key) or "").strip()
        if not raw:
            continue
        if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
            ignored[key] = raw[:40]
            continue
        number = int(raw)
        if key == "year" and not YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
            ignored[key] = raw
            continue
        if key == "page":
            number = max(1, min(number, MAX_PAGE))
        if key == "unit" and not 1 <= number <= MAX_ID:
            ignored[key] = raw
            continue
        values[key] = number

    for key, allowed in (("level", _LEVELS), ("validity", _VALIDITIES)):
        raw = (params.get(key) or "").strip()
        if not raw:
            continue
        if raw in allowed:
            values[key] = raw
        else:
            ignored[key] = raw

    category = (params.get("category") or "").strip()
    if category:
        values["category"] = category[:200]

    in_force = (params.get("in_force") or "").strip().lower()
    values["in_force"] = in_force in ("1", "true", "on", "yes")

    sort = (params.get("sort") or "").strip()
    if sort:
        if sort in SORTS:
            values["sort"] = sort
        else:
            ignored["sort"] = sort

    return ParsedQuery(query=LibraryQuery(**values), ignored=ignored)  # type: ignore[arg-type]


def page_window(current: int, last: int, *, radius: int = 2) -> list[int | None]:
    """Page numbers to show in a pager: first, last, and `radius` around the current one;
    None marks a gap (…)."""
    if last <= 1:
        return [1] if last == 1 else []
    current = max(1, min(current, last))
    wanted = {1, last} | set(range(max(1, current - radius), min(last, current + radius) + 1))
    out: list[int | None] = []
    previous = 0
    for number in sorted(wanted):
        if number - previous > 1:
            out.append(None)
        out.append(number)
        previous = number
    return out
