"""督办 fixtures: people and a breakdown built through the real services."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.supervision.domain.breakdown import parse_table

ANNEX = [
    ["序号", "目标任务", "牵头单位", "责任单位", "完成时限"],
    ["一、强化工作统筹，科学制订办理方案", "", "", "", ""],
    ["1", "统筹相关责任单位科学制订具体工作办理方案，明确工作目标、具体措施、完成时限，实行清单管理",
     "市政府办公厅", "武汉市统计局", "2024年2月8日前"],
    ["2", "对涉及面广、办理难度大的责任事项研究建立市级层面调度推进机制", "", "武汉市统计局、新洲区人民政府", "2024年6月底前"],
    ["3", "将办理工作纳入本单位绩效目标管理", "", "新洲区人民政府", "年底前"],
]


@pytest.fixture
def people(unit_tree, make_user):
    return {
        "supervisor": make_user("dcs", unit_tree["office"], "supervisor"),
        "office_clerk": make_user("sv_office_clerk", unit_tree["office"], "submitter"),
        "stats": make_user("sv_stats", unit_tree["stats"], "submitter"),
        "district": make_user("sv_district", unit_tree["district"], "submitter"),
        "office": make_user("sv_office", unit_tree["city"], "office"),
        "evaluator": make_user("sv_eval", unit_tree["city"], "evaluator"),
    }


@pytest.fixture
def breakdown(people, unit_tree):
    from gongkai.supervision import services

    return services.breakdown_import(
        title="2024年市《政府工作报告》目标任务责任分解方案", year=2024, issuer=unit_tree["city"],
        tasks=parse_table(ANNEX), doc_number="武政〔2024〕1号", plan_due=date(2024, 2, 8),
        measured_codes=frozenset({"2"}), actor=people["supervisor"])


@pytest.fixture
def rounds(breakdown):
    return {r.quarter or 0: r for r in breakdown.rounds.all()}


@pytest.fixture
def tasks(breakdown):
    return {t.code: t for t in breakdown.tasks.all()}
