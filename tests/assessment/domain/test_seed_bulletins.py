"""The seed bulletins rebuilt from runs: 鄂政办电〔2021〕11号 (seed 07) and 鄂政办电〔2020〕13号 (seed 18).

Each test sets scores that produce the published figures (averages, counts, 优秀, 进步明显), runs
them through build_result (the whole scoring, ranking, award and summary path) and compose, and
compares the opening and 一、评估结果情况 with the seed text word for word. The seed files were
scraped with half-width punctuation and one sentence a line, so both sides are NFKC-normalised
and the line breaks are dropped; nothing else is.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.assessment.domain.bulletin import compose
from gongkai.assessment.domain.indicators import parse_indicator_set
from gongkai.assessment.domain.results import UnitInfo, build_result

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"  # copies of shared/seed/docs


def _seed(prefix: str) -> str:
    matches = sorted(SEED.glob(prefix + "-*"))
    if not matches:
        pytest.skip(f"seed document {prefix} not found under {SEED}")
    return matches[0].read_text(encoding="utf-8")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\n", "")


def _section(blocks, heading_prefix: str) -> str:
    """The text of one numbered section: its heading and every block up to the next heading."""
    out, inside = [], False
    for kind, text in blocks:
        if kind == "heading":
            if inside:
                break
            inside = text.startswith(heading_prefix)
        if inside:
            out.append(text)
    return "".join(out)


def _run(yaml_text, groups, previous_scores=None, *, period="2020", previous_period="2019"):
    """groups: [(group, [(full name, short name, score), …])]; scores on one manual indicator."""
    spec = parse_indicator_set(yaml_text)
    units, manual = [], {}
    uid = 0
    for group, rows in groups:
        for full, short, score in rows:
            uid += 1
            units.append(UnitInfo(uid, full, group, uid, short))
            manual[(uid, "M")] = Decimal(str(score))
    previous = None
    if previous_scores is not None:
        prev_manual = {(u.id, "M"): Decimal(str(previous_scores[u.name])) for u in units}
        previous = build_result(indicator_set=spec, units=units, measured={}, manual=prev_manual,
                                previous=None, run={"id": 1, "period": previous_period})
    result = build_result(indicator_set=spec, units=units, measured={}, manual=manual,
                          previous=previous, run={"id": 2, "period": period})
    return spec, result


SET_07 = """
name: 湖北省政务公开工作考评
version: "2020"
groups:
  - name: 市(州)人民政府
    label: 市(州)政府
    names: short
    suffix: 人民政府
    min_total: 79.5
  - name: 承担行政许可事项较多的省政府部门
    excellent: 考评成绩优秀承担行政许可事项或较多提供公共服务的省政府部门：{units}。
    names: short
    min_total: 85
  - name: 承担行政许可事项较少的省政府部门
    excellent: 考评成绩优秀未承担行政许可事项或较少提供公共服务的省政府部门：{units}。
    names: short
    min_total: 85
summary_groups:
  - name: 省政府部门
    groups: [承担行政许可事项较多的省政府部门, 承担行政许可事项较少的省政府部门]
    counter: 家
  - name: 市(州)政府
    groups: [市(州)人民政府]
    scope: 市(州)人民政府
    counter: 个
awards:
  improved: {top_n: 3, min_gain: 5, by: summary}
bulletin:
  issuer: 湖北省人民政府办公厅
  basis: 《省人民政府办公厅关于开展2020年度政务公开工作考评的通知》（鄂政办函〔2020〕35号）
  opening: 为深入推进全省政务公开工作，根据{basis}要求，省人民政府办公厅对全省{scope}政务公开工作开展情况进行了考评。经省人民政府同意，现将有关情况通报如下。
  results_heading: 评估结果情况
indicators:
  - code: M
    name: 综合评分
    weight: 100
    method: manual
