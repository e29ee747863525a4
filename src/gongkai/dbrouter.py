"""Read replica routing: anonymous GET/HEAD requests to the public pages read from the replica.

Enabled by DATABASE_REPLICA_URL (settings add the `replica` alias, this router and the
middleware). Everything else stays on `default`: every write, every signed-in user (they must
see what they just saved), the 依申请公开 pages (an applicant follows a request they just filed)
and anything inside a transaction. A replica lags by a moment; the public library tolerates
that, the back office would not.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_use_replica",
                                                                    default=False)
# Public pages served from the replica (prefixes of the path); others read from default.
REPLICA_READ_PATHS = ("/", "/search/", "/documents/", "/catalogue/", "/feeds/", "/api/v1/",
                      "/assessment/")
PRIMARY_ONLY_PATHS = ("/requests/", "/workbench/", "/admin/", "/accounts/", "/cleanup/",
                      "/api/v1/submission/", "/jobs/", "/healthz")


@contextmanager
def replica_reads():
    """Reads inside this block go to the replica (when one is configured)."""
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get() and replica_configured() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both aliases

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def is_public_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if any(path.startswith(p) for p in PRIMARY_ONLY_PATHS):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # a session may be a signed-in user: read what they just wrote
    return any(path == p or (p != "/" and path.startswith(p)) for p in REPLICA_READ_PATHS)


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if replica_configured() and is_public_read(request):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
