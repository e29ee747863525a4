"""Runs anywhere: the data directory does not depend on the current directory, the
production profile passes `check --deploy`, the cache URL is read as documented."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# These tests start their own processes on their own SQLite data directories: the database the
# suite runs on does not matter to them, so the PostgreSQL run (`make test-pg`) leaves them out.
pytestmark = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="own SQLite processes: run once, in `make test`")


REPO = Path(__file__).resolve().parents[2]
GONGKAI = str(Path(sys.executable).parent / "gongkai")


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in {"GONGKAI_DATA_DIR", "GONGKAI_VAR_DIR", "DATABASE_URL", "MEDIA_ROOT",
                        "GONGKAI_TESTING", "DJANGO_SETTINGS_MODULE", "GONGKAI_TEST_DB_NAME",
                        "REDIS_URL", "CELERY_BROKER_URL", "CACHE_URL", "DEBUG",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}  # set by the browser tests of this run
    env.update(extra)
    return env


def _setting(cwd: Path, expr: str, **env) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expr})"
    env.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=_env(**env),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_default_data_dir_is_the_checkouts_var_from_any_directory(tmp_path):
    name = _setting(tmp_path, "settings.DATABASES['default']['NAME'], settings.MEDIA_ROOT")
    assert name == f"{REPO / 'var' / 'gongkai.sqlite3'} {REPO / 'var' / 'media'}"
    assert not (tmp_path / "var").exists()


def test_gongkai_data_dir_anchors_database_media_and_key(tmp_path):
    data = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _env(GONGKAI_DATA_DIR=str(data))
    subprocess.run([GONGKAI, "migrate", "-v0"], cwd=elsewhere, env=env, check=True, timeout=300)
    done = subprocess.run([GONGKAI, "workdays", "add", "2026-09-25", "20"], cwd=elsewhere,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    from datetime import date

    assert date.fromisoformat(done.stdout.splitlines()[0]) > date(2026, 10, 8)  # its own tests check the day
    assert (data / "gongkai.sqlite3").is_file() and (data / "secret_key").is_file()
    assert list(elsewhere.iterdir()) == []


def test_production_profile_passes_check_deploy(tmp_path):
    done = subprocess.run(
        [GONGKAI, "check", "--deploy", "--fail-level", "WARNING"], cwd=tmp_path,
        env=_env(GONGKAI_DATA_DIR=str(tmp_path / "data"),
                 DJANGO_SETTINGS_MODULE="gongkai.settings_production",
                 ALLOWED_HOSTS="gongkai.example.gov.cn"),
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_plain_http_trial_is_reported_by_check_deploy(tmp_path):
    done = subprocess.run(
        [GONGKAI, "check", "--deploy", "--fail-level", "WARNING"], cwd=tmp_path,
        env=_env(GONGKAI_DATA_DIR=str(tmp_path / "data"), GONGKAI_HTTPS="0",
                 DJANGO_SETTINGS_MODULE="gongkai.settings_production"),
        capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "SECURE_SSL_REDIRECT" in done.stdout + done.stderr


def test_serve_builds_gunicorn_arguments_from_the_environment(tmp_path):
    done = subprocess.run(
        [GONGKAI, "serve", "--check", "--bind", "127.0.0.1:8123"], cwd=tmp_path,
        env=_env(GONGKAI_DATA_DIR=str(tmp_path / "data"), GUNICORN_WORKERS="5"),
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "--workers 5" in done.stdout and "--bind 127.0.0.1:8123" in done.stdout
    assert "--timeout 60" in done.stdout and "--access-logfile -" in done.stdout


@pytest.mark.parametrize(("url", "backend"), [
    ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
    ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
])
def test_cache_url(url, backend):
    from gongkai.settings import cache_config

    assert cache_config(url, key_prefix="t")["BACKEND"] == backend


def test_bad_cache_url_names_the_setting():
    from gongkai.settings import cache_config

    with pytest.raises(ValueError, match="CACHE_URL"):
        cache_config("memcached://x")


def test_s3_media_storage_is_configured_from_the_environment(tmp_path):
    out = _setting(tmp_path, "settings.STORAGES['default']['BACKEND'], "
                             "settings.STORAGES['default']['OPTIONS']['bucket_name'], "
                             "settings.STORAGES['default']['OPTIONS']['default_acl']",
                   GONGKAI_DATA_DIR=str(tmp_path / "d"), MEDIA_STORAGE="s3",
                   AWS_STORAGE_BUCKET_NAME="gongkai-test")
    assert out == "storages.backends.s3.S3Storage gongkai-test private"