"""

CITY = "市(州)人民政府"
MANY = "承担行政许可事项较多的省政府部门"
FEW = "承担行政许可事项较少的省政府部门"


def _city(short, score, full=None):
    return (full or f"{short}人民政府", short, score)


def _dept(short, score):
    return (f"湖北{short}", short, score)


def _seed_07_run():
    cities = [_city("宜昌市", 85), _city("武汉市", 84), _city("孝感市", 83), _city("黄冈市", 82),
              _city("恩施州", 81, "恩施土家族苗族自治州人民政府"), _city("十堰市", 80.5),
              _city("潜江市", 79.5), _city("咸宁市", 78), _city("鄂州市", 77.5),
              _city("黄石市", 72.46)] + [
        _city(n, 72) for n in ("襄阳市", "荆门市", "荆州市", "随州市", "仙桃市", "天门市")
    ] + [_city("神农架林区", 72, "神农架林区人民政府")]
    city_prev = {"宜昌市": 85, "武汉市": 84, "孝感市": 83, "黄冈市": 82, "恩施州": 81,
                 "十堰市": 80.5, "潜江市": 79.5, "咸宁市": 70, "鄂州市": 71, "黄石市": 68.26}
    many_excellent = [("省财政厅", 95, 91), ("省发改委", 94, 90.5), ("省生态环境厅", 93, 88),
                      ("省文旅厅", 92, 87), ("省农业农村厅", 91, 86), ("省退役军人厅", 90.5, 85.5),
                      ("省林业局", 89, 84), ("省住建厅", 88, 83), ("省自然资源厅", 87, 82),
                      ("省司法厅", 86.5, 81), ("省地方金融监管局", 86, 80), ("省市场监管局", 85.5, 79)]
    few_excellent = [("省政府国资委", 92, 89), ("省机关事务局", 90, 88), ("省粮食局", 88, 79),
                     ("省审计厅", 87, 78), ("省地质局", 86, 78), ("省医保局", 85, 77)]
    many_improved = [("省体育局", 84, 72), ("省科技厅", 83, 73)]
    few_improved = [("省知识产权局", 82, 74)]
    many_rest = ["省教育厅", "省公安厅", "省民政厅", "省人社厅", "省交通运输厅", "省水利厅",
                 "省商务厅", "省卫健委", "省应急厅", "省统计局", "省信访局", "省药监局"]
    few_rest = ["省能源局", "省乡村振兴局", "省民宗委", "省经信厅", "省外办", "省侨办", "省人防办",
                "省供销社", "省广电局"]
    rest = [(n, 70.3, 64.5) for n in many_rest + few_rest[:-1]] + [(few_rest[-1], 70.1, 63.6)]
    many = many_excellent + many_improved + rest[: len(many_rest)]
    few = few_excellent + few_improved + rest[len(many_rest):]
    previous = {f"{short}人民政府" if short != "恩施州" else "恩施土家族苗族自治州人民政府": score
                for short, score in city_prev.items()}
    for full, _short, score in cities:
        previous.setdefault(full, score)
    for short, _, before in many + few:
        previous[f"湖北{short}"] = before
    groups = [(CITY, cities), (MANY, [_dept(s, now) for s, now, _ in many]),
              (FEW, [_dept(s, now) for s, now, _ in few])]
    return _run(SET_07, groups, previous)


NARRATIVE_07 = ("全省政务公开工作推进力度不断加大，17个市(州)政府全部开展了政务公开工作考评，"
                "绝大多数市(州)政府开展了政务公开工作专题培训。")


def test_seed_07_figures_come_out_of_the_run():
    _, result = _seed_07_run()
    by_name = {g["group"]: g for g in result["summary_groups"]}
    dept = by_name["省政府部门"]
    assert (dept["units"], dept["mean"], dept["mean_change"]) == (42, 79.3, 6.0)
    assert (dept["ge_90"], dept["ge_90_change"], dept["ge_80"], dept["ge_80_change"]) == (8, 6, 21, 8)
    city = by_name["市(州)政府"]
    assert (city["units"], city["mean"], city["ge_80"], city["ge_80_change"]) == (17, 76.88, 6, 0)
    # Award groups stay separate: three groups are ranked and awarded on their own.
    assert [g["group"] for g in result["groups"]] == [CITY, MANY, FEW]
    assert result["awards"]["improved"] == {
        "市(州)政府": ["咸宁市人民政府", "鄂州市人民政府"],
        "省政府部门": ["湖北省体育局", "湖北省科技厅", "湖北省知识产权局"],
    }


def test_seed_07_opening_and_results_section_word_for_word():
    spec, result = _seed_07_run()
    content = compose(result, spec, bulletin_date=date(2021, 3, 1), narrative=NARRATIVE_07)
    seed = _seed("07")
    body = seed[seed.index("为深入推进"):]
    opening_seed = body[: body.index("一、评估结果情况")]
    assert _norm(content.blocks[0][1]) == _norm(opening_seed)
    section_seed = body[body.index("一、评估结果情况"):]
    assert _norm(_section(content.blocks, "一、")) == _norm(section_seed)


def test_seed_07_without_narrative_still_states_the_trend_and_figures():
    spec, result = _seed_07_run()
    content = compose(result, spec, bulletin_date=date(2021, 3, 1))
    text = _section(content.blocks, "一、")
    assert "总体来看，政务公开整体水平进一步提升，省政府部门平均得分79.3分" in text


SET_18 = """
name: 湖北省政务公开工作考评
version: "2019"
groups:
  - name: 市(州)人民政府
    names: short
    top_n: 6
  - name: 承担行政许可职能较多的省直部门
    label: 承担行政许可职能较多
    names: short
    top_n: 9
  - name: 未承担行政许可职能或较少提供对外服务的省直部门
    label: 未承担行政许可职能或较少提供对外服务
    names: short
    top_n: 4
