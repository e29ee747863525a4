"""The read-replica router with two real database aliases (two SQLite files): anonymous
public reads go to `replica`, writes and signed-in readers to `default`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

# These tests start their own processes on their own SQLite data directories: the database the
# suite runs on does not matter to them, so the PostgreSQL run (`make test-pg`) leaves them out.
pytestmark = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="own SQLite processes: run once, in `make test`")


SCRIPT = textwrap.dedent('''
    import json, os, sqlite3
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connections
    call_command("migrate", verbosity=0)
    connections.close_all()
    src, dst = sqlite3.connect(os.environ["A"]), sqlite3.connect(os.environ["B"])
    src.backup(dst); src.close(); dst.close()      # the replica: a snapshot of the primary
    from gongkai.core.services import unit_save
    from gongkai.documents.services import document_create, document_publish_direct
    unit = unit_save(full_name="测试市人民政府", code="011099900", kind="city")
    doc = document_publish_direct(document=document_create(
        unit=unit, actor=None, title="只在主库的文件", body="正文。", publish_date="2026-01-05"),
        actor=None)                                  # written after the snapshot: primary only
    from django.test import Client
    from gongkai.core.models import Unit
    from gongkai.dbrouter import replica_reads
    anonymous = Client().get(f"/documents/{doc.pk}/").status_code
    signed = Client(); signed.cookies["sessionid"] = "any"
    with_session = signed.get(f"/documents/{doc.pk}/").status_code
    with replica_reads():
        on_replica = Unit.objects.filter(pk=unit.pk).exists()
    print(json.dumps({"anonymous": anonymous, "with_session": with_session,
                      "on_replica": on_replica, "on_default": Unit.objects.filter(pk=unit.pk).exists(),
                      "aliases": sorted(connections.settings)}))
''')


def test_public_reads_go_to_the_replica_writes_and_sessions_to_default(tmp_path):
    a, b = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GONGKAI_TEST_DB_NAME"}}
    env.update(GONGKAI_DATA_DIR=str(tmp_path / "data"), GONGKAI_TESTING="1",
               DJANGO_SETTINGS_MODULE="gongkai.settings", A=str(a), B=str(b),
               DATABASE_URL=f"sqlite:///{a}", DATABASE_REPLICA_URL=f"sqlite:///{b}")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["aliases"] == ["default", "replica"]
    assert out["anonymous"] == 404  # read from the replica, which has not got it yet
    assert out["with_session"] == 200  # a session may be a signed-in editor: primary
    assert (out["on_default"], out["on_replica"]) == (True, False)


def test_router_decisions():
    from django.test import RequestFactory

    from gongkai.dbrouter import ReplicaRouter, is_public_read

    rf = RequestFactory()
    assert is_public_read(rf.get("/documents/3/")) and is_public_read(rf.get("/"))
    assert is_public_read(rf.get("/api/v1/documents"))
    assert not is_public_read(rf.post("/documents/3/"))
    assert not is_public_read(rf.get("/requests/track/abc/"))  # an applicant's own request
    assert not is_public_read(rf.get("/workbench/"))
    assert not is_public_read(rf.get("/api/v1/submission/documents"))
    assert ReplicaRouter().db_for_write(None) == "default"
    assert ReplicaRouter().allow_migrate("replica", "core") is False
