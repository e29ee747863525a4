"""`gongkai requests deadline`: first line `due: YYYY-MM-DD`, then the reckoning."""

import io

import pytest
from django.core.management import CommandError, call_command


def run(*args):
    out = io.StringIO()
    call_command("requests", "deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    "args, due, must_mention",
    [
        (["--received", "2026-09-25"], "2026-10-29", ["中秋", "国庆节", "2026-10-10", "第三十三条第一款"]),
        (["--received", "2026-09-25", "--extend", "20"], "2026-11-26", ["第三十三条第二款", "延长答复期限20个工作日"]),
        (["--received", "2026-09-18", "--correction-sent", "2026-09-24", "--correction-received", "2026-09-30"],
         "2026-11-03", ["第三十条", "重新起算"]),
        (["--received", "2026-03-02", "--pause", "2026-03-09", "2026-03-13", "--pause", "2026-03-16", "2026-03-16"],
         "2026-04-08", ["第三十二条", "5个工作日不计入", "1个工作日不计入", "清明"]),
        (["--received", "2025-12-15"], "2026-01-13", ["元旦", "2026-01-04"]),
        (["--received", "2026-03-02", "--correction-sent", "2026-03-04"], "-", ["等待申请人补正"]),
    ],
)
def test_deadline_command(db, args, due, must_mention):
    lines = run(*args)
    assert lines[0] == f"due: {due}"
    assert lines[1].startswith("1. [第三十一条] 收到申请")
    body = "\n".join(lines[1:])
    for text in must_mention:
        assert text in body, text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--received", "2026-09-25", "--extend", "30"], "--extend: 第三十三条"),
        (["--received", "2026-09-18", "--correction-sent", "2026-10-24"], "--correction-sent: 第三十条"),
        (["--received", "2026-13-01"], "--received: 日期格式应为 YYYY-MM-DD"),
        (["--received", "2026-12-20"], "2027年的节假日安排尚未录入"),
        (["--received", "2026-03-02", "--correction-received", "2026-03-05"], "需要同时给出 --correction-sent"),
    ],
)
def test_deadline_command_errors(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_office_entered_year_is_used(db):
    from gongkai.core.models import CalendarDay, CalendarYear

    CalendarYear.objects.create(year=2027, note="测试")
    CalendarDay.objects.create(date="2027-01-01", is_workday=False, name="元旦")
    assert run("--received", "2026-12-20")[0] == "due: 2027-01-18"
