"""Per-client rate limit of the public API: a fixed one-minute window counted in Django's
cache (cache.add + cache.incr are atomic on locmem, Memcached and Redis, so several app
servers behind one Redis share the count).

settings.API_RATE_LIMIT requests per minute per client address; 0 turns the limit off.
"""

from __future__ import annotations

import functools
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

WINDOW_SECONDS = 60
MESSAGE = "请求过于频繁，请在 {seconds} 秒后重试（每个地址每分钟最多 {limit} 次）"


def client_address(request) -> str:
    """The address the request came from. REMOTE_ADDR only: X-Forwarded-For is set by the
    client and would let anyone pick a fresh address per request; a proxy in front must
    set REMOTE_ADDR (e.g. uwsgi/gunicorn behind nginx with the real-ip module)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def rate_limit_check(address: str, *, limit: int, now: float | None = None) -> int | None:
    """Count one request for `address`. None if allowed, else the seconds until the window
    ends (for Retry-After)."""
    if limit <= 0:
        return None
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    key = f"api-rate:{address}:{window}"
    # The key outlives its window a little so a slow clock on another server cannot reset it.
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


def rate_limited(view):
    """Decorator for a Django view or (with ninja.decorators.decorate_view) an API operation."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = int(getattr(settings, "API_RATE_LIMIT", 120) or 0)
        retry_after = rate_limit_check(client_address(request), limit=limit)
        if retry_after is not None:
            response = JsonResponse(
                {"detail": MESSAGE.format(seconds=retry_after, limit=limit), "code": "rate_limited"},
                status=429, json_dumps_params={"ensure_ascii": False},
            )
            response["Retry-After"] = str(retry_after)
            return response
        return view(request, *args, **kwargs)

    return wrapper
