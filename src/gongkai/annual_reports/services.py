"""Writes of annual reports and the case register. Each service checks its gate
(`core.access.can_annual_report_*`), validates, writes in one transaction and records an audit
entry. A report is published as a document of its own (效力等级 工作文件, 主题 政务公开)
through the documents services, which announce it to search and the catalogue.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gongkai.annual_reports import selectors
from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.cases import CASE_KIND_LABELS, OUTCOME_LABELS, CaseKind, Outcome
from gongkai.annual_reports.domain.checks import Finding, report_check
from gongkai.annual_reports.domain.errors import AnnualReportError, ConflictError
from gongkai.annual_reports.domain.repetition import repeated_share
from gongkai.annual_reports.domain.states import EDITABLE, State, transition
from gongkai.annual_reports.models import AnnualReport, ReviewCase
from gongkai.core.access import (
    can_annual_report_edit,
    can_annual_report_review,
    can_annual_report_submit,
    can_review_case_record,
    require,
)
from gongkai.core.models import Unit, User
from gongkai.core.services import audit_record
from gongkai.documents.domain.vocab import State as DocumentState

TEXT_LIMIT = 20000  # characters per part
ENTERED_LABELS = {key: "".join(F.SINGLE_LABELS[key][1:2]) for key in F.UNIT_ENTERED}


# -- the text the platform can write ------------------------------------------------------------


def prefilled_texts(unit: Unit, year: int, figures: dict) -> dict[str, str]:
    """一、总体情况 pre-filled with what the platform knows; the unit completes the rest."""
    from gongkai.documents.models import Document

    start, end = date(year, 1, 1), date(year, 12, 31)
    published = Document.objects.filter(unit_id__in=selectors.roll_up_unit_ids(unit),
                                        state=DocumentState.PUBLISHED.value, publish_date__gte=start,
                                        publish_date__lte=end).count()
    t2, t3 = figures["table2"], figures["table3"]

    def total(row: str) -> int:
        return (t3[row][F.TOTAL_COLUMN] or 0)

    withheld = sum(total(r.label) for r in F.TABLE3_ROWS if r.group == "三、（三）不予公开")
    normative = t2[F.NORMATIVE]
    proactive = (f"{year}年，本单位通过政务公开平台主动公开政府信息{published}条，其中制发行政规范性文件"
                 f"{normative[F.MADE] or 0}件，废止{normative[F.REPEALED] or 0}件，"
                 f"现行有效行政规范性文件{normative[F.CURRENT] or 0}件。")
    new, over = total(F.NEW), total(F.CARRIED_OVER)
    if new == 0 and over == 0:
        on_request = f"{year}年，本单位未收到政府信息公开申请。"
    else:
        on_request = (f"{year}年，本单位新收政府信息公开申请{new}件，上年结转{over}件；本年办结"
                      f"{total(F.TOTAL)}件，其中予以公开{total(F.ROW_BY_KEY['disclosed'].label)}件，"
                      f"部分公开{total(F.ROW_BY_KEY['partly'].label)}件，不予公开{withheld}件；"
                      f"结转下年度继续办理{total(F.CARRIED_FORWARD)}件。")
    return {"proactive": proactive, "on_request": on_request, "management": "", "platform": "",
            "oversight": "", "problems": "", "other": ""}


# -- checks ----------------------------------------------------------------------------------


def findings_for(report: AnnualReport) -> tuple[list[Finding], float | None]:
    previous = selectors.previous_report(report.unit, report.year)
    text = selectors.report_text(report)
    previous_text = selectors.report_text(previous) if previous else None
    findings = report_check(
        report.figures, text=text,
        previous=previous.figures if previous else None,
        previous_text=previous_text,
        units_sum=selectors.units_sum(report.unit, report.year, entered=report.entered),
    )
    share = repeated_share(text, previous_text) if previous_text else None
    return findings, share


def open_findings(report: AnnualReport) -> list[dict]:
    """Findings without a recorded reason: these block submitting and publishing."""
    return [f for f in report.findings or [] if _key(f) not in (report.reasons or {})]


def _key(finding: dict) -> str:
    return f"{finding['code']}|{','.join(finding.get('cells') or [])}"


def _recheck(report: AnnualReport) -> None:
    findings, share = findings_for(report)
    report.findings = [f.to_json() for f in findings]
    report.repetition = share
    report.checked_at = timezone.now()
    # a reason stays only while its finding does
    keys = {f.key for f in findings}
    report.reasons = {k: v for k, v in (report.reasons or {}).items() if k in keys}


def _save(report: AnnualReport, expected_version: int | None) -> None:
    """Compare-and-set on `version`: two people saving the same report cannot both win."""
    version = report.version if expected_version is None else expected_version
    values = {f.attname: getattr(report, f.attname) for f in AnnualReport._meta.concrete_fields
              if f.attname not in ("id", "version", "created_at")}
    values["updated_at"] = timezone.now()
    updated = AnnualReport.objects.filter(pk=report.pk, version=version).update(version=version + 1, **values)
    if not updated:
        raise ConflictError("年度报告已被他人修改，请刷新页面后重试", field="version")
    report.version = version + 1


def _editable(report: AnnualReport) -> None:
    if State(report.state) not in EDITABLE:
        raise AnnualReportError(f"年度报告已{report.get_state_display()}，不能修改", code="state", field="state")


# -- services --------------------------------------------------------------------------------


@transaction.atomic
def annual_report_open(*, unit: Unit, year: int, actor: User | None) -> AnnualReport:
    """The unit's report for `year`, created as a draft filled from the platform's data."""
    require(can_annual_report_edit(actor, unit.pk), "只有本单位报送员或上级公开办可以编制年度报告")
    if not 2008 <= year <= timezone.localdate().year:
        raise AnnualReportError(f"年度 {year} 无效：应为 2008 年至今年之间", field="year")
    existing = AnnualReport.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        return existing
    figures = selectors.figures_from_data(unit, year)
    report = AnnualReport.objects.create(unit=unit, year=year, figures=figures,
                                         texts=prefilled_texts(unit, year, figures))
    _recheck(report)
    _save(report, None)
    audit_record(actor=actor, action="annual_report_open", target=report, unit=unit,
                 data={"year": year})
    return report


@transaction.atomic
def annual_report_refresh(*, report: AnnualReport, actor: User | None) -> AnnualReport:
    """Rebuild 表二–表四 from the platform's data (the unit's entries stay)."""
    require(can_annual_report_edit(actor, report.unit_id), "无权修改该单位的年度报告")
    _editable(report)
    before = report.figures
    report.figures = selectors.figures_from_data(report.unit, report.year, entered=report.entered)
    _recheck(report)
    _save(report, None)
    audit_record(actor=actor, action="annual_report_refresh", target=report,
                 data={"changed": before != report.figures})
    return report


def _entered_value(key: str, raw) -> int | float | None:
    label = ENTERED_LABELS[key]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip().replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise AnnualReportError(f"“{label}”应填写数字，收到“{raw}”", field=key) from None
    if value < 0:
        raise AnnualReportError(f"“{label}”不能为负数", field=key)
    if key == F.FEES:
        if value.as_tuple().exponent < -4 or value > Decimal("100000000"):
            raise AnnualReportError(f"“{label}”（万元）最多保留四位小数，且不超过一亿万元", field=key)
        return float(value)
    if value != value.to_integral_value():
        raise AnnualReportError(f"“{label}”是件数，应为整数", field=key)
    if value > 10**9:
        raise AnnualReportError(f"“{label}”数值过大", field=key)
    return int(value)


@transaction.atomic
def annual_report_update(*, report: AnnualReport, actor: User | None, version: int | None = None,
                         texts: dict | None = None, entered: dict | None = None) -> AnnualReport:
    """Save the unit's text parts and entered rows, then check the report again."""
    require(can_annual_report_edit(actor, report.unit_id), "无权修改该单位的年度报告")
    _editable(report)
    changed = []
    if texts is not None:
        unknown = set(texts) - set(F.TEXT_KEYS)
        if unknown:
            raise AnnualReportError(f"未知的正文部分：{', '.join(sorted(unknown))}", field=sorted(unknown)[0])
        new_texts = dict(report.texts or {})
        for key, value in texts.items():
            value = (value or "").replace("\r\n", "\n").strip()
            if len(value) > TEXT_LIMIT:
                raise AnnualReportError(f"正文“{key}”超过 {TEXT_LIMIT} 字", field=key)
            if new_texts.get(key, "") != value:
                changed.append(key)
            new_texts[key] = value
        report.texts = new_texts
    if entered is not None:
        unknown = set(entered) - set(F.UNIT_ENTERED)
        if unknown:
            raise AnnualReportError(f"未知的填报项：{', '.join(sorted(unknown))}", field=sorted(unknown)[0])
        new_entered = dict(report.entered or {})
        for key, raw in entered.items():
            value = _entered_value(key, raw)
            if new_entered.get(key) != value:
                changed.append(key)
            new_entered[key] = value
        report.entered = new_entered
    report.figures = selectors.figures_from_data(report.unit, report.year, entered=report.entered)
    _recheck(report)
    _save(report, version)
    audit_record(actor=actor, action="annual_report_update", target=report, data={"changed": changed})
    return report


