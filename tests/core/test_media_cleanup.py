"""The daily cleanup (issue 11, item 17): abandoned uploads and empty media folders go;
attachments, fresh uploads and the upload of a job still running stay."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gongkai.core.cleanup import media_cleanup
from gongkai.core.models import Job


def _age(name: str, hours: float) -> None:
    path = default_storage.path(name)
    old = time.time() - hours * 3600
    os.utime(path, (old, old))
    os.utime(os.path.dirname(path), (old, old))


def test_abandoned_uploads_and_empty_folders_are_removed(db, settings):
    old = default_storage.save("workbench_uploads/7/aaa/old.docx", ContentFile(b"x" * 10))
    fresh = default_storage.save("workbench_uploads/7/bbb/fresh.docx", ContentFile(b"y"))
    running = Job.objects.create(kind="ingest.import_archive", state=Job.State.RUNNING)
    done = Job.objects.create(kind="ingest.import_archive", state=Job.State.FAILED)
    kept = default_storage.save(f"job_uploads/{running.pk}/a.zip", ContentFile(b"z"))
    stale = default_storage.save(f"job_uploads/{done.pk}/b.zip", ContentFile(b"w" * 5))
    attachment = default_storage.save("attachments/2026/01/old.pdf", ContentFile(b"p"))
    for name in (old, kept, stale, attachment):
        _age(name, 48)
    (settings.MEDIA_ROOT / "attachments" / "2020" / "01").mkdir(parents=True)
    os.utime(settings.MEDIA_ROOT / "attachments" / "2020" / "01", (0, 0))
    os.utime(settings.MEDIA_ROOT / "attachments" / "2020", (0, 0))

    report = media_cleanup(older_than=timedelta(hours=24))

    assert sorted(report.files_deleted) == sorted([old, stale])
    assert report.bytes_freed == 15 and report.kept_for_running_jobs == 1
    assert all(default_storage.exists(n) for n in (fresh, kept, attachment))
    assert not (settings.MEDIA_ROOT / "workbench_uploads" / "7" / "aaa").exists()
    assert not (settings.MEDIA_ROOT / "attachments" / "2020").exists()
    assert report.folders_removed >= 3
    assert "删除废弃上传文件 2 个" in report.summary()


def test_cleanup_runs_as_a_periodic_job_once_a_day(db, django_capture_on_commit_callbacks):
    from gongkai.core.tasks import periodic

    with django_capture_on_commit_callbacks(execute=True):
        first = periodic("core.cleanup_uploads")
    job = Job.objects.get(pk=first)
    assert job.state == "succeeded" and job.message.startswith("删除废弃上传文件")
    assert periodic("core.cleanup_uploads") is None  # beat sent it twice: the second is a no-op


def test_every_periodic_job_in_the_schedule_is_registered(settings):
    from gongkai.core.jobs import job_kind

    kinds = [entry["args"][0] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert sorted(kinds) == ["core.calendar_warning", "core.cleanup_uploads",
                             "documents.lifecycle_apply_due", "requests.deadline_reminders"]
    for kind in kinds:
        assert job_kind(kind).label
