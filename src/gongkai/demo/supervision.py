"""Demo (`gongkai.demo.supervision`): the 2024 task breakdown of 武政〔2024〕1号 with two quarters
of progress (`gongkai demo`). Idempotent.

The annex (`data/supervision/2024-wz-1-annex.txt`, tasks in the notice's own words with their
units in brackets) is read by the platform's own importer (`supervision.reading.tasks_read`) and
filed through the services; the breakdown links the seed document imported by `demo.documents`.
First quarter: every lead unit reports on time and the 督查室 accepts. Second quarter: task 3
(调度推进机制) lags at 30%, task 4 is reported late, task 5 is not reported; the 督查室 opens
a 督查 整改 item for the lagging task and publishes the progress."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.core.models import Unit, User

ANNEX = Path(__file__).parent / "data" / "supervision" / "2024-wz-1-annex.txt"
TITLE = "2024年市《政府工作报告》目标任务责任分解方案"

# task code → (Q1 status, percent, text, submitted on), (Q2 …) — None: not reported
PROGRESS = {
    "1": (("done", None, "已统筹各责任单位制订办理方案，明确工作目标、具体措施、完成时限，实行清单管理。", date(2024, 4, 15)),
          ("done", None, "办理方案清单已全部建立，按月更新，形成工作闭环。", date(2024, 7, 12))),
    "2": (("on_track", None, "已建立主要负责人亲自抓、分管负责人具体抓、承办处室抓落实的工作机制。", date(2024, 4, 18)),
          ("on_track", None, "区政府常务会议每月听取办理情况，承办处室按周调度。", date(2024, 7, 18))),
    "3": (("on_track", 25, "已起草市级层面调度推进机制方案，正在征求相关责任单位意见。", date(2024, 4, 19)),
          ("on_track", 30, "调度推进机制方案仍在征求意见，尚未提请市人民政府分管领导同志审定。", date(2024, 7, 19))),
    "4": (("on_track", None, "已将办理工作纳入本单位绩效目标管理，明确分管负责人和承办处室。", date(2024, 4, 16)),
          ("on_track", None, "绩效目标管理按季度考核，办理工作有序推进。", date(2024, 7, 24))),
    "5": (("on_track", None, "一季度组织开展专项督查1次、暗访督查2次，对发现的问题予以通报。", date(2024, 4, 19)),
          None),
}
MEASURED = frozenset({"3"})


def _actor(unit: Unit) -> User | None:
    """A demo account of the unit, or None (the command line) where the demo has none."""
    return User.objects.filter(unit=unit, groups__name="submitter").first()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(16, 0)))


@transaction.atomic
def _build(stdout) -> None:
    from gongkai.documents.models import Document
    from gongkai.supervision import services
    from gongkai.supervision.models import Report
    from gongkai.supervision.reading import tasks_read

    supervisor = User.objects.filter(username="duchashi").first()
    city = Unit.objects.filter(full_name="武汉市人民政府").first()
    if supervisor is None or city is None:
        stdout.write("督办演示数据：缺少督查室账号或市政府单位，跳过")
        return
    seed = Document.objects.filter(doc_number="武政〔2024〕1号").first()
    breakdown = services.breakdown_import(
        title=TITLE, year=2024, issuer=city, tasks=tasks_read(ANNEX.name, ANNEX.read_bytes()),
        doc_number="武政〔2024〕1号", plan_due=date(2024, 2, 8), first_quarter=1, shift_rule="next_workday",
        measured_codes=MEASURED, document=seed, actor=supervisor)
    rounds = {r.quarter: r for r in breakdown.rounds.filter(kind="progress")}
    tasks = {t.code: t for t in breakdown.tasks.select_related("lead_unit")}
    for code, quarters in PROGRESS.items():
        task = tasks[code]
        for quarter, entry in zip((1, 2), quarters, strict=True):
            if entry is None:
                continue
            status, percent, text, day = entry
            report = services.report_save(task=task, round_=rounds[quarter], status=status, text=text,
                                          percent="" if percent is None else str(percent), submit=True,
                                          actor=_actor(task.lead_unit))
            Report.objects.filter(pk=report.pk).update(submitted_at=_at(day))  # as if sent on that day
            services.report_decide(report=report, accept=True, actor=supervisor)
    services.task_rectify(task=tasks["3"], title="市级层面调度推进机制建设进度滞后，请于20个工作日内整改",
                          due_date=date(2024, 8, 16), actor=supervisor)
    services.breakdown_publish(breakdown=breakdown, actor=supervisor)


def load(*, stdout) -> None:
    from gongkai.supervision.models import Breakdown

    if not Breakdown.objects.filter(title=TITLE, year=2024).exists():
        _build(stdout)
    breakdown = Breakdown.objects.filter(title=TITLE, year=2024).first()
    if breakdown:
        stdout.write(f"督办：{breakdown.title} 任务 {breakdown.tasks.count()} 项，"
                     f"进展报告 {sum(r.reports.count() for r in breakdown.rounds.all())} 份")