@transaction.atomic
def annual_report_explain(*, report: AnnualReport, actor: User | None, key: str, reason: str) -> AnnualReport:
    """Record why a finding stands (e.g. 现行有效件数 differs because documents expired); an
    explained finding no longer blocks. An empty reason withdraws the explanation."""
    require(can_annual_report_edit(actor, report.unit_id), "无权修改该单位的年度报告")
    _editable(report)
    if key not in {_key(f) for f in report.findings or []}:
        raise AnnualReportError("该检查问题已不存在，请刷新页面", field="key")
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise AnnualReportError("情况说明不超过 2000 字", field="reason")
    reasons = dict(report.reasons or {})
    if reason:
        reasons[key] = reason
    else:
        reasons.pop(key, None)
    report.reasons = reasons
    _save(report, None)
    audit_record(actor=actor, action="annual_report_explain", target=report, reason=reason, data={"key": key})
    return report


def _ready(report: AnnualReport, verb: str) -> None:
    missing = [ENTERED_LABELS[k] for k in F.UNIT_ENTERED if (report.entered or {}).get(k) is None
               and report.figures["table2"].get(k) is None]
    if missing:
        raise AnnualReportError(f"请先填写表二中的{'、'.join(missing)}（没有的填 0）", field="entered")
    texts = report.texts or {}
    empty = [label for key, label in (("problems", "五、存在的主要问题及改进情况"),
                                      ("other", "六、其他需要报告的事项（含信息处理费收取情况）"))
             if not (texts.get(key) or "").strip()]
    if not any((texts.get(k) or "").strip() for k, _ in F.OVERVIEW_TOPICS):
        empty.insert(0, "一、总体情况")
    if empty:
        raise AnnualReportError(f"请先填写{'、'.join(empty)}", field="texts")
    blocking = open_findings(report)
    if blocking:
        raise AnnualReportError(
            f"还有 {len(blocking)} 项检查未通过（如：{blocking[0]['message']}），请更正或说明原因后再{verb}",
            code="findings", field="findings")


