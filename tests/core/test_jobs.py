"""Background jobs: run once, retried with backoff on transient errors, failures shown with
their message, audited, visible only to whoever started them."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from gongkai.core import jobs
from gongkai.core.models import AuditLog, Job


@pytest.fixture
def flaky(monkeypatch):
    """A registered job kind that fails transiently `fail_times` times, then succeeds."""
    calls = {"n": 0, "fail_times": 0, "error": OperationalError("database is locked")}

    def run(job, progress):
        calls["n"] += 1
        progress(calls["n"], 3, f"第 {calls['n']} 步", force=True)
        if calls["n"] <= calls["fail_times"]:
            raise calls["error"]
        return {"summary": "完成了", "n": calls["n"]}

    monkeypatch.setitem(jobs.RUNNERS, "test.flaky", jobs.JobKind("test.flaky", "测试任务", run))
    return calls


def _start(capture, **kwargs) -> Job:
    with capture(execute=True):
        job = jobs.job_start(kind="test.flaky", **kwargs)
    job.refresh_from_db()
    return job


def test_a_job_runs_once_and_is_audited(db, flaky, django_capture_on_commit_callbacks):
    job = _start(django_capture_on_commit_callbacks)
    assert (job.state, job.message, job.result["n"], job.percent) == ("succeeded", "完成了", 1, 100)
    actions = list(AuditLog.objects.filter(target_type="core.job", target_id=str(job.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["job_start", "job_succeeded"]
    # A duplicated message (redelivery) finds the job finished and does nothing.
    from gongkai.core.tasks import run_job

    assert run_job.apply(args=[job.pk]).get() == "skipped"
    assert flaky["n"] == 1


def test_transient_failures_are_retried_then_succeed(db, flaky, django_capture_on_commit_callbacks):
    flaky["fail_times"] = 2
    job = _start(django_capture_on_commit_callbacks)
    assert job.state == "succeeded" and job.attempts == 3 and flaky["n"] == 3


def test_retries_give_up_after_the_limit_with_the_error_shown(db, flaky, settings,
                                                             django_capture_on_commit_callbacks):
    settings.JOB_MAX_RETRIES = 2
    flaky["fail_times"] = 99
    job = _start(django_capture_on_commit_callbacks)
    assert job.state == "failed" and job.attempts == 3
    assert "database is locked" in job.error and job.message.startswith("失败")
    assert AuditLog.objects.filter(action="job_failed", target_id=str(job.pk)).count() == 1


def test_a_non_transient_error_fails_at_once(db, flaky, django_capture_on_commit_callbacks):
    flaky["fail_times"] = 1
    flaky["error"] = jobs.JobError("压缩包已不存在", field="file")
    job = _start(django_capture_on_commit_callbacks)
    assert (job.state, job.error, job.attempts) == ("failed", "压缩包已不存在", 1)


@pytest.mark.parametrize(("attempt", "seconds"), [(1, 10), (2, 20), (3, 40), (8, 600)])
def test_backoff_doubles_and_is_capped(settings, attempt, seconds):
    settings.JOB_RETRY_BACKOFF, settings.JOB_RETRY_BACKOFF_MAX = 10, 600
    assert jobs.retry_delay(attempt) == seconds


def test_same_key_while_unfinished_returns_the_same_job(db, flaky):
    first = jobs.job_start(kind="test.flaky", key="reindex")  # not committed: still pending
    assert jobs.job_start(kind="test.flaky", key="reindex").pk == first.pk
    assert Job.objects.count() == 1


def test_unknown_kind_is_refused(db):
    with pytest.raises(jobs.JobError, match="未知的任务类型"):
        jobs.job_start(kind="nope")


def test_job_page_and_status_only_for_who_started_it(client, db, flaky, unit_tree, make_user,
                                                     django_capture_on_commit_callbacks):
    owner = make_user("owner", unit_tree["office"], "submitter")
    other = make_user("other", unit_tree["office"], "submitter")
    job = _start(django_capture_on_commit_callbacks, actor=owner)
    client.force_login(owner)
    status = client.get(f"/jobs/{job.pk}/status.json").json()
    assert status["state"] == "succeeded" and status["percent"] == 100
    assert status["label"] == "测试任务" and status["summary"] == "完成了"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "测试任务" in page and "已完成" in page and "<progress" in page
    client.force_login(other)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/status.json").status_code == 404
    client.logout()
    assert client.get(f"/jobs/{job.pk}/").status_code == 302


def test_thread_mode_runs_off_the_request(transactional_db, flaky, settings):
    import time

    settings.JOBS_MODE = "thread"
    job = jobs.job_start(kind="test.flaky")
    for _ in range(600):  # a loaded machine may take seconds to schedule the thread
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.05)
    assert job.state == "succeeded"
    assert jobs.job_threads_join(timeout=30) == 0
