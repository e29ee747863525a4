"""A real Celery worker against Redis (database 1, a queue of its own): jobs started by the
site run in the worker, failures are retried with backoff and then shown with their message.
Skipped, with a message, only when Redis is unreachable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

# These tests start their own processes on their own SQLite data directories: the database the
# suite runs on does not matter to them, so the PostgreSQL run (`make test-pg`) leaves them out.
pytestmark = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="own SQLite processes: run once, in `make test`")


REDIS = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
GONGKAI = str(Path(sys.executable).parent / "gongkai")

START = textwrap.dedent('''
    import json, django
    django.setup()
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from gongkai.core.jobs import job_start
    from gongkai.core.tasks import mail_send
    assert settings.JOBS_MODE == "celery", settings.JOBS_MODE
    old = default_storage.save("workbench_uploads/1/abc/old.txt", ContentFile(b"x"))
    import os, time
    t = time.time() - 3 * 86400
    os.utime(default_storage.path(old), (t, t))
    ok = job_start(kind="core.cleanup_uploads")
    mail = mail_send(to=["a@example.org"], subject="测试", body="正文")
    print(json.dumps({"ok": ok.pk, "mail": mail.pk, "old": old}))
''')

STATE = textwrap.dedent('''
    import json, sys, django
    django.setup()
    from gongkai.core.models import Job
    print(json.dumps({str(j.pk): [j.state, j.attempts, j.message, j.error]
                      for j in Job.objects.filter(pk__in=sys.argv[1:])}, ensure_ascii=False))
''')


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except Exception:
        return False


@pytest.fixture
def worker_env(tmp_path):
    if not _redis_reachable():
        pytest.skip(f"Redis unreachable at {REDIS}: start redis-server to run the worker test")
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "GONGKAI_TEST_DB_NAME", "GONGKAI_TESTING", "JOBS_MODE",
                        "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}}
    env.update(GONGKAI_DATA_DIR=str(tmp_path / "data"), REDIS_URL=REDIS,
               CELERY_QUEUE=f"gongkai-test-{os.getpid()}-{time.time_ns()}",
               CACHE_KEY_PREFIX=f"test-{os.getpid()}", JOB_RETRY_BACKOFF="1", JOB_MAX_RETRIES="1",
               EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
               EMAIL_HOST="127.0.0.1", EMAIL_PORT="9", EMAIL_TIMEOUT="2",  # nothing listens
               DJANGO_SETTINGS_MODULE="gongkai.settings", PYTHONUNBUFFERED="1")
    subprocess.run([GONGKAI, "migrate", "-v0"], env=env, check=True, timeout=300, cwd=tmp_path)
    return env


def test_a_real_worker_runs_jobs_and_retries_failures(worker_env, tmp_path):
    log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen([GONGKAI, "worker", "--concurrency", "1", "--loglevel", "INFO"],
                              env=worker_env, cwd=tmp_path, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # Jobs are sent once the worker has declared its queue (Redis drops messages routed to an
        # exchange nobody is bound to yet; in production the worker's binding stays in Redis).
        ready_by = time.monotonic() + 60
        while b"ready." not in (tmp_path / "worker.log").read_bytes():
            assert time.monotonic() < ready_by and worker.poll() is None, \
                (tmp_path / "worker.log").read_text(errors="replace")
            time.sleep(0.5)
        started = subprocess.run([sys.executable, "-c", START], env=worker_env, cwd=tmp_path,
                                 capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stderr
        ids = json.loads(started.stdout.strip().splitlines()[-1])
        deadline = time.monotonic() + 90
        states = {}
        while time.monotonic() < deadline:
            out = subprocess.run([sys.executable, "-c", STATE, str(ids["ok"]), str(ids["mail"])],
                                 env=worker_env, cwd=tmp_path, capture_output=True, text=True,
                                 timeout=60)
            states = json.loads(out.stdout.strip().splitlines()[-1])
            if all(s[0] in ("succeeded", "failed") for s in states.values()) and len(states) == 2:
                break
            time.sleep(1)
        cleanup, mail = states[str(ids["ok"])], states[str(ids["mail"])]
        worker_log = (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
        assert cleanup[0] == "succeeded", worker_log
        assert cleanup[0] == "succeeded" and cleanup[2].startswith("删除废弃上传文件 1 个")
        assert not (Path(worker_env["GONGKAI_DATA_DIR"]) / "media" / ids["old"]).exists()
        # SMTP refused: retried once after the backoff, then failed with the reason shown.
        assert mail[0] == "failed" and mail[1] == 2 and "Connection" in mail[3]
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        log.close()
        import redis

        client = redis.Redis.from_url(REDIS)
        queue = worker_env["CELERY_QUEUE"]
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
