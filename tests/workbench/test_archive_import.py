"""批量导入: a submitter uploads a .zip in the workbench; its documents are imported by a
background job whose progress and per-file result show on the same page."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage

from gongkai.core.models import AuditLog, Job
from gongkai.documents.models import Document

NOTICE = ("新洲区人民政府办公室关于做好第{n}批政务公开工作的通知\n新政办〔2026〕{n}号\n"
          "各街道办事处：\n现将有关事项通知如下。\n新洲区人民政府办公室\n2026年4月{d}日\n")


def make_zip(count: int, *, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(1, count + 1):
            archive.writestr(f"通知/{n:04d}.txt", NOTICE.format(n=n, d=n % 28 + 1).encode("gb18030"))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _upload(client, data: bytes, name: str = "批量.zip"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/workbench/documents/import/",
                       {"file": SimpleUploadedFile(name, data, content_type="application/zip")})


def test_submitter_imports_a_zip_as_a_job_with_progress_and_results(
        client, wf_people, django_capture_on_commit_callbacks):
    client.force_login(wf_people["submitter_a"])
    data = make_zip(12, extra={"说明.xlsx": b"ignored", "空.txt": b""})
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, data)
    job = Job.objects.get(kind="ingest.import_archive")
    assert response.status_code == 302 and response["Location"].endswith(f"?job={job.pk}")
    job.refresh_from_db()
    assert job.state == "succeeded" and job.total == 13 and job.done == 13
    assert job.result["counts"] == {"imported": 12, "duplicate": 0, "failed": 1}
    assert Document.objects.filter(unit=wf_people["submitter_a"].unit, state="draft").count() == 12
    assert not default_storage.exists(job.params["upload"])  # the upload is gone once imported
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and "已完成" in page
    assert "合计 13 个文件：导入 12，重复 0，失败 1" in page and "通知/0001.txt" in page
    assert "是空文件" in page
    assert AuditLog.objects.filter(action="job_succeeded", target_id=str(job.pk)).exists()

    # The same zip again: a new job, and every document is found as a duplicate.
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, data)
    again = Job.objects.filter(kind="ingest.import_archive").order_by("-pk").first()
    assert again.result["counts"]["duplicate"] == 12 and again.result["counts"]["imported"] == 0


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.txt", b"hello", "不是 .zip 压缩包"),
    ("坏.zip", b"PK\x03\x04 not really", "坏.zip"),
    ("空.zip", make_zip(0, extra={"readme.xlsx": b"x"}), "没有可导入的文件"),
])
def test_bad_archives_are_refused_on_the_page_with_nothing_queued(client, wf_people, name, data,
                                                                  message):
    client.force_login(wf_people["submitter_a"])
    response = _upload(client, data, name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Job.objects.exists()


def test_only_submitters_may_import(client, wf_people):
    client.force_login(wf_people["reviewer_a"])
    assert client.get("/workbench/documents/import/").status_code == 403


def test_a_job_whose_upload_vanished_fails_with_a_clear_message(wf_people, django_capture_on_commit_callbacks):
    from gongkai.ingest.tasks import archive_import_start

    user = wf_people["submitter_a"]
    job = archive_import_start(actor=user, unit=user.unit, name="x.zip", data=make_zip(2))
    default_storage.delete(job.params["upload"])
    from gongkai.core.tasks import run_job

    run_job.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.state == "failed" and "已不存在，请重新上传" in job.error


def test_office_rebuilds_the_search_index_as_a_job(client, wf_people, public_library,
                                                   django_capture_on_commit_callbacks):
    client.force_login(wf_people["office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/workbench/office/reindex/")
    job = Job.objects.get(kind="search.reindex")
    assert response["Location"] == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.state == "succeeded" and job.result["count"] == 3  # the three public documents
    assert "已索引 3 件文件" in client.get(response["Location"]).content.decode()
    client.force_login(wf_people["submitter_a"])
    assert client.post("/workbench/office/reindex/").status_code == 403
