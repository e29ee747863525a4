"""第二十条 sections mapping and the generated 指南 (domain: no database)."""

from datetime import date

import pytest

from gongkai.zhuanlan.domain.guide import Contact, guide_build, guide_is_stale, request_flow
from gongkai.zhuanlan.domain.sections import (
    SectionError,
    SectionStatus,
    classify,
    load_rules,
    sections_summarise,
)

RULES = load_rules()


def test_there_are_fifteen_sections_in_the_order_of_article_20():
    assert len(RULES) == 15
    assert RULES[0].item == "一" and RULES[-1].item == "十五"
    assert RULES[13].label.startswith("公务员招考")


@pytest.mark.parametrize(("level", "category", "title", "key"), [
    ("地方规范性文件", "", "武汉市统计管理办法", "rules"),
    ("", "财政\\预决算", "武汉市统计局2025年部门预算", "budgets"),
    ("", "", "武汉市2025年国民经济和社会发展统计公报", "statistics"),
    ("", "城乡建设\\防汛", "关于做好防汛抗旱工作的通知", "emergencies"),
    ("", "", "2025年度考试录用公务员拟录用人员名单", "recruitment"),
])
def test_documents_go_to_their_section(level, category, title, key):
    assert key in classify(RULES, level=level, category=category, title=title)


def test_a_section_is_empty_stale_or_current():
    rows = [(1, "地方规范性文件", "", "武汉市统计管理办法", date(2024, 1, 1)),
            (2, "", "", "武汉市2026年统计公报", date(2026, 11, 1))]
    states = {s.rule.key: s for s in sections_summarise(RULES, rows, today=date(2026, 12, 1))}
    assert states["rules"].status == SectionStatus.STALE  # older than 365 days
    assert states["statistics"].status == SectionStatus.CURRENT
    assert states["fees"].status == SectionStatus.EMPTY
    assert states["rules"].last_update == date(2024, 1, 1)


def test_a_broken_mapping_names_the_entry():
    with pytest.raises(SectionError, match="第2项"):
        load_rules("sections:\n  - {key: a, label: A}\n  - {key: a, label: B}\n")


def test_guide_is_stale_after_a_year_or_when_never_reviewed():
    assert guide_is_stale(None, date(2026, 1, 1))
    assert not guide_is_stale(date(2025, 6, 1), date(2026, 1, 1))
    assert guide_is_stale(date(2024, 12, 1), date(2026, 1, 1))


def test_the_guide_is_built_from_contact_data_and_keeps_the_units_words():
    contact = Contact(agency_name="新洲区人民政府办公室", address="新洲区邾城街齐安大道", phone="027-89351234")
    guide = guide_build(unit_name="新洲区人民政府", contact=contact, section_labels=[r.label for r in RULES],
                        overrides={"fees": "本机关依申请提供政府信息不收费。"}, reviewed_on=date(2026, 5, 1),
                        today=date(2026, 12, 1))
    text = {s.key: s for s in guide.sections}
    assert "新洲区邾城街齐安大道" in text["agency"].text
    assert "传真：（未填写）" in text["agency"].text
    assert text["fees"].edited and text["fees"].text == "本机关依申请提供政府信息不收费。"
    assert "20 个工作日" in text["requests"].text  # drawn from the requests app's deadline
    assert guide.contact_missing == ["办公时间", "传真", "电子邮箱"]
    assert not guide.stale


def test_the_flow_chart_follows_the_request_deadlines():
    steps = [s.title for s in request_flow()]
    assert steps[0] == "提出申请" and steps[-1] == "送达"
    assert any("7 个工作日" in s.detail for s in request_flow())
