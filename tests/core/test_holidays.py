"""Reading the State Council's holiday notice: checked against chinesecalendar for the years it
knows, then used for a year it does not."""

import io
from datetime import date, timedelta

import chinese_calendar
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.calendar import work_calendar
from gongkai.core.domain.holidays import parse_holiday_notice
from gongkai.core.errors import CalendarError

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
"""

NOTICE_2026 = """一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
"""


def _package_days(year):
    day, off, worked = date(year, 1, 1), set(), set()
    while day.year == year:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        if on_holiday and name:
            off.add(day)
        if chinese_calendar.is_workday(day) and day.weekday() >= 5:
            worked.add(day)
        day += timedelta(days=1)
    return off, worked


@pytest.mark.parametrize("year, notice", [(2025, NOTICE_2025), (2026, NOTICE_2026)])
def test_notice_gives_the_same_days_as_chinesecalendar(year, notice):
    entries = parse_holiday_notice(notice, year)
    off = {e.date for e in entries if not e.is_workday}
    worked = {e.date for e in entries if e.is_workday}
    assert (off, worked) == _package_days(year)


def test_names_follow_the_items():
    entries = {e.date: e for e in parse_holiday_notice(NOTICE_2026, 2026)}
    assert entries[date(2026, 10, 10)].name == "国庆节调休上班"
    assert entries[date(2026, 2, 23)].name == "春节"


NOTICE_2023 = """一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
三、清明节：4月5日放假，共1天。
四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
"""


def test_dates_with_their_own_year_across_new_year():
    entries = parse_holiday_notice(NOTICE_2023, 2023)
    assert [e.date for e in entries[:3]] == [date(2022, 12, 31), date(2023, 1, 1), date(2023, 1, 2)]
    off = {e.date for e in entries if not e.is_workday and e.date.year == 2023}
    worked = {e.date for e in entries if e.is_workday}
    package_off, package_worked = _package_days(2023)
    # 2023-12-30/31 open the 2024 元旦 holiday: the 2024 notice names them, not this one.
    assert (off, worked) == (package_off - {date(2023, 12, 30), date(2023, 12, 31)}, package_worked)


def test_span_whose_end_month_is_earlier_ends_next_year():
    entries = parse_holiday_notice("一、元旦：12月31日（周五）至1月2日（周日）放假，共3天。", 2026)
    assert [e.date for e in entries] == [date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2)]


@pytest.mark.parametrize(
    "text, message",
    [
        ("国务院办公厅关于部分节假日安排的通知", "没有找到"),
        ("一、元旦：放假1天。", "第1行 “元旦”: 找不到放假日期"),
        ("一、元旦：1月1日放假。\n二、春节：2月30日至3月2日放假。", "第2行: 2月30日 不是有效日期"),
    ],
)
def test_bad_notice_names_the_line(text, message):
    with pytest.raises(CalendarError, match=message):
        parse_holiday_notice(text, 2027)


def test_load_command_makes_an_unknown_year_countable(db, tmp_path):
    with pytest.raises(CalendarError):
        work_calendar().add_workdays(date(2027, 9, 24), 10)
    notice = tmp_path / "2027.txt"
    # A made-up arrangement for the test: only its shape matters.
    notice.write_text("一、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。\n",
                      encoding="utf-8")
    out = io.StringIO()
    call_command("calendar", "load", str(notice), "--year", "2027", "--note", "测试", stdout=out)
    assert "合计：放假 7 天，调休上班 2 天" in out.getvalue()
    result = work_calendar().add_workdays(date(2027, 9, 24), 5)
    # 9/26 (Sun) is worked; 10/1–7 off: 9/26, 9/27, 9/28, 9/29, 9/30 → the 5th is 9/30.
    assert result.date == date(2027, 9, 30)
    assert work_calendar().add_workdays(date(2027, 9, 30), 2).date == date(2027, 10, 9)


def test_load_command_dry_run_writes_nothing(db, tmp_path):
    from gongkai.core.models import CalendarDay, CalendarYear

    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE_2026, encoding="utf-8")
    call_command("calendar", "load", str(notice), "--year", "2026", "--dry-run", stdout=io.StringIO())
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


def test_load_command_reports_a_bad_notice(db, tmp_path):
    notice = tmp_path / "bad.txt"
    notice.write_text("一、元旦：放假。", encoding="utf-8")
    with pytest.raises(CommandError, match="bad.txt: 第1行"):
        call_command("calendar", "load", str(notice), "--year", "2027")
