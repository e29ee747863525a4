"""Shared test fixtures: build data through the real services."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("GONGKAI_TESTING", "1")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def unit_tree(db):
    """湖北省人民政府 → 武汉市人民政府 → (办公厅, 新洲区人民政府, 市统计局)."""
    from gongkai.core.services import unit_save

    province = unit_save(full_name="湖北省人民政府", code="011000000", kind="province",
                         short_names=["湖北省政府", "省政府"], doc_prefixes=["鄂政", "鄂政办"])
    city = unit_save(full_name="武汉市人民政府", code="011043200", kind="city", parent=province,
                     short_names=["武汉市政府", "市政府"], doc_prefixes=["武政", "武政规"])
    office = unit_save(full_name="武汉市人民政府办公厅", code="011043201", kind="department",
                       parent=city, short_names=["武汉市政府办公厅", "市政府办公厅"],
                       doc_prefixes=["武政办"], assessment_group="承担行政许可事项较少的部门")
    district = unit_save(full_name="新洲区人民政府", code="011043217", kind="district", parent=city,
                         short_names=["新洲区政府"], doc_prefixes=["新政", "新政办"],
                         assessment_group="区政府")
    stats = unit_save(full_name="武汉市统计局", code="011043230", kind="department", parent=city,
                      doc_prefixes=["武统"], assessment_group="承担行政许可事项较少的部门")
    return {"province": province, "city": city, "office": office, "district": district, "stats": stats}


@pytest.fixture
def make_user(db):
    from gongkai.core.services import user_save

    def _make(username: str, unit, *roles: str):
        return user_save(username=username, unit=unit, roles=list(roles), password="pw-test-123")

    return _make
