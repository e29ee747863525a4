"""Metadata extraction on the 20 real seed documents, and on the layouts the seed lacks.

Expected values were written by reading each file (data/seed/, copied from shared/seed/docs).
None means the document does not state the field: extraction must not invent it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.ingest.domain.metadata import JSON_KEYS, extract, extract_html

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"
D = date

# file: (title, doc_number, issuers, written, publish, effective, level, validity, category)
SEED_EXPECTED = {
    "01-hubei-cleanup-notice.txt": ("湖北省人民政府关于公布文件清理结果的通知", None, (), None, None, None, None, None, None),
    "02-xinzhou-summary-scraped.txt": ("201X年新洲区财政与编制政务公开工作总结", None, (), None, None, None, None, None, None),
    "03-wzb-2014-153-statistics.txt": ("武汉市人民政府办公厅关于切实做好政府信息公开情况统计报送工作的通知", "武政办〔2014〕153号", ("武汉市政府",), None, D(2014, 9, 3), D(2014, 9, 3), "XP10", "现行有效", "机关工作综合规定"),
    "04-wzb-2015-58-workpoints.txt": ("市人民政府办公厅关于印发2015年全市政务公开政务服务工作要点的通知", "武政办〔2015〕58号", ("武汉市人民政府办公厅",), D(2015, 4, 24), D(2015, 4, 24), D(2015, 4, 24), "地方规范性文件", "现行有效", "机关工作"),
    "05-article-assessment-system.txt": ("政务公开考评制度", None, (), None, None, None, None, None, None),
    "06-article-submission-assessment.txt": ("政务公开信息报送考核制度", None, (), None, None, None, None, None, None),
    "07-hubei-2020-assessment-bulletin.txt": ("湖北省人民政府办公厅关于2020年全省政务公开工作考评情况的通报", "鄂政办电〔2021〕11号", (), None, None, None, None, None, None),
    "08-wz-2024-1-task-breakdown.txt": ("武汉市人民政府关于印发2024年市《政府工作报告》目标任务责任分解方案的通知", "武政〔2024〕1号", ("武汉市人民政府",), None, D(2024, 1, 26), D(2024, 1, 26), "地方规范性文件", "现行有效", "机关工作"),
    "09-wuhan-order-322-amend-repeal.txt": ("武汉市人民政府关于修改和废止部分规章的决定（2024）", "武汉市人民政府令第322号", ("武汉市人民政府",), None, D(2024, 5, 9), D(2024, 7, 1), "地方政府规章", "现行有效", "法制工作"),
    "10-wzb-2021-91-it-projects.txt": ("武汉市人民政府办公厅关于印发武汉市政务信息化项目建设管理办法的通知", "武政办〔2021〕91号", ("武汉市人民政府办公厅",), D(2021, 8, 21), D(2021, 8, 21), D(2021, 8, 21), "地方规范性文件", "现行有效", "机关工作"),
    "11-wzb-2021-20-proposal-handling.txt": ("武汉市人民政府办公厅关于印发市政协第十三届五次会议2号建议案办理工作方案的通知", "武政办〔2021〕20号", ("武汉市人民政府办公厅",), D(2021, 3, 13), D(2021, 3, 13), D(2021, 3, 13), "地方规范性文件", "现行有效", "机关工作"),
    "12-wzb-2014-180-long-term-mechanism.txt": ("武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见", "武政办〔2014〕180号", ("武汉市政府",), None, D(2014, 10, 29), D(2014, 10, 29), "地方规范性文件", "现行有效", "机关工作综合规定"),
    "13-wzb-2018-103-workpoints.txt": ("武汉市人民政府办公厅关于印发2018年政务公开和政务服务工作要点的通知", "武政办〔2018〕103号", ("武汉市人民政府办公厅",), D(2018, 8, 22), D(2018, 8, 22), D(2018, 8, 22), "地方规范性文件", "现行有效", "行政法总类其他规定"),
    "14-article-2023-assessment-standard.txt": ("2023年落实政务公开考核标准方案", None, (), None, None, None, None, None, None),
    "15-wzg-2017-1-major-decisions-expired.txt": ("武汉市人民政府关于印发武汉市重大行政决策公开征求意见规定和武汉市重大行政决策听证办法的通知", "武政规〔2017〕1号", ("武汉市人民政府",), D(2017, 1, 11), D(2017, 1, 11), D(2017, 2, 1), "地方规范性文件", "失效", "机关工作"),
    "16-wzb-2014-40-rectification.txt": ("武汉市人民政府办公厅关于印发全市“政务信息公开程度不高”问题承诺整改工作实施方案的通知", "武政办〔2014〕40号", ("武汉市人民政府",), D(2014, 3, 24), D(2014, 3, 24), D(2014, 3, 24), "地方规范性文件", "现行有效", "机关工作"),
    "17-wzb-2016-190-info-rules.txt": ("武汉市人民政府办公厅关于印发武汉市政府系统政务信息工作规则的通知", "武政办〔2016〕190号", ("武汉市人民政府办公厅",), D(2016, 12, 30), None, None, None, None, None),
    "18-hubei-2019-assessment-bulletin.txt": ("湖北省人民政府办公厅关于2019年度全省政务公开工作考评情况的通报", "鄂政办电〔2020〕13号", ("湖北省人民政府办公厅",), None, D(2020, 5, 20), D(2020, 5, 20), "地方规范性文件", "现行有效", "机关工作"),
    "19-wuhan-2020-assessment-plan.txt": ("武汉市人民政府办公厅关于印发2020年度政务公开工作考评方案的通知", None, ("武汉市人民政府办公厅",), D(2020, 12, 25), D(2020, 12, 25), D(2020, 12, 25), "地方规范性文件", "现行有效", "机关工作"),
    "20-ocr-archives-journal-garbled.txt": (None, None, (), None, None, None, None, None, None),
}
FIELDS = ("title", "doc_number", "issuers", "written_date", "publish_date", "effective_date", "level", "validity", "category")


def test_every_seed_file_has_expectations():
    assert sorted(p.name for p in SEED.iterdir()) == sorted(SEED_EXPECTED)


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_document(name):
    meta = extract((SEED / name).read_text(encoding="utf-8"))

    assert tuple(getattr(meta, f) for f in FIELDS) == SEED_EXPECTED[name]


def test_unknown_level_code_is_kept_with_a_warning():
    meta = extract((SEED / "03-wzb-2014-153-statistics.txt").read_text(encoding="utf-8"))

    assert meta.level == "XP10"
    assert any("XP10" in w for w in meta.warnings)


def test_header_body_starts_after_the_header():
    meta = extract((SEED / "12-wzb-2014-180-long-term-mechanism.txt").read_text(encoding="utf-8"))

    assert meta.body.startswith("武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见(武政办〔2014〕180号)")


INLINE_SPACES = (
    "湖北省人民政府关于修改和废止部分省政府规章的决定\n"
    "文章属性 【制定机关】湖北省人民政府 【发文字号】湖北省人民政府令第418号 【公布日期】2021.12.06 "
    "【施行日期】2022.01.01 【时效性】现行有效 【效力位阶】地方政府规章 【法规类别】法制工作\n"
    "正文\n湖北省人民政府令\n第418号\n《湖北省人民政府关于修改和废止部分省政府规章的决定》已经2021年11月22日省人民政府常务会议审议通过，现予公布，自2022年1月1日起施行。\n"
)
INLINE_DOTS = (
    "国务院办公厅 国家发展改革委关于推进价格机制改革的通知\n"
    "文章属性•【制定机关】国务院办公厅 国家发展和改革委员会•【发文字号】国办发〔2021〕7号"
    "•【公布日期】2021年3月1日•【施行日期】2021年3月1日•【时效性】已被修改•【效力位阶】部门规范性文件"
    "•【法规类别】价格综合规定•【有效期至】2026年2月28日正文各省、自治区、直辖市人民政府：现将有关事项通知如下。\n"
)


def test_inline_header_separated_by_spaces():
    meta = extract(INLINE_SPACES)

    assert meta.title == "湖北省人民政府关于修改和废止部分省政府规章的决定"
    assert meta.doc_number == "湖北省人民政府令第418号"
    assert meta.issuers == ("湖北省人民政府",)
    assert (meta.publish_date, meta.effective_date) == (D(2021, 12, 6), D(2022, 1, 1))
    assert (meta.level, meta.validity, meta.category) == ("地方政府规章", "现行有效", "法制工作")
    assert meta.body.startswith("湖北省人民政府令")


def test_inline_header_with_joint_issuers_and_expiry():
    meta = extract(INLINE_DOTS)

    assert meta.issuers == ("国务院办公厅", "国家发展和改革委员会")
    assert meta.doc_number == "国办发〔2021〕7号"
    assert meta.validity == "已被修改"
    assert meta.level == "地方规范性文件"  # 部门规范性文件 maps to the 规范性文件 level
    assert meta.expiry_date == D(2026, 2, 28)
    assert meta.category == "价格综合规定"


PLAIN_JOINT = """武汉市人民政府办公厅 武汉市财政局关于做好2023年度预算公开工作的通知
武政办〔2023〕12号

