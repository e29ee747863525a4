"""The notice reader on texts written the way real 征求意见 notices are (several provinces and
the State Council; contact details changed). Each case names the form it exercises."""

from __future__ import annotations

import pytest

from gongkai.consultations.domain.notice import normalise, read_notice
from gongkai.consultations.domain.vocab import Kind
from gongkai.core.domain.workdays import WorkCalendar

# Range with years on both ends, numbered sections, 信函/电话/邮箱 (Shandong county, 2023).
NINGJIN = """关于《阳光大街中修道路工程设计方案》公开征求意见的公告
为广泛听取公众的意见和建议，推进政府依法决策、科学决策，根据《重大行政决策程序暂行条例》（国务院令第713号）等法规规章规定，现将《阳光大街中修道路工程设计方案》通过宁津县人民政府网站向社会公开征求意见。
一、征求意见的时间
2023年3月6日至2023年4月5日。
二、文件发布的方式
公众可以登录县政府门户网站（http://www.sdningjin.gov.cn/）点击下载查看“《阳光大街中修道路工程设计方案》”。
三、意见反馈的途径
（一）信函邮寄至：宁津县交通运输局，邮编：253400（收）。
（二）拨打电话：0534-5420000，反馈意见。
（三）邮箱：example@dz.shandong.cn
来稿请注明作者姓名、工作单位、联系方式。
宁津县交通运输局
2023年3月6日
"""

# End only, without a year ("7月26日前"), the notice followed by the draft (Zhejiang, 2021).
HUZHOU = """关于公开征求《湖州市出租汽车客运管理办法》（修订征求意见稿）意见的通知
发布日期：2021-07-15 15:01:24
为进一步规范湖州出租汽车管理，促进行业健康发展，我局研究起草了《湖州市出租汽车客运管理办法》（修订征求意见稿），现向全社会公开征求意见，请将意见于7月26日前反馈至市公路与运输管理中心。逾期未反馈，视为无意见。
联系人：沈某，联系电话：13700000000，邮箱：example@celg.cn。
湖州市交通运输局
2021年7月15日
湖州市出租汽车客运管理办法
（修订征求意见稿）
第一条 为了加强出租汽车客运管理……
"""

# "在…前" with three numbered ways: online system, letter, e-mail (State Council, 2017).
STATE_COUNCIL = """国务院法制办公室关于《规章制定程序条例（修订草案征求意见稿）》公开征求意见的通知
为了增强立法的公开性和透明度，提高立法质量，现将国务院法制办公室起草的《规章制定程序条例（修订草案征求意见稿）》及其说明全文公布，征求社会各界意见。有关单位和各界人士可以在2017年5月26日前，通过以下三种方式提出意见：
（一）登陆中国政府法制信息网（网址：http://www.chinalaw.gov.cn），通过网站首页左侧的“法规规章草案意见征集系统”，对征求意见稿提出意见。
（二）通过信函方式将意见寄至：北京市2067信箱（邮政编码：100035），并请在信封上注明“规章制定程序条例征求意见”字样。
（三）通过电子邮件方式将意见发送至：example@chinalaw.gov.cn。
国务院法制办公室
2017年4月25日
"""

# "意见反馈截止时间为…", ways listed 1. 2. 3. (ministry, 2018).
MINISTRY = """关于《邮件快件实名收寄管理办法（征求意见稿）》公开征求意见的通知
为保障寄递渠道安全和寄递用户信息安全，我们起草了《邮件快件实名收寄管理办法（征求意见稿）》。现向社会公开征求意见。公众可通过以下途径和方式提出反馈意见：
1.登陆中国政府法制信息网，进入首页“立法意见征集”栏目提出意见。（网址：http://www.chinalaw.gov.cn）
2.电子邮箱：example@spb.gov.cn。
3.通信地址：北京市西城区北礼士路甲8号国家邮政局市场监管司安全监管处（100868）。
意见反馈截止时间为2018年4月26日。
交通运输部
2018年3月28日
"""

