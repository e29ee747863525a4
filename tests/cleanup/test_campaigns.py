"""Cleanup campaigns (文件清理): domain wording, the flow end to end, permissions."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.cleanup.domain.campaigns import (
    Listed,
    cn_count,
    mark_problem,
    notice_compose,
    publish_problems,
)
from gongkai.cleanup.errors import CleanupError
from gongkai.cleanup.models import CampaignItem
from gongkai.cleanup.services import campaign_open, campaign_publish, item_mark, item_review
from gongkai.core.access import AccessDenied as PermissionDenied  # the one refusal type
from gongkai.documents.domain.relations import decision_analyse
from gongkai.documents.domain.vocab import RelationAction
from gongkai.documents.lifecycle import conflicts_report, relations_extract_and_link
from gongkai.documents.models import Document, DocumentRelation, ValidityEvent
from gongkai.documents.services import document_create, document_publish_direct

TODAY = date(2024, 6, 1)

# --------------------------------------------------------------------------- domain, no DB


@pytest.mark.parametrize(("n", "text"), [(54, "五十四"), (43, "四十三"), (10, "十"), (19, "十九"),
                                         (3, "三"), (0, "零"), (100, "一百")])
def test_cn_count(n, text):
    assert cn_count(n) == text


def test_notice_in_the_seed_wording_with_lists():
    repealed = [Listed(f"湖北省甲类文件{i}", f"鄂政发〔1990〕{i}号") for i in range(1, 55)]
    amended = [Listed(f"湖北省乙类文件{i}") for i in range(1, 44)]
    notice = notice_compose(issuer="湖北省人民政府", scope="省政府和省政府办公厅",
                            recipients="各市、州、县人民政府，省政府各部门", repealed=repealed,
                            amended=amended, kept=120, on=date(2024, 7, 1))
    body = notice.body
    assert notice.title == "湖北省人民政府关于公布文件清理结果的通知"
    assert "一、失效或废止的文件五十四件。" in body
    assert "二、需要修改的文件四十三件。" in body
    assert "三、继续有效的文件一百二十件。" in body
    assert "1.《湖北省甲类文件1》（鄂政发〔1990〕1号）" in body
    assert "54.《湖北省甲类文件54》（鄂政发〔1990〕54号）" in body
    assert "43.《湖北省乙类文件43》" in body
    assert body.endswith("湖北省人民政府\n2024年7月1日")
    # our own extractor reads the notice back: the counts it states and the repealed list
    decision = decision_analyse(body, publish_date=date(2024, 7, 1), self_title=notice.title)
    assert decision.declared(RelationAction.REPEAL) == 54
    assert decision.declared(RelationAction.AMEND) == 43
    assert len(decision.by_action(RelationAction.REPEAL)) == 54
    assert decision.effective_date == date(2024, 7, 1)


@pytest.mark.parametrize(
    ("mark", "reason", "ok"),
    [("keep", "", True), ("amend", "与新条例不符", True), ("repeal", "调整对象已消失", True),
     ("amend", " ", False), ("repeal", "", False), ("delete", "x", False), ("", "", False)],
)
def test_mark_problem(mark, reason, ok):
    assert (mark_problem(mark, reason) is None) == ok


def test_publish_problems_counts_what_is_missing():
    assert publish_problems([("keep", "accepted"), ("repeal", "accepted")]) == []
    assert publish_problems([("", "pending"), ("amend", "pending"), ("keep", "returned")]) == [
        "还有 1 件文件未提出清理意见", "还有 2 件文件的清理意见未审核通过"]


# --------------------------------------------------------------------------- with the DB


def _doc(unit, title, number="", *, validity="现行有效", published=True):
    doc = document_create(unit=unit, actor=None, title=title, doc_number=number,
                          publish_date=date(2020, 3, 1), validity=validity, body=title,
                          level="地方规范性文件")
    return document_publish_direct(document=doc, actor=None) if published else doc


@pytest.fixture
def people(unit_tree, make_user):
    return {
        "office": make_user("city-office", unit_tree["city"], "office"),
        "district_office": make_user("district-office", unit_tree["district"], "office"),
        "district": make_user("xinzhou", unit_tree["district"], "submitter"),
        "stats": make_user("stats", unit_tree["stats"], "submitter", "reviewer"),
        "nobody": make_user("evaluator", unit_tree["city"], "evaluator"),
    }


@pytest.fixture
def library(unit_tree):
    district, stats = unit_tree["district"], unit_tree["stats"]
    return {
        "a": _doc(district, "新洲区农村集体资产管理暂行办法", "新政〔2010〕3号"),
        "b": _doc(district, "新洲区政府信息公开工作考核办法", "新政办〔2015〕8号"),
        "c": _doc(district, "新洲区重大行政决策程序规定", "新政〔2019〕1号"),
        "d": _doc(stats, "武汉市统计执法检查办法", "武统〔2012〕5号"),
        "e": _doc(stats, "武汉市统计数据质量管理规定", "武统〔2020〕2号"),
        "draft": _doc(district, "新洲区未发布的草稿", published=False),
        "dead": _doc(district, "新洲区早已废止的办法", "新政〔2005〕1号", validity="废止"),
    }


def _items(campaign):
    return {i.document.title: i for i in campaign.items.select_related("document")}


def test_cleanup_flow_end_to_end(unit_tree, people, library):
    campaign = campaign_open(actor=people["office"], title="2024年规范性文件清理",
                             units=[unit_tree["district"], unit_tree["stats"]],
                             deadline=date(2024, 6, 30), today=TODAY)
    items = _items(campaign)
    assert set(items) == {library[k].title for k in "abcde"}  # no drafts, nothing dead

    marks = {"a": ("repeal", "调整对象已不复存在", "district"), "b": ("amend", "考核指标需更新", "district"),
             "c": ("keep", "", "district"), "d": ("repeal", "已被新规定代替", "stats"),
             "e": ("keep", "", "stats")}
    for key, (mark, reason, who) in marks.items():
        item_mark(actor=people[who], item=items[library[key].title], mark=mark, reason=reason)
    # the office returns one, the unit re-marks, the office accepts everything
    returned = item_review(actor=people["office"], item=items[library["b"].title], accept=False,
                           note="请写明需修改的条款")
    assert returned.review == "returned"
    item_mark(actor=people["district"], item=returned, mark="amend", reason="第五条考核指标需更新")
    for item in CampaignItem.objects.filter(campaign=campaign):
        item_review(actor=people["office"], item=item, accept=True)

    published = campaign_publish(actor=people["office"], campaign=campaign, today=date(2024, 7, 1),
                                 doc_number="武政〔2024〕20号")
    notice = published.notice
    assert published.state == "published" and notice.state == "published" and notice.is_public
    assert notice.title == "武汉市人民政府关于公布文件清理结果的通知"
    assert notice.doc_number == "武政〔2024〕20号" and notice.publish_date == date(2024, 7, 1)
    assert "一、失效或废止的文件二件。" in notice.body and "二、需要修改的文件一件。" in notice.body
    assert "《新洲区农村集体资产管理暂行办法》（新政〔2010〕3号）" in notice.body
    assert "《新洲区政府信息公开工作考核办法》（新政办〔2015〕8号）" in notice.body

    validity = dict(Document.objects.filter(pk__in=[library[k].pk for k in "abcde"])
                    .values_list("title", "validity"))
    assert validity == {library["a"].title: "废止", library["b"].title: "现行有效",
                        library["c"].title: "现行有效", library["d"].title: "废止",
                        library["e"].title: "现行有效"}
    event = ValidityEvent.objects.get(document=library["a"])
    assert (event.cause, event.cause_document_id, event.date) == ("cleanup", notice.pk, date(2024, 7, 1))
    assert set(DocumentRelation.objects.filter(source=notice).values_list("target_id", "action")) == {
        (library["a"].pk, "repeal"), (library["d"].pk, "repeal")}
    # the notice lists what it repeals: linking it again neither duplicates nor flags a conflict
    relations_extract_and_link(document=notice, actor=None)
    assert conflicts_report(today=date(2024, 7, 2)).citing_dead == []
    # after publication nothing moves any more
    with pytest.raises(CleanupError):
        item_mark(actor=people["district"], item=items[library["c"].title], mark="repeal", reason="x")
    with pytest.raises(CleanupError):
        campaign_publish(actor=people["office"], campaign=campaign)


def test_publish_refuses_until_all_marked_and_accepted(unit_tree, people, library):
    campaign = campaign_open(actor=people["office"], title="清理", units=[unit_tree["stats"]],
                             deadline=date(2024, 6, 30), today=TODAY)
    items = _items(campaign)
    item_mark(actor=people["stats"], item=items[library["d"].title], mark="repeal", reason="过时")
    with pytest.raises(CleanupError) as exc:
        campaign_publish(actor=people["office"], campaign=campaign)
    assert exc.value.field == "items" and "1 件文件未提出" in str(exc.value)
    assert not Document.objects.filter(title__contains="公布文件清理结果").exists()
    assert Document.objects.get(pk=library["d"].pk).validity == "现行有效"


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        ("district", "open", PermissionDenied),
        ("nobody", "open", PermissionDenied),
        ("district_office", "open_city", CleanupError),  # units outside its own subtree
        ("stats", "mark_district", PermissionDenied),
        ("office", "mark_district", PermissionDenied),  # the office reviews, the unit marks
        ("district", "review", PermissionDenied),
        ("district_office", "review", PermissionDenied),
        ("district", "publish", PermissionDenied),
        ("district", "mark_district", None),
        ("office", "review", None),
    ],
)
def test_permissions(unit_tree, people, library, who, action, expected):
    campaign = campaign_open(actor=people["office"], title="清理", units=[unit_tree["district"]],
                             deadline=date(2024, 6, 30), today=TODAY)
    item = campaign.items.get(document=library["a"])
    item_mark(actor=people["district"], item=item, mark="keep")
    user = people[who]
    calls = {
        "open": lambda: campaign_open(actor=user, title="x", units=[unit_tree["district"]],
                                      deadline=date(2024, 6, 30), today=TODAY),
        "open_city": lambda: campaign_open(actor=user, title="x", units=[unit_tree["stats"]],
                                           deadline=date(2024, 6, 30), today=TODAY),
        "mark_district": lambda: item_mark(actor=user, item=item, mark="repeal", reason="过时"),
        "review": lambda: item_review(actor=user, item=item, accept=True),
        "publish": lambda: campaign_publish(actor=user, campaign=campaign),
    }
    if expected is None:
        calls[action]()
    else:
        with pytest.raises(expected):
            calls[action]()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": " "}, "title"),
        ({"deadline": date(2024, 5, 1)}, "deadline"),
        ({"units": []}, "units"),
        ({"units": "province"}, "units"),
    ],
)
def test_open_bad_input_names_the_field(unit_tree, people, kwargs, field):
    args = {"title": "清理", "units": [unit_tree["district"]], "deadline": date(2024, 6, 30)}
    args.update(kwargs)
    if args["units"] == "province":
        args["units"] = [unit_tree["province"]]
    with pytest.raises(CleanupError) as exc:
        campaign_open(actor=people["office"], today=TODAY, **args)
    assert exc.value.field == field


def test_mark_and_review_bad_input(unit_tree, people, library):
    campaign = campaign_open(actor=people["office"], title="清理", units=[unit_tree["district"]],
                             deadline=date(2024, 6, 30), today=TODAY)
    item = campaign.items.get(document=library["a"])
    with pytest.raises(CleanupError) as exc:
        item_mark(actor=people["district"], item=item, mark="repeal", reason="")
    assert exc.value.field == "reason"
    with pytest.raises(CleanupError) as exc:
        item_review(actor=people["office"], item=item, accept=True)
    assert exc.value.field == "mark"
    item_mark(actor=people["district"], item=item, mark="keep")
    with pytest.raises(CleanupError) as exc:
        item_review(actor=people["office"], item=item, accept=False, note="")
    assert exc.value.field == "note"
