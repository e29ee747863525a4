"""Periodic job of 依申请公开: remind each unit of requests due soon or overdue (条例 第三十三条)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from gongkai.core.jobs import job_runner
from gongkai.core.models import Job


def reminders_due(*, today: date, calendar) -> dict[int, list]:
    """Open requests per unit whose 答复期限 is within REQUEST_REMINDER_WORKDAYS working days
    (or already passed)."""
    from gongkai.disclosure_requests.domain.deadline import add_workdays
    from gongkai.disclosure_requests.models import DisclosureRequest
    from gongkai.disclosure_requests.selectors import OPEN_STATUSES

    limit = add_workdays(calendar, today, int(settings.REQUEST_REMINDER_WORKDAYS))
    by_unit: dict[int, list] = {}
    rows = DisclosureRequest.objects.filter(status__in=OPEN_STATUSES, due_on__isnull=False,
                                            due_on__lte=limit).order_by("due_on", "id")
    for req in rows:
        by_unit.setdefault(req.unit_id, []).append(req)
    return by_unit


@job_runner("requests.deadline_reminders", label="依申请公开到期提醒")
def deadline_reminders(job: Job, progress) -> dict:
    from gongkai.core.calendar import work_calendar
    from gongkai.core.models import User
    from gongkai.core.tasks import mail_send

    today = timezone.localdate()
    by_unit = reminders_due(today=today, calendar=work_calendar())
    mails = 0
    for done, (unit_id, reqs) in enumerate(by_unit.items(), 1):
        to = sorted(set(User.objects.filter(unit_id=unit_id, is_active=True,
                                            groups__name="submitter").exclude(email="")
                        .values_list("email", flat=True)))
        lines = [f"{r.number}  答复期限 {r.due_on:%Y-%m-%d}"
                 f"{'（已逾期）' if r.due_on < today else ''}  {r.info_title or r.info_description[:40]}"
                 for r in reqs]
        overdue = sum(1 for r in reqs if r.due_on < today)
        if to:
            mail_send(to=to, unit=reqs[0].unit,
                      subject=f"依申请公开：{len(reqs)} 件即将到期，其中 {overdue} 件已逾期",
                      body="以下政府信息公开申请即将到期或已逾期，请及时办理：\n\n"
                           + "\n".join(lines) + "\n\n办理入口：工作台 → 依申请公开")
            mails += 1
        progress(done, len(by_unit), f"已提醒 {done}/{len(by_unit)} 个单位")
    total = sum(len(v) for v in by_unit.values())
    return {"summary": f"{total} 件申请即将到期或已逾期，向 {mails} 个单位发出提醒",
            "requests": total, "units": len(by_unit), "mails": mails}