@transaction.atomic
def annual_report_submit(*, report: AnnualReport, actor: User | None, version: int | None = None) -> AnnualReport:
    """报送: the unit sends its checked report to the office."""
    require(can_annual_report_submit(actor, report.unit_id), "只有本单位报送员可以报送年度报告")
    report.figures = selectors.figures_from_data(report.unit, report.year, entered=report.entered)
    _recheck(report)
    _ready(report, "报送")
    from_state = report.state
    report.state = transition(report.state, "submit").value
    report.submitted_at = timezone.now()
    report.return_reason = ""
    _save(report, version)
    audit_record(actor=actor, action="annual_report_submit", target=report, from_state=from_state,
                 to_state=report.state)
    return report


@transaction.atomic
def annual_report_return(*, report: AnnualReport, actor: User | None, reason: str,
                         version: int | None = None) -> AnnualReport:
    """The office sends the report back with its reason."""
    require(can_annual_report_review(actor, report.unit_id), "只有上级公开办可以退回年度报告")
    reason = (reason or "").strip()
    if not reason:
        raise AnnualReportError("退回须填写理由", field="reason")
    from_state = report.state
    report.state = transition(report.state, "return").value
    report.return_reason = reason[:2000]
    _save(report, version)
    audit_record(actor=actor, action="annual_report_return", target=report, from_state=from_state,
                 to_state=report.state, reason=reason)
    return report


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, actor: User | None, version: int | None = None) -> AnnualReport:
    """The office publishes the report: a document of the unit (工作文件, 政务公开) in the public
    library, the unit's 目录 and 专栏, with the DOCX attached."""
    from gongkai.annual_reports.rendering import report_body_text, report_docx_bytes
    from gongkai.documents.services import document_create, document_publish_direct

    require(can_annual_report_review(actor, report.unit_id), "只有上级公开办可以发布年度报告")
    _recheck(report)
    _ready(report, "发布")
    from_state = report.state
    report.state = transition(report.state, "publish").value
    today = timezone.localdate()
    document = document_create(
        unit=report.unit, actor=actor, title=report.title, issuer_names=[report.unit.full_name],
        publish_date=today, written_date=today, level="工作文件", category="政务公开",
        body=report_body_text(report),
        attachments=[(f"{report.title}.docx", report_docx_bytes(report, on=today))],
    )
    document_publish_direct(document=document, actor=actor, reason="年度报告发布")
    report.document = document
    report.published_at = timezone.now()
    _save(report, version)
    audit_record(actor=actor, action="annual_report_publish", target=report, from_state=from_state,
                 to_state=report.state, data={"document": document.pk})
    return report


