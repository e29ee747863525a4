"""`/healthz` for load balancers and monitoring.

Checks: the database answers, the cache answers (a write and a read), no migration is pending,
the holiday calendar knows the next 60 days, and — when jobs go through a broker — the broker
answers. JSON: {"status": "ok" | "warn" | "fail", "checks": {name: {"ok": bool, "detail": …}}}.
A failing database, cache, migration or broker check answers 503 (take this server out of the
pool); an unknown calendar only warns (200): every server would say the same, and the office
must act, not the load balancer.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

FATAL = ("database", "cache", "migrations", "queue")


def _database() -> dict:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "detail": connections[DEFAULT_DB_ALIAS].vendor}


def _cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return {"ok": ok, "detail": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _migrations() -> dict:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{m.app_label}.{m.name}" for m, _backwards in plan]
    return {"ok": not pending, "detail": pending[:20] or "up to date"}


def _calendar() -> dict:
    from gongkai.core.calendar import calendar_gaps

    days = int(getattr(settings, "CALENDAR_WARNING_DAYS", 60))
    gaps = calendar_gaps(days=days)
    return {"ok": not gaps, "detail": {"days": days, "unknown_years": gaps}}


def _queue() -> dict:
    from gongkai.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"ok": True, "detail": "broker reachable"}


def health_report() -> tuple[str, dict]:
    checks: dict[str, dict] = {}
    probes = [("database", _database), ("cache", _cache), ("migrations", _migrations),
              ("calendar", _calendar)]
    if getattr(settings, "JOBS_MODE", "eager") == "celery":
        probes.append(("queue", _queue))
    for name, probe in probes:
        started = time.monotonic()
        try:
            checks[name] = probe()
        except Exception as exc:  # a health check reports, it never raises
            checks[name] = {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:300]}
        checks[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    if any(not checks[n]["ok"] for n in FATAL if n in checks):
        status = "fail"
    elif not all(c["ok"] for c in checks.values()):
        status = "warn"
    else:
        status = "ok"
    return status, checks


@never_cache
def healthz(request):
    status, checks = health_report()
    return JsonResponse({"status": status, "checks": checks},
                        status=503 if status == "fail" else 200,
                        json_dumps_params={"ensure_ascii": False})
