"""`gongkai extract FILE... [--json]`: the JSON-lines interface others rely on."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SEED = Path(__file__).resolve().parents[1] / "data" / "seed"
KEYS = ["file", "title", "doc_number", "issuers", "written_date", "publish_date", "effective_date",
        "level", "validity", "category", "index_no", "warnings"]


def run(*args: str) -> tuple[list[str], int]:
    out = StringIO()
    code = 0
    try:
        call_command("extract", *args, stdout=out, stderr=StringIO())
    except SystemExit as exc:
        code = int(exc.code or 0)
    return out.getvalue().splitlines(), code


def test_json_lines_have_exactly_the_documented_keys():
    files = [str(SEED / "03-wzb-2014-153-statistics.txt"), str(SEED / "09-wuhan-order-322-amend-repeal.txt")]

    lines, code = run(*files, "--json")

    assert code == 0
    objects = [json.loads(line) for line in lines]
    assert [list(o) for o in objects] == [KEYS, KEYS]
    assert objects[0]["file"] == files[0]
    assert objects[0]["doc_number"] == "武政办〔2014〕153号"
    assert objects[0]["publish_date"] == "2014-09-03"
    assert objects[0]["written_date"] is None
    assert objects[0]["level"] == "XP10" and objects[0]["warnings"]
    assert objects[1]["issuers"] == ["武汉市人民政府"]
    assert objects[1]["effective_date"] == "2024-07-01"


def test_gb18030_file_is_read(tmp_path):
    path = tmp_path / "notice.txt"
    text = (SEED / "12-wzb-2014-180-long-term-mechanism.txt").read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))

    lines, code = run(str(path), "--json")

    assert code == 0
    data = json.loads(lines[0])
    assert data["title"] == "武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见"
    assert data["doc_number"] == "武政办〔2014〕180号"


def test_unreadable_file_gives_an_error_object_and_exit_1_after_the_others(tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(SEED / "18-hubei-2019-assessment-bulletin.txt", good)
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    lines, code = run(str(missing), str(empty), str(tmp_path), str(good), "--json")

    assert code == 1
    objects = [json.loads(line) for line in lines]
    assert [o["file"] for o in objects] == [str(missing), str(empty), str(tmp_path), str(good)]
    assert "missing.txt" in objects[0]["error"]
    assert "error" in objects[1] and "empty.txt" in objects[1]["error"]
    assert "目录" in objects[2]["error"]
    assert objects[3]["doc_number"] == "鄂政办电〔2020〕13号"


def test_without_json_prints_a_chinese_summary():
    lines, code = run(str(SEED / "09-wuhan-order-322-amend-repeal.txt"))

    assert code == 0
    text = "\n".join(lines)
    assert "发文字号: 武汉市人民政府令第322号" in text
    assert "施行日期: 2024-07-01" in text
    assert "成文日期: （无）" in text


@pytest.mark.parametrize("name", ["02-xinzhou-summary-scraped.txt", "20-ocr-archives-journal-garbled.txt"])
def test_documents_without_metadata_give_nulls_not_guesses(name):
    lines, code = run(str(SEED / name), "--json")

    data = json.loads(lines[0])
    assert code == 0
    assert (data["doc_number"], data["publish_date"], data["issuers"]) == (None, None, [])
