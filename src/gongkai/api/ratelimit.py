"""Per-client rate limit of the public API, counted by the shared limiter (core.ratelimit).

settings.API_RATE_LIMIT requests per minute per client address; 0 turns the limit off.
A refused request gets 429 with Retry-After and the API's error shape (api.errors).
"""

from __future__ import annotations

import functools

from django.conf import settings

from gongkai.core.ratelimit import Limit, client_address, hit

WINDOW_SECONDS = 60
MESSAGE = "请求过于频繁，请在 {seconds} 秒后重试（每个地址每分钟最多 {limit} 次）"


def rate_limit_check(address: str, *, limit: int, now: float | None = None) -> int | None:
    """Count one request for `address`. None if allowed, else the seconds until the window
    ends (for Retry-After)."""
    return hit(Limit("api", limit, WINDOW_SECONDS), address, now=now)


def rate_limited(view):
    """Decorator for a Django view or (with ninja.decorators.decorate_view) an API operation."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        from gongkai.api.errors import error_response

        limit = int(getattr(settings, "API_RATE_LIMIT", 120) or 0)
        retry_after = rate_limit_check(client_address(request), limit=limit)
        if retry_after is not None:
            response = error_response(
                429, "rate_limited", MESSAGE.format(seconds=retry_after, limit=limit)
            )
            response["Retry-After"] = str(retry_after)
            return response
        return view(request, *args, **kwargs)

    return wrapper
