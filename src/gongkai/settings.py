"""Settings, read from the environment (12-factor). The full table is in README.md.

GONGKAI_DATA_DIR  the data directory (database, media, secret key, static files): default the
                  checkout's var/ when run from a source checkout, else ~/.local/share/gongkai —
                  never the current directory (GONGKAI_VAR_DIR is the older name, still read)
DATABASE_URL      sqlite:///path or postgres://user@host:port/db (default: DATA_DIR/gongkai.sqlite3)
MEDIA_ROOT        where uploaded files live                       (default: DATA_DIR/media)
SECRET_KEY        generated once into DATA_DIR/secret_key when unset
DEBUG             1/true/yes turns debug on                       (default: off)
ALLOWED_HOSTS     comma separated                                 (default: 127.0.0.1,localhost)
REDIS_URL         redis://host:port/db: the cache (rate limits, lockouts) and the task queue
CACHE_URL         overrides REDIS_URL for the cache alone (redis://…, locmem://, dummy://)
SITE_URL          the address people open, for links in mails  (default: http://127.0.0.1:8000)
GONGKAI_SEARCH_ENGINE  database (default: FTS5 / tsvector in the database) or tantivy
GONGKAI_TANTIVY_DIR    the tantivy index directory, local disk (default: DATA_DIR/search-tantivy)
GONGKAI_TANTIVY_LOCK_TIMEOUT  seconds a writer waits for the index's write lock (default: 30)

The production profile (`gongkai.settings_production`) adds the HTTPS and proxy settings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent


def data_dir_default() -> Path:
    """Where data lives when GONGKAI_DATA_DIR is unset: never relative to the current directory.

    From a source checkout (src/gongkai next to pyproject.toml) it is the checkout's var/, so
    `make run` and `.venv/bin/gongkai …` from anywhere share one database; an installed package
    uses the XDG data directory of the user (~/.local/share/gongkai).
    """
    checkout = BASE_DIR.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "src" / "gongkai").is_dir():
        return checkout / "var"
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "gongkai"


DATA_DIR = Path(
    os.environ.get("GONGKAI_DATA_DIR") or os.environ.get("GONGKAI_VAR_DIR") or data_dir_default()
).expanduser().resolve()
VAR_DIR = DATA_DIR  # the older name


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
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
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
    "gongkai.supervision",
    "gongkai.proposals",
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
    "gongkai.core.middleware.TemporaryPasswordMiddleware",  # one-time password → 修改密码 first
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

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# A read replica (PostgreSQL streaming replication): public reads go there (gongkai.dbrouter).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["gongkai.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                      "gongkai.dbrouter.ReplicaReadsMiddleware")
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
    if os.environ.get("GONGKAI_TESTING") and not os.environ.get("GONGKAI_TEST_DB_NAME"):
        # The test database is a file, not Django's shared-cache memory database: there a second
        # connection (a live server's request while a job thread writes) gets "database table is
        # locked" at once, where a file waits its busy timeout as production does. One file per
        # process (pytest-xdist workers each add their own suffix too).
        import tempfile

        DATABASES["default"]["TEST"] = {
            "NAME": str(Path(tempfile.gettempdir()) / f"gongkai-test-{os.getpid()}.sqlite3")}

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
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static")).resolve()
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # works before collectstatic too (tests, first run)
MEDIA_URL = "/media/"  # no URL serves it: files go through views (gongkai.core.files)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media")).resolve()
# How a checked file is handed over: django (streamed), x-accel-redirect (nginx), x-sendfile.
MEDIA_SERVE = os.environ.get("MEDIA_SERVE", "django")
if MEDIA_SERVE not in {"django", "x-accel-redirect", "x-sendfile"}:
    raise ValueError(f"MEDIA_SERVE “{MEDIA_SERVE}” 无法识别：应为 django、x-accel-redirect 或 x-sendfile")
MEDIA_INTERNAL_URL = os.environ.get("MEDIA_INTERNAL_URL", "/_protected_media/")
# Media on S3-compatible storage (MinIO, OSS, COS…): MEDIA_STORAGE=s3 and the AWS_* settings
# django-storages reads (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, …).
if os.environ.get("MEDIA_STORAGE", "filesystem") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "gongkai-media"),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",  # never public: files go through the checked views
            "querystring_auth": True,
            "file_overwrite": False,
            "location": os.environ.get("AWS_LOCATION", "media"),
        },
    }

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

# Search engine (src/gongkai/search/README.md): "database" (FTS5 on SQLite, tsvector on
# PostgreSQL) or "tantivy" (an embedded index in a directory on local disk; one host only).
SEARCH_ENGINE = os.environ.get("GONGKAI_SEARCH_ENGINE", "database").strip().lower() or "database"
SEARCH_TANTIVY_DIR = Path(
    os.environ.get("GONGKAI_TANTIVY_DIR") or DATA_DIR / "search-tantivy").expanduser().resolve()
SEARCH_TANTIVY_LOCK_TIMEOUT = float(os.environ.get("GONGKAI_TANTIVY_LOCK_TIMEOUT", 30))
# 依申请公开: applicants' personal data is anonymised this many days after the request closed
# (`gongkai requests purge`, run daily; disclosure_requests.domain.retention).
REQUEST_RETENTION_DAYS = int(os.environ.get("REQUEST_RETENTION_DAYS", 3 * 365))
# Anonymous visitors of the public pages, per address and minute (core.middleware); 0 = off.
PAGE_RATE_LIMIT = int(os.environ.get("PAGE_RATE_LIMIT", 300))
SEARCH_RATE_LIMIT = int(os.environ.get("SEARCH_RATE_LIMIT", 60))

# The cache: rate limits, login lockouts and anything shared between processes go through
# `django.core.cache.cache`. One process (make run, tests) uses local memory; several app
# servers must share Redis: CACHE_URL, else REDIS_URL (the same Redis as the task queue).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://"
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "gongkai")


def cache_config(url: str, *, key_prefix: str = "") -> dict:
    """Django CACHES entry for redis://…, rediss://…, locmem:// or dummy://."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                "KEY_PREFIX": key_prefix, "TIMEOUT": 300}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": url.removeprefix("locmem://") or "gongkai", "KEY_PREFIX": key_prefix}
    raise ValueError(f"CACHE_URL “{url}” 无法识别：应为 redis://、rediss://、locmem:// 或 dummy://")


