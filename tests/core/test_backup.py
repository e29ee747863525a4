"""`gongkai backup DIR` / `gongkai restore DIR`: the demo backed up, restored into an empty
data directory, with the same documents, requests, runs and files; a backup that does not
verify is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = str(Path(sys.executable).parent / "gongkai")
COUNT = ("import django, json; django.setup(); "
         "from gongkai.documents.models import Document, Attachment; "
         "from gongkai.disclosure_requests.models import DisclosureRequest as R; "
         "from gongkai.assessment.models import Run; from django.conf import settings; "
         "a = list(Attachment.objects.order_by('id')); "
         "print(json.dumps({'documents': sorted(Document.objects.values_list('title', flat=True)), "
         "'requests': sorted(R.objects.values_list('number', flat=True)), "
         "'runs': sorted(Run.objects.values_list('period', 'status')), "
         "'files': [(x.file.name, x.file.read().hex()[:64], x.sha256) for x in a], "
         "'key': settings.SECRET_KEY}))")


def _env(data: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "GONGKAI_TEST_DB_NAME", "MEDIA_ROOT", "SECRET_KEY",
                        "GONGKAI_TESTING", "DJANGO_SETTINGS_MODULE"}}
    env.update(GONGKAI_DATA_DIR=str(data), **extra)
    return env


def _run(args, env, cwd, check=True):
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _snapshot(env, cwd) -> dict:
    env = {**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    return json.loads(_run([sys.executable, "-c", COUNT], env, cwd).stdout.strip().splitlines()[-1])


def _round_trip(tmp_path, source_env, target_env):
    _run([GONGKAI, "migrate", "-v0"], source_env, tmp_path)
    _run([GONGKAI, "demo"], source_env, tmp_path)
    before = _snapshot(source_env, tmp_path)
    assert before["documents"] and before["requests"] and before["runs"] and before["files"]
    backup = tmp_path / "backup"
    out = _run([GONGKAI, "backup", str(backup)], source_env, tmp_path).stdout
    assert "已备份到" in out
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == len(before["documents"])
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())
    restored = _run([GONGKAI, "restore", str(backup)], target_env, tmp_path).stdout
    assert "已恢复" in restored and "不一致" not in restored
    assert _snapshot(target_env, tmp_path) == before
    return backup


SQLITE_RUN = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="SQLite backups: run in `make test`; this run tests pg_dump")


@SQLITE_RUN
def test_demo_round_trips_through_backup_and_restore(tmp_path):
    backup = _round_trip(tmp_path, _env(tmp_path / "a"), _env(tmp_path / "b"))
    assert (backup / "database.sqlite3").is_file() and (backup / "secret_key").is_file()
    # A second restore over the data it made is refused without --force.
    again = _run([GONGKAI, "restore", str(backup)], _env(tmp_path / "b"), tmp_path, check=False)
    assert again.returncode != 0 and "已有数据" in again.stderr

    # One changed byte in one attachment: the backup does not verify, nothing is restored.
    media = sorted((backup / "media").rglob("*.*"))
    victim = next(p for p in media if p.is_file())
    data = bytearray(victim.read_bytes())
    data[0] ^= 1
    victim.write_bytes(bytes(data))
    refused = _run([GONGKAI, "restore", str(backup)], _env(tmp_path / "c"), tmp_path, check=False)
    assert refused.returncode != 0 and "校验未通过" in refused.stderr and "校验和不符" in refused.stderr
    assert not (tmp_path / "c" / "media").exists()
    verify = _run([GONGKAI, "backup", "--verify", str(backup)], _env(tmp_path / "c"), tmp_path,
                  check=False)
    assert verify.returncode != 0 and victim.name in verify.stderr


@SQLITE_RUN
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    target = tmp_path / "bk"
    target.mkdir()
    (target / "x").write_text("x")
    env = _env(tmp_path / "a")
    _run([GONGKAI, "migrate", "-v0"], env, tmp_path)
    done = _run([GONGKAI, "backup", str(target)], env, tmp_path, check=False)
    assert done.returncode != 0 and "不是空目录" in done.stderr


def test_restore_refuses_a_folder_that_is_no_backup(tmp_path):
    done = _run([GONGKAI, "restore", str(tmp_path)], _env(tmp_path / "a"), tmp_path, check=False)
    assert done.returncode != 0 and "manifest.json" in done.stderr


def _pg_url(name: str) -> str | None:
    base = os.environ.get("DATABASE_URL", "")
    return base.rsplit("/", 1)[0] + "/" + name if base.startswith("postgres") else None


@pytest.mark.postgres
def test_postgresql_round_trip_with_pg_dump_and_pg_restore(tmp_path):
    if not _pg_url("x"):
        pytest.skip("PostgreSQL round trip: runs in `make test-pg` (DATABASE_URL=postgres://…)")
    import psycopg

    admin = _pg_url("postgres")
    names = (f"gk_backup_src_{os.getpid()}", f"gk_backup_dst_{os.getpid()}")
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        backup = _round_trip(tmp_path, _env(tmp_path / "a", DATABASE_URL=_pg_url(names[0])),
                             _env(tmp_path / "b", DATABASE_URL=_pg_url(names[1])))
        assert (backup / "database.pgdump").is_file()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
