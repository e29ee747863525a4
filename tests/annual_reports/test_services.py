"""The report from the platform's data, the unit's journey through the services, the gate,
the case register, publishing as a document."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.annual_reports import selectors, services
from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.errors import AnnualReportError, ConflictError
from gongkai.annual_reports.models import AnnualReport
from gongkai.core.access import AccessDenied
from gongkai.core.models import AuditLog

pytestmark = pytest.mark.django_db
ENTERED = {F.LICENSING: "12", F.PENALTY: "0", F.COERCION: "0", F.FEES: "1.5"}
TEXTS = {"management": "严格执行先审查、后公开。", "problems": "公开深度不够，将加强培训。", "other": "本年度未收取信息处理费。"}


@pytest.fixture
def year_2025(unit_tree, people, answered_request, publish_document):
    """市统计局 in 2025: 3 requests (one carried into 2026), 2 normative documents (one repealed)."""
    from gongkai.documents.lifecycle import validity_change

    answered_request(received=date(2025, 3, 3), answered=date(2025, 3, 20))
    answered_request(received=date(2025, 5, 6), answered=date(2025, 5, 22), outcome="unavailable",
                     ground="not_held", applicant_type="commercial")
    answered_request(received=date(2025, 12, 29), answered=None)
    publish_document("stats", title="武汉市统计局关于统计调查的规定", level="地方规范性文件",
                     publish_date="2025-04-01", doc_number="武统规〔2025〕1号")
    old = publish_document("stats", title="武汉市统计局关于旧统计报表的通知", level="地方规范性文件",
                           publish_date="2023-04-01", doc_number="武统规〔2023〕1号")
    validity_change(document=old, actor=people["office"], to_validity="废止", date=date(2025, 6, 1),
                    cause="manual", note="清理")
    return unit_tree["stats"]


def test_build_fills_tables_two_three_four_from_the_data(year_2025, people):
    services.review_case_record(unit=year_2025, actor=people["stats"], kind="review", filed_on=date(2025, 7, 1),
                                outcome="upheld", decided_on=date(2025, 9, 1))
    services.review_case_record(unit=year_2025, actor=people["stats"], kind="suit_direct",
                                filed_on=date(2025, 11, 1))
    figures = selectors.figures_from_data(year_2025, 2025)
    assert figures["table2"][F.NORMATIVE] == {F.MADE: 1, F.REPEALED: 1, F.CURRENT: 1}
    t3 = figures["table3"]
    assert t3[F.NEW] == [2, 1, 0, 0, 0, 0, 3]
    assert t3[F.ROW_BY_KEY["disclosed"].label] == [1, 0, 0, 0, 0, 0, 1]
    assert t3[F.ROW_BY_KEY["unavailable:not_held"].label] == [0, 1, 0, 0, 0, 0, 1]
    assert t3[F.TOTAL][6] == 2 and t3[F.CARRIED_FORWARD][6] == 1
    assert figures["table4"][F.REVIEW] == [1, 0, 0, 0, 1]
    assert figures["table4"][F.SUIT_DIRECT] == [0, 0, 0, 1, 1]
    from gongkai.annual_reports.domain.checks import report_check

    assert report_check(figures) == []


def _filled(unit, actor):
    report = services.annual_report_open(unit=unit, year=2025, actor=actor)
    return services.annual_report_update(report=report, actor=actor, texts=TEXTS, entered=ENTERED)


def test_the_units_journey_from_draft_to_published(year_2025, people, django_capture_on_commit_callbacks):
    from gongkai.documents.models import Document

    report = services.annual_report_open(unit=year_2025, year=2025, actor=people["stats"])
    assert report.state == "draft"
    assert "新收政府信息公开申请3件" in report.texts["on_request"]
    with pytest.raises(AnnualReportError, match="行政许可"):
        services.annual_report_submit(report=report, actor=people["stats"])
    report = services.annual_report_update(report=report, actor=people["stats"], texts=TEXTS, entered=ENTERED)
    assert report.figures["table2"][F.FEES] == 1.5 and report.findings == []
    report = services.annual_report_submit(report=report, actor=people["stats"])
    assert report.state == "submitted"
    with pytest.raises(AccessDenied):
        services.annual_report_publish(report=report, actor=people["stats"])
    report = services.annual_report_return(report=report, actor=people["office"], reason="请补充平台建设情况")
    assert report.state == "returned" and report.return_reason == "请补充平台建设情况"
    report = services.annual_report_update(report=report, actor=people["stats"], texts={"platform": "网站集约化。"})
    report = services.annual_report_submit(report=report, actor=people["stats"])
    with django_capture_on_commit_callbacks(execute=True):
        report = services.annual_report_publish(report=report, actor=people["office"])
    assert report.state == "published"
    doc = Document.objects.get(pk=report.document_id)
    assert doc.state == "published" and doc.level == "工作文件" and doc.category == "政务公开"
    assert doc.title == "武汉市统计局2025年政府信息公开工作年度报告"
    assert "三、（七）总计" not in doc.body and "（七）总计" in doc.body
    assert doc.attachments.filter(name__endswith=".docx").exists()
    actions = list(AuditLog.objects.filter(target_type="annual_reports.annualreport", target_id=str(report.pk))
                   .values_list("action", flat=True))
    assert actions.count("annual_report_submit") == 2 and "annual_report_publish" in actions
    with pytest.raises(AnnualReportError, match="已发布"):
        services.annual_report_update(report=report, actor=people["stats"], texts={"other": "x"})


def test_a_failed_check_blocks_until_the_unit_records_a_reason(year_2025, people):
    report = _filled(year_2025, people["stats"])
    report = services.annual_report_update(report=report, actor=people["stats"],
                                           texts={"on_request": "全年共收到政府信息公开申请5件。"})
    (finding,) = report.findings
    assert finding["code"] == "text_quote"
    assert finding["cells"] == [F.cell3(F.NEW, 6), F.cell3(F.CARRIED_OVER, 6)]
    with pytest.raises(AnnualReportError, match="检查未通过"):
        services.annual_report_submit(report=report, actor=people["stats"])
    report = services.annual_report_explain(report=report, actor=people["stats"],
                                            key=services._key(finding), reason="含电话咨询2件")
    assert services.annual_report_submit(report=report, actor=people["stats"]).state == "submitted"


def test_last_years_report_read_from_its_file_is_checked_against(year_2025, people):
    from tests.annual_reports.fixtures import docx_bytes, sample_figures

    last = sample_figures()
    last["table3"][F.CARRIED_FORWARD] = [4, 0, None, None, 0, None, 4]
    imported = services.annual_report_import(unit=year_2025, year=None, name="2024年报.docx",
                                             data=docx_bytes(last, unit="武汉市统计局", year=2024),
                                             actor=people["stats"])
    assert imported.year == 2024 and imported.state == "published" and imported.source == "imported"
    report = _filled(year_2025, people["stats"])
    codes = {(f["code"], f["cells"][0]) for f in report.findings}
    assert ("table3_carried_over", F.cell3(F.CARRIED_OVER, 6)) in codes
    assert ("table2_current_rollover", F.cell2(F.NORMATIVE, F.CURRENT)) in codes
    with pytest.raises(AnnualReportError, match="已有2024年度"):
        services.annual_report_import(unit=year_2025, year=2024, name="again.docx",
                                      data=docx_bytes(last), actor=people["stats"])


def test_the_gate(year_2025, people, unit_tree):
    with pytest.raises(AccessDenied):
        services.annual_report_open(unit=year_2025, year=2025, actor=people["district"])
    with pytest.raises(AccessDenied):
        services.annual_report_open(unit=year_2025, year=2025, actor=people["reviewer"])
    report = services.annual_report_open(unit=year_2025, year=2025, actor=people["office"])
    with pytest.raises(AccessDenied):
        services.annual_report_update(report=report, actor=people["district"], texts={"other": "x"})
    with pytest.raises(AccessDenied):
        services.review_case_record(unit=year_2025, actor=people["district"], kind="review", filed_on=date(2025, 1, 2))


def test_two_saves_of_one_version_cannot_both_win(year_2025, people):
    report = services.annual_report_open(unit=year_2025, year=2025, actor=people["stats"])
    version = report.version
    services.annual_report_update(report=AnnualReport.objects.get(pk=report.pk), actor=people["stats"],
                                  version=version, texts={"other": "甲"})
    with pytest.raises(ConflictError):
        services.annual_report_update(report=AnnualReport.objects.get(pk=report.pk), actor=people["stats"],
                                      version=version, texts={"other": "乙"})
    assert AnnualReport.objects.get(pk=report.pk).texts["other"] == "甲"


@pytest.mark.parametrize(("entered", "field", "message"), [
    ({F.LICENSING: "十二"}, F.LICENSING, "应填写数字"),
    ({F.LICENSING: "1.5"}, F.LICENSING, "整数"),
    ({F.PENALTY: "-1"}, F.PENALTY, "负数"),
    ({"unknown": "1"}, "unknown", "未知的填报项"),
])
def test_bad_entries_name_the_field_and_change_nothing(year_2025, people, entered, field, message):
    report = services.annual_report_open(unit=year_2025, year=2025, actor=people["stats"])
    with pytest.raises(AnnualReportError) as err:
        services.annual_report_update(report=report, actor=people["stats"], entered=entered)
    assert err.value.field == field and message in err.value.message
    assert AnnualReport.objects.get(pk=report.pk).entered == {}


@pytest.mark.parametrize(("values", "message"), [
    ({"kind": "appeal", "filed_on": "2025-01-02"}, "案件类型无效"),
    ({"kind": "review", "filed_on": "2025/01/02"}, "格式应为"),
    ({"kind": "review", "filed_on": "2025-01-02", "outcome": "upheld"}, "须填写审结日期"),
    ({"kind": "review", "filed_on": "2025-03-02", "outcome": "upheld", "decided_on": "2025-01-02"}, "不能早于"),
])
def test_bad_cases_are_refused(year_2025, people, values, message):
    with pytest.raises(AnnualReportError, match=message):
        services.review_case_record(unit=year_2025, actor=people["stats"], **values)


def test_the_government_report_rolls_up_its_departments(year_2025, people, unit_tree):
    stats = _filled(year_2025, people["stats"])
    city = services.annual_report_open(unit=unit_tree["city"], year=2025, actor=people["office"])
    city = services.annual_report_update(report=city, actor=people["office"], texts=TEXTS,
                                         entered={F.LICENSING: "3", F.PENALTY: "0", F.COERCION: "0", F.FEES: "0"})
    assert city.figures["table3"][F.NEW][6] == stats.figures["table3"][F.NEW][6]
    assert city.figures["table2"][F.LICENSING] == 15  # 3 own + 12 of 市统计局
    assert [f for f in city.findings if f["code"] == "roll_up"] == []
    ids = selectors.roll_up_unit_ids(unit_tree["city"])
    assert unit_tree["district"].pk not in ids and unit_tree["stats"].pk in ids


def test_deadlines_and_the_office_overview(year_2025, people, unit_tree):
    from gongkai.annual_reports.domain.states import deadline

    assert deadline(2025, "department") == date(2026, 1, 31)
    assert deadline(2025, "district") == date(2026, 3, 31)
    _filled(year_2025, people["stats"])
    rows = {r["unit"].full_name: r for r in selectors.office_overview(people["office"], 2025, today=date(2026, 2, 2))}
    assert rows["武汉市统计局"]["state"] == "draft" and rows["武汉市统计局"]["late"]
    assert rows["新洲区人民政府"]["report"] is None and not rows["新洲区人民政府"]["late"]
    assert selectors.due_reminder(year_2025, 2025, today=date(2026, 1, 20))["days_left"] == 11
    assert selectors.due_reminder(year_2025, 2025, today=date(2025, 11, 1)) is None


def test_statistics_return_for_a_quarter_with_the_difference(year_2025, people, unit_tree):
    from gongkai.annual_reports.domain.checks import report_check
    from gongkai.annual_reports.domain.periods import period_parse

    q1 = selectors.statistics_return(year_2025, period_parse("2025Q1"))
    assert q1["table3"][F.NEW][6] == 1 and q1["table3"][F.TOTAL][6] == 1
    q2 = selectors.statistics_return(year_2025, period_parse("2025Q2"))
    assert q2["table3"][F.NEW][6] == 1 and q2["table2"][F.NORMATIVE][F.MADE] == 1
    assert q2["table2"][F.NORMATIVE][F.REPEALED] == 1
    assert q2["difference"]["table3"][F.NEW][6] == 0
    assert q2["difference"]["table2"][F.NORMATIVE][F.MADE] == 1
    q4 = selectors.statistics_return(year_2025, period_parse("2025Q4"))
    assert q4["table3"][F.CARRIED_FORWARD][6] == 1 and q4["difference"]["table3"][F.CARRIED_FORWARD][6] == 1
    for data in (q1, q2, q4):
        assert report_check({k: data[k] for k in ("table2", "table3", "table4")}) == []
    city = selectors.statistics_return(unit_tree["city"], period_parse("2025H1"), below=True)
    assert {u["unit"] for u in city["units"]} >= {"武汉市统计局", "新洲区人民政府"}
    assert city["table3"][F.NEW][6] == 2


def test_a_rule_filed_in_several_versions_counts_once_in_table_two(unit_tree, people, publish_document):
    """A 修改决定 amends a 规范性文件 and the amended text is filed as a new version: 表二 counts
    the decision as issued, not the amended text, and the rule as one 现行有效 document; a 整理版
    built here is neither issued nor counted."""
    from gongkai.documents.versions import work_version_add

    rule = publish_document("stats", title="武汉市统计局统计执法检查规定", level="地方规范性文件",
                            publish_date="2023-03-01", doc_number="武统规〔2023〕2号")
    decision = publish_document("stats", title="武汉市统计局关于修改《武汉市统计局统计执法检查规定》的决定",
                                level="地方规范性文件", publish_date="2025-05-01",
                                doc_number="武统规〔2025〕3号")
    amended = publish_document("stats", title="武汉市统计局统计执法检查规定", level="地方规范性文件",
                               publish_date="2025-05-01", doc_number="")
    work_version_add(base=rule, document=amended, kind="amended", decision=decision, actor=people["office"])
    t2 = selectors.figures_from_data(unit_tree["stats"], 2025)["table2"][F.NORMATIVE]
    assert t2[F.MADE] == 1  # the decision; the amended text is not a new issuance
    assert t2[F.CURRENT] == 2  # the rule (by its 2025 version) and the decision
    assert selectors.figures_from_data(unit_tree["stats"], 2024)["table2"][F.NORMATIVE] == {
        F.MADE: 0, F.REPEALED: 0, F.CURRENT: 1}
