"""The Celery tasks (on gongkai.celery's app, so they send through its broker and queue, not
Celery's unconfigured default app): one that runs any Job, one that starts a periodic job; and the core's own
periodic jobs (calendar warning, cleanup of abandoned uploads)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from gongkai.celery import app
from gongkai.core.jobs import job_execute, job_runner, job_start, retry_delay
from gongkai.core.models import Job


@app.task(bind=True, name="gongkai.run_job", acks_late=True, max_retries=None)
def run_job(self, job_id: int) -> str:
    max_retries = int(getattr(settings, "JOB_MAX_RETRIES", 3))
    attempt = self.request.retries
    outcome, exc = job_execute(job_id, attempt=attempt, max_retries=max_retries)
    if outcome == "retry":
        raise self.retry(exc=exc, countdown=retry_delay(attempt + 1), max_retries=max_retries)
    return outcome


def periodic_key(kind: str, today=None) -> str:
    return f"periodic:{kind}:{(today or timezone.localdate()).isoformat()}"


@app.task(name="gongkai.periodic")
def periodic(kind: str) -> int | None:
    """Start today's job of this kind unless one already succeeded today (beat sent twice)."""
    key = periodic_key(kind)
    if Job.objects.filter(key=key, state=Job.State.SUCCEEDED).exists():
        return None
    return job_start(kind=kind, key=key).pk


@job_runner("core.calendar_warning", label="节假日安排检查")
def calendar_warning(job: Job, progress) -> dict:
    """Warn the administrators when the next days reach a year nobody entered (条例 deadlines
    cannot be computed on days the calendar does not know)."""
    from gongkai.core.calendar import calendar_gaps, calendar_warning_notify

    days = int(getattr(settings, "CALENDAR_WARNING_DAYS", 60))
    gaps = calendar_gaps(days=days)
    # from 1 October, next year's holidays are asked for even when it is further than `days` away
    # (deadlines reaching into it are only 暂定 until then)
    from django.utils import timezone

    from gongkai.core.calendar import work_calendar
    from gongkai.core.selectors import calendar_next_year_warning

    today = timezone.localdate()
    if calendar_next_year_warning(today=today, calendar=work_calendar()) and today.year + 1 not in gaps:
        gaps = [*gaps, today.year + 1]
    sent = calendar_warning_notify(gaps) if gaps else 0
    summary = (f"未来 {days} 天内有未录入节假日安排的年份：{'、'.join(str(y) for y in gaps)}，"
               f"已通知 {sent} 位管理员") if gaps else f"未来 {days} 天的节假日安排均已知"
    return {"summary": summary, "unknown_years": gaps, "notified": sent}


@job_runner("core.cleanup_uploads", label="清理废弃上传文件")
def cleanup_uploads(job: Job, progress) -> dict:
    from gongkai.core.cleanup import media_cleanup

    hours = int(getattr(settings, "UPLOAD_ABANDON_HOURS", 24))
    report = media_cleanup(older_than=timedelta(hours=hours), progress=progress)
    return {"summary": report.summary(), **report.as_dict()}


MAIL_KIND = "core.mail"


@job_runner(MAIL_KIND, label="发送邮件")
def send_mail_job(job: Job, progress) -> dict:
    """One message; an SMTP failure is retried with backoff, a sent message is never resent
    (the job is finished)."""
    from django.core.mail import send_mail

    to = list(job.params.get("to") or [])
    if not to:
        return {"summary": "没有收件人，未发送"}
    send_mail(job.params.get("subject", ""), job.params.get("body", ""), None, to,
              fail_silently=False)
    return {"summary": f"已发送给 {len(to)} 位收件人", "recipients": len(to)}


def mail_send(*, to: list[str], subject: str, body: str, actor=None, unit=None) -> Job | None:
    """Queue a message (sent after the current transaction commits, retried on SMTP errors)."""
    to = [a for a in to if a]
    if not to:
        return None
    return job_start(kind=MAIL_KIND, actor=actor, unit=unit,
                     params={"to": to, "subject": subject, "body": body})
