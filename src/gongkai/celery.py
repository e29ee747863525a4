"""The Celery app: background jobs (gongkai.core.jobs) and the periodic schedule (beat).

Broker: CELERY_BROKER_URL, else REDIS_URL. Without either, jobs run in this process (JOBS_MODE
`thread` for the site, `eager` for tests and commands) and no worker is needed. Run a worker
with `gongkai worker` and the schedule with `gongkai beat` (docs/deploy.md).
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

app = Celery("gongkai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # each app's tasks.py registers its job runners