# A 14-day range with no reason (Guangdong city, 2020): the finding the seed criticises.
QINGYUAN = """清远市司法局关于公开征求《清远市人民政府规章项目库管理办法》（征求意见稿）意见的公告
为规范市政府规章项目库管理，我局草拟了《清远市人民政府规章项目库管理办法》（征求意见稿），现向社会公开征求意见，欢迎有关单位和个人提出修改意见。
公告时间：2020年6月10日至2020年6月23日。
公告期间，任何单位和个人都可以以信件、传真、电子邮件等方式向市司法局提出意见，并请留下姓名和联系方式。
市司法局通信地址：清远市清城区连江路66号4楼405室，邮政编码：511518；联系人：立法科，电话：0763-3700000；传真：0763-3300000；电子邮箱：example@126.com。
特此公告。
附件：《清远市人民政府规章项目库管理办法》（征求意见稿）.docx
清远市司法局
2020年6月10日
"""

# "截止时间为…" with 来信 (Jiangsu city, 2021); the period starts on the notice's date.
TAIZHOU = """泰州市卫生健康委员会关于公开征集《泰州市传染病防治卫生监督管理办法》实施一周年情况报告意见建议的公告
现向社会公开征集《办法》实施一周年情况的报告的意见和建议：
一、公开征集意见的截止时间为2021年10月15日；
二、反映意见和建议的方式：
（一）来信请寄至：泰州市卫生健康委政策法规处（泰州市永泰路318号），邮编：225300；
泰州市卫生健康委员会
2021年9月15日
"""

# Length from the notice's date, with a stated reason for the short period.
LENGTH_WITH_REASON = """武汉市某局关于《武汉市某某管理办法（征求意见稿）》公开征求意见的公告
根据《重大行政决策程序暂行条例》，现将《武汉市某某管理办法（征求意见稿）》及起草说明向社会公开征求意见。征求意见期限为自公告之日起15日。因国家规定的实施期限临近，需在年底前出台，征求意见期限缩短为15日。
社会各界可通过武汉市人民政府门户网站“意见征集”栏目在线提交意见，或将书面意见传真至027-80000000。
武汉市某局
2023年11月1日
"""

# Chinese-numeral dates, "截止…" and an online comment system only.
CHINESE_NUMERALS = """关于征求《某市养老服务条例（草案）》修改意见的公告
某市人民代表大会常务委员会决定将《某市养老服务条例（草案）》向社会公布征求意见。征求意见截止二〇二三年八月十九日。欢迎登录某市人大网站“法规草案征求意见”栏目提出意见。
某市人大常委会办公厅
二〇二三年七月二十日
"""

# "征求意见时间为…至…" with a year-less end and a time of day.
YEARLESS_END = """关于公开征求《某县农村公路建设管理办法（征求意见稿）》意见的通知
现将《某县农村公路建设管理办法（征求意见稿）》予以公布，公开征求社会各界意见。征求意见时间为2022年11月18日至11月24日17:00。可通过电子邮件发送至example@163.com，或拨打电话0730-2200000反映。
某县交通运输局
2022年11月18日
"""

# Across New Year without a year on the end.
NEW_YEAR = """关于公开征求《某区停车管理规定（征求意见稿）》意见的公告
现向社会公开征求意见，请于1月20日前将意见通过电子邮件发送至example@qq.com。
某区城市管理局
2023年12月20日
"""

# Length in working days for a 规范性文件.
WORKDAYS = """关于《某市行政规范性文件（征求意见稿）》公开征求意见的通知
本文件属于行政规范性文件，现公开征求意见，征求意见期为自发布之日起10个工作日。意见请发送至example@gov.cn。
某市发展和改革委员会
2024年3月1日
"""


# "自通告之日起至…止", numbered ways, page metadata after the signature (Zhejiang city, 2015).
SHAOXING = """当前位置: 首页 >意见征集
绍兴市人民政府办公室关于向社会公开征集2016年市政府民生实事工作的通告
经市政府同意，现向社会公开征集2016年市政府民生实事工作，请广大市民积极提出意见建议。现将有关事项通告如下：
一、征集时间
自通告之日起至2015年11月30日止。
二、征集方式
1.登录“中国·绍兴”政府门户网站的“市政府民生实事工作”栏目进行网络留言；
2.通过电子邮件发送至example@126.com；
3.信函至绍兴市政府督查室（地址：绍兴市越城区曲屯路286号，邮编：312000），信函日期以邮戳为准。
绍兴市人民政府办公室
2015年10月26日
绍兴市人民政府办公室发布日期:2015-10-26截止日期:2015-11-30访问次数:"""

