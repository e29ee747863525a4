"""File readers: every file is generated here (tmp_path / bytes), no fixture files.

Pure tests: no database. One behaviour each; the error cases assert the code and that the
message names the file.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from pathlib import Path

import pytest

from gongkai.ingest.readers import ReaderError, ReadLimits, read_bytes, read_path, read_zip

SEED_DOCS = Path(__file__).resolve().parents[1] / "data" / "seed"  # copies of shared/seed/docs
GOVCN_HTML = Path("/work/shared/corpus/govcn_zhengce_2019/html")

TITLE = "武汉市人民政府办公厅关于切实做好政府信息公开情况统计报送工作的通知"
# Only punctuation NFKC leaves alone (、。《》), so cleaning does not change these two.
BODY = "各区人民政府、市人民政府各部门\n为认真贯彻落实《中华人民共和国政府信息公开条例》。现就有关事项通知如下。\n"


def _error(data: bytes, name: str, **kwargs) -> ReaderError:
    with pytest.raises(ReaderError) as info:
        read_bytes(data, name, **kwargs)
    assert name in str(info.value)  # the message names the file
    return info.value


# --- plain text: encodings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        # GB18030 proper: 㐀 (CJK Ext A) and 𠀀 (Ext B) are not in GBK.
        (TITLE + "㐀𠀀", (TITLE + "㐀𠀀").encode("gb18030"), "gb18030"),
        (BODY, BODY.encode("gbk"), "gb18030"),
        # Only a few GBK characters: charset-normalizer alone says cp949 / big5 here,
        # and "通知" in GBK (CD A8 D6 AA) is even valid UTF-8.
        ("人民政府", "人民政府".encode("gbk"), "gb18030"),
        ("关于", "关于".encode("gbk"), "gb18030"),
        ("通知", "通知".encode("gbk"), "gb18030"),
        ("武政办〔2014〕153号", "武政办〔2014〕153号".encode("gbk"), "gb18030"),
        (TITLE, TITLE.encode("utf-8"), "utf-8"),
        ("中文", "中文".encode(), "utf-8"),
        (TITLE, b"\xef\xbb\xbf" + TITLE.encode("utf-8"), "utf-8-sig"),
        (TITLE, b"\xff\xfe" + TITLE.encode("utf-16-le"), "utf-16-le"),
        (TITLE, b"\xfe\xff" + TITLE.encode("utf-16-be"), "utf-16-be"),
        (
            "Open Data 2019\n",
            b"O\x00p\x00e\x00n\x00 \x00D\x00a\x00t\x00a\x00 \x002\x000\x001\x009\x00\n\x00",
            "utf-16-le",
        ),
    ],
    ids=[
        "gb18030",
        "gbk",
        "gbk-4-chars",
        "gbk-2-chars",
        "gbk-valid-as-utf8",
        "gbk-doc-number",
        "utf8",
        "utf8-short",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le-no-bom",
    ],
)
def test_text_encoding_is_detected(text, data, encoding):
    result = read_bytes(data, "通知.txt")

    assert result.text == text
    assert result.encoding == encoding
    assert result.kind == "txt"
    assert result.warnings == ()


def test_gb18030_file_read_from_disk(tmp_path):
    path = tmp_path / "武政办〔2014〕153号.txt"
    path.write_bytes((TITLE + "\n" + BODY).encode("gb18030"))

    result = read_path(path)

    assert result.text.startswith(TITLE + "\n各区人民政府")
    assert result.encoding == "gb18030"


@pytest.mark.parametrize(
    "data", [b"\xef\xbb\xbf" + "政府".encode(), b"\xff\xfe" + "政府".encode("utf-16-le")]
)
def test_byte_order_mark_is_stripped(data):
    assert read_bytes(data, "a.txt").text == "政府"


def test_markdown_is_read_as_text_with_kind_md():
    result = read_bytes("# 北京市禁止赌博条例\n\n第一条 为了。".encode(), "条例.md")

    assert (result.kind, result.text) == ("md", "# 北京市禁止赌博条例\n\n第一条 为了。")


def test_crlf_line_ends_become_newlines():
    assert (
        read_bytes("第一条\r\n第二条\r第三条".encode("gbk"), "a.txt").text
        == "第一条\n第二条\n第三条"
    )


def test_a_few_undecodable_bytes_are_replaced_and_reported_with_count_and_position():
    data = (BODY * 20).encode("utf-8") + b"\xff\xfe" + "\n第二段".encode()

    result = read_bytes(data, "damaged.txt")

    assert result.encoding == "utf-8"
    assert result.text.endswith("\ufffd\ufffd\n第二段")
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert "damaged.txt" in warning
    assert "2 个字节" in warning
    assert "第 41 行" in warning  # BODY has 2 lines; the bad bytes sit on line 41


def test_a_few_undecodable_bytes_in_gbk_text_are_reported():
    data = ("政府信息公开" * 100).encode("gbk") + b"\x80" + "条例".encode("gbk")

    result = read_bytes(data, "gbk.txt")

    assert result.encoding == "gb18030"
    assert result.text == "政府信息公开" * 100 + "\ufffd条例"
    assert "1 个字节" in result.warnings[0]


def test_text_no_encoding_can_read_is_undecodable():
    assert _error(bytes(range(0x80, 0x100)) * 20, "乱码.txt").code == "undecodable"


def test_binary_garbage_is_refused():
    garbage = random.Random(20141).randbytes(4096)

    assert _error(garbage, "garbage.txt").code == "binary"


def test_control_characters_without_nul_are_refused_as_binary():
    rng = random.Random(7)
    data = bytes(rng.choice(b"\x01\x02\x03\x1b\x7fabc") for _ in range(2000))

    assert _error(data, "ctl.txt").code == "binary"


def test_pdf_named_txt_is_refused_as_binary():
    error = _error(b"%PDF-1.7\n...", "通知.txt")

    assert error.code == "binary"
    assert "PDF" in str(error)


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n"])
def test_empty_text_file_is_refused(data):
    assert _error(data, "空.txt").code == "empty"


def test_too_large_file_is_refused():
    assert _error(b"x" * 101, "big.txt", max_bytes=100).code == "too_large"


def test_read_path_checks_the_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))

    with pytest.raises(ReaderError) as info:
        read_path(path, limits=ReadLimits(max_bytes=1024))

    assert info.value.code == "too_large"


@pytest.mark.parametrize("name", ["通知.doc", "通知.wps", "表格.xlsx", "通知", "图片.jpg"])
def test_unsupported_extension_is_refused(name):
    assert _error(b"whatever", name).code == "unsupported"


def test_old_word_doc_error_says_to_save_as_docx():
    assert ".docx" in str(_error(b"\xd0\xcf\x11\xe0", "通知.doc"))


# --- cleaning: radicals and OCR spacing go through read_bytes -------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "武汉市⼈⺠政府",
            "武汉市人民政府",
        ),  # ⼈ Kangxi radical U+2F08, ⺠ radical supplement U+2EA0
        ("⻓江委", "长江委"),
        ("２０１４年９月３日", "2014年9月3日"),
    ],
)
def test_compatibility_characters_are_normalised(raw, clean):
    assert read_bytes(raw.encode(), "a.txt").text == clean


# Lines copied from seed/docs/20-ocr-archives-journal-garbled.txt (OCR of an archives journal).
OCR_LINES = """进 的 管 理 模 式 和 规 范 的 整 理 方 法 。 长 江 委 网 络 民
与 信 息 中心 的 专 家 就 当前 移 民档 案 工 作 中 普 遍存 在 的问题和难 点及要 求进行 了规范 性 的
( 十堰 市 局 王 杰 周 锐)
会 上 ,十 堰 市 档 案 局 副 局 长 陶 维平 强 调 ,
参 加 会 议 。 会 议 对 前 期 十 堰 市 南 水 北 调 移 民 档 申
"""


def test_ocr_spacing_between_chinese_characters_is_repaired():
    result = read_bytes(OCR_LINES.encode(), "20-ocr.txt")

    assert result.text.splitlines() == [
        "进的管理模式和规范的整理方法。长江委网络民",
        "与信息中心的专家就当前移民档案工作中普遍存在的问题和难点及要求进行了规范性的",
        "(十堰市局王杰周锐)",
        "会上,十堰市档案局副局长陶维平强调,",
        "参加会议。会议对前期十堰市南水北调移民档申",
    ]
    assert any("OCR" in w for w in result.warnings)


def test_ocr_seed_document_is_repaired():
    result = read_path(SEED_DOCS / "20-ocr-archives-journal-garbled.txt")

    assert "共分10条" in result.text
    assert "涉密档案解密工作的8项规定" in result.text


def test_ordinary_text_keeps_its_few_spaces():
    text = "主 题 词：政务公开\n" + BODY * 5

    result = read_bytes(text.encode(), "a.txt")

    assert result.text.startswith("主 题 词:政务公开\n")
    assert result.warnings == ()


# --- HTML --------------------------------------------------------------------------------------


def _page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>页面标题</title></head><body>{body}</body></html>"
    )


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gbk">',
        "<meta charset=gb2312>",
        '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">',
        "",  # no declaration: detected
    ],
)
def test_html_in_gbk_is_decoded_with_its_meta_charset(meta):
    data = _page(f"<h1>{TITLE}</h1><p>各区人民政府：</p>", meta).encode("gbk")

    result = read_bytes(data, "page.html")

    assert result.text == f"{TITLE}\n各区人民政府:"
    assert result.encoding == "gb18030"
    assert result.kind == "html"


def test_xhtml_xml_declaration_encoding_is_honoured():
    data = f'<?xml version="1.0" encoding="gb2312"?><html><body><p>{TITLE}</p></body></html>'

    result = read_bytes(data.encode("gbk"), "page.xhtml")

    assert (result.text, result.encoding) == (TITLE, "gb18030")


def test_html_with_wrong_meta_charset_is_detected_and_warned():
    data = _page(f"<p>{TITLE}</p>", '<meta charset="utf-8">').encode("gbk")

    result = read_bytes(data, "page.htm")

    assert result.text == TITLE
    assert "utf-8" in result.warnings[0]


def test_html_with_bom_ignores_contrary_meta():
    data = b"\xef\xbb\xbf" + _page(f"<p>{TITLE}</p>", '<meta charset="gbk">').encode()

    assert read_bytes(data, "page.html").text == TITLE


def test_html_blocks_are_lines_inline_elements_are_not():
    body = (
        "<div><p>第<b>一</b>条　为了规范<a href='#'>政府信息公开</a>。</p>"
        "<p>第二条<br>本办法适用于</p><ul><li>甲</li><li>乙</li></ul></div>"
    )

    assert read_bytes(_page(body).encode(), "p.html").text.splitlines() == [
        "第一条 为了规范政府信息公开。",
        "第二条",
        "本办法适用于",
        "甲",
        "乙",
    ]


def test_html_script_style_and_head_are_dropped():
    body = "<style>p{color:red}</style><p>正文</p><script>var x = '脚本';</script><noscript>无</noscript>"

    assert read_bytes(_page(body).encode(), "p.html").text == "正文"


def test_html_table_cells_are_tab_separated_and_raw_html_is_kept():
    table = "<table><tr><td><b>发文字号：</b></td> <td>武政办〔2014〕153号</td></tr><tr><td>成文日期：</td><td>2014年09月03日</td></tr></table>"
    data = _page(table).encode("gbk")

    result = read_bytes(data, "p.html")

    assert result.text.splitlines() == [
        "发文字号:\t武政办〔2014〕153号",
        "成文日期:\t2014年09月03日",
    ]
    assert result.html is not None and "<td>武政办〔2014〕153号</td>" in result.html


def test_html_pre_keeps_its_line_breaks():
    assert read_bytes(_page("<pre>一\n二</pre>").encode(), "p.html").text == "一\n二"


def test_govcn_policy_page_metadata_table_reads_as_label_tab_value():
    result = read_path(GOVCN_HTML / "042_content_5345440.html")

    lines = result.text.splitlines()
    assert "发文字号:\t国办函〔1996〕16号\t发布日期:\t2018年12月03日" in lines
    assert "国家经贸委、冶金部:" in lines


def test_html_without_text_is_empty():
    assert _error(_page("<script>x()</script>").encode(), "blank.html").code == "empty"


# --- DOCX --------------------------------------------------------------------------------------


def _docx_bytes(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cleanup_notice(document) -> None:
    document.add_paragraph(TITLE)
    document.add_paragraph("失效或废止的文件目录：")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("序号", "文件名称", "文号"),
            ("1", "武汉市统计管理办法", "市人民政府令第152号"),
            ("2", "关于加强政务公开工作的通知", "武政办〔2014〕180号"),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("武汉市人民政府办公厅")


def test_docx_paragraphs_and_tables_in_document_order():
    result = read_bytes(_docx_bytes(_cleanup_notice), "清理结果.docx")

    assert result.kind == "docx"
    assert result.encoding is None
    assert result.text.splitlines() == [
        TITLE,
        "失效或废止的文件目录:",
        "序号\t文件名称\t文号",
        "1\t武汉市统计管理办法\t市人民政府令第152号",
        "2\t关于加强政务公开工作的通知\t武政办〔2014〕180号",
        "武汉市人民政府办公厅",
    ]


def test_docx_merged_cell_is_read_once():
    def build(document):
        table = document.add_table(rows=1, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "发文字号"
        table.cell(0, 2).text = "武政办〔2014〕153号"

    assert read_bytes(_docx_bytes(build), "a.docx").text == "发文字号\t武政办〔2014〕153号"


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_body_xml(*fragments: str) -> bytes:
    """A DOCX whose body holds raw WordprocessingML (what Word writes, python-docx cannot)."""
    from docx.oxml import parse_xml

    def build(document):
        body = document.element.body
        for fragment in fragments:
            element = parse_xml(re.sub(r"^<(w:\w+)", rf"<\1 {W_NS}", fragment))
            body.insert(len(body) - 1, element)  # before the final w:sectPr

    return _docx_bytes(build)


@pytest.mark.parametrize(
    ("fragment", "line"),
    [
        # content control (w:sdt) around a paragraph: a template's 发文字号 field
        (
            "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>武政办〔2014〕153号</w:t></w:r></w:p></w:sdtContent></w:sdt>",
            "武政办〔2014〕153号",
        ),
        # tracked changes: the insertion is read, the deletion is not
        (
            "<w:p><w:r><w:t>有效期</w:t></w:r><w:ins w:id='1' w:author='a'><w:r><w:t>五年</w:t></w:r></w:ins>"
            "<w:del w:id='2' w:author='a'><w:r><w:delText>三年</w:delText></w:r></w:del></w:p>",
            "有效期五年",
        ),
        # hyperlink and tab
        (
            "<w:p><w:r><w:t>见</w:t></w:r><w:hyperlink><w:r><w:t>政府信息公开专栏</w:t></w:r></w:hyperlink>"
            "<w:r><w:tab/><w:t>附件</w:t></w:r></w:p>",
            "见政府信息公开专栏\t附件",
        ),
    ],
    ids=["content-control", "tracked-changes", "hyperlink-and-tab"],
)
def test_docx_text_python_docx_objects_would_miss_is_read(fragment, line):
    assert read_bytes(_docx_with_body_xml(fragment), "a.docx").text == line


def test_docx_text_box_is_read_after_its_paragraph():
    fragment = (
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>印发机关：市政府办公厅</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"
    )

    assert read_bytes(_docx_with_body_xml(fragment), "a.docx").text.splitlines() == [
        "正文",
        "印发机关:市政府办公厅",
    ]


def test_docx_read_from_disk(tmp_path):
    path = tmp_path / "清理结果.docx"
    path.write_bytes(_docx_bytes(_cleanup_notice))

    assert read_path(path).text.startswith(TITLE)


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_docx_is_refused(keep):
    data = _docx_bytes(_cleanup_notice)

    assert _error(data[: int(len(data) * keep)], "cut.docx").code == "truncated"


def test_docx_with_a_damaged_member_is_truncated():
    data = bytearray(_docx_bytes(_cleanup_notice))
    start = data.index(b"word/document.xml") + len(b"word/document.xml")  # local header name
    data[start + 40 : start + 80] = b"\x00" * 40  # inside the compressed XML

    assert _error(bytes(data), "damaged.docx").code == "truncated"


def _zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ZEROS = b"\x00" * (20 * 1024 * 1024)  # 20 MB deflates to ~20 KB: ratio ~1000


def test_docx_zip_bomb_is_refused_before_decompressing(monkeypatch):
    data = _zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": ZEROS})
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("decompressed"))

    error = _error(data, "bomb.docx")

    assert error.code == "zip_bomb"


def test_zip_without_word_document_is_not_a_docx():
    assert _error(_zip_of({"a.txt": b"x"}), "a.docx").code == "unsupported"


def test_encrypted_docx_is_refused():
    # Office stores a password-protected .docx as an OLE compound file with an EncryptedPackage.
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    )

    assert _error(ole, "加密.docx").code == "encrypted"


def test_doc_renamed_to_docx_is_unsupported():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "WordDocument".encode("utf-16-le")

    assert _error(ole, "旧格式.docx").code == "unsupported"


def test_docx_without_text_is_empty():
    assert _error(_docx_bytes(lambda document: None), "blank.docx").code == "empty"


# --- PDF ---------------------------------------------------------------------------------------


def _pdf_bytes(pages: list[list[str]]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for number, line in enumerate(lines):
            pdf.drawString(72, 750 - 20 * number, line)
        if not lines:
            pdf.rect(72, 72, 200, 200)  # a page with graphics only, like a scan
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


NOTICE_PAGE = [TITLE, "(武政办〔2014〕153号)", "各区人民政府,市人民政府各部门:"]


def test_pdf_text_layer_is_read():
    result = read_bytes(_pdf_bytes([NOTICE_PAGE, ["第二页"]]), "通知.pdf")

    assert result.kind == "pdf"
    assert result.text.splitlines() == [*NOTICE_PAGE, "第二页"]
    assert result.warnings == ()


def _encrypted(data: bytes, user: str, owner: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user, owner, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf_is_refused():
    error = _error(_encrypted(_pdf_bytes([NOTICE_PAGE]), "secret", "owner"), "x.pdf")

    assert error.code == "encrypted"
    assert str(error) == '文件 "x.pdf" 已加密，无法读取'


def test_pdf_with_only_an_owner_password_opens_with_the_empty_password():
    result = read_bytes(_encrypted(_pdf_bytes([NOTICE_PAGE]), "", "owner"), "x.pdf")

    assert result.text.splitlines()[0] == TITLE
    assert "空密码" in result.warnings[0]


def test_pdf_without_text_layer_needs_ocr():
    error = _error(_pdf_bytes([[], []]), "扫描件.pdf")

    assert error.code == "needs_ocr"
    assert "OCR" in str(error)


def test_pdf_page_without_text_is_named_in_a_warning():
    result = read_bytes(_pdf_bytes([NOTICE_PAGE, [], ["第三页"]]), "部分扫描.pdf")

    assert result.text.splitlines()[-1] == "第三页"
    assert "第 2 页" in result.warnings[0]


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        (TITLE, False),
        ("\ue001\ue002\ue003\ue004 \ue005", True),  # fonts without ToUnicode: private use area
        ("\x03\x05\x11\x17政", True),  # raw glyph ids as control characters
        ("\ufffd\ufffd\ufffd", True),
        (TITLE + "\ue001", False),  # one unmapped symbol in a readable page
        ("   \n", False),  # empty is "no text layer", not garbled
    ],
)
def test_pdf_page_text_is_garbled(text, garbled):
    from gongkai.ingest.readers.pdf import is_garbled

    assert is_garbled(text) is garbled


@pytest.mark.parametrize("keep", [0.3, 0.8, 0.98])
def test_truncated_pdf_is_refused(keep):
    data = _pdf_bytes([NOTICE_PAGE])

    assert _error(data[: int(len(data) * keep)], "cut.pdf").code == "truncated"


def test_pdf_with_a_damaged_body_is_truncated():
    data = _pdf_bytes([NOTICE_PAGE])
    damaged = data[:20] + b"\x00" * (len(data) - 60) + data[-40:]  # header and %%EOF intact

    assert _error(damaged, "damaged.pdf").code == "truncated"


def test_text_named_pdf_is_unsupported():
    assert _error(TITLE.encode(), "通知.pdf").code == "unsupported"


# --- ZIP archives ------------------------------------------------------------------------------


def _with_raw_names(data: bytes, renames: dict[bytes, bytes]) -> bytes:
    """Put raw (non-UTF-8) names into a zip, as Windows tools do: same length placeholders."""
    for placeholder, raw in renames.items():
        assert len(placeholder) == len(raw)
        data = data.replace(placeholder, raw)
    return data


def test_zip_members_are_yielded_in_order_with_their_bytes():
    data = _zip_of({"一.txt": b"1", "sub/二.pdf": b"%PDF-", "dir/": b""})

    assert list(read_zip(data, "批量.zip")) == [("一.txt", b"1"), ("sub/二.pdf", b"%PDF-")]


def test_zip_gbk_member_names_from_windows_are_decoded():
    gbk_name = "关于印发.txt".encode("gbk")
    data = _with_raw_names(_zip_of({"xxxxxxxx.txt": b"body"}), {b"xxxxxxxx.txt": gbk_name})
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    assert not info.flag_bits & 0x800  # the UTF-8 flag is unset, as Windows writes it

    assert list(read_zip(data, "win.zip")) == [("关于印发.txt", b"body")]


def test_zip_utf8_member_names_without_the_flag_are_decoded():
    raw = "通知.pdf".encode()
    data = _with_raw_names(
        _zip_of({"x" * (len(raw) - 4) + ".pdf": b"%PDF-"}), {b"x" * (len(raw) - 4) + b".pdf": raw}
    )

    assert [name for name, _ in read_zip(data, "mac.zip")] == ["通知.pdf"]


def test_zip_os_junk_is_skipped():
    data = _zip_of(
        {"__MACOSX/._a.txt": b"x", "a.txt": b"a", ".DS_Store": b"x", "b/Thumbs.db": b"x"}
    )

    assert [name for name, _ in read_zip(data, "a.zip")] == ["a.txt"]


def test_zip_bomb_is_refused_when_called_before_anything_is_inflated(monkeypatch):
    data = _zip_of({"a.txt": ZEROS})
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("decompressed"))

    with pytest.raises(ReaderError) as info:
        read_zip(data, "bomb.zip")

    assert info.value.code == "zip_bomb"
    assert "bomb.zip" in str(info.value)


THREE_FILES = {f"{n}.txt": ("政务公开" * 250).encode() for n in range(3)}  # 3 x 3,000 bytes


def test_zip_over_the_total_limit_is_refused():
    with pytest.raises(ReaderError) as info:
        read_zip(_zip_of(THREE_FILES), "a.zip", limits=ReadLimits(max_zip_total=8999))

    assert info.value.code == "zip_bomb"


def test_zip_within_the_limits_is_read():
    members = read_zip(_zip_of(THREE_FILES), "a.zip", limits=ReadLimits(max_zip_total=9000))

    assert [name for name, _ in members] == ["0.txt", "1.txt", "2.txt"]


def test_zip_member_over_the_file_limit_is_too_large():
    with pytest.raises(ReaderError) as info:
        read_zip(_zip_of({"大.pdf": b"x" * 2000}), "a.zip", limits=ReadLimits(max_bytes=1000))

    assert info.value.code == "too_large"
    assert "大.pdf" in str(info.value)


@pytest.mark.parametrize(
    "member",
    [
        "../../etc/passwd",
        "docs/../../x.txt",
        "/etc/passwd",
        "C:\\Windows\\x.txt",
        "a\\..\\..\\b.txt",
    ],
)
def test_zip_path_traversal_is_refused(member):
    placeholder = "p" * len(member.encode())
    data = _with_raw_names(_zip_of({placeholder: b"x"}), {placeholder.encode(): member.encode()})

    with pytest.raises(ReaderError) as info:
        read_zip(data, "evil.zip")

    assert info.value.code == "unsafe_path"


def test_zip_symlink_member_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")

    with pytest.raises(ReaderError) as info:
        read_zip(buffer.getvalue(), "link.zip")

    assert info.value.code == "unsafe_path"


def _set_encrypted_flag(data: bytes) -> bytes:
    """zipfile cannot write encrypted members: set flag bit 0 in both headers."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.index(signature) + offset
        (flags,) = struct.unpack_from("<H", out, at)
        struct.pack_into("<H", out, at, flags | 0x1)
    return bytes(out)


