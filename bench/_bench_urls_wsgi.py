"""WSGI entry of the page benchmark's gunicorn workers (settings: bench/_bench_settings.py)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "_bench_settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
