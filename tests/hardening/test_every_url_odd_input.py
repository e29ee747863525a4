"""No input gives a 500: odd values sent to every URL pattern of the site (issue 11, item 7).

For each pattern (the admin's own excepted), hypothesis picks values for its path
arguments and for the query or form parameters that any page reads — 0, 99999, integers
beyond 64 bits, NUL bytes, huge strings, right-to-left marks — as an anonymous visitor and
as the office (公开办) and sends GET and POST. Every answer must be below 500. The suite runs
on SQLite and on PostgreSQL (`make test-pg`), where NUL bytes and 64-bit overflows differ.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ODD = [
    "0", "-1", "99999", "1", str(2**63 - 1), str(2**63), str(2**64), "9" * 30, "9" * 5000,
    "\x00", "a\x00b", "2014\x00", "公" * 5000, "x" * 100_000, "", " ", "1e5", "0x10", "١٢",
    "\u202e", "%", "'", "\"", "<script>", "../../etc/passwd", "none", "2014年", "true",
]
PARAMS = ["q", "year", "unit", "page", "page_size", "state", "tab", "days", "category", "level",
          "validity", "sort", "in_force", "manual", "next", "period", "token", "title",
          "username", "password", "step", "action", "reason", "mark", "name", "body"]
PATH_IDS = ["1", "2", "0", "99999", str(2**63 - 1), str(2**63), "9" * 30]
PATH_STRS = ["abc", "%00", "a%00b", quote("公" * 300), "..", "%2e%2e", "submit", "x" * 2000]


def _patterns() -> list[str]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    return sorted({p for p in walk(get_resolver().url_patterns) if not p.startswith("admin/")})


_ARG = re.compile(r"<(?:(\w+):)?(\w+)>")


def _fill(pattern: str, draw) -> str:
    def value(match):
        converter = match.group(1) or "str"
        return draw(st.sampled_from(PATH_IDS if converter in ("id", "int") else PATH_STRS))

    return "/" + _ARG.sub(value, pattern.lstrip("^").rstrip("$"))


@pytest.fixture
def site(public_library, make_user, unit_tree, settings):
    settings.API_RATE_LIMIT = settings.PAGE_RATE_LIMIT = settings.SEARCH_RATE_LIMIT = 0
    settings.LOGIN_FAILURES_PER_ACCOUNT = settings.LOGIN_FAILURES_PER_ADDRESS = 0
    return {"office": make_user("odd_office", unit_tree["city"], "office", "reviewer")}


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", _patterns())
def test_odd_input_to_every_url_is_never_a_server_error(client, site, pattern):
    @settings(max_examples=6, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data):
        path = _fill(pattern, data.draw)
        params = data.draw(st.dictionaries(st.sampled_from(PARAMS), st.sampled_from(ODD),
                                           max_size=4))
        who = data.draw(st.sampled_from(["anonymous", "office"]))
        method = data.draw(st.sampled_from(["get", "post"]))
        client.logout()
        if who == "office":
            client.force_login(site["office"])
        response = getattr(client, method)(path, params)
        assert response.status_code < 500, (method, path, params, who, response.status_code)

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("who, path, params, status, message", [
    ("anonymous", "/catalogue/{office}/", {"year": "0"}, 400, "参数 year：应在 1949–2100 之间"),
    ("anonymous", "/catalogue/{office}/", {"year": "99999"}, 400, "参数 year"),
    ("office", "/requests/manage/table/", {"year": "0"}, 400, "参数 year"),
    ("office", "/requests/manage/table/", {"year": "99999"}, 400, "参数 year"),
    ("office", "/requests/manage/", {"unit": str(2**64)}, 400, "参数 unit"),
    ("office", "/workbench/documents/", {"unit": str(2**64)}, 400, "参数 unit"),
    ("anonymous", "/search/", {"unit": str(2**64)}, 200, "无法识别"),
    ("anonymous", "/search/", {"q": "公开\x00"}, 400, "参数 q：含有不允许的控制字符"),
    ("anonymous", "/search/", {"category": "\x00"}, 400, "参数 category"),
    ("anonymous", "/requests/track/abc%00def/", {}, 400, "参数 网址"),
    ("anonymous", "/documents/" + str(2**64) + "/", {}, 404, ""),
    ("anonymous", "/api/v1/documents", {"unit": str(2**64)}, 422, "参数 unit"),
    ("anonymous", "/api/v1/documents", {"q": "\x00"}, 400, "参数 q"),
    ("anonymous", "/api/v1/documents/" + str(2**64), {}, 422, "参数 document_id"),
])
def test_known_crashers_get_a_named_4xx(client, site, unit_tree, who, path, params, status, message):
    if who == "office":
        client.force_login(site["office"])
    response = client.get(path.format(office=unit_tree["office"].pk), params)
    assert response.status_code == status
    assert message in response.content.decode()
