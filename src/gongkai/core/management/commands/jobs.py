"""`gongkai jobs list [--limit N]` / `gongkai jobs periodic KIND`: the background jobs.

`periodic KIND` runs one periodic job now in this process (what beat would start; for cron
instead of beat, and for checking one by hand). Kinds: see `gongkai jobs kinds`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from gongkai.core.jobs import JobError, job_kind
from gongkai.core.models import Job

PERIODIC = ("documents.lifecycle_apply_due", "requests.deadline_reminders",
            "core.calendar_warning", "core.cleanup_uploads")


class Command(BaseCommand):
    help = "查看后台任务；立即运行一个定时任务"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        listing.add_argument("--limit", type=int, default=20)
        sub.add_parser("kinds")
        run = sub.add_parser("periodic")
        run.add_argument("kind", choices=PERIODIC)

    def handle(self, *args, **options):
        if options["action"] == "list":
            for job in Job.objects.order_by("-created_at")[: options["limit"]]:
                self.stdout.write(f"#{job.pk}\t{job.kind}\t{job.get_state_display()}\t"
                                  f"{job.created_at:%Y-%m-%d %H:%M}\t{job.message}")
            return
        if options["action"] == "kinds":
            from gongkai.core.jobs import RUNNERS
            from gongkai.core.jobs import job_kind as load

            load("core.mail")
            for kind, spec in sorted(RUNNERS.items()):
                self.stdout.write(f"{kind}\t{spec.label}")
            return
        from gongkai.core.tasks import periodic

        try:
            job_kind(options["kind"])
        except JobError as exc:
            raise CommandError(exc.message) from exc
        with override_settings(JOBS_MODE="eager"):
            job_id = periodic(options["kind"])
        if job_id is None:
            self.stdout.write("今天已运行过，未重复运行")
            return
        job = Job.objects.get(pk=job_id)
        self.stdout.write(f"#{job.pk} {job.get_state_display()}：{job.message}")
        if job.state == Job.State.FAILED:
            raise CommandError(job.error)
