"""An evaluator of the 门户网站内容保障测评 stage enters a manual score with a note and uploads
its evidence in the browser (issue 16; Debian's chromium, JavaScript off); the file is listed
and downloads as it was uploaded; other stages' indicators are not shown to them."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


def test_evaluator_uploads_evidence_for_a_manual_score(live_server, year_2025, unit_tree,
                                                       make_user, browser_page, tmp_path):
    from gongkai.assessment import services

    draft = services.assessment_run(period="2025", previous=None)
    evaluator = make_user("eval_portal", unit_tree["city"], "evaluator")
    evaluator.assessor_stage = "门户网站内容保障测评"
    evaluator.save()
    page = browser_page
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "eval_portal")
    page.fill("input[name=password]", "pw-test-123")
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/assessment/")
    page.goto(live_server.url + f"/assessment/{draft.pk}/manual/")
    assert "您的考评环节：门户网站内容保障测评" in page.locator("main").inner_text()
    assert page.get_by_text("D1 政府信息公开平台建设").count() == 0

    page.get_by_label("新洲区人民政府 门户网站内容保障", exact=True).fill("4")
    page.get_by_label("新洲区人民政府 门户网站内容保障 评分说明").fill("专栏更新不及时，扣1分")
    page.get_by_role("button", name="保存", exact=True).click()
    assert "人工评分已保存" in page.locator(".messages").inner_text()

    shot = tmp_path / "专栏截图.png"
    shot.write_bytes(b"\x89PNG screenshot of the column")
    page.get_by_label("单位", exact=True).select_option(label="新洲区人民政府")
    page.get_by_label("指标", exact=True).select_option(label="H1 门户网站内容保障")
    page.get_by_label("依据材料", exact=True).set_input_files(str(shot))
    page.get_by_role("button", name="上传依据材料").click()
    assert "已上传评分依据材料：专栏截图.png" in page.locator(".messages").inner_text()
    row = page.get_by_role("row").filter(has_text="专栏截图.png")
    assert "H1 门户网站内容保障" in row.inner_text() and "eval_portal" in row.inner_text()
    with page.expect_download() as info:
        row.get_by_role("link", name="下载 专栏截图.png").click()
    assert info.value.suggested_filename == "专栏截图.png"
    assert open(info.value.path(), "rb").read() == b"\x89PNG screenshot of the column"
