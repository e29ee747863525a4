"""建议提案 rules held as data: deadlines, extensions, states, the yearly summary's words."""

from datetime import date

import pytest

from gongkai.proposals.domain.rules import (
    Handled,
    RulesError,
    State,
    add_months,
    co_opinion_due,
    reply_due,
    rules_from_dict,
    summarize,
    summary_text,
    transition,
)

DATA = {
    "kinds": {"suggestion": {"label": "人大代表建议", "reply_months": 3, "max_months": 6, "co_opinion_days": 30},
              "proposal": {"label": "政协委员提案", "reply_months": 5, "max_months": 6}},
    "result_codes": {"A": "所提问题已经解决或采纳", "B": "所提问题列入计划拟解决", "C": "所提问题留作参考"},
    "satisfaction": {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"},
    "reopen_on": ["unsatisfied"], "re_reply_months": 1,
}


@pytest.fixture
def rules():
    return rules_from_dict(DATA)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2024, 3, 1), 3, date(2024, 6, 1)), (date(2023, 11, 30), 3, date(2024, 2, 29)),
    (date(2024, 10, 31), 3, date(2025, 1, 31)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_deadlines_follow_the_kind(rules):
    assigned = date(2024, 3, 1)
    assert reply_due(assigned, rules.kind("suggestion")) == date(2024, 6, 1)
    assert reply_due(assigned, rules.kind("proposal")) == date(2024, 8, 1)
    assert co_opinion_due(assigned, rules.kind("suggestion")) == date(2024, 3, 31)
    assert reply_due(assigned, rules.kind("suggestion"), extension_months=3) == date(2024, 9, 1)


def test_an_extension_beyond_the_maximum_is_refused(rules):
    with pytest.raises(RulesError, match="最长6个月.*最多延长3个月"):
        reply_due(date(2024, 3, 1), rules.kind("suggestion"), extension_months=4)


def test_an_unknown_kind_names_the_kinds(rules):
    with pytest.raises(RulesError, match="请选择人大代表建议或政协委员提案"):
        rules.kind("motion")


@pytest.mark.parametrize(("patch", "message"), [
    ({"kinds": {}}, "kinds：至少要有一类"),
    ({"kinds": {"x": {"reply_months": 0}}}, "kinds.x.reply_months：应为正整数"),
    ({"kinds": {"x": {"reply_months": 3, "max_months": 2}}}, "max_months：不能少于"),
    ({"reopen_on": ["angry"]}, "reopen_on：未定义的满意度 angry"),
    ({"result_codes": {}}, "result_codes"),
])
def test_bad_rules_name_the_key(patch, message):
    with pytest.raises(RulesError, match=message):
        rules_from_dict({**DATA, **patch})


def test_states():
    assert transition(State.ASSIGNED, "reply") is State.REPLIED
    assert transition(State.REPLIED, "feedback_reopen") is State.REOPENED
    assert transition(State.REOPENED, "reply") is State.REPLIED
    assert transition(State.CLOSED, "reply") is None


def test_summary(rules):
    items = [Handled("suggestion", "A", date(2024, 5, 1), date(2024, 6, 1), "satisfied"),
             Handled("suggestion", "B", date(2024, 6, 5), date(2024, 6, 1), "unsatisfied"),
             Handled("proposal", "", None, date(2024, 8, 1), "")]
    s = summarize(items, rules)
    assert s.received == {"suggestion": 2, "proposal": 1} and s.total == 3
    assert s.replied == 2 and s.on_time == 1 and s.by_code == {"A": 1, "B": 1, "C": 0}
    text = summary_text(2024, s, rules)
    assert text.startswith("2024年共承办人大代表建议2件，政协委员提案1件，合计3件。已答复2件，其中按期答复1件，按期答复率33%。")
    assert "所提问题已经解决或采纳的（A类）1件" in text and "满意1件" in text
