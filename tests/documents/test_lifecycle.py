"""时效性 over time: linking decisions, applying due transitions, conflicts (documents/lifecycle.py)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.core.models import AuditLog
from gongkai.documents.lifecycle import (
    LifecycleError,
    conflicts_report,
    lifecycle_apply_due,
    reference_resolve,
    relations_extract_and_link,
    relations_resolve_pending,
    validity_change,
)
from gongkai.documents.models import Document, DocumentRelation, ValidityEvent
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.documents.signals import document_changed

DATA = Path(__file__).resolve().parents[1] / "data"


def _doc(unit, title, *, number="", publish=date(2020, 1, 1), body="", validity="现行有效",
         effective=None, expiry=None, published=True, level="地方规范性文件"):
    doc = document_create(unit=unit, actor=None, title=title, doc_number=number,
                          publish_date=publish, effective_date=effective, expiry_date=expiry,
                          validity=validity, body=body or title, level=level)
    if published:
        doc = document_publish_direct(document=doc, actor=None)
    return doc


def _decision(unit, verb: str, *, target="武汉市甲办法", number="武政办〔2020〕1号",
              effective="2024年7月1日", published=True):
    body = f"对《{target}》（{number}）{verb}。\n本决定自{effective}起施行。"
    return _doc(unit, "武汉市人民政府关于修改和废止部分文件的决定", number="武政〔2024〕9号",
                publish=date(2024, 5, 9), body=body, published=published)


def _reload(doc):
    return Document.objects.get(pk=doc.pk)


@pytest.mark.parametrize(
    ("validity", "effective", "expiry", "verb", "today", "expected", "causes"),
    [
        # 尚未生效 → 现行有效 on the 施行日期, not a day before
        ("尚未生效", date(2024, 7, 1), None, None, date(2024, 6, 30), "尚未生效", []),
        ("尚未生效", date(2024, 7, 1), None, None, date(2024, 7, 1), "现行有效", ["effective"]),
        # a decision acts on its own effective date
        ("现行有效", None, None, "予以修改", date(2024, 6, 30), "现行有效", []),
        ("现行有效", None, None, "予以修改", date(2024, 7, 1), "已被修改", ["decision"]),
        ("现行有效", None, None, "予以废止", date(2024, 7, 1), "废止", ["decision"]),
        ("现行有效", None, None, "宣布失效", date(2024, 7, 1), "失效", ["decision"]),
        ("现行有效", None, None, "同时废止", date(2025, 1, 1), "废止", ["decision"]),
        ("现行有效", None, None, "的规定执行", date(2025, 1, 1), "现行有效", []),
        ("已被修改", None, None, "予以废止", date(2024, 7, 1), "废止", ["decision"]),
        # 失效 and 废止 are final: a later amendment does not revive a repealed document
        ("废止", None, None, "予以修改", date(2024, 7, 1), "废止", []),
        # 有效期至 is the last day in force
        ("现行有效", None, date(2024, 7, 1), None, date(2024, 7, 1), "现行有效", []),
        ("现行有效", None, date(2024, 7, 1), None, date(2024, 7, 2), "失效", ["expiry"]),
        ("已被修改", None, date(2023, 12, 31), None, date(2024, 7, 2), "失效", ["expiry"]),
        # not yet in force and already expired: effective first, then expiry
        ("尚未生效", date(2020, 1, 1), date(2021, 1, 1), None, date(2024, 1, 1), "失效",
         ["effective", "expiry"]),
    ],
)
def test_transitions_table(unit_tree, validity, effective, expiry, verb, today, expected, causes):
    target = _doc(unit_tree["office"], "武汉市甲办法", number="武政办〔2020〕1号",
                  validity=validity, effective=effective, expiry=expiry)
    if verb:
        decision = _decision(unit_tree["city"], verb)
        relations_extract_and_link(document=decision, actor=None)
    lifecycle_apply_due(today=today)
    assert _reload(target).validity == expected
    events = ValidityEvent.objects.filter(document=target).exclude(cause="import")
    assert [e.cause for e in events] == causes


def test_event_records_date_cause_document_and_audit(unit_tree):
    target = _doc(unit_tree["office"], "武汉市甲办法", number="武政办〔2020〕1号")
    decision = _decision(unit_tree["city"], "予以废止")
    relations_extract_and_link(document=decision, actor=None)
    report = lifecycle_apply_due(today=date(2024, 8, 1))
    event = ValidityEvent.objects.get(document=target)
    assert (event.date, event.from_validity, event.to_validity) == (date(2024, 7, 1), "现行有效", "废止")
    assert event.cause_document_id == decision.pk
    assert [(c.document_id, c.to_validity) for c in report.changes] == [(target.pk, "废止")]
    assert AuditLog.objects.filter(action="validity_change", target_id=str(target.pk),
                                   to_state="废止").count() == 1


def test_lifecycle_is_idempotent(unit_tree):
    _doc(unit_tree["office"], "武汉市甲办法", number="武政办〔2020〕1号")
    _doc(unit_tree["office"], "武汉市乙办法", validity="尚未生效", effective=date(2024, 3, 1))
    _doc(unit_tree["office"], "武汉市丙办法", expiry=date(2024, 1, 31))
    relations_extract_and_link(document=_decision(unit_tree["city"], "予以修改"), actor=None)
    first = lifecycle_apply_due(today=date(2024, 8, 1))
    events, audits = ValidityEvent.objects.count(), AuditLog.objects.count()
    second = lifecycle_apply_due(today=date(2024, 8, 1))
    assert len(first.changes) == 3
    assert second.changes == [] and second.relations_applied == 0
    assert (ValidityEvent.objects.count(), AuditLog.objects.count()) == (events, audits)


def test_draft_decision_changes_nothing(unit_tree):
    target = _doc(unit_tree["office"], "武汉市甲办法", number="武政办〔2020〕1号")
    decision = _decision(unit_tree["city"], "予以废止", published=False)
    relations_extract_and_link(document=decision, actor=None)
    lifecycle_apply_due(today=date(2025, 1, 1))
    assert _reload(target).validity == "现行有效"
    document_publish_direct(document=decision, actor=None)
    lifecycle_apply_due(today=date(2025, 1, 1))
    assert _reload(target).validity == "废止"


def test_changes_announced_on_commit(unit_tree, django_capture_on_commit_callbacks):
    target = _doc(unit_tree["office"], "武汉市甲办法", expiry=date(2024, 1, 1))
    seen = []

    def listener(sender, document_ids, reason, **kwargs):
        seen.append((tuple(document_ids), reason))

    document_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle_apply_due(today=date(2024, 2, 1))
    finally:
        document_changed.disconnect(listener)
    assert ((target.pk,), "validity") in seen


def test_order_322_seed_end_to_end(unit_tree):
    city = unit_tree["city"]
    stats = _doc(city, "武汉市统计管理办法", number="武汉市人民政府令第152号", level="地方政府规章")
    gas = _doc(city, "武汉市天然气高压管道设施保护办法", number="武汉市人民政府令第163号",
               level="地方政府规章")
    illegal = _doc(city, "武汉市控制和查处违法建设办法", number="武汉市人民政府令第189号",
                   level="地方政府规章")
    text = next(DATA.glob("09-*.txt")).read_text(encoding="utf-8")
    decision = _doc(city, "武汉市人民政府关于修改和废止部分规章的决定", number="武汉市人民政府令第322号",
                    publish=date(2024, 5, 9), body=text, level="地方政府规章")
    result = relations_extract_and_link(document=decision, actor=None)
    assert result.declared == {"amend": 19, "repeal": 3}
    assert result.effective_date == date(2024, 7, 1)
    linked = {(r.action, r.target_id) for r in result.relations if r.target_id}
    assert linked == {("amend", stats.pk), ("amend", gas.pk), ("repeal", illegal.pk)}
    assert lifecycle_apply_due(today=date(2024, 6, 30)).changes == []
    lifecycle_apply_due(today=date(2024, 7, 1))
    assert [_reload(d).validity for d in (stats, gas, illegal)] == ["已被修改", "已被修改", "废止"]
    # re-linking the same text creates no duplicate relations and undoes nothing
    relations_extract_and_link(document=decision, actor=None)
    assert DocumentRelation.objects.filter(source=decision).count() == len(result.relations)


@pytest.mark.parametrize(
    ("library_title", "library_number", "ref_title", "ref_number", "found"),
    [
        ("武汉市统计管理办法", "武汉市人民政府令第152号", "武汉市统计管理办法", "市人民政府令第152号", True),
        ("武汉市统计管理办法", "武汉市人民政府令第152号", "别的标题", "市人民政府令第152号", True),
        ("武汉市政府信息公开考核办法", "武政办[2014]153号", "", "武政办〔2014〕153号", True),
        # by title, tolerant of the issuer prefix, either way round
        ("武汉市人民政府关于印发武汉市统计管理办法的通知", "", "武汉市统计管理办法", "", True),
        ("关于加强政务公开工作的通知", "", "武汉市人民政府办公厅关于加强政务公开工作的通知", "", True),
        ("武汉市人民政府办公厅关于加强政务公开工作的通知", "", "关于加强政务公开工作的通知", "", True),
        ("武汉市统计管理办法", "", "武汉市统计管理办法(2024)", "", True),
        ("武汉市统计管理办法", "", "武汉市统计管理实施细则", "", False),
        ("武汉市统计管理办法", "武汉市人民政府令第152号", "武汉市档案管理办法", "市人民政府令第153号", False),
    ],
)
def test_reference_resolve(unit_tree, library_title, library_number, ref_title, ref_number, found):
    doc = _doc(unit_tree["city"], library_title, number=library_number)
    source = _doc(unit_tree["city"], "武汉市人民政府关于某事的决定", publish=date(2024, 1, 1))
    got = reference_resolve(title=ref_title, doc_number=ref_number, source=source)
    assert (got == doc) if found else got is None


def test_unresolved_reference_kept_as_text_then_resolved(unit_tree):
    decision = _decision(unit_tree["city"], "予以废止")
    relations_extract_and_link(document=decision, actor=None)
    rel = DocumentRelation.objects.get(source=decision, action="repeal")
    assert rel.target is None and rel.target_title == "武汉市甲办法"
    assert rel.target_doc_number == "武政办〔2020〕1号"
    target = _doc(unit_tree["office"], "武汉市甲办法", number="武政办〔2020〕1号")
    assert relations_resolve_pending() == 1
    lifecycle_apply_due(today=date(2024, 7, 2))
    assert _reload(target).validity == "废止"


@pytest.mark.parametrize(
    ("start", "to", "cause", "error_field"),
    [
        ("现行有效", "已被修改", "bogus", "cause"),
        ("现行有效", "永久有效", "manual", "to_validity"),
        ("废止", "现行有效", "decision", "validity"),
        ("失效", "已被修改", "cleanup", "validity"),
    ],
)
def test_validity_change_refuses(unit_tree, start, to, cause, error_field):
    doc = _doc(unit_tree["office"], "武汉市甲办法", validity=start)
    with pytest.raises(LifecycleError) as exc:
        validity_change(document=doc, to_validity=to, date=date(2024, 1, 1), cause=cause)
    assert exc.value.field == error_field
    assert _reload(doc).validity == start


def test_manual_correction_may_revive(unit_tree, make_user):
    office = make_user("gkb", unit_tree["city"], "office")
    doc = _doc(unit_tree["office"], "武汉市甲办法", validity="废止")
    event = validity_change(document=doc, to_validity="现行有效", date=date(2024, 1, 1),
                            cause="manual", actor=office, note="误录入")
    assert event.actor == office and _reload(doc).validity == "现行有效"
    assert validity_change(document=doc, to_validity="现行有效", date=date(2024, 1, 2),
                           cause="manual") is None


def test_conflicts_report(unit_tree):
    office = unit_tree["office"]
    _doc(office, "武汉市甲办法", number="武政办〔2020〕1号")
    citing = _doc(office, "武汉市甲办法实施细则", number="武政办〔2021〕2号",
                  body="依照《武汉市甲办法》（武政办〔2020〕1号）的规定执行。")
    relations_extract_and_link(document=citing, actor=None)
    relations_extract_and_link(document=_decision(unit_tree["city"], "予以废止"), actor=None)
    soon = _doc(office, "武汉市乙办法", expiry=date(2024, 9, 1))
    _doc(office, "武汉市丙办法", expiry=date(2025, 9, 1))
    before = conflicts_report(today=date(2024, 6, 1), days=120)
    assert before.citing_dead == []
    assert [d.pk for d in before.expiring] == [soon.pk]
    lifecycle_apply_due(today=date(2024, 7, 1))
    after = conflicts_report(today=date(2024, 7, 1), days=30)
    assert [(c.source.pk, c.target.validity) for c in after.citing_dead] == [(citing.pk, "废止")]
    assert after.expiring == []
    assert conflicts_report(today=date(2024, 7, 1), unit_ids=[unit_tree["district"].pk]).citing_dead == []
    with pytest.raises(LifecycleError):
        conflicts_report(days=-1)


def test_relations_command_json(unit_tree, tmp_path):
    _doc(unit_tree["city"], "武汉市统计管理办法", number="武汉市人民政府令第152号")
    out = io.StringIO()
    call_command("relations", str(next(DATA.glob("09-*.txt"))), "--json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    # the original keys stay; issue 19 added why each target was linked or not
    assert all(set(r) == {"action", "title", "doc_number", "effective_date", "document_id",
                          "linked", "stored_action", "reason", "reason_label"} for r in rows)
    stats = next(r for r in rows if r["title"] == "武汉市统计管理办法")
    assert stats["action"] == "amend" and stats["effective_date"] == "2024-07-01"
    # the file's own header says 武汉市人民政府 令第322号: a decision of the rule's issuer
    assert (stats["linked"], stats["stored_action"], stats["reason"]) == (True, "amend", "linked")
    unresolved = next(r for r in rows if r["title"] == "武汉市天然气高压管道设施保护办法")
    assert (unresolved["linked"], unresolved["reason"]) == (False, "not_in_library")
    assert stats["document_id"] == Document.objects.get(title="武汉市统计管理办法").pk
    assert sum(r["action"] == "repeal" for r in rows) == 1
    assert next(r for r in rows if r["action"] == "cite")["effective_date"] is None


def test_lifecycle_command_twice(unit_tree):
    _doc(unit_tree["office"], "武汉市丙办法", expiry=date(2024, 1, 31))
    out = io.StringIO()
    call_command("lifecycle", "--today", "2024-03-01", "--json", stdout=out)
    assert len(json.loads(out.getvalue())["changes"]) == 1
    out = io.StringIO()
    call_command("lifecycle", "--today", "2024-03-01", "--json", stdout=out)
    assert json.loads(out.getvalue())["changes"] == []


def test_publication_links_relations(unit_tree, django_capture_on_commit_callbacks):
    target = _doc(unit_tree["office"], "武汉市甲办法", number="武政办〔2020〕1号")
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decision(unit_tree["city"], "予以废止")
    rel = DocumentRelation.objects.get(source=decision)
    assert (rel.action, rel.target_id) == ("repeal", target.pk)
    lifecycle_apply_due(today=date(2024, 7, 1))
    assert _reload(target).validity == "废止"


def test_publication_of_a_plain_citing_document_links_nothing(unit_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = _doc(unit_tree["office"], "武汉市甲细则", body="为贯彻落实《中华人民共和国政府信息公开条例》，制定本细则。")
    assert not DocumentRelation.objects.filter(source=doc).exists()
    call_command("relations", "--all", stdout=io.StringIO())
    assert DocumentRelation.objects.get(source=doc).action == "cite"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["relations", "/nonexistent/决定.txt"], "文件 “/nonexistent/决定.txt” 不存在"),
        (["relations", "{seed}", "--publish-date", "2024-13-45"], "--publish-date “2024-13-45” 不是有效日期"),
        (["relations", "{bad}"], "bad.xyz"),
        (["relations"], "请给出文件路径"),
        (["relations", "--link", "999999"], "文件编号 999999 不存在"),
        (["lifecycle", "--today", "昨天"], "--today “昨天” 不是有效日期"),
        (["conflicts", "--days", "-1"], "--days"),
    ],
)
def test_commands_refuse_bad_input_naming_it(db, tmp_path, args, message):
    from django.core.management.base import CommandError

    bad = tmp_path / "bad.xyz"
    bad.write_bytes(b"\x00\x01")
    seed = next(DATA.glob("09-*.txt"))
    args = [a.format(seed=seed, bad=bad) for a in args]
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=io.StringIO())
    assert message in str(exc.value)


def test_relations_command_text_output_states_counts_and_date(db):
    out = io.StringIO()
    call_command("relations", str(next(DATA.glob("09-*.txt"))), stdout=out)
    text = out.getvalue()
    assert "修改\t《武汉市统计管理办法》（市人民政府令第152号） 等19件" in text
    assert "声明数量\t修改 19 件" in text and "声明数量\t废止 3 件" in text
    assert "施行日期\t2024-07-01" in text


def test_conflicts_command_lists_expiring(unit_tree):
    _doc(unit_tree["office"], "武汉市乙办法", expiry=date(2024, 9, 1))
    out = io.StringIO()
    call_command("conflicts", "--today", "2024-08-01", "--days", "60", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [d["title"] for d in data["expiring"]] == ["武汉市乙办法"] and data["citing_dead"] == []
