"""File-name dates, history lines, articles (documents/domain/versions.py)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.documents.domain.versions import (
    articles,
    filename_date,
    history_entries,
    inline_history,
    version_of,
)
from gongkai.documents.domain.vocab import VersionKind


@pytest.mark.parametrize(("name", "expected"), [
    ("北京市审计条例(2020-05-14).md", date(2020, 5, 14)),
    ("lawrefbook/DLC/北京/关于议案的若干暂行规定(2010-12-23).md", date(2010, 12, 23)),
    ("20200514_武汉市统计管理办法.docx", date(2020, 5, 14)),
    ("2020年5月14日武汉市统计管理办法.txt", date(2020, 5, 14)),
    ("武汉市统计管理办法.txt", None),
    ("20201399_坏日期.txt", None),
    ("武政办〔2014〕153号.txt", None),
])
def test_filename_date(name, expected):
    assert filename_date(name) == expected


def test_history_lines_give_each_version_its_date_and_kind():
    lines = [
        "1985年1月21日 第六届全国人民代表大会常务委员会第九次会议通过",
        "1993年12月29日 第八届全国人民代表大会常务委员会第五次会议《关于修改〈中华人民共和国会计法〉的决定》第一次修正",
        "1999年10月31日 第九届全国人民代表大会常务委员会第十二次会议修订",
        "2000年7月1日 施行",
    ]
    entries = history_entries(lines)
    assert [(e.date.year, e.kind) for e in entries] == [
        (1985, VersionKind.ORIGINAL), (1993, VersionKind.AMENDED), (1999, VersionKind.REVISED),
        (2000, None)]
    assert entries[1].decision_title == "关于修改〈中华人民共和国会计法〉的决定"
    assert version_of(entries) == (date(1999, 10, 31), VersionKind.REVISED)


def test_a_rules_bracketed_history_under_its_title():
    text = ("武汉市统计管理办法\n（2003年5月6日武汉市人民政府令第152号公布 "
            "根据2024年5月9日武汉市人民政府令第322号修改）\n第一条 …")
    lines = inline_history(text)
    entries = history_entries(lines)
    assert [(e.date, e.kind) for e in entries] == [
        (date(2003, 5, 6), VersionKind.ORIGINAL), (date(2024, 5, 9), VersionKind.AMENDED)]


def test_articles_split_with_chapters_and_之一():
    text = ("# 某条例\n## 第一章 总则\n第一条 为了规范。\n第二条 本条例适用于本市。\n依照第一条规定执行。\n"
            "## 第二章 附则\n第二条之一 新增内容。\n第三条 本条例自2020年1月1日起施行。")
    arts = articles(text)
    assert [(a.label, a.key) for a in arts] == [
        ("第一条", (1, 0)), ("第二条", (2, 0)), ("第二条之一", (2, 1)), ("第三条", (3, 0))]
    assert arts[1].text == "本条例适用于本市。\n依照第一条规定执行。"
