"""`gongkai beat`: the periodic schedule (settings.CELERY_BEAT_SCHEDULE) — run exactly one."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "运行定时任务调度（Celery beat；全系统只运行一个）"

    def add_arguments(self, parser):
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args, **options):
        if settings.JOBS_MODE != "celery":
            raise CommandError("未配置消息队列：请设置 REDIS_URL（或 CELERY_BROKER_URL）后再运行 beat")
        from gongkai.celery import app

        app.start(["beat", f"--loglevel={options['loglevel']}",
                   f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}"])
