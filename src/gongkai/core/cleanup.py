"""Cleanup of the media storage (issue 11, item 17): uploads nobody finished with, and the empty
folders left behind when files are deleted.

Scratch folders (`UPLOAD_SCRATCH_DIRS`) hold files between two steps: a document uploaded for
registration but never saved (`workbench_uploads/<user>/<id>/`), a zip waiting for its import
job (`job_uploads/<job>/`). A scratch file older than the limit is abandoned, except a job's
upload while that job is still queued or running. Attachments are never touched here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

from gongkai.core.models import Job

JOB_UPLOAD_DIR = "job_uploads"
EMPTY_DIR_GRACE = timedelta(minutes=10)  # a folder just made for a file being written


@dataclass
class CleanupReport:
    files_deleted: list[str] = field(default_factory=list)
    bytes_freed: int = 0
    folders_removed: int = 0
    kept_for_running_jobs: int = 0

    def summary(self) -> str:
        return (f"删除废弃上传文件 {len(self.files_deleted)} 个（{self.bytes_freed} 字节），"
                f"删除空文件夹 {self.folders_removed} 个")

    def as_dict(self) -> dict:
        return {"files_deleted": len(self.files_deleted), "bytes_freed": self.bytes_freed,
                "folders_removed": self.folders_removed,
                "kept_for_running_jobs": self.kept_for_running_jobs}


def _walk_files(storage, top: str):
    try:
        dirs, files = storage.listdir(top)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{top}/{name}"
    for name in dirs:
        yield from _walk_files(storage, f"{top}/{name}")


def _active_job_ids() -> set[str]:
    return {str(pk) for pk in Job.objects.exclude(
        state__in=[Job.State.SUCCEEDED, Job.State.FAILED]).values_list("pk", flat=True)}


def remove_empty_folders(root: Path, *, now=None, emptied: set[Path] = frozenset()) -> int:
    """Remove empty folders under root (never root itself), deepest first.

    A folder changed in the last minutes may be one an upload is about to fill, so it stays,
    unless this cleanup emptied it itself (`emptied`: folders of the files it deleted and the
    folders above them)."""
    now = (now or timezone.now()).timestamp()
    emptied = set(emptied)
    removed = 0
    if not root.is_dir():
        return 0
    for current, _dirs, _files in os.walk(root, topdown=False):
        path = Path(current)
        if path == root:
            continue
        try:
            recent = now - path.stat().st_mtime < EMPTY_DIR_GRACE.total_seconds()
            if any(path.iterdir()) or (recent and path not in emptied):
                continue
            path.rmdir()
            removed += 1
            emptied.add(path.parent)
        except OSError:
            continue  # filled or removed meanwhile
    return removed


def media_cleanup(*, older_than: timedelta, storage=None, progress=None,
                  now=None) -> CleanupReport:
    storage = storage or default_storage
    now = now or timezone.now()
    cutoff = now - older_than
    report = CleanupReport()
    active = _active_job_ids()
    candidates = []
    for top in settings.UPLOAD_SCRATCH_DIRS:
        candidates.extend(_walk_files(storage, top))
    for done, name in enumerate(candidates, 1):
        parts = name.split("/")
        if parts[0] == JOB_UPLOAD_DIR and len(parts) > 1 and parts[1] in active:
            report.kept_for_running_jobs += 1
            continue
        try:
            modified = storage.get_modified_time(name)
            if modified >= cutoff:
                continue
            size = storage.size(name)
            storage.delete(name)
        except (FileNotFoundError, OSError):
            continue
        report.files_deleted.append(name)
        report.bytes_freed += size
        if progress:
            progress(done, len(candidates), f"已检查 {done}/{len(candidates)} 个上传文件")
    if isinstance(storage, FileSystemStorage):
        root = Path(storage.location)
        emptied: set[Path] = set()
        for name in report.files_deleted:
            folder = Path(storage.path(name)).parent
            while folder != root and root in folder.parents:
                emptied.add(folder)
                folder = folder.parent
        report.folders_removed = remove_empty_folders(root, now=now, emptied=emptied)
    return report
