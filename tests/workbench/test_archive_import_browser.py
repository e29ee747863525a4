"""批量导入 in a real browser: the submitter uploads a zip of many documents, the page that
started the import shows a progress bar that moves while a background job (a thread of the
server, as under `make run`) imports them, then the result per file."""

from __future__ import annotations

import os
import time

import pytest
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser]

FILES = int(os.environ.get("GONGKAI_BROWSER_IMPORT_FILES", 400))


def test_zip_import_runs_as_a_job_with_a_progress_bar(live_server, wf_people, settings, tmp_path):
    from playwright.sync_api import sync_playwright
    from tests.workbench.test_archive_import import make_zip

    from gongkai.core.models import Job
    from gongkai.documents.models import Document

    settings.JOBS_MODE = "thread"  # what `make run` does without a broker
    upload = tmp_path / "文件.zip"
    upload.write_bytes(make_zip(FILES))
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(locale="zh-CN").new_page()  # JavaScript on: the bar polls
        page.set_default_timeout(30_000)
        try:
            page.goto(live_server.url + "/accounts/login/?next=/workbench/")
            page.fill("input[name=username]", "sub_a")
            page.fill("input[name=password]", "pw-test-123")
            page.locator("main form [type=submit]").click()
            page.wait_for_url("**/workbench/")
            page.get_by_role("link", name="批量导入").click()
            page.get_by_label("压缩包").set_input_files(str(upload))
            page.get_by_role("button", name="上传并开始导入").click()
            page.wait_for_url("**/workbench/documents/import/?job=*")
            bar = page.locator("#job-progress")
            assert bar.is_visible()
            seen = set()
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                seen.add(int(float(bar.get_attribute("value") or 0)))
                if page.locator("#job-state").inner_text() == "已完成":
                    break
                time.sleep(0.3)
            assert page.locator("#job-state").inner_text() == "已完成"
            # The page showed the job unfinished, then finished (on a quiet machine 400 files can
            # pass between two polls, so intermediate values are not required).
            assert min(seen) < 100, seen
            assert page.locator("#job-percent").inner_text() == "100%"
            assert f"合计 {FILES} 个文件：导入 {FILES}，重复 0，失败 0" in page.locator("#job-message").inner_text()
            assert page.locator("table.job-rows tbody tr").count() == FILES
        finally:
            browser.close()
    job = Job.objects.get(kind="ingest.import_archive")
    assert job.state == "succeeded"
    assert Document.objects.filter(unit=wf_people["submitter_a"].unit).count() == FILES
