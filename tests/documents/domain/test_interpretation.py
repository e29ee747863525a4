"""The 解读 matcher on the title forms units really use (domain: no database)."""

import pytest

from gongkai.documents.domain.interpretation import (
    Candidate,
    Ref,
    choose_target,
    guess_kind,
    interpretation_refs,
    is_interpretation,
    qa_pairs,
)
from gongkai.documents.domain.relations import title_key
from gongkai.documents.domain.vocab import InterpretationKind

TITLES = [
    ("《武汉市统计管理办法》政策解读", "武汉市统计管理办法"),
    ("《武汉市统计管理办法》解读", "武汉市统计管理办法"),
    ("关于《武汉市统计管理办法》的解读", "武汉市统计管理办法"),
    ("关于《武汉市重大行政决策程序规定》的政策解读", "武汉市重大行政决策程序规定"),
    ("一图读懂《武汉市优化营商环境若干措施》", "武汉市优化营商环境若干措施"),
    ("图解：《武汉市优化营商环境若干措施》", "武汉市优化营商环境若干措施"),
    ("专家解读《湖北省政府信息公开规定》", "湖北省政府信息公开规定"),
    ("《关于进一步规范政策解读工作的通知》起草说明", "关于进一步规范政策解读工作的通知"),
    ("武汉市政务信息化项目管理办法解读", "武汉市政务信息化项目管理办法"),
    ("武汉市政务信息化项目管理办法政策解读", "武汉市政务信息化项目管理办法"),
    ("关于武汉市政务信息化项目管理办法的解读", "武汉市政务信息化项目管理办法"),
    ("一图读懂武汉市政务信息化项目管理办法", "武汉市政务信息化项目管理办法"),
    ("《武汉市统计管理办法》十问十答", "武汉市统计管理办法"),
    ("市统计局负责人就《武汉市统计管理办法》答记者问", "武汉市统计管理办法"),
]


@pytest.mark.parametrize(("title", "named"), TITLES)
def test_a_real_interpretation_title_names_its_document(title, named):
    assert is_interpretation(title)
    refs = interpretation_refs(title)
    assert refs[0].title_key == title_key(named)


@pytest.mark.parametrize("title", [
    "武汉市人民政府办公厅关于进一步规范政策解读工作的通知",  # 解读 only inside the subject
    "关于印发《政策解读工作规范》的通知",
    "武汉市统计管理办法",
])
def test_a_document_about_interpretation_is_not_itself_one(title):
    assert not is_interpretation(title)


def test_the_doc_number_in_brackets_after_the_title_is_read():
    refs = interpretation_refs("《武汉市统计管理办法》（武政规〔2020〕3号）政策解读")
    assert refs[0].title_key == title_key("武汉市统计管理办法")
    assert refs[1].number_key and not refs[1].title_key


def test_the_body_opening_is_read_when_the_title_names_nothing():
    refs = interpretation_refs("政策解读", "近日，市人民政府印发了《武汉市统计管理办法》（武政规〔2020〕3号），现解读如下。")
    assert [r.source for r in refs] == ["body", "body"]
    assert refs[0].title_key == title_key("武汉市统计管理办法")


A = Candidate(id=1, unit_id=10, title="武汉市统计管理办法", doc_number="武政规〔2020〕3号")
B = Candidate(id=2, unit_id=20, title="武汉市统计管理办法")
C = Candidate(id=3, unit_id=10, title="武汉市统计管理办法（2016）")


def test_one_candidate_is_linked():
    ref = Ref(title="武汉市统计管理办法", title_key=title_key("武汉市统计管理办法"))
    assert choose_target([ref], {ref: [A]}).document_id == 1


def test_two_units_same_title_prefers_the_interpretations_own_unit():
    ref = Ref(title="X", title_key="X")
    choice = choose_target([ref], {ref: [A, B]}, unit_id=20)
    assert (choice.status, choice.document_id) == ("linked", 2)


def test_two_documents_of_the_same_unit_are_ambiguous():
    ref = Ref(title="X", title_key="X")
    choice = choose_target([ref], {ref: [A, C]}, unit_id=10)
    assert choice.status == "ambiguous"
    assert {c.id for c in choice.candidates} == {1, 3}


def test_title_and_number_that_agree_decide_an_ambiguous_title():
    by_title = Ref(title="X", title_key="X")
    by_number = Ref(number_key="武政规2020-3")
    choice = choose_target([by_title, by_number], {by_title: [A, C], by_number: [A]}, unit_id=10)
    assert (choice.status, choice.document_id) == ("linked", 1)


def test_two_different_documents_named_are_ambiguous():
    r1, r2 = Ref(title="X", title_key="X"), Ref(title="Y", title_key="Y")
    assert choose_target([r1, r2], {r1: [A], r2: [B]}).status == "ambiguous"


def test_nothing_found_is_none_with_a_reason():
    ref = Ref(title="不存在的办法", title_key="不存在的办法")
    choice = choose_target([ref], {ref: []})
    assert choice.status == "none" and "不存在的办法" in choice.reason


def test_a_document_never_interprets_itself():
    ref = Ref(title="X", title_key="X")
    assert choose_target([ref], {ref: [A]}, self_id=1).status == "none"


@pytest.mark.parametrize(("title", "kind"), [
    ("一图读懂《X办法》", InterpretationKind.GRAPHIC),
    ("图解：《X办法》", InterpretationKind.GRAPHIC),
    ("《X办法》简明问答", InterpretationKind.QA),
    ("《X办法》十问十答", InterpretationKind.QA),
    ("《X办法》新闻发布会", InterpretationKind.VIDEO),
    ("专家解读《X办法》", InterpretationKind.EXPERT),
    ("《X办法》政策解读", InterpretationKind.TEXT),
])
def test_the_form_is_read_from_the_title(title, kind):
    assert guess_kind(title) == kind


def test_question_and_answer_pairs_are_read():
    body = "问：什么是统一登记？\n答：规范性文件由司法行政部门统一登记编号。\n问：有效期多久？\n答：一般为5年。"
    assert qa_pairs(body) == [("什么是统一登记？", "规范性文件由司法行政部门统一登记编号。"),
                              ("有效期多久？", "一般为5年。")]


def test_numbered_questions_are_read():
    body = "一、为什么制定本办法？\n为了规范管理。\n二、适用范围是什么？\n本市行政区域。"
    assert [q for q, _a in qa_pairs(body)] == ["为什么制定本办法？", "适用范围是什么？"]


def test_the_body_narrows_an_ambiguous_title():
    by_title = Ref(title="X", title_key="X")
    in_body = Ref(number_key="武政规2020-3", source="body")
    choice = choose_target([by_title, in_body], {by_title: [A, C], in_body: [A]}, unit_id=10)
    assert (choice.status, choice.document_id) == ("linked", 1)


def test_a_body_naming_something_else_leaves_the_title_ambiguous():
    by_title = Ref(title="X", title_key="X")
    in_body = Ref(title="Y", title_key="Y", source="body")
    choice = choose_target([by_title, in_body], {by_title: [A, C], in_body: [B]}, unit_id=10)
    assert choice.status == "ambiguous"


@pytest.mark.parametrize(("title", "named"), TITLES)
def test_the_database_prefilter_keeps_every_interpretation_title(title, named):
    from gongkai.documents.domain.interpretation import TITLE_MARKERS

    assert any(marker in title for marker in TITLE_MARKERS)
