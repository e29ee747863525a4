"""The trust rule for change links (documents/domain/linking.py), table-driven, no database."""

from __future__ import annotations

import pytest

from gongkai.documents.domain.linking import (
    IssuerRank,
    LinkReason,
    is_decision,
    issuer_rank_by_name,
    link_check,
    may_replace,
)
from gongkai.documents.domain.vocab import RelationAction as A


@pytest.mark.parametrize(("title", "number", "expected"), [
    ("武汉市人民政府关于修改和废止部分规章的决定(2024)", "武汉市人民政府令第322号", True),
    ("北京市人民代表大会常务委员会关于修改部分地方性法规的决定", "", True),
    ("湖北省人民政府关于公布文件清理结果的通知", "", True),
    ("国务院关于宣布失效一批国务院文件的决定", "国发〔2016〕38号", True),
    ("武汉市人民政府办公厅关于废止部分规范性文件的通知", "武政办〔2020〕5号", True),
    ("中华人民共和国刑法修正案（十一）", "", True),
    ("武汉市统计管理办法", "武汉市人民政府令第152号", True),  # a 令 publishes and may amend
    ("武汉市人民政府办公厅关于做好2025年政务公开工作的通知", "武政办〔2025〕3号", False),
    ("武汉市人民政府办公厅关于印发2018年政务公开和政务服务工作要点的通知", "武政办〔2018〕103号", False),
    ("政务公开考评制度", "", False),
])
def test_decision_type_sources(title, number, expected):
    assert is_decision(title, number) is expected


@pytest.mark.parametrize(("title", "level", "expected"), [
    ("北京市审计条例", "地方性法规", True),
    ("武汉市人民政府关于印发武汉市政务信息化项目建设管理办法的通知", "地方规范性文件", True),
    ("关于做好防汛抗旱工作的通知", "工作文件", False),
])
def test_who_may_replace_with_同时废止(title, level, expected):
    assert may_replace(title, "", level) is expected


@pytest.mark.parametrize(("source", "target", "expected"), [
    (["武汉市人民政府"], ["武汉市人民政府"], IssuerRank.SAME),
    (["北京市人民代表大会常务委员会"], ["北京市人民代表大会"], IssuerRank.SAME),
    (["武汉市人民政府"], ["武汉市人民政府办公厅"], IssuerRank.ABOVE),
    (["武汉市人民政府办公厅"], ["武汉市人民政府"], IssuerRank.OTHER),
    (["新洲区人民政府"], ["武汉市人民政府"], IssuerRank.OTHER),
    ([], ["武汉市人民政府"], IssuerRank.UNKNOWN),
])
def test_issuer_rank_by_name(source, target, expected):
    assert issuer_rank_by_name(source, target) == expected


@pytest.mark.parametrize(("kw", "linked", "reason"), [
    ({"action": A.CITE, "resolved": True, "source_decision": False}, True, LinkReason.CITED),
    ({"action": A.AMEND, "resolved": True, "source_decision": True, "issuer": IssuerRank.SAME,
      "target_in_force": True}, True, LinkReason.LINKED),
    ({"action": A.REPEAL, "resolved": True, "source_decision": True, "issuer": IssuerRank.ABOVE,
      "target_in_force": True}, True, LinkReason.LINKED),
    # a work document that quotes a decision's sentence changes nothing
    ({"action": A.AMEND, "resolved": True, "source_decision": False, "issuer": IssuerRank.SAME,
      "target_in_force": True}, False, LinkReason.NOT_DECISION),
    ({"action": A.AMEND, "resolved": False, "source_decision": False}, False, LinkReason.NOT_DECISION),
    # a district does not repeal a city 规章
    ({"action": A.REPEAL, "resolved": True, "source_decision": True, "issuer": IssuerRank.OTHER,
      "target_in_force": True}, False, LinkReason.ISSUER_NOT_ABOVE),
    ({"action": A.REPEAL, "resolved": True, "source_decision": True, "issuer": IssuerRank.UNKNOWN,
      "target_in_force": True}, False, LinkReason.ISSUER_UNKNOWN),
    # already 废止 when the decision was made
    ({"action": A.REPEAL, "resolved": True, "source_decision": True, "issuer": IssuerRank.SAME,
      "target_in_force": False}, False, LinkReason.TARGET_NOT_IN_FORCE),
    ({"action": A.REPEAL, "resolved": True, "source_decision": True, "issuer": IssuerRank.SAME,
      "target_in_force": None}, False, LinkReason.TARGET_STATUS_UNKNOWN),
    # not in the library yet: stays a change, on the decision's worklist
    ({"action": A.AMEND, "resolved": False, "source_decision": True}, True, LinkReason.NOT_IN_LIBRARY),
    # a new rule may replace (同时废止) an old one, a work document may not
    ({"action": A.REPLACE, "resolved": True, "source_decision": False, "source_may_replace": True,
      "issuer": IssuerRank.SAME, "target_in_force": True}, True, LinkReason.LINKED),
    ({"action": A.REPLACE, "resolved": True, "source_decision": False, "source_may_replace": False,
      "issuer": IssuerRank.SAME, "target_in_force": True}, False, LinkReason.NOT_DECISION),
])
def test_link_check(kw, linked, reason):
    check = link_check(**kw)
    assert (check.linked, check.reason) == (linked, reason)
    assert check.label  # every reason has its Chinese explanation
