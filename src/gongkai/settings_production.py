"""The production profile: `DJANGO_SETTINGS_MODULE=gongkai.settings_production` (what
`gongkai serve` uses by default and the systemd units set). Behind a reverse proxy (nginx)
that terminates TLS and sets X-Forwarded-Proto; `gongkai check --deploy` reports nothing.

GONGKAI_HTTPS=0 turns the HTTPS settings off for a trial on plain HTTP (`make serve` on
127.0.0.1): SSL redirect, HSTS and secure cookies; check --deploy then warns, as it should.
Each setting can also be set on its own (SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, …).
"""

from __future__ import annotations

import os

from gongkai.settings import *  # noqa: F403
from gongkai.settings import _env_bool

DEBUG = False
HTTPS = _env_bool("GONGKAI_HTTPS", True)

# The proxy terminates TLS: trust its X-Forwarded-Proto (nginx sets it; never expose gunicorn).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = _env_bool("CSRF_COOKIE_SECURE", HTTPS)
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
                        if o.strip()]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Static files: collected (`gongkai collectstatic`), hashed names, compressed, served by
# whitenoise from each app server with far-future cache headers.
WHITENOISE_USE_FINDERS = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.security": {"level": "WARNING"}},
}
