"""Pure rules: indicator parsing, scoring methods, totals, ranks and awards, summary sentences."""

from decimal import Decimal as D

import pytest

from gongkai.assessment.domain.awards import (
    AwardRules,
    Entry,
    competition_ranks,
    excellent,
    improved,
    rank_group,
)
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.domain.indicators import Indicator, parse_indicator_set
from gongkai.assessment.domain.scoring import score_indicator, total_of
from gongkai.assessment.domain.summary import (
    GroupSummary,
    chinese_ordinal,
    fmt_number,
    group_sentence,
    summarize_group,
    weakest,
)


def leaf(method, weight=10, per_finding=0, measure="m", **params):
    return Indicator(code="X1", name="测试", level=2, weight=D(weight), method=method,
                     measure=None if method == "manual" else measure, params=params,
                     per_finding=D(per_finding))


@pytest.mark.parametrize("method, weight, per_finding, value, manual, expected, status", [
    ("ratio", 15, 0, D(2) / D(3), None, "10.00", "scored"),          # 15 × 2/3
    ("ratio", 10, 0, D(1), None, "10.00", "scored"),
    ("ratio", 10, 0, D(0), None, "0.00", "scored"),
    ("ratio", 10, 0, None, None, "10", "no_data"),                     # nothing to measure: full
    ("deduct", 10, 1, 3, None, "7.00", "scored"),
    ("deduct", 10, 1, 0, None, "10.00", "scored"),
    ("deduct", 10, 1, 25, None, "0.00", "scored"),                     # floor 0
    ("deduct", 5, "0.5", 3, None, "3.50", "scored"),
    ("manual", 10, 0, None, D("7.5"), "7.50", "scored"),
    ("manual", 10, 0, None, None, "0", "pending"),
    ("bonus", 3, 1, 2, None, "2.00", "scored"),
    ("bonus", 3, 1, 9, None, "3.00", "scored"),                        # capped at the weight
])
def test_score_indicator(method, weight, per_finding, value, manual, expected, status):
    score = score_indicator(leaf(method, weight, per_finding), value=value, manual=manual)
    assert score.score == D(expected)
    assert score.status == status


@pytest.mark.parametrize("entry", [D("-1"), D("10.5")])
def test_manual_out_of_range_is_refused(entry):
    with pytest.raises(AssessmentError, match="超出范围"):
        score_indicator(leaf("manual", 10), manual=entry)


@pytest.mark.parametrize("value, vetoed", [(0, False), (1, True), (3, True)])
def test_veto_by_measure(value, vetoed):
    ind = Indicator(code="F1", name="失泄密", level=2, method="veto", measure="m")
    assert score_indicator(ind, value=value).vetoed is vetoed


def test_total_adds_bonus_within_the_maximum_and_veto_fails_the_unit():
    base = leaf("manual", 100)
    bonus = Indicator(code="E1", name="加分", level=2, weight=D(3), method="bonus")
    veto = Indicator(code="F1", name="否决", level=2, method="veto")
    scores = [(base, score_indicator(base, manual=D(98))), (bonus, score_indicator(bonus, manual=D(3)))]
    assert total_of(scores, max_total=D(100)).total == D(100)  # 98 + 3 capped at 100
    scores.append((veto, score_indicator(veto, manual=D(1))))
    total = total_of(scores, max_total=D(100))
    assert (total.total, total.points, total.vetoed) == (D(0), D(100), True)


YAML_OK = """
name: 测试指标
version: "1"
indicators:
  - code: A
    name: 报送
    weight: 30
    children:
      - {code: A1, name: 及时性, weight: 20, method: ratio, measure: submitted_on_time}
      - {code: A2, name: 完整性, weight: 10, method: deduct, per_finding: 1, measure: serial_gaps}
"""


def test_parse_default_shape():
    spec = parse_indicator_set(YAML_OK, known_measures={"submitted_on_time", "serial_gaps"})
    assert spec.max_total == D(30)
    assert [i.code for i in spec.leaves()] == ["A1", "A2"]
    assert len(spec.sha256) == 64


@pytest.mark.parametrize("change, message", [
    (("weight: 30", "weight: 25"), "indicators[0].weight: 指标 A 分值 25 与下级指标分值之和 30 不一致"),
    (("method: ratio", "method: average"), "indicators[0].children[0].method"),
    (("measure: serial_gaps", "measure: no_such"), "未登记的取数方法 no_such"),
    (("per_finding: 1, ", ""), "indicators[0].children[1].per_finding"),
    (("code: A2", "code: A1"), "指标编码 A1 重复"),
    (('version: "1"', "version: ''"), "version: 指标体系缺少版本号"),
    (("  - code: A\n", "  - code: A\n    colour: red\n"), "未知的键 colour"),
])
def test_parse_errors_name_the_node(change, message):
    text = YAML_OK.replace(*change)
    with pytest.raises(AssessmentError) as info:
        parse_indicator_set(text, known_measures={"submitted_on_time", "serial_gaps"})
    assert message in str(info.value)


def test_unparsable_yaml_names_the_line():
    with pytest.raises(AssessmentError, match="第4行"):
        parse_indicator_set("name: x\nversion: 1\nindicators: [\n  - : :\n")


@pytest.mark.parametrize("values, expected", [
    ([("a", D(95)), ("b", D(93)), ("c", D(93)), ("d", D(90))], {"a": 1, "b": 2, "c": 2, "d": 4}),
    ([("a", D(80)), ("b", D(80))], {"a": 1, "b": 1}),
])
def test_competition_ranks(values, expected):
    assert competition_ranks(values) == expected


