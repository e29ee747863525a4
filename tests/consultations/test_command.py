"""`gongkai consultations read FILE... --json`: one object per file in the issue's shape, from
txt (GB18030), html and docx as published; unreadable files reported, exit status 1."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

NOTICE = """关于《某市停车管理办法（征求意见稿）》公开征求意见的公告
为推进科学决策，根据《重大行政决策程序暂行条例》，现将《某市停车管理办法（征求意见稿）》向社会公开征求意见。
征求意见时间：2024年6月3日至2024年6月22日。
意见可通过电子邮件发送至example@gov.cn，或邮寄至某市某路1号（邮编430000）。
某市交通运输局
2024年6月3日
某市停车管理办法（征求意见稿）
第一条 为了规范停车管理，制定本办法。
第二条 本办法自2025年1月1日起施行。
"""
KEYS = ["file", "draft_title", "issuer", "comment_start", "comment_end", "comment_days", "channels",
        "reason_for_short_period", "findings"]


def _docx(text: str) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.strip().split("\n"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _html(text: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.strip().split("\n"))
    return ("<html><head><meta charset='utf-8'><title>征求意见</title></head><body>"
            "<div class='nav'>首页 &gt; 意见征集</div>" + paragraphs + "</body></html>").encode("utf-8")


@pytest.mark.django_db
def test_read_prints_the_issue_shape_for_txt_html_and_docx(tmp_path, capsys):
    files = {"a.txt": NOTICE.encode("gb18030"), "b.html": _html(NOTICE), "c.docx": _docx(NOTICE)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    call_command("consultations", "read", *[str(tmp_path / n) for n in files], "--json")
    rows = [json.loads(line) for line in capsys.readouterr().out.strip().split("\n")]
    assert len(rows) == 3
    for row in rows:
        assert list(row) == KEYS
        assert row["draft_title"] == "某市停车管理办法（征求意见稿）"
        assert row["issuer"] == "某市交通运输局"
        assert (row["comment_start"], row["comment_end"], row["comment_days"]) == ("2024-06-03", "2024-06-22", 20)
        assert row["channels"] == ["信函", "电子邮件"]
        assert [f["code"] for f in row["findings"]] == ["short_period_without_reason"]


@pytest.mark.django_db
def test_an_unreadable_file_is_reported_and_the_others_still_read(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "bad.docx").write_bytes(b"not a zip at all")
    with pytest.raises(CommandError):
        call_command("consultations", "read", str(tmp_path / "bad.docx"), str(tmp_path / "ok.txt"), "--json")
    rows = [json.loads(line) for line in capsys.readouterr().out.strip().split("\n")]
    assert list(rows[0]) == ["file", "error"] and "bad.docx" in rows[0]["error"]
    assert rows[1]["comment_days"] == 20


@pytest.mark.django_db
def test_plain_output_is_chinese(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text(NOTICE, encoding="utf-8")
    call_command("consultations", "read", str(tmp_path / "ok.txt"))
    out = capsys.readouterr().out
    assert "征求意见截止: 2024-06-22" in out and "问题: 征求意见期 20 天" in out
