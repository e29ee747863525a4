"""Settings, read from the environment (12-factor).

DATABASE_URL   sqlite:///path or postgres://user@host:port/db  (default: ./var/gongkai.sqlite3)
MEDIA_ROOT     where uploaded files live                        (default: ./var/media)
SECRET_KEY     generated once into ./var/secret_key when unset
DEBUG          1/true/yes turns debug on                         (default: off)
ALLOWED_HOSTS  comma separated                                   (default: 127.0.0.1,localhost)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", Path.cwd() / "var")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    # A fresh install generates its own key; it never lives in the repository.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
if _env_bool("GONGKAI_TESTING"):
    ALLOWED_HOSTS.append("testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs' swagger-ui from local static files, not a CDN
    "gongkai.core",
    "gongkai.documents",
    "gongkai.ingest",
    "gongkai.review",
    "gongkai.search",
    "gongkai.cleanup",
    "gongkai.disclosure_requests",
    "gongkai.annual_reports",
    "gongkai.consultations",
    "gongkai.zhuanlan",
    "gongkai.assessment",
    "gongkai.exports",
    "gongkai.portal",
    "gongkai.workbench",
    "gongkai.api",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ from the server itself: no CDN (government intranets are often offline).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.core.middleware.InputGuardMiddleware",
    "gongkai.core.middleware.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.AccessDeniedMiddleware",  # AccessDenied → 403 / 404 / login
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    if not DATABASE_URL.startswith("sqlite://:memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

if os.environ.get("GONGKAI_TEST_DB_NAME"):
    # Lets several test runs share one PostgreSQL server without colliding.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["GONGKAI_TEST_DB_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "start"  # each role lands on its own first page (workbench.views.start)
LOGOUT_REDIRECT_URL = "/"

# 等保 level 2: passwords of at least 10 characters, not common, not like the user's names.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("username", "display_name", "email")}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Logins go through the lockout check first (core.accounts): per account and per address.
AUTHENTICATION_BACKENDS = ["gongkai.core.accounts.LockoutModelBackend"]
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", 5))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 20))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", 15 * 60))

# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request (default 30 minutes),
# and when the browser closes; each request moves the expiry on.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_TIMEOUT", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy on every page (django-csp): the site needs no outside asset —
# scripts, styles and fonts from itself; images also as data: URIs (charts, swagger-ui).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Every message is Chinese whatever the browser asks for (no LocaleMiddleware: an English
# Accept-Language header turned Django's own messages English, "The submitted file is empty.").
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# ISO first in every locale: <input type="date"> cannot show 2026/12/02 (src/gongkai/formats).
FORMAT_MODULE_PATH = ["gongkai.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static")).resolve()
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # works before collectstatic too (tests, first run)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media")).resolve()

# Import limits (DESIGN §5: bad input gets a clear error and changes nothing).
IMPORT_MAX_FILE_BYTES = int(os.environ.get("IMPORT_MAX_FILE_BYTES", 50 * 1024 * 1024))
IMPORT_MAX_ZIP_RATIO = int(os.environ.get("IMPORT_MAX_ZIP_RATIO", 100))
IMPORT_MAX_ZIP_TOTAL_BYTES = int(os.environ.get("IMPORT_MAX_ZIP_TOTAL_BYTES", 500 * 1024 * 1024))

# 条例 第二十六条: 20 working days from 公布日期 to publication.
TIMELINESS_LIMIT_WORKDAYS = int(os.environ.get("TIMELINESS_LIMIT_WORKDAYS", 20))
# 条例 第十八条: 不予公开 decisions come back for review this many months after the last one.
WITHHELD_REVIEW_MONTHS = int(os.environ.get("WITHHELD_REVIEW_MONTHS", 12))
# Reviewers (审核员) review the units below theirs too (default: their own unit only).
REVIEW_INCLUDES_SUBUNITS = _env_bool("REVIEW_INCLUDES_SUBUNITS")
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", 120))
# 依申请公开: applicants' personal data is anonymised this many days after the request closed
# (`gongkai requests purge`, run daily; disclosure_requests.domain.retention).
REQUEST_RETENTION_DAYS = int(os.environ.get("REQUEST_RETENTION_DAYS", 3 * 365))
# Anonymous visitors of the public pages, per address and minute (core.middleware); 0 = off.
PAGE_RATE_LIMIT = int(os.environ.get("PAGE_RATE_LIMIT", 300))
SEARCH_RATE_LIMIT = int(os.environ.get("SEARCH_RATE_LIMIT", 60))

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

if _env_bool("GONGKAI_TESTING"):
    # Threads of the live server and of race tests must not keep connections open past a test
    # (the test database could not be dropped at the end).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
