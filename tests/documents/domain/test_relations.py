"""Reference extraction and action classification (documents/domain/relations.py), no DB."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.documents.domain.relations import (
    decision_analyse,
    effective_date_find,
    history_references,
    normalize_doc_number,
    references_extract,
    title_key,
    title_references,
)
from gongkai.documents.domain.vocab import RelationAction as A

DATA = Path(__file__).resolve().parents[2] / "data"


def _seed(prefix: str) -> str:
    return next(DATA.glob(f"{prefix}-*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 《标题》 with the 发文字号 in brackets after it, half- and full-width
        ("对《武汉市统计管理办法》(市人民政府令第152号)作如下修改:",
         [(A.AMEND, "武汉市统计管理办法", "市人民政府令第152号", None)]),
        ("对《武汉市统计管理办法》（市人民政府令第152号）等19部规章的部分条款,予以修改。",
         [(A.AMEND, "武汉市统计管理办法", "市人民政府令第152号", 19)]),
        ("二、对《武汉市控制和查处违法建设办法》(市人民政府令第189号)等3部规章,予以废止。",
         [(A.REPEAL, "武汉市控制和查处违法建设办法", "市人民政府令第189号", 3)]),
        # bracket spellings of the year are normalised
        ("《武汉市政府信息公开工作考核办法》（武政办[2014]153号）予以废止。",
         [(A.REPEAL, "武汉市政府信息公开工作考核办法", "武政办〔2014〕153号", None)]),
        # a list of titles heading a count: all take the verb, the count sits on the last
        ("对《武汉市甲办法》《武汉市乙规定》等19部规章的部分条款,予以修改。",
         [(A.AMEND, "武汉市甲办法", "", None), (A.AMEND, "武汉市乙规定", "", 19)]),
        # 同时废止 after a list of dated titles: every one is replaced
        ("本条例自2002年1月1日起施行。1985年5月24日国务院发布的《中华人民共和国技术引进合同管理条例》和1987年12月30日国务院批准、1988年1月20日对外经济贸易部发布的《中华人民共和国技术引进合同管理条例施行细则》同时废止。",
         [(A.REPLACE, "中华人民共和国技术引进合同管理条例", "", None),
          (A.REPLACE, "中华人民共和国技术引进合同管理条例施行细则", "", None)]),
        # …the amending decision named on the way is only cited
        ("根据1997年4月16日…《关于修改〈北京市城市市容环境卫生条例〉的决定》修正的《北京市城市市容环境卫生条例》，同时废止。",
         [(A.CITE, "关于修改〈北京市城市市容环境卫生条例〉的决定", "", None),
          (A.REPLACE, "北京市城市市容环境卫生条例", "", None)]),
        # without a doc number; a chinese count
        ("对《北京市审计条例》等七部地方性法规予以修改。",
         [(A.AMEND, "北京市审计条例", "", 7)]),
        # nested 〈〉 and <> inside a title stay in the title, written 〈〉
        ("根据《关于修改<关于议案的若干暂行规定>的决定》修正",
         [(A.CITE, "关于修改〈关于议案的若干暂行规定〉的决定", "", None)]),
        ("《北京市实施〈中华人民共和国食品卫生法〉办法》同时废止。",
         [(A.REPLACE, "北京市实施〈中华人民共和国食品卫生法〉办法", "", None)]),
        # replace: a new text repeals the old one at the same time; two in a list
        ("本办法自2007年1月1日起施行。《北京市环境噪声管理暂行办法》、《北京市严格限制养犬规定》同时废止。",
         [(A.REPLACE, "北京市环境噪声管理暂行办法", "", None),
          (A.REPLACE, "北京市严格限制养犬规定", "", None)]),
        ("本通知代替《武汉市人民政府办公厅关于进一步加强政府信息公开工作的通知》（武政办〔2010〕12号）。",
         [(A.REPLACE, "武汉市人民政府办公厅关于进一步加强政府信息公开工作的通知", "武政办〔2010〕12号", None)]),
        ("市人民政府决定废止《武汉市甲办法》。", [(A.REPEAL, "武汉市甲办法", "", None)]),
        ("《武汉市人民政府办公厅关于进一步加强政府信息公开工作的通知》（武政办〔2010〕12号）同时停止执行。",
         [(A.REPLACE, "武汉市人民政府办公厅关于进一步加强政府信息公开工作的通知", "武政办〔2010〕12号", None)]),
        # invalidate
        ("《湖北省企业登记管理暂行办法》宣布失效。",
         [(A.INVALIDATE, "湖北省企业登记管理暂行办法", "", None)]),
        # interpret
        ("关于《武汉市政务公开工作要点》的解读",
         [(A.INTERPRET, "武汉市政务公开工作要点", "", None)]),
        # a ground is cited even when the sentence goes on to repeal something else
        ("根据《中华人民共和国立法法》的规定，对下列规章予以废止",
         [(A.CITE, "中华人民共和国立法法", "", None)]),
        ("为贯彻落实《国务院办公厅关于开展涉及行政复议的行政法规、规章和行政规范性文件清理工作的通知》(国办函〔2023〕116号)和《湖北省法规规章规范性文件数据库建设相关工作指引》等精神",
         [(A.CITE, "国务院办公厅关于开展涉及行政复议的行政法规、规章和行政规范性文件清理工作的通知", "国办函〔2023〕116号", None),
          (A.CITE, "湖北省法规规章规范性文件数据库建设相关工作指引", "", None)]),
        # a list under an annex heading takes the heading's action
        ("武汉市人民政府决定废止的规章\n1.《武汉市甲办法》(市人民政府令第10号)\n2.《武汉市乙规定》(市人民政府令第11号)\n",
         [(A.REPEAL, "武汉市甲办法", "市人民政府令第10号", None),
          (A.REPEAL, "武汉市乙规定", "市人民政府令第11号", None)]),
        # the lists of a 清理结果 notice: the first section repeals, the second does not
        ("一、失效或废止的文件二件。\n这类文件一律停止执行。\n1.《武汉市甲办法》（武政办〔2020〕1号）\n"
         "2.《武汉市乙办法》\n二、需要修改的文件一件。\n1.《武汉市丙办法》（武政办〔2021〕3号）\n",
         [(A.REPEAL, "武汉市甲办法", "武政办〔2020〕1号", None),
          (A.REPEAL, "武汉市乙办法", "", None),
          (A.CITE, "武汉市丙办法", "武政办〔2021〕3号", None)]),
        # an unclosed 《 (truncated page) is skipped, the next title is still found
        ("《武汉市未完\n依照《武汉市统计管理办法》执行。",
         [(A.CITE, "武汉市统计管理办法", "", None)]),
        ("没有任何引用的文字。", []),
    ],
)
def test_references_extract_table(text, expected):
    refs = references_extract(text)
    assert [(r.action, r.title, r.doc_number, r.count) for r in refs] == expected


def test_order_322_amends_19_and_repeals_3():
    text = _seed("09")
    decision = decision_analyse(text, publish_date=date(2024, 5, 9),
                                self_title="武汉市人民政府关于修改和废止部分规章的决定(2024)")
    assert decision.declared(A.AMEND) == 19
    assert decision.declared(A.REPEAL) == 3
    assert decision.effective_date == date(2024, 7, 1)
    amended = {(r.title, r.doc_number) for r in decision.by_action(A.AMEND)}
    assert amended == {  # the seed text is cut after the second annex item
        ("武汉市统计管理办法", "市人民政府令第152号"),
        ("武汉市天然气高压管道设施保护办法", "市人民政府令第163号"),
    }
    assert [(r.title, r.doc_number) for r in decision.by_action(A.REPEAL)] == [
        ("武汉市控制和查处违法建设办法", "市人民政府令第189号")
    ]
    cited = {r.title for r in decision.by_action(A.CITE)}
    assert "湖北省贯彻落实建设全国统一大市场工作行动方案" in cited
    # the decision's own title is not a reference to another document
    assert all("修改和废止部分规章的决定" not in r.title for r in decision.references)


def test_hubei_cleanup_notice_counts_54_and_43():
    decision = decision_analyse(_seed("01"), publish_date=date(1993, 1, 1))
    assert decision.declared(A.REPEAL) == 54
    assert decision.declared(A.AMEND) == 43
    # 从本通知下发之日起，一律停止执行: effective on the day it is issued
    assert decision.effective_date == date(1993, 1, 1)
    assert {r.action for r in decision.references} == {A.CITE}


@pytest.mark.parametrize(
    ("text", "publish", "expected"),
    [
        ("本决定自2024年7月1日起施行。", None, date(2024, 7, 1)),
        ("本办法自二〇二四年七月一日起施行。", None, date(2024, 7, 1)),
        ("本通知自印发之日起施行。", date(2024, 3, 5), date(2024, 3, 5)),
        ("本规定自公布之日起施行", date(2023, 12, 1), date(2023, 12, 1)),
        ("本规定自公布之日起施行", None, None),
        # the text's own date beats a date quoted from another document
        ("《甲办法》自2001年1月1日起施行。本决定自2024年7月1日起施行。", None, date(2024, 7, 1)),
        ("2月30日起施行", None, None),
        ("没有施行日期。", None, None),
    ],
)
def test_effective_date_find(text, publish, expected):
    assert effective_date_find(text, publish_date=publish) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("关于修改〈北京市审计条例〉的决定", [(A.AMEND, "北京市审计条例")]),
        ("关于修改<关于议案的若干暂行规定>的决定", [(A.AMEND, "关于议案的若干暂行规定")]),
        ("信阳市人民代表大会常务委员会关于修改〈信阳市鲇鱼山水库饮用水水源保护条例〉〈信阳市城市市容和环境卫生管理条例〉的决定",
         [(A.AMEND, "信阳市鲇鱼山水库饮用水水源保护条例"), (A.AMEND, "信阳市城市市容和环境卫生管理条例")]),
        ("关于废止《武汉市甲办法》的决定", [(A.REPEAL, "武汉市甲办法")]),
        ("关于修改部分地方性法规的决定", []),
    ],
)
def test_title_references(title, expected):
    assert [(r.action, r.title) for r in title_references(title)] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2010年12月23日 北京市第十三届人民代表大会常务委员会第二十二次会议《关于修改部分地方性法规的决定》第二次修正",
         [(A.AMEND, "关于修改部分地方性法规的决定")]),
        ("1987年2月25日 北京市第八届人民代表大会常务委员会第三十五次会议《修改<关于议案的若干暂行规定>的决定》第一次修正",
         [(A.AMEND, "修改〈关于议案的若干暂行规定〉的决定")]),
        ("1997年5月23日 …《关于修改〈河南省反不正当竞争条例〉的决定》第一次修正根据2010年7月30日…《关于修改部分地方性法规的决定》第二次修正",
         [(A.AMEND, "关于修改〈河南省反不正当竞争条例〉的决定"), (A.AMEND, "关于修改部分地方性法规的决定")]),
        ("2001年12月27日 郑州市第十一届人民代表大会常务委员会第二十五次会议通过", []),
    ],
)
def test_history_references(line, expected):
    assert [(r.action, r.title) for r in history_references(line)] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("武政办[2014]153号", "武政办〔2014〕153号"),
        ("武政办【2014】153号", "武政办〔2014〕153号"),
        ("武政办（2014）153号", "武政办〔2014〕153号"),
        ("市人民政府令第152号", "市人民政府令第152号"),
        ("", ""),
    ],
)
def test_normalize_doc_number(raw, expected):
    assert normalize_doc_number(raw) == expected


def test_title_key_ignores_bracket_style_and_year_suffix():
    assert title_key("修改<关于议案的若干暂行规定>的决定") == title_key("修改〈关于议案的若干暂行规定〉的决定")
    assert title_key("武汉市人民政府关于修改和废止部分规章的决定(2024)") == title_key(
        "武汉市人民政府关于修改和废止部分规章的决定")
    assert title_key("甲办法") != title_key("乙办法")


@pytest.mark.parametrize(
    "title, keys",
    [
        ("武汉市人民政府关于印发武汉市统计管理办法的通知", ("关于印发武汉市统计管理办法的通知", "武汉市统计管理办法")),
        ("武汉市人民政府办公厅关于印发《武汉市政务信息化项目建设管理办法》的通知",
         ("关于印发武汉市政务信息化项目建设管理办法的通知", "武汉市政务信息化项目建设管理办法")),
        ("武汉市人民政府办公厅关于加强政务公开工作的通知", ("关于加强政务公开工作的通知", "")),
        ("武汉市统计管理办法", ("武汉市统计管理办法", "")),
        ("", ("", "")),
    ],
)
def test_title_match_keys(title, keys):
    from gongkai.documents.domain.relations import title_match_keys

    assert title_match_keys(title) == keys
