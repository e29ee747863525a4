"""Demo (`gongkai.demo.annual_reports`): a 2025 年度报告 for every unit the demo office covers (`gongkai demo`). Idempotent.

Every report is opened through the services, so its 表二–表四 are the demo's own documents,
requests and cases; the unit-entered rows and the prose are demo text. Most are submitted and
published (backdated to a day within their deadline, as if published in January or March 2026);
one is published late, one waits for the office's review and one is still a draft, so the
office overview and the assessment measure have something to show.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from gongkai.annual_reports import services
from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.states import GOVERNMENT_KINDS, deadline
from gongkai.annual_reports.models import AnnualReport
from gongkai.core import access
from gongkai.core.models import Unit, User

YEAR = 2025
SUBMITTED_ONLY = "武汉市财政局"
DRAFT_ONLY = "武汉市司法局"
PUBLISHED_LATE = "武汉市生态环境局"

PLATFORM = ("本单位依托政府门户网站政府信息公开专栏和政务公开平台发布政府信息，"
            "全年对{unit_short}栏目更新维护，及时发布政策文件和解读。")
MANAGEMENT = "严格执行“先审查、后公开”和“一事一审”制度，{unit_short}所有公开信息均经保密审查和审核批准后发布。"
OVERSIGHT = "将政务公开工作纳入{unit_short}年度绩效考核，明确分管领导和专职人员，本年度未发生因政务公开工作引起的责任追究。"
PROBLEMS = ("{unit_short}存在的主要问题：一是政策解读形式较为单一；二是部分栏目更新不够及时。"
            "改进措施：丰富图解、问答等解读形式，建立栏目更新提醒机制，按季度开展自查。")
OTHER = "本年度未收取信息处理费。{unit_short}无其他需要报告的事项。"


def _entered(unit: Unit) -> dict:
    """Plausible unit-entered figures, stable per unit (from its code)."""
    seed = int(unit.code[-3:]) if unit.code[-3:].isdigit() else 7
    many = "较多" in (unit.assessment_group or "")
    return {
        F.LICENSING: str((seed * 37) % 900 + (400 if many else 10)),
        F.PENALTY: str((seed * 13) % 120 if many else (seed % 5)),
        F.COERCION: str((seed * 3) % 15 if many else 0),
        F.FEES: f"{((seed * 7) % 50) / 10:.1f}" if many else "0",
    }


def _texts(unit: Unit) -> dict:
    short = (unit.short_names or [unit.full_name])[0]
    return {"management": MANAGEMENT.format(unit_short=short), "platform": PLATFORM.format(unit_short=short),
            "oversight": OVERSIGHT.format(unit_short=short), "problems": PROBLEMS.format(unit_short=short),
            "other": OTHER.format(unit_short=short)}


def _backdate(report: AnnualReport, unit: Unit) -> None:
    """Move the publication into early 2026 (the demo runs later than the deadlines)."""
    from gongkai.documents.models import Document

    due = deadline(YEAR, unit.kind)
    day = date(2026, 2, 10) if unit.full_name == PUBLISHED_LATE else date(due.year, due.month, due.day - 6)
    at = timezone.make_aware(datetime.combine(day, time(10, 0)))
    AnnualReport.objects.filter(pk=report.pk).update(published_at=at, submitted_at=at)
    if report.document_id:
        Document.objects.filter(pk=report.document_id).update(publish_date=day, written_date=day,
                                                               published_at=at, submitted_at=at)


CASES = [  # (unit, kind, filed, outcome, decided, 案号)
    ("武汉市自然资源和规划局", "review", date(2025, 4, 14), "upheld", date(2025, 6, 10), "武政复〔2025〕112号"),
    ("武汉市自然资源和规划局", "suit_direct", date(2025, 9, 3), "pending", None, "（2025）鄂0102行初456号"),
    ("武汉市市场监督管理局", "review", date(2025, 7, 21), "corrected", date(2025, 9, 18), "武政复〔2025〕287号"),
]


def _cases(units: list[Unit], office: User) -> None:
    from gongkai.annual_reports.models import ReviewCase

    by_name = {u.full_name: u for u in units}
    for name, kind, filed, outcome, decided, number in CASES:
        unit = by_name.get(name)
        if unit is None or ReviewCase.objects.filter(unit=unit, number=number).exists():
            continue
        request = unit.disclosure_requests.filter(received_on__lt=filed).order_by("-received_on").first()
        services.review_case_record(unit=unit, actor=office, kind=kind, filed_on=filed, number=number,
                                    outcome=outcome, decided_on=decided, request=request,
                                    note="演示案件：申请人对答复不服")


def load(*, stdout) -> None:
    office = User.objects.filter(username="office").first()
    if office is None:
        stdout.write("年度报告演示：缺少 office 演示账号，跳过")
        return
    scope = access.units_for(office, "office")
    units = list(Unit.objects.filter(pk__in=scope, is_active=True))
    # departments first: a government's report sums them up
    units.sort(key=lambda u: (u.kind in GOVERNMENT_KINDS, u.sort_order, u.pk))
    _cases(units, office)
    created = published = 0
    for unit in units:
        if AnnualReport.objects.filter(unit=unit, year=YEAR).exists():
            continue
        with transaction.atomic():
            report = services.annual_report_open(unit=unit, year=YEAR, actor=office)
            report = services.annual_report_update(report=report, actor=office, texts=_texts(unit),
                                                   entered=_entered(unit))
            created += 1
            if unit.full_name == DRAFT_ONLY:
                continue
            for finding in services.open_findings(report):
                report = services.annual_report_explain(report=report, actor=office,
                                                        key=services._key(finding), reason="演示数据：已核实")
            report = services.annual_report_submit(report=report, actor=office)
            if unit.full_name == SUBMITTED_ONLY:
                continue
            report = services.annual_report_publish(report=report, actor=office)
            _backdate(report, unit)
            published += 1
    stdout.write(f"年度报告：{YEAR}年度新建 {created} 份，发布 {published} 份"
                 f"（共 {AnnualReport.objects.filter(year=YEAR).count()} 份）")
