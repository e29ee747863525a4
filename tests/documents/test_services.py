"""Document services: create, update, publish, import (whole or nothing, no duplicates)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.management import call_command

from gongkai.core.models import AuditLog
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document
from gongkai.documents.services import (
    document_create,
    document_publish_direct,
    document_update,
)
from gongkai.ingest.services import document_import

SEED_TEXT = """武汉市人民政府办公厅关于切实做好政府信息公开情况统计报送工作的通知
(武政办〔2014〕153号)
各区人民政府,市人民政府各部门:
为认真贯彻落实《中华人民共和国政府信息公开条例》,现就有关事项通知如下。
一、高度重视政府信息公开统计工作。
武汉市人民政府办公厅
2014年9月3日
"""


def test_create_normalises_doc_number_and_resolves_issuer(unit_tree):
    doc = document_create(unit=unit_tree["office"], actor=None, title="关于 测试 的通知",
                          doc_number="武政办[2014]153号", issuer_names=["武汉市政府办公厅"],
                          publish_date="2014.09.03")
    assert doc.doc_number == "武政办〔2014〕153号"
    assert (doc.doc_prefix, doc.doc_year, doc.doc_serial) == ("武政办", 2014, 153)
    assert doc.publish_date == date(2014, 9, 3)
    assert list(doc.issuers.all()) == [unit_tree["office"]]
    assert doc.index_no == "011043201/2014-00001"
    assert doc.state == "draft"
    assert AuditLog.objects.filter(action="document_create", target_id=str(doc.pk)).exists()


def test_index_numbers_follow_per_unit_and_year(unit_tree):
    first = document_create(unit=unit_tree["stats"], actor=None, title="一", publish_date=date(2025, 1, 2))
    second = document_create(unit=unit_tree["stats"], actor=None, title="二", publish_date=date(2025, 3, 2))
    assert (first.index_no, second.index_no) == ("011043230/2025-00001", "011043230/2025-00002")


@pytest.mark.parametrize(
    "field, kwargs",
    [
        ("title", {"title": "   "}),
        ("doc_number", {"doc_number": "没有文号的字样"}),
        ("publish_date", {"publish_date": "2014-13-45"}),
        ("level", {"level": "红头文件"}),
        ("validity", {"validity": "永久有效"}),
        ("disclosure_reason", {"disclosure": "不予公开"}),
        ("expiry_date", {"publish_date": date(2020, 1, 1), "expiry_date": date(2019, 1, 1)}),
    ],
)
def test_create_rejects_bad_fields_and_writes_nothing(unit_tree, field, kwargs):
    values = {"title": "关于测试的通知", **kwargs}
    with pytest.raises(DocumentError) as err:
        document_create(unit=unit_tree["office"], actor=None, **values)
    assert err.value.field == field
    assert Document.objects.count() == 0


def test_update_records_before_and_after(unit_tree):
    doc = document_create(unit=unit_tree["office"], actor=None, title="旧标题")
    doc = document_update(document=doc, actor=None, title="新标题", category="综合政务")
    assert doc.title == "新标题" and doc.version == 2
    entry = AuditLog.objects.get(action="document_update")
    assert entry.data["before"]["title"] == "旧标题"


def test_update_refuses_validity_change(unit_tree):
    doc = document_create(unit=unit_tree["office"], actor=None, title="文件")
    with pytest.raises(DocumentError) as err:
        document_update(document=doc, actor=None, validity="废止")
    assert err.value.field == "validity"


def test_withheld_document_cannot_be_published(unit_tree):
    doc = document_create(unit=unit_tree["office"], actor=None, title="涉密文件",
                          disclosure="不予公开", disclosure_reason="条例第十四条")
    with pytest.raises(DocumentError):
        document_publish_direct(document=doc, actor=None)
    assert not Document.objects.public().exists()


def test_import_extracts_metadata_and_is_idempotent(unit_tree):
    data = SEED_TEXT.encode("gb18030")
    first = document_import(unit=unit_tree["office"], actor=None, name="153.txt", data=data,
                            publish=True)
    assert first.status == "imported", first.reason
    doc = first.document
    assert doc.doc_number == "武政办〔2014〕153号"
    assert doc.title.startswith("武汉市人民政府办公厅关于切实做好")
    assert doc.state == "published"
    assert doc.attachments.get().is_source
    again = document_import(unit=unit_tree["office"], actor=None, name="153.txt", data=data)
    assert again.status == "duplicate" and again.document.pk == doc.pk
    # The same 发文字号 from the same unit, other bytes (e.g. re-saved as UTF-8): a duplicate too.
    other = document_import(unit=unit_tree["office"], actor=None, name="153-utf8.txt",
                            data=SEED_TEXT.replace("高度重视", "高度 重视").encode("utf-8"))
    assert other.status == "duplicate"
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 40),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj <<"),
    ],
)
def test_import_of_bad_file_fails_cleanly(unit_tree, name, data):
    outcome = document_import(unit=unit_tree["office"], actor=None, name=name, data=data)
    assert outcome.status == "failed"
    assert name in outcome.reason or outcome.reason
    assert Document.objects.count() == 0


def test_import_command_reports_each_file_and_total(unit_tree, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_TEXT.encode("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("b.txt", SEED_TEXT.replace("153", "154").encode("gb18030"))
    (folder / "pack.zip").write_bytes(buf.getvalue())
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(folder), unit="市政府办公厅", stdout=out)
    assert exit_info.value.code == 1
    text = out.getvalue()
    assert "已导入" in text and "失败" in text and "empty.txt" in text
    assert "合计 3 个文件：导入 2，重复 0，失败 1" in text
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import", str(folder), unit="市政府办公厅", stdout=out)
    assert "导入 0，重复 2，失败 1" in out.getvalue()
    assert Document.objects.count() == 2


def test_import_command_names_unknown_unit(unit_tree, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到单位"):
        call_command("import", str(tmp_path), unit="不存在的局")


@pytest.mark.parametrize(
    "title, expected",
    [
        ("湖北省人民政府关于公布文件清理结果的通知", ["湖北省人民政府"]),
        ("武汉市人民政府办公厅关于印发工作要点的通知", ["武汉市人民政府办公厅"]),
        ("市政府办公厅关于做好统计工作的通知", ["武汉市人民政府办公厅"]),
        ("武汉市人民政府办公厅、武汉市统计局关于联合开展检查的通知", ["武汉市人民政府办公厅", "武汉市统计局"]),
        ("上海市人民政府关于某事的通知", []),  # not a known unit: nothing guessed
        ("201X年新洲区财政与编制政务公开工作总结", []),
    ],
)
def test_issuers_from_title_only_names_known_units(unit_tree, title, expected):
    from gongkai.ingest.services import issuers_from_title

    assert issuers_from_title(title) == expected


def test_import_keeps_chinese_punctuation_in_the_body(unit_tree):
    text = "关于做好统计工作的通知\n各区人民政府，市人民政府各部门：\n（一）高度重视！共计1,000件。\n"
    outcome = document_import(unit=unit_tree["office"], actor=None, name="p.txt",
                              data=text.encode("utf-8"))
    assert "各区人民政府，市人民政府各部门：" in outcome.document.body
    assert "（一）高度重视！" in outcome.document.body
    assert "1,000" in outcome.document.body


def test_document_with_future_effective_date_is_not_yet_in_force(unit_tree):
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.localdate() + timedelta(days=30)
    doc = document_create(unit=unit_tree["city"], actor=None, title="关于将来施行的规定",
                          effective_date=later)
    assert doc.validity == "尚未生效"
    assert doc.validity_events.get().to_validity == "尚未生效"


def test_failed_import_leaves_no_stored_file(unit_tree, settings, monkeypatch):
    from pathlib import Path

    from gongkai.ingest import services

    def refuse(*args, **kwargs):
        raise DocumentError("发布失败（测试）", field="state")

    # A step after the row and its file were written fails (the import writes the document
    # published in one step, then files its version).
    monkeypatch.setattr(services, "_file_version", refuse)
    outcome = document_import(unit=unit_tree["office"], actor=None, name="153.txt",
                              data=SEED_TEXT.encode("utf-8"), publish=True)
    assert outcome.status == "failed" and "发布失败" in outcome.reason
    assert Document.objects.count() == 0
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert stored == []


def test_create_published_is_create_then_publish_in_one_write(unit_tree):
    from gongkai.documents.services import document_create_published

    office = unit_tree["office"]
    doc = document_create_published(unit=office, actor=None, title="关于甲的通知", body="正文",
                                    reason="导入已公开文件",
                                    version_fields={"publish_date_source": "filename"})
    doc.refresh_from_db()
    assert doc.state == "published" and doc.published_at and doc.submitted_at
    assert doc.publish_date_source == "filename"
    rows = list(AuditLog.objects.filter(target_type="documents.document", target_id=str(doc.pk))
                .order_by("pk")
                .values_list("action", "from_state", "to_state", "reason", "unit_id"))
    assert rows == [("document_create", "", "draft", "", office.pk),
                    ("document_publish_direct", "draft", "published", "导入已公开文件", office.pk)]
    with pytest.raises(DocumentError) as exc:
        document_create_published(unit=office, actor=None, title="关于乙的通知", body="正文",
                                  disclosure="不予公开", disclosure_reason="第十四条")
    assert exc.value.field == "disclosure"
    with pytest.raises(DocumentError):
        document_create_published(unit=office, actor=None, title="关于丙的通知", body="正文",
                                  version_fields={"state": "draft"})
    assert Document.objects.count() == 1