@transaction.atomic
def annual_report_import(*, unit: Unit, year: int | None, name: str, data: bytes,
                         actor: User | None) -> AnnualReport:
    """Keep a report published elsewhere (last year's, a unit new to the platform) as the
    unit's published report of its year, read from the file; this year's checks compare with
    it (上年结转, 现行有效, repeated text). Refused when the unit already has that year's report."""
    from gongkai.annual_reports.reading import report_read

    require(can_annual_report_edit(actor, unit.pk), "无权为该单位读取年度报告")
    read = report_read(name, data)
    year = year or read.year
    if year is None:
        raise AnnualReportError(f"文件“{name}”中找不到报告年度，请指定年度", field="year")
    if AnnualReport.objects.filter(unit=unit, year=year).exists():
        raise AnnualReportError(f"{unit.full_name}已有{year}年度的年度报告，不能重复读取", field="year")
    report = AnnualReport.objects.create(
        unit=unit, year=year, state=State.PUBLISHED.value, source="imported", figures=read.figures,
        texts={"imported": read.text}, findings=[f.to_json() for f in read.findings],
        source_name=name[:300], published_at=timezone.now(),
    )
    audit_record(actor=actor, action="annual_report_import", target=report, unit=unit,
                 data={"file": name, "year": year, "findings": len(read.findings)})
    return report


# -- the case register ---------------------------------------------------------------------------


def _case_values(kind: str, outcome: str, filed_on, decided_on) -> tuple[str, str, date, date | None]:
    if kind not in {k.value for k in CaseKind}:
        raise AnnualReportError(f"案件类型无效：{kind or '（空）'}；应为{'、'.join(CASE_KIND_LABELS.values())}",
                                field="kind")
    if outcome not in {o.value for o in Outcome}:
        raise AnnualReportError(f"案件结果无效：{outcome or '（空）'}；应为{'、'.join(OUTCOME_LABELS.values())}",
                                field="outcome")
    filed_on = _date(filed_on, "filed_on", "申请/立案日期")
    decided_on = _date(decided_on, "decided_on", "审结日期") if decided_on else None
    if filed_on is None:
        raise AnnualReportError("请填写申请/立案日期", field="filed_on")
    if filed_on > timezone.localdate():
        raise AnnualReportError("申请/立案日期不能晚于今天", field="filed_on")
    if outcome == Outcome.PENDING and decided_on:
        raise AnnualReportError("尚未审结的案件不应有审结日期", field="decided_on")
    if outcome != Outcome.PENDING and not decided_on:
        raise AnnualReportError("已审结的案件须填写审结日期", field="decided_on")
    if decided_on and decided_on < filed_on:
        raise AnnualReportError("审结日期不能早于申请/立案日期", field="decided_on")
    return kind, outcome, filed_on, decided_on


def _date(value, field: str, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise AnnualReportError(f"{label}格式应为 YYYY-MM-DD，收到“{value}”", field=field) from None


@transaction.atomic
def review_case_record(*, unit: Unit, actor: User | None, kind: str, filed_on, number: str = "",
                       outcome: str = Outcome.PENDING.value, decided_on=None, request=None,
                       note: str = "") -> ReviewCase:
    """Enter a 行政复议 / 行政诉讼 case about the unit's 政府信息公开 work."""
    require(can_review_case_record(actor, unit.pk), "只有本单位报送员或上级公开办可以登记案件")
    kind, outcome, filed, decided = _case_values(kind, outcome, filed_on, decided_on)
    if request is not None and request.unit_id != unit.pk:
        raise AnnualReportError("关联的公开申请不属于本单位", field="request")
    case = ReviewCase.objects.create(unit=unit, kind=kind, filed_on=filed, outcome=outcome, decided_on=decided,
                                     number=(number or "").strip()[:100], request=request,
                                     note=(note or "").strip()[:2000],
                                     created_by=actor if actor and actor.is_authenticated else None)
    audit_record(actor=actor, action="review_case_record", target=case, unit=unit,
                 data={"kind": kind, "outcome": outcome, "filed_on": filed.isoformat()})
    return case


@transaction.atomic
def review_case_update(*, case: ReviewCase, actor: User | None, outcome: str, decided_on=None,
                       note: str | None = None) -> ReviewCase:
    """Record how a case ended (or that it is still pending)."""
    require(can_review_case_record(actor, case.unit_id), "无权修改该单位的案件")
    _kind, outcome, _filed, decided = _case_values(case.kind, outcome, case.filed_on, decided_on)
    before = case.outcome
    case.outcome, case.decided_on = outcome, decided
    if note is not None:
        case.note = note.strip()[:2000]
    case.save(update_fields=["outcome", "decided_on", "note"])
    audit_record(actor=actor, action="review_case_update", target=case, from_state=before, to_state=outcome)
    return case