RULES = AwardRules(excellent_top_n=2, excellent_min_total=D(85), improved_top_n=1,
                   improved_min_gain=D(3), improved_exclude_excellent=True)


def test_excellent_tie_on_the_boundary_admits_all_tied_units():
    entries = [Entry("甲", D(95), order=1), Entry("乙", D(90), order=2), Entry("丙", D(90), order=3),
               Entry("丁", D(89), order=4)]
    assert excellent(entries, RULES) == ["甲", "乙", "丙"]  # equal totals listed in unit order


def test_excellent_needs_the_threshold_too_and_vetoed_units_get_nothing():
    entries = [Entry("甲", D(99), vetoed=True), Entry("乙", D(86)), Entry("丙", D(84))]
    assert excellent(entries, RULES) == ["乙"]
    assert [e.key for e, _ in rank_group(entries)] == ["乙", "丙", "甲"]


def test_excellent_by_threshold_only():
    rules = AwardRules(excellent_min_total=D(90))
    assert excellent([Entry("甲", D(90)), Entry("乙", D("89.99"))], rules) == ["甲"]


@pytest.mark.parametrize("exclude, expected", [(True, ["丙"]), (False, ["甲"])])
def test_improved_largest_gain_with_minimum_and_exclusion(exclude, expected):
    rules = AwardRules(excellent_top_n=1, improved_top_n=1, improved_min_gain=D(3),
                       improved_exclude_excellent=exclude)
    entries = [Entry("甲", D(95)), Entry("乙", D(80)), Entry("丙", D(85)), Entry("丁", D(70))]
    previous = {"甲": D(80), "乙": D(78), "丙": D(78)}  # 丁 had no previous run
    assert improved(entries, previous, rules, ["甲"]) == expected


def test_improved_ties_share_and_small_gains_do_not_count():
    rules = AwardRules(improved_top_n=1, improved_min_gain=D(3), improved_exclude_excellent=False)
    entries = [Entry("甲", D(85), order=2), Entry("乙", D(85), order=1), Entry("丙", D(72))]
    assert improved(entries, {"甲": D(80), "乙": D(80), "丙": D(70)}, rules) == ["乙", "甲"]
    assert improved([Entry("丙", D(72))], {"丙": D(70)}, rules) == []


@pytest.mark.parametrize("value, text", [
    (D("79.30"), "79.3"), (D("6.00"), "6"), (D("76.88"), "76.88"), (D("1.1"), "1.1"),
    (D("0"), "0"), (D("47.335"), "47.34"),
])
def test_fmt_number(value, text):
    assert fmt_number(value) == text


def test_group_sentence_reads_exactly_like_the_2020_hubei_bulletin():
    # 鄂政办电〔2021〕11号: the two sentences, rebuilt from their figures.
    departments = GroupSummary("省政府部门", 42, D("79.3"), 8, 21, mean_change=D(6),
                               ge_90_change=6, ge_80_change=8, previous_ge_90=2)
    assert group_sentence(departments) == (
        "省政府部门平均得分79.3分，比上年度提升6分，90分以上8家，比上年度增加6家，"
        "80分以上21家，比上年度增加8家。"
    )
    cities = GroupSummary("市(州)政府", 17, D("76.88"), 0, 6, mean_change=D("1.1"),
                          ge_90_change=0, ge_80_change=0, previous_ge_90=0)
    assert group_sentence(cities) == "市(州)政府平均得分76.88分，比上年度提升1.1分，80分以上6家，与上年度持平。"


def test_group_sentence_decline_and_no_previous():
    down = GroupSummary("区政府", 3, D("70.5"), 1, 2, mean_change=D("-2.25"), ge_90_change=-1,
                        ge_80_change=0, previous_ge_90=2)
    assert group_sentence(down) == ("区政府平均得分70.5分，比上年度下降2.25分，90分以上1家，"
                                    "比上年度减少1家，80分以上2家，与上年度持平。")
    first = summarize_group("区政府", [D(91), D(85), D(60)])
    assert group_sentence(first) == "区政府平均得分78.67分，90分以上1家，80分以上2家。"


def test_summarize_group_against_hand_computed_figures():
    # this year 95, 88, 81, 79.5 → mean 85.875 → 85.88; previous 90, 76, 70 → 78.67
    s = summarize_group("部门", [D(95), D(88), D(81), D("79.5")], [D(90), D(76), D(70)])
    assert (s.mean, s.ge_90, s.ge_80) == (D("85.88"), 1, 3)
    assert (s.mean_change, s.ge_90_change, s.ge_80_change) == (D("7.21"), 0, 2)


def test_weakest_orders_by_average_loss_and_skips_indicators_nobody_lost_on():
    losses = {"A1": [D(5), D(0), D(1)], "A2": [D(0), D(0)], "B1": [D(3), D(3), D(0)]}
    rows = weakest(losses, {"A1": "及时性", "A2": "完整性", "B1": "解读"}, limit=3)
    assert [(r.code, r.average_loss, r.units_losing) for r in rows] == [
        ("A1", D(2), 2), ("B1", D(2), 2)
    ]


@pytest.mark.parametrize("n, text", [(1, "一"), (3, "三"), (10, "十"), (11, "十一"), (23, "二十三")])
def test_chinese_ordinal(n, text):
    assert chinese_ordinal(n) == text
