"""One shared limiter: fixed windows counted in Django's cache.

``cache.add`` + ``cache.incr`` are atomic on Redis (and Memcached, and locmem within one
process), so every app-server process behind one Redis shares each count: the limit holds
for the site, not per worker. Production points the default cache at Redis (REDIS_URL);
with the default in-process cache each process counts alone (development only).

Used by the public pages (``RateLimitMiddleware``), the public API (``api.ratelimit``) and
the login lockout (``core.accounts``).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.core.cache import cache as default_cache


def client_address(request) -> str:
    """The address the request came from. REMOTE_ADDR only: X-Forwarded-For is set by the
    client and would let anyone pick a fresh address per request; a proxy in front must
    set REMOTE_ADDR (e.g. gunicorn behind nginx with the real-ip module)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


@dataclass(frozen=True)
class Limit:
    scope: str  # names the counter: "api", "pages", "search", "login-account" …
    limit: int  # hits allowed per window; 0 turns the limit off
    window: int = 60  # seconds


def _key(scope: str, identity: str, window_index: int) -> str:
    # Identities are addresses or user names: hashed by the cache backend's key function,
    # but kept short and free of spaces here so memcached would accept them too.
    safe = identity.encode("utf-8", "backslashreplace").hex()[:128]
    return f"rl:{scope}:{safe}:{window_index}"


def hit(rule: Limit, identity: str, *, now: float | None = None, cache=None) -> int | None:
    """Count one hit for ``identity``. None if allowed, else the seconds until the window ends
    (for Retry-After)."""
    if rule.limit <= 0:
        return None
    cache = cache or default_cache
    now = time.time() if now is None else now
    window_index = int(now // rule.window)
    key = _key(rule.scope, identity, window_index)
    # The key outlives its window a little so a slow clock on another server cannot reset it.
    cache.add(key, 0, timeout=rule.window * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=rule.window * 2)
        count = 1
    if count <= rule.limit:
        return None
    return max(1, math.ceil((window_index + 1) * rule.window - now))


def count(rule: Limit, identity: str, *, now: float | None = None, cache=None) -> int:
    """Hits counted so far in the current window (without counting one)."""
    cache = cache or default_cache
    now = time.time() if now is None else now
    return int(cache.get(_key(rule.scope, identity, int(now // rule.window))) or 0)


def reset(rule: Limit, identity: str, *, now: float | None = None, cache=None) -> None:
    cache = cache or default_cache
    now = time.time() if now is None else now
    cache.delete(_key(rule.scope, identity, int(now // rule.window)))
