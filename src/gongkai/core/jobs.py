"""Background jobs (后台任务): one Job row per piece of work, one Celery task that runs it.

* An app registers what a kind of job does with `@job_runner("kind", label=…)` in its own
  `tasks.py` (Celery's autodiscovery imports them in the worker); a view or command starts one
  with `job_start(kind=…, actor=…, params=…)` and shows `/jobs/<id>/` (a progress bar).
* The task carries only the job's id. A duplicated or redelivered message finds the row
  finished and does nothing; runners themselves are idempotent (an import skips duplicates, an
  assessment job remembers the run it made, a mail job is marked sent).
* A transient failure (database locked or unreachable, connection refused, SMTP) is retried
  with exponential backoff (`JOB_MAX_RETRIES`, `JOB_RETRY_BACKOFF` seconds doubling, capped at
  `JOB_RETRY_BACKOFF_MAX`); any other error fails the job at once with its message. Start,
  success and failure are audited.
* `JOBS_MODE` decides where the task runs: `celery` (a worker through the broker),
  `thread` (in this process, off the request: `make run` needs no worker), `eager` (in this
  process, synchronously: tests and commands).
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core.errors import GongkaiError
from gongkai.core.models import Job
from gongkai.core.services import audit_record

log = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError, ConnectionError, TimeoutError, smtplib.SMTPException,
)


class JobError(GongkaiError):
    code = "job"


@dataclass(frozen=True)
class JobKind:
    kind: str
    label: str
    run: Callable[[Job, JobProgress], dict | None]


RUNNERS: dict[str, JobKind] = {}


def job_runner(kind: str, *, label: str):
    """Register `fn(job, progress) -> result dict` as what a job of this kind does."""

    def register(fn):
        RUNNERS[kind] = JobKind(kind=kind, label=label, run=fn)
        return fn

    return register


def job_kind(kind: str) -> JobKind:
    if kind not in RUNNERS:
        # Web processes import runners lazily; the worker has them from autodiscovery.
        from gongkai.celery import app

        app.loader.import_default_modules()
    if kind not in RUNNERS:
        raise JobError(f"未知的任务类型 “{kind}”", field="kind")
    return RUNNERS[kind]


def job_label(kind: str) -> str:
    try:
        return job_kind(kind).label
    except JobError:
        return kind


class JobProgress:
    """Writes done/total/message to the job row, at most every `interval` seconds."""

    def __init__(self, job: Job, *, interval: float = 0.5):
        self.job = job
        self.interval = interval
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, message: str = "",
                 *, force: bool = False) -> None:
        now = time.monotonic()
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message:
            self.job.message = message[:300]
        if force or now - self._last >= self.interval:
            self._last = now
            try:
                Job.objects.filter(pk=self.job.pk).update(
                    done=self.job.done, total=self.job.total, message=self.job.message)
            except OperationalError:
                # Progress is best effort: a locked database must not fail the work itself
                # (the next update, or the job's end, writes it).
                log.warning("job %s: progress not written (database busy)", self.job.pk)


def job_mode() -> str:
    return getattr(settings, "JOBS_MODE", "eager")


def job_start(*, kind: str, actor=None, unit=None, params: dict | None = None, key: str = "",
              total: int = 0, message: str = "") -> Job:
    """Create the job and hand it to the queue once the surrounding transaction commits.

    With a `key`, an unfinished job of the same key is returned instead of starting another
    (a reindex clicked twice, a periodic job sent twice)."""
    job_kind(kind)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    with transaction.atomic():
        if key:
            running = Job.objects.filter(key=key).exclude(
                state__in=[Job.State.SUCCEEDED, Job.State.FAILED]).first()
            if running is not None:
                return running
        job = Job.objects.create(kind=kind, actor=actor, unit=unit, params=params or {}, key=key,
                                 total=total, message=message or "等待开始")
        audit_record(actor=actor, action="job_start", target=job, unit=unit,
                     to_state=job.state, data={"kind": kind})  # params may hold personal data
        transaction.on_commit(lambda: job_dispatch(job.pk))
    return job


_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def job_threads_join(timeout: float | None = None) -> int:
    """Wait for the jobs this process runs in threads (JOBS_MODE=thread) to finish; returns how
    many are still running after `timeout` seconds. Tests call it so that no job outlives the
    test that started it (its database and MEDIA_ROOT are gone after)."""
    import time

    deadline = None if timeout is None else time.monotonic() + timeout
    with _threads_lock:
        running = list(_threads)
    for thread in running:
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        thread.join(left)
    with _threads_lock:
        _threads.difference_update({t for t in running if not t.is_alive()})
        return sum(1 for t in _threads if t.is_alive())


def job_dispatch(job_id: int) -> None:
    from gongkai.core.tasks import run_job

    mode = job_mode()
    if mode == "celery":
        run_job.apply_async(args=[job_id])
    elif mode == "thread":
        # Bind the task here, before any thread runs it: Celery binds tasks lazily (finalize
        # evaluates the pending task proxies), and two threads applying it for the first time
        # at once could see it unbound (its request_stack still None).
        run_job.app.finalize(auto=True)

        def work():
            try:
                run_job.apply(args=[job_id])
            finally:
                close_old_connections()
                from django.db import connections
                connections.close_all()

        thread = threading.Thread(target=work, name=f"gongkai-job-{job_id}", daemon=True)
        with _threads_lock:
            _threads.add(thread)
        thread.start()
    else:
        run_job.apply(args=[job_id])


def retry_delay(attempt: int) -> int:
    """Seconds before retry number `attempt` (1, 2, …): base · 2^(attempt-1), capped."""
    base = int(getattr(settings, "JOB_RETRY_BACKOFF", 10))
    cap = int(getattr(settings, "JOB_RETRY_BACKOFF_MAX", 600))
    return min(cap, base * 2 ** max(0, attempt - 1))


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, GongkaiError):
        return exc.message
    return f"{type(exc).__name__}: {exc}"


def job_execute(job_id: int, *, attempt: int, max_retries: int) -> tuple[str, BaseException | None]:
    """Run one attempt. Returns ("done" | "retry" | "failed" | "skipped", the exception)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return "skipped", None
    kind = job_kind(job.kind)
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.RUNNING, attempts=F("attempts") + 1,
        started_at=job.started_at or timezone.now(), error="")
    job.refresh_from_db()
    progress = JobProgress(job)
    try:
        result = kind.run(job, progress) or {}
    except TRANSIENT_ERRORS as exc:
        from django.db import connection

        if not connection.in_atomic_block:  # a broken connection is reopened for the retry
            close_old_connections()
        if attempt < max_retries:
            delay = retry_delay(attempt + 1)
            Job.objects.filter(pk=job.pk).update(
                state=Job.State.RETRYING, error=_error_text(exc),
                message=f"第 {attempt + 1} 次尝试失败，{delay} 秒后重试：{_error_text(exc)}"[:300])
            return "retry", exc
        _finish_failed(job, exc)
        return "failed", exc
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _finish_failed(job, exc)
        return "failed", exc
    job.refresh_from_db()
    job.state = Job.State.SUCCEEDED
    job.result = result
    job.finished_at = timezone.now()
    job.done = max(job.done, job.total)
    job.message = result.get("summary", "") or job.message or "已完成"
    job.save(update_fields=["state", "result", "finished_at", "done", "message"])
    audit_record(actor=job.actor, action="job_succeeded", target=job, unit=job.unit,
                 from_state=Job.State.RUNNING, to_state=job.state,
                 data={"kind": job.kind, "result": _brief(result)})
    return "done", None


def _brief(result: dict) -> dict:
    return {k: v for k, v in result.items() if not isinstance(v, list | dict)}


def _finish_failed(job: Job, exc: BaseException) -> None:
    text = _error_text(exc)
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, error=text,
                                         message=f"失败：{text}"[:300], finished_at=timezone.now())
    audit_record(actor=job.actor, action="job_failed", target=job, unit=job.unit,
                 from_state=Job.State.RUNNING, to_state=Job.State.FAILED, reason=text,
                 data={"kind": job.kind})


def job_can_view(user, job: Job) -> bool:
    from gongkai.core.access import can_job_view

    return can_job_view(user, job)


def jobs_stale(*, older_than: timedelta) -> list[Job]:
    """Jobs still pending/running long after they started (a worker died): for monitoring."""
    cutoff = timezone.now() - older_than
    return list(Job.objects.filter(created_at__lt=cutoff).exclude(
        state__in=[Job.State.SUCCEEDED, Job.State.FAILED]))
