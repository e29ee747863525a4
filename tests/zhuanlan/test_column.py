"""The 专栏: public pages, the office's view, contact data, the 规范性文件 register, the API."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.core.access import AccessDenied
from gongkai.zhuanlan import services
from gongkai.zhuanlan.errors import ColumnError
from gongkai.zhuanlan.models import NormativeRegistration


def test_the_column_shows_the_four_standard_sections_and_honest_gaps(client, unit_tree,
                                                                     public_library):
    unit = unit_tree["office"]
    r = client.get(f"/zhuanlan/{unit.code}/")
    assert r.status_code == 200
    page = r.content.decode()
    for heading in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报",
                    "失效文件清单"):
        assert heading in page
    assert "暂无" in page  # empty sections say so
    assert "武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见" in page  # 规范性文件 section
    assert "草稿机密文件" not in page  # never a draft


def test_an_unknown_unit_is_404(client, db):
    assert client.get("/zhuanlan/000/").status_code == 404


def test_the_guide_carries_the_contact_data_and_says_when_it_is_sample(client, unit_tree, people):
    unit = unit_tree["district"]
    services.contact_save(actor=people["office"], unit=unit, agency_name="新洲区人民政府办公室",
                          unit_contact={"contact_address": "武汉市新洲区邾城街",
                                        "contact_phone": "027-89350000",
                                        "contact_email": "xz@example.cn",
                                        "contact_postcode": "431400"})
    unit.refresh_from_db()
    assert unit.contact_address == "武汉市新洲区邾城街"  # kept on the unit, not in the 专栏
    page = client.get(f"/zhuanlan/{unit.code}/guide/").content.decode()
    assert "武汉市新洲区邾城街" in page and "依申请公开流程图" in page
    assert "示例数据" not in page
    services.contact_save_system(unit=unit, is_sample=True, agency_name="示例机构")
    assert "示例数据" in client.get(f"/zhuanlan/{unit.code}/guide/").content.decode()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("contact_email", "not-an-email", "电子邮箱"),
    ("contact_postcode", "4314", "邮政编码"),
    ("contact_phone", "请拨打", "联系电话"),
])
def test_bad_contact_data_names_the_field(unit_tree, people, field, value, message):
    with pytest.raises(ColumnError, match=message) as info:
        services.contact_save(actor=people["office"], unit=unit_tree["district"],
                              agency_name="新洲区人民政府办公室", unit_contact={field: value})
    assert info.value.field == field
    assert not services.UnitContact.objects.filter(unit=unit_tree["district"]).exists()


def test_a_submitter_cannot_change_the_units_own_contact_data(unit_tree, people):
    with pytest.raises(AccessDenied):  # the unit's fields are the office's (unit_update's gate)
        services.contact_save(actor=people["sub_district"], unit=unit_tree["district"],
                              unit_contact={"contact_phone": "027-89350000"})


def test_only_the_units_staff_and_the_office_edit_its_column(unit_tree, people):
    with pytest.raises(AccessDenied):
        services.contact_save(actor=people["sub_district"], unit=unit_tree["office"], phone="027-1")
    services.guide_review(actor=people["office"], unit=unit_tree["district"])  # office above it


def test_reviewing_the_guide_dates_it(client, unit_tree, people):
    client.force_login(people["sub_district"])
    code = unit_tree["district"].code
    assert client.post(f"/zhuanlan/manage/{code}/", {"what": "review"}).status_code == 302
    page = client.get(f"/zhuanlan/{code}/guide/").content.decode()
    assert timezone.localdate().strftime("%Y年%-m月%-d日") in page and "超过一年未更新" not in page


def test_the_units_own_words_replace_a_section(client, unit_tree, people):
    client.force_login(people["sub_district"])
    code = unit_tree["district"].code
    r = client.post(f"/zhuanlan/manage/{code}/", {"what": "guide", "guide-fees": "本机关不收取任何费用。"})
    assert r.status_code == 302
    assert "本机关不收取任何费用。" in client.get(f"/zhuanlan/{code}/guide/").content.decode()


def test_manage_pages_refuse_outsiders(client, unit_tree, people):
    code = unit_tree["office"].code
    assert client.get(f"/zhuanlan/manage/{code}/").status_code == 302  # login
    client.force_login(people["sub_district"])
    assert client.get(f"/zhuanlan/manage/{code}/").status_code == 404
    assert client.get("/zhuanlan/manage/").status_code == 302  # to their own unit


def test_the_office_sees_every_units_completeness(client, unit_tree, people, public_library):
    client.force_login(people["office"])
    page = client.get("/zhuanlan/manage/").content.decode()
    assert "新洲区人民政府" in page and "武汉市人民政府办公厅" in page
    assert "未审核" in page


def test_a_tagged_rule_is_listed(client, unit_tree, people, public_library):
    doc = public_library["mechanism"]
    client.force_login(people["sub_office"])
    page = client.get(f"/zhuanlan/manage/{unit_tree['office'].code}/").content.decode()
    assert doc.title in page  # suggested: 政府信息公开 + 机制
    client.post(f"/zhuanlan/manage/{unit_tree['office'].code}/", {"what": "tag", "document": doc.pk})
    rules = client.get(f"/zhuanlan/{unit_tree['office'].code}/rules/").content.decode()
    assert doc.title in rules


def test_expired_documents_are_listed_by_kind(client, unit_tree, public_library):
    page = client.get(f"/zhuanlan/{unit_tree['city'].code}/expired/").content.decode()
    assert "武汉市重大行政决策公开征求意见规定" in page


def test_register_numbers_terms_and_expiry(unit_tree, people, statistics_rule):
    reg = services.normative_register(actor=people["sub_office"], document=statistics_rule,
                                      registered_on=date(2025, 3, 5))
    assert reg.number == "武政办-2025-0001"
    assert (reg.term_start, reg.expires_on) == (date(2025, 4, 3), date(2030, 4, 2))
    statistics_rule.refresh_from_db()
    assert statistics_rule.expiry_date == date(2030, 4, 2)
    with pytest.raises(ColumnError, match="已登记"):
        services.normative_register(actor=people["sub_office"], document=statistics_rule)
    with pytest.raises(ColumnError, match="届满前"):
        services.normative_reregister(actor=people["sub_office"], registration=reg,
                                      note="继续有效")


def test_effective_too_soon_needs_a_reason(unit_tree, people, publish_document):
    doc = publish_document("office", title="武汉市某某暂行办法", doc_number="武政规〔2025〕9号",
                           publish_date="2025-06-01", effective_date="2025-06-01",
                           level="地方规范性文件")
    with pytest.raises(ColumnError) as info:
        services.normative_register(actor=people["sub_office"], document=doc)
    assert info.value.field == "immediate_reason"
    reg = services.normative_register(actor=people["sub_office"], document=doc,
                                      immediate_reason="为保障防汛安全需要立即施行")
    assert reg.term_years == 2


def test_re_registration_gives_a_fresh_term(unit_tree, people, publish_document):
    from gongkai.zhuanlan.domain.normative import add_years, expiry_date

    today = timezone.localdate()
    effective = add_years(today, -5) + timedelta(days=60)  # expires in about two months
    published = effective - timedelta(days=31)
    doc = publish_document("office", title="武汉市旧办法", doc_number=f"武政规〔{published.year}〕2号",
                           publish_date=str(published), effective_date=str(effective),
                           level="地方规范性文件")
    reg = services.normative_register(actor=people["sub_office"], document=doc,
                                      registered_on=published + timedelta(days=3))
    assert reg.expires_on == expiry_date(effective, 5) > today
    with pytest.raises(ColumnError, match="评估结论"):
        services.normative_reregister(actor=people["sub_office"], registration=reg)
    new = services.normative_reregister(actor=people["sub_office"], registration=reg,
                                        note="评估后继续施行")
    assert new.previous_id == reg.pk and new.term_start == reg.expires_on + timedelta(days=1)
    assert new.expires_on == expiry_date(new.term_start, 5)
    assert new.year == today.year and new.number != reg.number
    assert NormativeRegistration.objects.filter(document=doc, is_current=True).get() == new
    doc.refresh_from_db()
    assert doc.expiry_date == new.expires_on


def test_filing_catalogue_flags_late_and_missing(client, unit_tree, people, publish_document):
    today = timezone.localdate()
    docs = [publish_document("office", title=f"武汉市第{i}号管理办法", doc_number=f"武政规〔{today.year}〕{i}号",
                             publish_date=str(today - timedelta(days=60)),
                             effective_date=str(today - timedelta(days=20)), level="地方规范性文件")
            for i in (1, 2, 3)]
    regs = [services.normative_register(actor=people["sub_office"], document=d) for d in docs]
    with pytest.raises(AccessDenied):
        services.normative_file(actor=people["sub_office"], registration=regs[0],
                                filed_on=today - timedelta(days=50))
    services.normative_file(actor=people["office"], registration=regs[0],
                            filed_on=today - timedelta(days=50))
    services.normative_file(actor=people["office"], registration=regs[1],
                            filed_on=today - timedelta(days=5))
    client.force_login(people["office"])
    page = client.get("/zhuanlan/manage/normative/").content.decode()
    assert "按时备案 1 件，迟报 1 件，漏报 1 件" in page


def test_the_api_gives_the_sections(client, unit_tree, public_library):
    r = client.get(f"/api/v1/zhuanlan/{unit_tree['office'].code}")
    assert r.status_code == 200
    body = r.json()
    assert [s["item"] for s in body["statutory"]][:2] == ["一", "二"]
    assert len(body["statutory"]) == 15
    rules_section = body["statutory"][0]
    assert rules_section["status"] in {"current", "stale"} and rules_section["count"] >= 1
    assert {s["key"] for s in body["guide"]["sections"]} >= {"agency", "requests", "fees"}
    assert all(d["title"] != "武汉市政府信息公开草稿机密文件"
               for s in body["statutory"] for d in s["documents"])
    assert client.get("/api/v1/zhuanlan/000").status_code == 404
    assert any(c["code"] == unit_tree["office"].code for c in client.get("/api/v1/zhuanlan").json())


def test_the_statutory_measure_counts_current_sections(unit_tree, public_library):
    from gongkai.assessment.measures import REGISTRY, MeasureContext

    uid = unit_tree["office"].pk
    ctx = MeasureContext(start=date(2014, 1, 1), end=date(2014, 12, 31), unit_ids=[uid])
    measured = REGISTRY["statutory_sections"](ctx, {})[uid]
    assert 0 < measured.value < 1
    assert any("暂无内容" in e["detail"] for e in measured.evidence)
    guide = REGISTRY["guide_current"](ctx, {})[uid]
    assert guide.value == 2  # never reviewed, contact data missing


def test_a_document_whose_term_is_over_is_not_registered(unit_tree, people, publish_document):
    doc = publish_document("office", title="武汉市旧规定", doc_number="武政规〔2014〕5号",
                           publish_date="2014-01-02", effective_date="2014-02-02",
                           level="地方规范性文件")
    with pytest.raises(ColumnError, match="有效期已届满") as info:
        services.normative_register(actor=people["sub_office"], document=doc)
    assert info.value.field == "document"
    doc.refresh_from_db()
    assert doc.validity == "现行有效"


def test_the_completeness_view_has_a_fixed_number_of_queries(client, unit_tree, people,
                                                              public_library,
                                                              django_assert_max_num_queries):
    client.force_login(people["office"])
    client.get("/zhuanlan/manage/")
    with django_assert_max_num_queries(25):
        assert client.get("/zhuanlan/manage/").status_code == 200