各区人民政府，市人民政府各部门：
为做好预算公开工作，现将有关事项通知如下。本通知自印发之日起施行，有效期5年。

武汉市人民政府办公厅　武汉市财政局
二〇二三年三月十五日
"""


def test_plain_text_with_joint_signature_and_chinese_date():
    meta = extract(PLAIN_JOINT)

    assert meta.layout == "plain"
    assert meta.title == "武汉市人民政府办公厅 武汉市财政局关于做好2023年度预算公开工作的通知"
    assert meta.doc_number == "武政办〔2023〕12号"
    assert meta.issuers == ("武汉市人民政府办公厅", "武汉市财政局")
    assert meta.written_date == D(2023, 3, 15)
    assert meta.publish_date is None  # not stated: never guessed from the 成文日期
    assert meta.effective_date == D(2023, 3, 15)  # 自印发之日起施行
    assert meta.expiry_date == D(2028, 3, 14)


def test_plain_title_broken_over_lines_and_kangxi_radicals():
    text = "武汉市⼈⺠政府办公厅关于切实做好政府信息公开情况统计\n报送⼯作的通知\n(武政办［2014］153号)\n各区⼈⺠政府:\n"

    meta = extract(text)

    assert meta.title == "武汉市人民政府办公厅关于切实做好政府信息公开情况统计报送工作的通知"
    assert meta.doc_number == "武政办〔2014〕153号"


def test_impossible_header_date_is_none_with_a_warning():
    text = "某通知\n【发文字号】武政办[2014]153号\n【发布日期】2014.02.30\n【时效性】现行有效\n正文"

    meta = extract(text)

    assert meta.publish_date is None
    assert any("2014.02.30" in w for w in meta.warnings)


GOVCN_HTML = """<div class="wrap"><table><tbody>
<tr><td><b>索 引 号：</b></td><td>000014349/2021-00010</td><td><b>主题分类：</b></td><td>综合政务\\政务公开</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2021年01月05日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">国务院办公厅关于印发《政府信息公开工作考核办法》的通知</td></tr>
<tr><td><b>发文字号：</b></td><td>国办函〔2021〕3号</td><td><b>发布日期：</b></td><td>2021年01月12日</td></tr>
</tbody></table>
<table><tr><td id="UCAP-CONTENT"><p>各省、自治区、直辖市人民政府：</p>
<p>本办法自2021年2月1日
起施行。</p></td></tr></table></div>"""


def test_govcn_html_table():
    for meta in (extract_html(GOVCN_HTML), extract(GOVCN_HTML)):
        assert meta.layout == "html"
        assert meta.title == "国务院办公厅关于印发《政府信息公开工作考核办法》的通知"
        assert meta.doc_number == "国办函〔2021〕3号"
        assert meta.issuers == ("国务院办公厅",)
        assert (meta.written_date, meta.publish_date) == (D(2021, 1, 5), D(2021, 1, 12))
        assert meta.effective_date == D(2021, 2, 1)
        assert meta.index_no == "000014349/2021-00010"
        assert meta.category == "综合政务\\政务公开"
        assert meta.body.splitlines() == ["各省、自治区、直辖市人民政府:", "本办法自2021年2月1日起施行。"]


def test_html_without_a_content_cell_uses_the_page_minus_the_metadata_table():
    meta = extract_html(GOVCN_HTML.replace('id="UCAP-CONTENT"', ""))

    assert meta.doc_number == "国办函〔2021〕3号"
    assert meta.body.splitlines()[0] == "各省、自治区、直辖市人民政府:"


LAWREFBOOK = """# 中华人民共和国专利代理条例

