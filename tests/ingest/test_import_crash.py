"""kill -9 in the middle of `gongkai import --publish`, then a rerun: every published document
is found by search (the durable outbox of documents.events; issue 11 item 1).

Runs the real command in a subprocess against its own SQLite file, because the point is a
process that dies between committing documents and announcing them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = [sys.executable, "-m", "gongkai.cli"]
FILES = 100  # killed inside the first import batch (200 documents)


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.pop("GONGKAI_TESTING", None)
    env.pop("DATABASE_URL", None)
    env.update({"GONGKAI_VAR_DIR": str(tmp_path / "var"), "DEBUG": "0",
                "DJANGO_SETTINGS_MODULE": "gongkai.settings", "PYTHONUNBUFFERED": "1"})
    return env


def _run(env, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([*GONGKAI, *args], env=env, capture_output=True, text=True,
                          timeout=300, check=check)


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="the crash itself is backend-independent; run once, on SQLite")
def test_killed_import_is_repaired_by_the_rerun(tmp_path):
    env = _env(tmp_path)
    _run(env, "migrate", "--noinput", "-v", "0")
    _run(env, "shell", "-v", "0", "-c", "from gongkai.core.services import unit_save; "
         "unit_save(full_name='测试市统计局', code='T0001')")
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"{i:04d}.txt").write_text(
            f"测试市统计局关于第{i}批统计调查项目的通知\n测统〔2025〕{i + 1}号\n"
            f"各区统计局：现将第{i}批统计调查项目清单印发给你们，请认真执行。\n测试市统计局\n2025年3月{1 + i % 28}日\n",
            encoding="utf-8")
    proc = subprocess.Popen([*GONGKAI, "import", str(folder), "--unit", "测试市统计局", "--publish"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    imported = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("已导入"):
            imported += 1
            if imported == 40:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    check = _run(env, "reindex", "--check", check=False)
    assert check.returncode == 1, check.stdout  # published but not yet searchable …
    assert "待处理变更" in check.stdout

    rerun = _run(env, "import", str(folder), "--unit", "测试市统计局", "--publish", check=False)
    assert "已补发上次中断留下的变更" in rerun.stdout  # … until the rerun drains the outbox
    assert rerun.returncode == 0, rerun.stdout[-2000:]
    after = _run(env, "reindex", "--check", check=False)
    assert after.returncode == 0, after.stdout
    count = _run(env, "shell", "-v", "0", "-c",
                 "from gongkai.search.services import search; from gongkai.documents.models import Document; "
                 "print(Document.objects.public().count(), search('统计调查项目', page_size=1).count)")
    public, found = map(int, count.stdout.strip().splitlines()[-1].split())
    assert public == FILES and found == FILES