def test_zip_encrypted_member_is_refused():
    data = _set_encrypted_flag(_zip_of({"secret.pdf": b"%PDF-"}))

    with pytest.raises(ReaderError) as info:
        read_zip(data, "a.zip")

    assert info.value.code == "encrypted"
    assert "secret.pdf" in str(info.value)


def test_truncated_zip_is_refused():
    data = _zip_of({"a.txt": b"a" * 1000})

    with pytest.raises(ReaderError) as info:
        read_zip(data[:-30], "cut.zip")

    assert info.value.code == "truncated"


def test_zip_member_with_corrupt_data_fails_when_reached():
    data = bytearray(_zip_of({"a.txt": random.Random(1).randbytes(3000)}))
    data[60:90] = b"\x00" * 30  # inside a.txt's compressed data; directory intact
    members = read_zip(bytes(data), "bad.zip")

    with pytest.raises(ReaderError) as info:
        list(members)

    assert info.value.code == "truncated"
    assert "a.txt" in str(info.value)


# --- damaged input of every kind: a ReaderError, never another exception --------------------


def _mutations(data: bytes, seed: int, count: int = 60):
    rng = random.Random(seed)
    for _ in range(count):
        damaged = bytearray(data)
        operation = rng.randrange(4)
        at = rng.randrange(len(damaged))
        if operation == 0:
            del damaged[at:]
        elif operation == 1:
            for _ in range(rng.randrange(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        elif operation == 2:
            del damaged[at : at + rng.randrange(1, 200)]
        else:
            damaged[at:at] = rng.randbytes(rng.randrange(1, 50))
        yield bytes(damaged)


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "a.html", "a.txt", "a.zip"])
def test_damaged_files_raise_only_reader_errors(name):
    original = {
        "a.pdf": lambda: _pdf_bytes([NOTICE_PAGE, ["第二页"]]),
        "a.docx": lambda: _docx_bytes(_cleanup_notice),
        "a.html": lambda: _page(
            f"<table><tr><td>{TITLE}</td></tr></table>", "<meta charset=gbk>"
        ).encode("gbk"),
        "a.txt": lambda: (TITLE * 10).encode("gbk"),
        "a.zip": lambda: _zip_of({"一.txt": b"1" * 100, "二.pdf": b"%PDF-" * 50}),
    }[name]()
    outcomes = set()
    for data in _mutations(original, seed=len(name) + ord(name[2])):
        try:
            list(read_zip(data, name)) if name.endswith(".zip") else read_bytes(data, name)
            outcomes.add("ok")
        except ReaderError as error:
            outcomes.add(error.code)

    assert outcomes - {"ok"}  # the damage was noticed at least sometimes


def test_readers_do_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys, gongkai.ingest.readers as r;"
        "r.read_bytes('人民政府'.encode('gbk'), 'a.txt');"
        "sys.exit('django' in sys.modules)"
    )

    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