# "自…至…" in running text with a year-less end; 直接送达 is 现场 (Liaoning city, 2022).
PANJIN = """关于公开征集2023年市政协提案线索的公告
市政协决定自2022年10月18日至10月30日，向社会公开征集提案线索。
提案线索请以书面形式邮寄至市政协提案委，或直接送达市政协310室，也可以电子版形式发至市政协提案委邮箱。
地址：盘锦市兴隆台区惠宾街110号
邮箱：example@163.com
联系人：程某
联系电话：2830000
政协盘锦市委员会办公室
2022年10月17日"""

# "为期一个月" counted from the notice's date.
ONE_MONTH = """关于公开征求《某市物业管理条例（草案）》意见的公告
现将草案全文公布，征求意见期为一个月，自公告之日起计算。欢迎通过市人大网站“立法征求意见”栏目提出意见。
某市人大常委会法制工作委员会
2024年5月6日"""


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("range", NINGJIN, {
            "draft_title": "阳光大街中修道路工程设计方案", "issuer": "宁津县交通运输局",
            "comment_start": "2023-03-06", "comment_end": "2023-04-05", "comment_days": 31,
            "channels": ["信函", "电子邮件", "电话"], "reason_for_short_period": None}),
        ("yearless end, draft follows", HUZHOU, {
            "draft_title": "湖州市出租汽车客运管理办法（修订征求意见稿）", "issuer": "湖州市交通运输局",
            "comment_start": "2021-07-15", "comment_end": "2021-07-26", "comment_days": 12,
            "channels": ["电子邮件"]}),
        ("在…前, three ways", STATE_COUNCIL, {
            "draft_title": "规章制定程序条例（修订草案征求意见稿）", "issuer": "国务院法制办公室",
            "comment_start": "2017-04-25", "comment_end": "2017-05-26", "comment_days": 32,
            "channels": ["网上", "信函", "电子邮件"]}),
        ("截止时间为", MINISTRY, {
            "draft_title": "邮件快件实名收寄管理办法（征求意见稿）", "issuer": "交通运输部",
            "comment_start": "2018-03-28", "comment_end": "2018-04-26", "comment_days": 30,
            "channels": ["网上", "信函", "电子邮件"]}),
        ("short, no reason", QINGYUAN, {
            "draft_title": "清远市人民政府规章项目库管理办法（征求意见稿）", "issuer": "清远市司法局",
            "comment_start": "2020-06-10", "comment_end": "2020-06-23", "comment_days": 14,
            "channels": ["信函", "电子邮件", "传真"], "reason_for_short_period": None}),
        ("截止时间为, letters", TAIZHOU, {
            "issuer": "泰州市卫生健康委员会", "comment_start": "2021-09-15",
            "comment_end": "2021-10-15", "comment_days": 31, "channels": ["信函"]}),
        ("length with reason", LENGTH_WITH_REASON, {
            "draft_title": "武汉市某某管理办法（征求意见稿）", "comment_start": "2023-11-01",
            "comment_end": "2023-11-15", "comment_days": 15, "channels": ["网上", "传真"]}),
        ("chinese numerals", CHINESE_NUMERALS, {
            "draft_title": "某市养老服务条例（草案）", "issuer": "某市人大常委会办公厅",
            "comment_start": "2023-07-20", "comment_end": "2023-08-19", "comment_days": 31,
            "channels": ["网上"]}),
        ("yearless end with time", YEARLESS_END, {
            "comment_start": "2022-11-18", "comment_end": "2022-11-24", "comment_days": 7,
            "channels": ["电子邮件", "电话"]}),
        ("across new year", NEW_YEAR, {
            "comment_start": "2023-12-20", "comment_end": "2024-01-20", "comment_days": 32}),
        ("自通告之日起至…止", SHAOXING, {
            "draft_title": None, "issuer": "绍兴市人民政府办公室", "comment_start": "2015-10-26",
            "comment_end": "2015-11-30", "comment_days": 36, "channels": ["网上", "信函", "电子邮件"]}),
        ("自…至… yearless, 直接送达", PANJIN, {
            "issuer": "政协盘锦市委员会办公室", "comment_start": "2022-10-18", "comment_end": "2022-10-30",
            "comment_days": 13, "channels": ["信函", "电子邮件", "现场"]}),
        ("一个月", ONE_MONTH, {
            "draft_title": "某市物业管理条例（草案）", "comment_start": "2024-05-06",
            "comment_end": "2024-06-05", "comment_days": 31, "channels": ["网上"]}),
    ],
)
def test_read_notice_fields(name, text, expected):
    got = read_notice(text).as_json("x.txt")
    for key, value in expected.items():
        assert got[key] == value, (name, key, got)