CACHES = {"default": cache_config(CACHE_URL, key_prefix=CACHE_KEY_PREFIX)}

# Background jobs (gongkai.core.jobs, gongkai/celery.py). With a broker (CELERY_BROKER_URL, else
# REDIS_URL) jobs go to `gongkai worker`; without one they run in this process: in a thread
# for the site (make run needs no worker). Tests run them synchronously even where the shell
# has a REDIS_URL (the real worker test starts its own processes without GONGKAI_TESTING).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
JOBS_MODE = os.environ.get("JOBS_MODE") or (
    "eager" if _env_bool("GONGKAI_TESTING") else ("celery" if CELERY_BROKER_URL else "thread"))
if JOBS_MODE not in {"celery", "thread", "eager"}:
    raise ValueError(f"JOBS_MODE “{JOBS_MODE}” 无法识别：应为 celery、thread 或 eager")
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = JOBS_MODE != "celery"
CELERY_TASK_IGNORE_RESULT = True  # state and results live in the Job row
CELERY_TASK_ACKS_LATE = True  # a job whose worker died is delivered again (runners are idempotent)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 6 * 3600}  # longer than any job
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "gongkai")
JOB_MAX_RETRIES = int(os.environ.get("JOB_MAX_RETRIES", 3))
JOB_RETRY_BACKOFF = int(os.environ.get("JOB_RETRY_BACKOFF", 10))  # seconds, doubling
JOB_RETRY_BACKOFF_MAX = int(os.environ.get("JOB_RETRY_BACKOFF_MAX", 600))
# The schedule of `gongkai beat` (times are Asia/Shanghai). docs/deploy.md lists them.
CELERY_BEAT_SCHEDULE = {
    "lifecycle-apply-due": {"task": "gongkai.periodic", "args": ["documents.lifecycle_apply_due"],
                            "schedule": crontab(hour=0, minute=20)},
    "request-deadline-reminders": {"task": "gongkai.periodic",
                                   "args": ["requests.deadline_reminders"],
                                   "schedule": crontab(hour=8, minute=0)},
    "calendar-warning": {"task": "gongkai.periodic", "args": ["core.calendar_warning"],
                         "schedule": crontab(hour=8, minute=10)},
    "cleanup-uploads": {"task": "gongkai.periodic", "args": ["core.cleanup_uploads"],
                        "schedule": crontab(hour=3, minute=30)},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CALENDAR_WARNING_DAYS = int(os.environ.get("CALENDAR_WARNING_DAYS", 60))
REQUEST_REMINDER_WORKDAYS = int(os.environ.get("REQUEST_REMINDER_WORKDAYS", 3))
# Scratch folders under MEDIA_ROOT whose files the daily cleanup removes after this many hours.
UPLOAD_SCRATCH_DIRS = ("workbench_uploads", "job_uploads")
UPLOAD_ABANDON_HOURS = int(os.environ.get("UPLOAD_ABANDON_HOURS", 24))

# Outgoing mail (reply notices, reminders, calendar warnings) — sent by background jobs.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = _env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 20))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# The platform's public address, for the links that mails carry (they are read outside the site).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]

if _env_bool("GONGKAI_TESTING"):
    # Threads of the live server and of race tests must not keep connections open past a test
    # (the test database could not be dropped at the end).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
