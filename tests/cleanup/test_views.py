"""Cleanup pages: the flow through HTTP, and who may see and do what."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document as read_docx

from gongkai.cleanup.models import Campaign
from gongkai.documents.models import Document
from gongkai.documents.services import document_create, document_publish_direct


def _doc(unit, title, number=""):
    doc = document_create(unit=unit, actor=None, title=title, doc_number=number,
                          publish_date=date(2020, 3, 1), body=title, level="地方规范性文件")
    return document_publish_direct(document=doc, actor=None)


@pytest.fixture
def setup(unit_tree, make_user):
    return {
        "office": make_user("city-office", unit_tree["city"], "office"),
        "district": make_user("xinzhou", unit_tree["district"], "submitter"),
        "stats": make_user("stats", unit_tree["stats"], "submitter"),
        "a": _doc(unit_tree["district"], "新洲区农村集体资产管理暂行办法", "新政〔2010〕3号"),
        "b": _doc(unit_tree["district"], "新洲区重大行政决策程序规定", "新政〔2019〕1号"),
        "s": _doc(unit_tree["stats"], "武汉市统计执法检查办法", "武统〔2012〕5号"),
        "units": unit_tree,
    }


def _open(client, setup):
    client.force_login(setup["office"])
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post("/cleanup/new/", {
        "title": "规范性文件清理", "deadline": deadline,
        "units": [setup["units"]["district"].pk, setup["units"]["stats"].pk]})
    assert response.status_code == 302
    return Campaign.objects.get(title="规范性文件清理")


def test_flow_through_the_pages(client, setup):
    campaign = _open(client, setup)
    items = {i.document_id: i for i in campaign.items.all()}
    notice_url = f"/cleanup/{campaign.pk}/notice/"
    client.logout()
    assert client.get(notice_url).status_code == 404  # nothing public before publication

    client.force_login(setup["district"])
    page = client.get(f"/cleanup/{campaign.pk}/").content.decode()
    assert setup["a"].title in page and setup["s"].title not in page  # own unit only
    client.post(f"/cleanup/{campaign.pk}/items/{items[setup['a'].pk].pk}/mark/",
                {"mark": "repeal", "reason": "调整对象已不复存在"})
    client.post(f"/cleanup/{campaign.pk}/items/{items[setup['b'].pk].pk}/mark/", {"mark": "keep"})
    # another unit's item is not even found
    other = client.post(f"/cleanup/{campaign.pk}/items/{items[setup['s'].pk].pk}/mark/",
                        {"mark": "keep"})
    assert other.status_code == 404
    client.force_login(setup["stats"])
    client.post(f"/cleanup/{campaign.pk}/items/{items[setup['s'].pk].pk}/mark/",
                {"mark": "amend", "reason": "罚则需与新法衔接"})

    client.force_login(setup["office"])
    for item in items.values():
        client.post(f"/cleanup/{campaign.pk}/items/{item.pk}/review/", {"accept": "1"})
    response = client.post(f"/cleanup/{campaign.pk}/publish/", {"doc_number": "武政〔2024〕20号"})
    assert response.status_code == 302 and response["Location"] == notice_url

    client.logout()
    page = client.get(notice_url).content.decode()
    assert "失效或废止的文件一件" in page and "需要修改的文件一件" in page
    assert "《新洲区农村集体资产管理暂行办法》（新政〔2010〕3号）" in page
    docx = client.get(f"/cleanup/{campaign.pk}/notice.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in read_docx(io.BytesIO(docx.content)).paragraphs)
    assert "武汉市人民政府关于公布文件清理结果的通知" in text and "失效或废止的文件一件" in text
    notice = Document.objects.get(title="武汉市人民政府关于公布文件清理结果的通知")
    assert client.get(notice.get_absolute_url()).status_code == 200  # in the public library
    assert Document.objects.get(pk=setup["a"].pk).validity == "废止"
    assert client.get(f"/cleanup/{campaign.pk}/").status_code == 302  # the campaign stays private


def test_publish_page_shows_the_reason_it_cannot(client, setup):
    campaign = _open(client, setup)
    response = client.post(f"/cleanup/{campaign.pk}/publish/", follow=True)
    assert "未提出清理意见" in response.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).state == "open"


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        (None, "/cleanup/", 302),
        (None, "/cleanup/new/", 302),
        (None, "/cleanup/conflicts/", 302),
        ("district", "/cleanup/", 200),
        ("district", "/cleanup/new/", 403),
        ("district", "/cleanup/conflicts/", 403),
        ("office", "/cleanup/new/", 200),
        ("office", "/cleanup/conflicts/", 200),
        ("office", "/cleanup/conflicts/?days=abc", 400),  # a bad parameter is named, not ignored
    ],
)
def test_page_permissions(client, setup, who, url, status):
    if who:
        client.force_login(setup[who])
    assert client.get(url).status_code == status


def test_new_campaign_bad_input_shows_the_field(client, setup):
    client.force_login(setup["office"])
    response = client.post("/cleanup/new/", {"title": "x", "deadline": "明天", "units": []})
    assert response.status_code == 400 and "截止日期" in response.content.decode()
    response = client.post("/cleanup/new/", {"title": "x", "deadline": "2099-01-01", "units": []})
    assert response.status_code == 400 and "参加单位" in response.content.decode()
    assert not Campaign.objects.exists()


def test_campaign_of_another_office_is_hidden(client, setup, make_user):
    campaign = _open(client, setup)
    outsider = make_user("province-office", None, "office")
    client.force_login(outsider)
    assert client.get(f"/cleanup/{campaign.pk}/").status_code == 404


def test_office_sees_unit_progress_overdue_and_accepts_all(client, setup):
    from gongkai.cleanup.services import campaign_open, item_mark

    units = setup["units"]
    campaign = campaign_open(actor=setup["office"], title="去年的清理", units=[units["district"], units["stats"]],
                             deadline=date(2020, 2, 1), today=date(2020, 1, 1))
    items = {i.document_id: i for i in campaign.items.all()}
    item_mark(actor=setup["stats"], item=items[setup["s"].pk], mark="keep")
    item_mark(actor=setup["district"], item=items[setup["a"].pk], mark="keep")
    client.force_login(setup["office"])
    page = client.get(f"/cleanup/{campaign.pk}/").content.decode()
    assert "已过截止日期" in page
    district_row = page.split("新洲区人民政府</td>")[1].split("</tr>")[0]
    stats_row = page.split("武汉市统计局</td>")[1].split("</tr>")[0]
    assert "逾期未完成" in district_row and "逾期未完成" not in stats_row
    client.post(f"/cleanup/{campaign.pk}/accept/")
    assert sorted(campaign.items.values_list("review", flat=True)) == ["accepted", "accepted", "pending"]
    # a unit's staff cannot review, not even their own marks
    item_mark(actor=setup["district"], item=items[setup["b"].pk], mark="keep")
    client.force_login(setup["district"])
    assert client.post(f"/cleanup/{campaign.pk}/accept/").status_code == 403
    assert campaign.items.get(document=setup["b"]).review == "pending"