summary_groups:
  - name: 市(州)人民政府
    counter: 个
  - name: 省直部门
    groups: [承担行政许可职能较多的省直部门, 未承担行政许可职能或较少提供对外服务的省直部门]
    counter: 个
bulletin:
  issuer: 湖北省人民政府办公厅
  basis: 《省人民政府办公厅关于印发2019年政务公开工作考评方案的通知》
  opening: 为更好贯彻落实党中央、国务院关于政务公开工作的重大决策部署，推动我省政务公开工作进入全国“第一方阵”，根据{basis}，对全省{scope}政务公开工作进行了考评，现将有关情况通报如下：
  results_heading: 评估结果情况
  excellent: "{label}考评结果为优秀的单位：{units}。"
  overview: 考评结果显示，{narrative}
  figures: false
indicators:
  - code: M
    name: 综合评分
    weight: 100
    method: manual
"""

NARRATIVE_18 = ("各地各部门认真贯彻落实党中央、国务院关于政务公开决策部署和省委、省政府工作要求，"
                "积极推进政务公开向纵深发展，努力打造阳光透明政府，在以政务公开促“一优两落”，"
                "以政务公开提升国家治理能力现代化等方面，作出了积极尝试和探索，进步明显。")


def _seed_18_run():
    city_names = ["荆门市", "武汉市", "荆州市", "襄阳市", "宜昌市", "黄冈市", "黄石市", "十堰市",
                  "鄂州市", "孝感市", "咸宁市", "随州市", "恩施州", "仙桃市", "潜江市", "天门市",
                  "神农架林区"]
    cities = [_city(n, 95 - i) for i, n in enumerate(city_names)]
    many_names = ["省发改委", "省生态环境厅", "省自然资源厅", "省人社厅", "省财政厅", "省商务厅",
                  "省卫健委", "省住建厅", "省药监局"] + [f"省直属单位甲{i}" for i in range(1, 18)]
    few_names = ["省地质局", "省供销社", "省审计厅", "省医保局"] + [f"省直属单位乙{i}" for i in range(1, 15)]
    many = [_dept(n, 96 - i * 0.5) for i, n in enumerate(many_names)]
    few = [_dept(n, 93 - i * 0.5) for i, n in enumerate(few_names)]
    assert len(cities) == 17 and len(many) + len(few) == 44
    groups = [("市(州)人民政府", cities), ("承担行政许可职能较多的省直部门", many),
              ("未承担行政许可职能或较少提供对外服务的省直部门", few)]
    return _run(SET_18, groups, period="2019")


def test_seed_18_opening_and_results_section_word_for_word():
    spec, result = _seed_18_run()
    content = compose(result, spec, bulletin_date=date(2020, 5, 20), narrative=NARRATIVE_18)
    seed = _seed("18")
    body = seed[seed.index("为更好贯彻"):]
    opening_seed = body[: body.index("一、评估结果情况")]
    assert _norm(content.blocks[0][1]) == _norm(opening_seed)
    section = body[body.index("一、评估结果情况"):]
    # The section's own text ends with the 考评结果显示 paragraph; 同时还有以下方面有待提升 opens the
    # problems, which the platform writes as 二、存在问题.
    section_seed = section[: section.index("同时还有以下方面有待提升")]
    assert _norm(_section(content.blocks, "一、")) == _norm(section_seed)
