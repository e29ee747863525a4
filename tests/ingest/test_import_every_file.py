"""`gongkai import`: every input file gets a line, links are never followed, long names are
stored under generated names (issue 11, items 4, 5 and 9)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from django.core.management import call_command

from gongkai.documents.models import Attachment, Document

pytestmark = pytest.mark.django_db

BODY = "各区人民政府：现将有关事项通知如下。一、做好政府信息公开工作。"


def _run(*paths, publish=False) -> tuple[str, int]:
    out = io.StringIO()
    code = 0
    try:
        call_command("import", *map(str, paths), unit="市政府办公厅", publish=publish, stdout=out)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), code


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_link_out_of_the_folder_is_refused_and_never_read(unit_tree, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "通知.txt").write_text("关于做好政务公开工作的通知\n" + BODY, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n机密内容", encoding="utf-8")
    os.symlink(secret, folder / "passwd.txt")
    os.symlink("/etc", folder / "etc")
    text, code = _run(folder, publish=True)
    assert code == 1
    assert "passwd.txt” 是指向导入目录之外" in text and "etc” 是指向导入目录之外" in text
    assert "合计 3 个文件：导入 1，重复 0，失败 2" in text
    assert not Document.objects.filter(body__contains="root:x:0").exists()


def test_every_file_gets_a_line_old_office_formats_refused_by_name(unit_tree, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "旧通知.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (folder / "文字.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (folder / "统计表.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    text, code = _run(folder)
    assert code == 1
    assert "旧版 Word (.doc) 格式不支持，请另存为 .docx" in text
    assert "WPS 文字 (.wps) 格式不支持" in text and "旧版 Excel (.xls)" in text
    assert "跳过\t" in text and ".DS_Store" in text
    assert "合计 4 个文件：导入 0，重复 0，失败 3，跳过 1" in text


def test_a_nested_zip_is_opened_and_every_member_reported(unit_tree, tmp_path):
    inner = _zip({"内层通知.txt": ("关于内层工作的通知\n" + BODY).encode()})
    outer = _zip({"外层通知.txt": ("关于外层工作的通知\n" + BODY).encode(), "inner.zip": inner,
                  "说明.rtf": b"{\\rtf1}"})
    (tmp_path / "pack.zip").write_bytes(outer)
    text, code = _run(tmp_path / "pack.zip")
    assert "pack.zip!inner.zip!内层通知.txt" in text
    assert "RTF 格式不支持" in text
    assert "合计 3 个文件：导入 2，重复 0，失败 1" in text
    assert code == 1


def test_an_empty_zip_says_so(unit_tree, tmp_path):
    (tmp_path / "empty.zip").write_bytes(_zip({}))
    text, code = _run(tmp_path / "empty.zip")
    assert "中没有任何文件" in text and code == 1


def test_a_zip_member_with_a_hundred_chinese_characters_imports(unit_tree, tmp_path):
    long_name = "关于" + "进一步做好政府信息公开工作" * 7 + "的通知.txt"
    assert len(long_name.encode()) > 255
    (tmp_path / "long.zip").write_bytes(_zip({
        long_name: ("关于进一步做好政府信息公开工作的通知\n" + BODY).encode(),
        "second.txt": ("关于第二件工作的通知\n" + BODY).encode(),
    }))
    text, code = _run(tmp_path / "long.zip")
    assert code == 0 and "导入 2" in text  # the rest of the archive went on
    attachment = Attachment.objects.get(name=long_name)
    assert len(os.path.basename(attachment.file.name).encode()) < 64
    assert attachment.file.read().decode().startswith("关于进一步")


def test_a_long_first_line_stays_in_the_body(unit_tree, tmp_path):
    first = "本通知适用于全市各级行政机关和法律法规授权组织" * 6 + "开展的政府信息公开工作"
    assert len(first) > 120
    (tmp_path / "long-line.txt").write_text(first + "\n第二段内容。", encoding="utf-8")
    text, code = _run(tmp_path / "long-line.txt")
    assert code == 0
    doc = Document.objects.get()
    assert doc.body.startswith(first[:30]) and first[-10:] in doc.body