1991年3月4日 中华人民共和国国务院令第76号发布

2018年9月6日 国务院第23次常务会议修订通过

2018年11月6日 中华人民共和国国务院令第706号公布

２０１９年３月１日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了规范专利代理行为，制定本条例。

第三十条 本条例自2019年3月1日起施行。
"""


def test_lawrefbook_markdown():
    meta = extract(LAWREFBOOK)

    assert meta.layout == "lawrefbook"
    assert meta.title == "中华人民共和国专利代理条例"
    assert meta.publish_date == D(2018, 11, 6)  # latest history line; the 施行 line is not one
    assert meta.effective_date == D(2019, 3, 1)
    assert meta.doc_number == "中华人民共和国国务院令第706号"
    assert meta.body.startswith("## 第一章 总则")


def test_lawrefbook_amended_text_does_not_report_the_first_versions_effective_date():
    text = (
        "# 中华人民共和国保险法\n\n1995年6月30日 第八届全国人民代表大会常务委员会第十四次会议通过\n\n"
        "2015年4月24日 第十二届全国人民代表大会常务委员会第十四次会议《关于修改〈中华人民共和国港口法〉等七部法律的决定》第三次修正\n\n"
        "<!-- INFO END -->\n\n第一百八十五条 本法自2009年10月1日起施行。\n"
    )

    meta = extract(text)

    assert meta.publish_date == D(2015, 4, 24)
    assert meta.issuers == ("全国人民代表大会常务委员会",)
    assert meta.effective_date is None
    assert any("2009-10-01" in w for w in meta.warnings)


def test_as_json_has_exactly_the_documented_keys_and_iso_dates():
    data = extract((SEED / "09-wuhan-order-322-amend-repeal.txt").read_text(encoding="utf-8")).as_json("x.txt")

    assert tuple(data) == JSON_KEYS
    assert data["file"] == "x.txt"
    assert data["publish_date"] == "2024-05-09"
    assert data["issuers"] == ["武汉市人民政府"]
    assert data["written_date"] is None


def test_empty_text_gives_empty_metadata():
    meta = extract("")

    assert (meta.title, meta.doc_number, meta.issuers, meta.publish_date) == (None, None, (), None)


GONGWEN_DOCX_TEXT = """000123
特急
武汉市人民政府文件
武政〔2024〕1号          签发人：张三
武汉市人民政府关于印发2024年市《政府工作报告》
目标任务责任分解方案的通知
各区人民政府，市人民政府各部门：
现将《2024年市〈政府工作报告〉目标任务责任分解方案》印发给你们，请一并贯彻执行。
武汉市人民政府
2024年1月26日
（此件公开发布）
"""


def test_gongwen_masthead_is_skipped_and_its_number_kept():
    meta = extract(GONGWEN_DOCX_TEXT)

    assert meta.title == "武汉市人民政府关于印发2024年市《政府工作报告》目标任务责任分解方案的通知"
    assert meta.doc_number == "武政〔2024〕1号"
    assert meta.issuers == ("武汉市人民政府",)
    assert meta.written_date == D(2024, 1, 26)


@pytest.mark.parametrize(
    "line",
    [
        "武汉市统计局2020年1月3日发布的数据显示，全市增长5%。",
        "市人民政府办公厅2024年2月8日前完成汇总。",
        "武汉市人民政府2017年1月11日印发了本规定。",
    ],
)
def test_a_sentence_starting_with_a_unit_and_a_date_is_not_a_signature(line):
    meta = extract(f"关于做好统计工作的通知\n各区人民政府:\n{line}\n")

    assert (meta.issuers, meta.written_date) == ((), None)


def test_lawrefbook_without_info_end_takes_history_from_the_dated_lines_only():
    text = (
        "# 北京市公园条例\n\n2002年10月17日 北京市第十一届人民代表大会常务委员会第三十七次会议通过\n\n"
        "## 第一章  总则\n\n第一条 为了加强本市公园的管理，制定本条例。\n\n"
        "第二条 2015年1月1日以后新建的公园适用本条例。\n\n第六十一条 本条例自2003年1月1日起施行。\n"
    )

    meta = extract(text)

    assert meta.layout == "lawrefbook"
    assert meta.history == ("2002年10月17日 北京市第十一届人民代表大会常务委员会第三十七次会议通过",)
    assert meta.publish_date == D(2002, 10, 17)
    assert meta.issuers == ("北京市人民代表大会常务委员会",)
    assert meta.effective_date == D(2003, 1, 1)
    assert meta.body.startswith("## 第一章")


def test_unparseable_header_number_is_left_empty_with_a_warning():
    meta = extract("某通知\n【发文字号】武政办〔2014〕\n【发布日期】2014.09.03\n正文")

    assert meta.doc_number is None
    assert any("武政办〔2014〕" in w for w in meta.warnings)


def test_labels_quoted_far_below_the_header_are_body_text():
    body = "各区人民政府:" + "现将有关事项通知如下。" * 40 + "示例格式:【发布日期】2099.01.01"
    meta = extract(f"某通知\n【发文字号】武政办[2014]153号\n【发布日期】2014.09.03\n{body}")

    assert meta.publish_date == D(2014, 9, 3)
    assert meta.body.endswith("【发布日期】2099.01.01")


PORTAL_HTML = """<table class="xxgk"><tr><th>索引号：</th><td>011043201/2021-00091</td></tr>
<tr><td>发布机构：</td><td>武汉市人民政府办公厅</td><td>发文日期：</td><td>2021-08-21</td></tr>
<tr><td>名称：</td><td>武汉市人民政府办公厅关于印发武汉市政务信息化项目建设管理办法的通知</td></tr>
<tr><td>文号：</td><td>武政办〔2021〕91号</td><td>有效性：</td><td>有效</td></tr></table>
<div class="article"><p>各区人民政府，市人民政府各部门：</p></div>"""


def test_local_portal_table_labels():
    meta = extract_html(PORTAL_HTML)

    assert meta.title == "武汉市人民政府办公厅关于印发武汉市政务信息化项目建设管理办法的通知"
    assert meta.issuers == ("武汉市人民政府办公厅",)
    assert meta.written_date == D(2021, 8, 21)
    assert meta.doc_number == "武政办〔2021〕91号"
    assert meta.validity == "现行有效"
    assert meta.publish_date is None
    assert meta.index_no == "011043201/2021-00091"
