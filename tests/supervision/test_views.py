"""督办 pages: roles × endpoints, the effects of the POSTs, the DOCX, the public view."""

from __future__ import annotations

import io

import pytest

ROLES = ["anonymous", "supervisor", "stats", "district", "office", "evaluator"]
MATRIX = {
    ("get", "/supervision/"):                          [302, 200, 200, 200, 200, 403],
    ("get", "/supervision/{b}/"):                      [302, 200, 200, 200, 200, 403],
    ("get", "/supervision/rounds/{q1}/"):              [302, 200, 200, 200, 200, 403],
    ("get", "/supervision/rounds/{q1}/tasks/{t2}/"):   [302, 200, 200, 200, 200, 403],
    ("get", "/supervision/rounds/{q1}/report/"):       [302, 200, 200, 200, 200, 403],
    ("get", "/supervision/rounds/{q1}/report.docx"):   [302, 200, 200, 200, 200, 403],
    ("get", "/supervision/rounds/{q1}/reports.xlsx"):  [302, 200, 200, 200, 200, 403],
    ("post", "/supervision/import/"):                  [302, 302, 403, 403, 403, 403],
    ("post", "/supervision/{b}/publish/"):             [302, 302, 403, 403, 403, 403],
    ("post", "/supervision/rounds/{q1}/tasks/{t2}/"):  [302, 403, 302, 403, 403, 403],
    ("get", "/supervision/public/"):                   [200, 200, 200, 200, 200, 200],
    # public only after the 督查室's publish POST above took effect
    ("get", "/supervision/public/{b}/"):               [404, 200, 404, 404, 404, 404],
}


@pytest.mark.parametrize("role", ROLES)
def test_role_endpoint_matrix(client, people, breakdown, rounds, tasks, role):
    if role != "anonymous":
        client.force_login(people[role])
    ids = {"b": breakdown.pk, "q1": rounds[1].pk, "t2": tasks["2"].pk}
    column = ROLES.index(role)
    mismatches = []
    for (method, url), codes in MATRIX.items():
        path = url.format(**ids)
        data = {"status": "on_track", "text": "已建立调度推进机制，每月调度一次。", "percent": "30"} if method == "post" else None
        response = getattr(client, method)(path, data) if data else getattr(client, method)(path)
        if response.status_code != codes[column]:
            mismatches.append(f"{method} {path}: {response.status_code} != {codes[column]}")
    assert not mismatches, "\n".join(mismatches)


def test_the_lead_unit_saves_and_a_bad_percentage_is_named(client, people, rounds, tasks):
    from gongkai.supervision.models import Report

    client.force_login(people["stats"])
    url = f"/supervision/rounds/{rounds[1].pk}/tasks/{tasks['2'].pk}/"
    page = client.post(url, {"status": "on_track", "text": "已建立调度推进机制，每月调度一次。", "percent": "一百二", "submit": "1"},
                       follow=True)
    assert "完成进度：“一百二”不是整数百分比" in page.content.decode()
    assert "已建立调度推进机制" in page.content.decode()  # the text typed is kept
    assert not Report.objects.exists()
    client.post(url, {"status": "on_track", "text": "已建立调度推进机制，每月调度一次。", "percent": "30", "submit": "1"})
    assert Report.objects.get().state == "submitted"


def test_the_supervisor_accepts_and_the_public_sees_it_once_published(client, people, breakdown, rounds, tasks):
    from gongkai.supervision import services

    report = services.report_save(task=tasks["2"], round_=rounds[1], status="on_track", percent="30",
                                  text="已建立调度推进机制，每月调度一次。", submit=True, actor=people["stats"])
    client.force_login(people["supervisor"])
    client.post(f"/supervision/reports/{report.pk}/decide/", {"decision": "accept"})
    report.refresh_from_db()
    assert report.state == "accepted"
    client.post(f"/supervision/{breakdown.pk}/publish/", {"public": "1"})
    client.logout()
    page = client.get(f"/supervision/public/{breakdown.pk}/").content.decode()
    assert "对涉及面广、办理难度大的责任事项研究建立市级层面调度推进机制" in page
    assert "按序时推进 30%" in page


def test_the_quarterly_report_docx_names_the_lagging_task(client, people, rounds, tasks):
    import docx

    from gongkai.supervision import services

    services.report_save(task=tasks["2"], round_=rounds[2], status="on_track", percent="10",
                         text="调度推进机制尚在征求意见，进度滞后。", submit=True, actor=people["stats"])
    client.force_login(people["supervisor"])
    page = client.get(f"/supervision/rounds/{rounds[2].pk}/report/").content.decode()
    assert "对涉及面广、办理难度大的责任事项研究建立市级层面调度推进机制" in page
    data = client.get(f"/supervision/rounds/{rounds[2].pk}/report.docx").content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "2024年第二季度完成情况办理情况的报告" in text
    assert "滞后1项" in text and "牵头单位：武汉市统计局；责任单位：新洲区人民政府" in text