def test_json_shape_is_exactly_the_issue_s():
    got = read_notice(NINGJIN).as_json("a.txt")
    assert list(got) == ["file", "draft_title", "issuer", "comment_start", "comment_end",
                         "comment_days", "channels", "reason_for_short_period", "findings"]


def test_short_period_without_reason_is_a_finding():
    codes = [f["code"] for f in read_notice(QINGYUAN).as_json("q")["findings"]]
    assert codes == ["short_period_without_reason"]


def test_short_period_with_reason_is_not_a_finding_and_reason_is_published():
    got = read_notice(LENGTH_WITH_REASON).as_json("r")
    assert got["findings"] == []
    assert "缩短为15日" in got["reason_for_short_period"]


def test_thirty_one_days_keep_the_rule():
    assert read_notice(NINGJIN).as_json("n")["findings"] == []


def test_major_decision_kind_is_read_from_the_basis_cited():
    assert read_notice(NINGJIN).kind == Kind.MAJOR_DECISION
    assert read_notice(WORKDAYS).kind == Kind.NORMATIVE


def test_working_day_length_needs_and_uses_the_calendar():
    without = read_notice(WORKDAYS).as_json("w")
    assert without["comment_start"] == "2024-03-01" and without["comment_end"] is None
    with_calendar = read_notice(WORKDAYS, calendar=WorkCalendar()).as_json("w")
    # 2024-03-01 is a Friday: 10 working days inclusive end on Thursday 14 March.
    assert with_calendar["comment_end"] == "2024-03-14"
    assert with_calendar["comment_days"] == 14
    assert with_calendar["findings"] == []  # 10 ≥ 7 working days (国办发〔2018〕37号)


def test_no_period_and_no_channel_are_findings():
    got = read_notice("关于征求意见的通知\n现征求意见。\n某局\n2023年1月1日\n").as_json("e")
    assert {f["code"] for f in got["findings"]} == {"period_missing", "channels_missing"}
    assert got["comment_end"] is None and got["comment_days"] is None


def test_the_rule_quoted_is_not_a_reason():
    text = ("关于《某办法（征求意见稿）》公开征求意见的公告\n根据规定，公开征求意见的期限一般不少于30日。"
            "征求意见时间为2023年1月1日至2023年1月10日，意见请发送至a@b.cn。\n某局\n2023年1月1日\n")
    got = read_notice(text).as_json("t")
    assert got["reason_for_short_period"] is None
    assert got["comment_days"] == 10
    assert [f["code"] for f in got["findings"]] == ["short_period_without_reason"]


def test_dates_in_the_draft_after_the_signature_are_not_the_period():
    text = HUZHOU + "第二条 本办法自2022年1月1日起至2026年12月31日止有效。\n"
    got = read_notice(text).as_json("h")
    assert got["comment_end"] == "2021-07-26"


def test_full_width_and_ascii_punctuation_read_the_same():
    ascii_text = NINGJIN.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")
    assert read_notice(ascii_text).as_json("a") == read_notice(NINGJIN).as_json("a")


def test_normalise_turns_chinese_numeral_dates_into_digits():
    assert "2023年8月19日" in normalise("截止二〇二三年八月十九日")
    assert "30日" in normalise("自公告之日起三十日")


def test_a_page_header_date_is_not_the_signature():
    page = "首页 > 通知公告\n" + "关于《某区停车管理规定（征求意见稿）》公开征求意见的公告\n2023-12-20\n" + NEW_YEAR.split("\n", 1)[1]
    got = read_notice(page).as_json("p")
    assert (got["comment_start"], got["comment_end"], got["issuer"]) == ("2023-12-20", "2024-01-20", "某区城市管理局")


def test_a_signature_without_a_unit_line_still_reads_the_period_from_the_text():
    text = "关于征求意见的公告\n征求意见时间为2023年1月1日至2023年1月31日，意见请发送至a@b.cn。\n2023年1月1日\n"
    got = read_notice(text).as_json("s")
    assert (got["comment_days"], got["channels"]) == (31, ["电子邮件"])
