"""`gongkai worker [--concurrency N]`: a Celery worker for the background jobs (needs a broker:
REDIS_URL or CELERY_BROKER_URL). `gongkai beat` runs the periodic schedule."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "运行后台任务进程（Celery worker）"

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=2)
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument("--beat", action="store_true", help="同时运行定时任务（单机部署）")

    def handle(self, *args, **options):
        if settings.JOBS_MODE != "celery":
            raise CommandError("未配置消息队列：请设置 REDIS_URL（或 CELERY_BROKER_URL）后再运行 worker")
        from gongkai.celery import app

        argv = ["worker", f"--loglevel={options['loglevel']}",
                f"--concurrency={options['concurrency']}", "-Q", settings.CELERY_TASK_DEFAULT_QUEUE]
        if options["beat"]:
            argv += ["--beat", f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}"]
        app.worker_main(argv)