def test_import_from_an_xlsx_annex(client, people):
    from openpyxl import Workbook

    from gongkai.supervision.models import Breakdown

    wb = Workbook()
    ws = wb.active
    for row in [["序号", "工作任务", "牵头部门", "配合单位", "完成时间"],
                ["1", "深化政务公开", "市政府办公厅", "武汉市统计局", "2024年12月底前"]]:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "附表.xlsx"
    client.force_login(people["supervisor"])
    response = client.post("/supervision/import/", {"title": "2024年政务公开工作要点分解", "year": "2024", "file": buf})
    b = Breakdown.objects.get(title="2024年政务公开工作要点分解")
    assert response.status_code == 302 and response["Location"] == f"/supervision/{b.pk}/"
    assert b.tasks.get().deadline.isoformat() == "2024-12-31"


def test_a_unit_sees_its_tasks(client, people, breakdown):
    client.force_login(people["district"])
    page = client.get("/supervision/").content.decode()
    assert "将办理工作纳入本单位绩效目标管理" in page and "本单位承办的任务" in page
    assert "导入任务分解方案" not in page


def test_the_workbench_lists_the_units_tasks(client, people, breakdown):
    client.force_login(people["stats"])
    page = client.get("/workbench/").content.decode()
    assert "督办任务和建议提案" in page and "对涉及面广、办理难度大的责任事项研究建立市级层面调度推进机制（牵头）" in page


def test_the_api_shows_only_published_breakdowns_and_accepted_reports(client, people, breakdown, rounds, tasks):
    from gongkai.supervision import services

    assert client.get("/api/v1/supervision/breakdowns").json() == []
    report = services.report_save(task=tasks["2"], round_=rounds[1], status="on_track", percent="30",
                                  text="已建立调度推进机制，每月调度一次。", submit=True, actor=people["stats"])
    services.breakdown_publish(breakdown=breakdown, actor=people["supervisor"])
    [b] = client.get("/api/v1/supervision/breakdowns").json()
    assert b["tasks"][1]["progress"]["2024年第一季度完成情况"] is None  # submitted, not yet accepted
    services.report_decide(report=report, accept=True, actor=people["supervisor"])
    [b] = client.get("/api/v1/supervision/breakdowns").json()
    assert b["tasks"][1]["progress"]["2024年第一季度完成情况"]["percent"] == 30
    assert b["tasks"][1]["lead_unit"] == "武汉市统计局"


def test_the_round_as_xlsx_for_the_assessment_office(client, people, rounds, tasks):
    from openpyxl import load_workbook

    from gongkai.supervision import services

    services.report_save(task=tasks["2"], round_=rounds[1], status="on_track", percent="30",
                         text="已建立调度推进机制，每月调度一次。", submit=True, actor=people["stats"])
    client.force_login(people["supervisor"])
    data = client.get(f"/supervision/rounds/{rounds[1].pk}/reports.xlsx").content
    ws = load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert rows[0][:3] == ["序号", "任务", "牵头单位"]
    assert rows[2][0] == "2" and rows[2][5] == "已报送" and rows[2][7] == 30
    assert rows[1][5] == "未报送" and rows[1][9] == "否"


def test_a_breakdown_entered_by_hand(client, people, unit_tree):
    from gongkai.supervision.models import Breakdown

    client.force_login(people["supervisor"])
    response = client.post("/supervision/import/", {"title": "2024年专项督查事项", "year": "2024"})
    b = Breakdown.objects.get(title="2024年专项督查事项")
    assert response["Location"] == f"/supervision/{b.pk}/" and b.rounds.count() == 4
    page = client.post(f"/supervision/{b.pk}/tasks/new/", {"title": "开展暗访督查", "lead": "", "units": "武汉市统计局"},
                       follow=True).content.decode()
    assert "已添加任务：开展暗访督查" in page
    assert b.tasks.get().lead_unit == unit_tree["stats"]
    page = client.post(f"/supervision/{b.pk}/tasks/new/", {"title": "另一项", "lead": "市火星局"}, follow=True).content.decode()
    assert "单位“市火星局”不在单位库中" in page and b.tasks.count() == 1
    client.force_login(people["stats"])
    assert client.post(f"/supervision/{b.pk}/tasks/new/", {"title": "x", "lead": "武汉市统计局"}).status_code == 403
