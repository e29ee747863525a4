"""gongkai — 政务公开 work platform."""

# The Celery app is created with Django so that every `shared_task` (gongkai.core.tasks) sends
# through it — its broker, its queue — and not through Celery's unconfigured default app.
from gongkai.celery import app as celery_app

__all__ = ("celery_app",)
