"""Pure rules: date plausibility and the 不予公开 re-review schedule (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.review.domain.dates import date_problems
from gongkai.review.domain.rereview import add_months, is_due, rereview

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("kw", "fields"),
    [
        ({}, []),
        ({"written_date": date(2026, 11, 1), "publish_date": date(2026, 11, 3)}, []),
        ({"publish_date": date(2026, 12, 2)}, ["publish_date"]),
        ({"effective_date": date(2027, 1, 1), "publish_date": date(2026, 11, 3)}, []),
        ({"written_date": date(2026, 11, 5), "publish_date": date(2026, 11, 3)}, ["publish_date"]),
        ({"publish_date": date(2026, 11, 3), "effective_date": date(2026, 11, 1)}, ["effective_date"]),
        ({"publish_date": date(2026, 11, 3), "effective_date": date(2026, 11, 1),
          "retroactive_reason": "溯及既往，依据上级文件"}, []),
        ({"written_date": date(1900, 1, 1)}, ["written_date"]),
    ],
)
def test_date_problems(kw, fields):
    args = {"written_date": None, "publish_date": None, "effective_date": None, **kw}
    assert [p.field for p in date_problems(today=TODAY, **args)] == fields


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 12, 1), 12, date(2027, 12, 1)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2026, 11, 15), 3, date(2027, 2, 15)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_rereview_due_and_overdue():
    item = rereview(date(2025, 12, 20), months=12, today=TODAY)
    assert item.due == date(2026, 12, 20) and not item.overdue and is_due(item)
    assert not is_due(rereview(date(2026, 6, 1), months=12, today=TODAY))
    assert rereview(date(2025, 11, 1), months=12, today=TODAY).overdue
    with pytest.raises(ValueError):
        rereview(TODAY, months=0, today=TODAY)


@pytest.mark.parametrize(("text", "serials"), [
    ("152", [152]),
    ("152、160-162，170～171号", [152, 160, 161, 162, 170, 171]),
    ("3 1 2 2", [1, 2, 3]),
    ("5至7", [5, 6, 7]),
])
def test_parse_serial_ranges(text, serials):
    from gongkai.review.domain.serials import parse_serial_ranges

    assert parse_serial_ranges(text) == serials


@pytest.mark.parametrize(("text", "words"), [
    ("", "请填写"), ("a-3", "“a-3”"), ("9-3", "起号应不大于止号"), ("1-99999", "最多"),
])
def test_parse_serial_ranges_refuses(text, words):
    from gongkai.review.domain.serials import SerialRangeError, parse_serial_ranges

    with pytest.raises(SerialRangeError, match=words):
        parse_serial_ranges(text)
