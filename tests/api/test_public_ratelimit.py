"""Rate limit of the public API per client address (settings.API_RATE_LIMIT per minute)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from gongkai.api.ratelimit import WINDOW_SECONDS, rate_limit_check

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_check_counts_per_address_in_fixed_windows():
    start = 1_000_000 * WINDOW_SECONDS + 10  # 10 s into a window
    assert [rate_limit_check("10.0.0.1", limit=3, now=start) for _ in range(3)] == [None] * 3
    assert rate_limit_check("10.0.0.1", limit=3, now=start + 5) == WINDOW_SECONDS - 15
    assert rate_limit_check("10.0.0.2", limit=3, now=start + 5) is None  # another address
    assert rate_limit_check("10.0.0.1", limit=3, now=start + WINDOW_SECONDS) is None  # next window


def test_check_with_limit_zero_is_off():
    assert all(rate_limit_check("10.0.0.1", limit=0) is None for _ in range(500))


@pytest.mark.parametrize(
    "url",
    ["/api/v1/documents", "/api/v1/units", "/api/v1/documents/1", "/api/v1/export/documents.csv"],
)
def test_endpoint_answers_429_in_chinese_with_retry_after(client, settings, url):
    settings.API_RATE_LIMIT = 2
    assert client.get(url).status_code in (200, 404)
    assert client.get(url).status_code in (200, 404)
    response = client.get(url)
    assert response.status_code == 429
    assert "请求过于频繁" in response.json()["message"]
    assert 1 <= int(response["Retry-After"]) <= WINDOW_SECONDS
    # another client address is not affected
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code in (200, 404)


def test_limit_is_shared_across_public_endpoints(client, settings):
    settings.API_RATE_LIMIT = 3
    assert client.get("/api/v1/units").status_code == 200
    assert client.get("/api/v1/documents").status_code == 200
    assert client.get("/api/v1/units").status_code == 200
    assert client.get("/api/v1/documents").status_code == 429


def test_limit_zero_turns_it_off(client, settings):
    settings.API_RATE_LIMIT = 0
    assert {client.get("/api/v1/units").status_code for _ in range(5)} == {200}


def test_forwarded_for_header_does_not_reset_the_count(client, settings):
    settings.API_RATE_LIMIT = 1
    assert client.get("/api/v1/units", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get("/api/v1/units", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_openapi_schema_is_not_rate_limited(client, settings):
    settings.API_RATE_LIMIT = 1
    assert {client.get("/api/v1/openapi.json").status_code for _ in range(3)} == {200}
