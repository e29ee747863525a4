"""Background import of a .zip of documents uploaded in the workbench (批量导入).

`archive_import_start` (the service the page calls) checks the permission, keeps the upload in
the media storage under job_uploads/<job>/ and starts a job; the runner imports the archive's
documents one by one as drafts of the unit (each whole or not at all, duplicates skipped, so a
retried job does not import anything twice), reports progress, and deletes the upload.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import get_valid_filename

from gongkai.core import access
from gongkai.core.cleanup import JOB_UPLOAD_DIR
from gongkai.core.jobs import JobError, job_runner, job_start
from gongkai.core.models import Job, Unit
from gongkai.documents.errors import DocumentError

KIND = "ingest.import_archive"
SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
STATUS_LABELS = {"imported": "已导入", "duplicate": "重复", "failed": "失败"}
BATCH = 200


def can_import_archive(user, unit: Unit | None) -> bool:
    return unit is not None and access.can_archive_import(user, unit.pk)


def _members_total(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(1 for info in archive.infolist()
                   if not info.is_dir() and PurePosixPath(info.filename).suffix.lower() in SUPPORTED
                   and not PurePosixPath(info.filename).name.startswith("._")
                   and "__MACOSX/" not in info.filename)


def archive_import_start(*, actor, unit: Unit, name: str, data: bytes, back_url: str = "") -> Job:
    """Check the archive whole (size, zip bomb, paths, encryption), then queue its import."""
    from gongkai.ingest.readers import ReaderError, read_zip
    from gongkai.ingest.services import read_limits

    access.require(can_import_archive(actor, unit), "只有本单位的报送员可以批量导入文件")
    if not name.lower().endswith(".zip"):
        raise DocumentError(f"文件 “{name}” 不是 .zip 压缩包", code="not_zip", field="file")
    if len(data) > settings.IMPORT_MAX_ZIP_TOTAL_BYTES:
        raise DocumentError(f"文件 “{name}” 过大（{len(data)} 字节，上限 "
                          f"{settings.IMPORT_MAX_ZIP_TOTAL_BYTES} 字节）", field="file")
    try:
        read_zip(data, name, limits=read_limits())  # checks the whole archive, inflates nothing
    except ReaderError as exc:
        raise DocumentError(str(exc), code="bad_zip", field="file") from exc
    total = _members_total(data)
    if total == 0:
        raise DocumentError(f"压缩包 “{name}” 中没有可导入的文件（txt/md/html/docx/pdf）",
                          code="empty_zip", field="file")
    with transaction.atomic():
        job = job_start(kind=KIND, actor=actor, unit=unit, total=total,
                        message=f"共 {total} 个文件，等待开始",
                        params={"name": name, "back_url": back_url})
        safe = get_valid_filename(PurePosixPath(name).name) or "upload.zip"
        key = default_storage.save(f"{JOB_UPLOAD_DIR}/{job.pk}/{safe}", ContentFile(data))
        job.params = {**job.params, "upload": key}
        job.save(update_fields=["params"])
    return job


@job_runner(KIND, label="批量导入文件")
def import_archive(job: Job, progress) -> dict:
    from gongkai.ingest.readers import ReaderError, read_zip
    from gongkai.ingest.services import document_import, import_chunk, import_run, read_limits

    unit = Unit.objects.filter(pk=job.unit_id).first()
    if not can_import_archive(job.actor, unit):
        raise JobError("发起人已无权向该单位导入文件", field="unit")
    key, name = job.params.get("upload", ""), job.params.get("name", "archive.zip")
    if not key or not default_storage.exists(key):
        raise JobError(f"上传的压缩包 “{name}” 已不存在，请重新上传", field="file")
    with default_storage.open(key, "rb") as fh:
        data = fh.read()
    try:
        members = read_zip(data, name, limits=read_limits())
    except ReaderError as exc:
        raise JobError(str(exc), field="file") from exc
    total = job.total or _members_total(data)
    counts = {"imported": 0, "duplicate": 0, "failed": 0}
    rows: list[dict] = []
    done = 0
    wanted = ((m, d) for m, d in members if PurePosixPath(m).suffix.lower() in SUPPORTED)
    with import_run():
        while True:
            with import_chunk():  # the search index takes each chunk at once
                taken = 0
                for member, member_data in itertools.islice(wanted, BATCH):
                    taken += 1
                    outcome = document_import(unit=unit, actor=job.actor, name=member,
                                              data=member_data)
                    counts[outcome.status] += 1
                    row = {"name": member, "status": outcome.status,
                           "label": STATUS_LABELS[outcome.status], "detail": outcome.reason}
                    if outcome.document is not None:
                        row["url"] = f"/workbench/documents/{outcome.document.pk}/"
                        if outcome.status == "imported":
                            row["detail"] = f"#{outcome.document.pk} {outcome.document.title}"
                    rows.append(row)
                    done += 1
                    progress(done, max(total, done), f"已处理 {done}/{max(total, done)}：{member}")
            if taken < BATCH:
                break
    progress(done, done, "导入完成", force=True)
    default_storage.delete(key)
    summary = (f"合计 {done} 个文件：导入 {counts['imported']}，重复 {counts['duplicate']}，"
               f"失败 {counts['failed']}")
    return {"summary": summary, "counts": counts, "rows": rows,
            "url": "/workbench/documents/?state=draft"}
