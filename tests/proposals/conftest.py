"""建议提案 fixtures: people and a registered 建议 built through the real services."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def people(unit_tree, make_user):
    return {
        "supervisor": make_user("pp_dcs", unit_tree["office"], "supervisor"),
        "stats": make_user("pp_stats", unit_tree["stats"], "submitter"),
        "district": make_user("pp_district", unit_tree["district"], "submitter"),
        "office": make_user("pp_office", unit_tree["city"], "office"),
    }


@pytest.fixture
def suggestion(people, unit_tree):
    from gongkai.proposals import services

    return services.proposal_register(
        kind="suggestion", session="市十五届人大三次会议", number="第128号", title="关于加快老旧小区改造的建议",
        author="张代表", main_unit=unit_tree["stats"], co_units=[unit_tree["district"]],
        assigned_on=date(2024, 3, 1), broad_concern=True, actor=people["supervisor"])
