"""Django settings for the jixiao web application (绩效管理网站).

Configuration comes from the environment so one build serves the laptop and production:
  DATABASE_URL            PostgreSQL (or any dj-database-url URL); default a SQLite file in JIXIAO_DATA_DIR
                          (WAL mode, IMMEDIATE transactions, 20 s busy timeout)
  JIXIAO_DATA_DIR         where the SQLite file, the secret key and collected static files live (default ./var)
  JIXIAO_SECRET_KEY       secret key; default: generated once and kept in JIXIAO_DATA_DIR/secret.key
  JIXIAO_DEBUG            "1" turns DEBUG on (never in production)
  JIXIAO_ALLOWED_HOSTS    comma-separated host names (default 127.0.0.1,localhost)
  JIXIAO_UPLOAD_MAX_MB    upload size cap in MB (default 20)
  JIXIAO_CONN_MAX_AGE     seconds a database connection is kept open (default 60)
  JIXIAO_REVIEW_CHECKLIST the review checklist of departments that have none: a shipped locality's name
                          (songgang-2023) or a TOML file; default the 财预〔2015〕88号 configuration
  JIXIAO_MONITOR_ROLES    the roles that enter monitoring figures (运行监控填报), comma-separated from staff,
                          evaluator, reviewer (default staff,evaluator: the department's own staff and the evaluators)
  JIXIAO_REVIEW_DAYS      days a finance reviewer has for a submitted table (待审核 deadline, default 10)
  JIXIAO_HTTPS            "1" behind HTTPS: HSTS, secure cookies, redirect to https (trusting X-Forwarded-Proto)
  JIXIAO_LOGIN_FAILURES   failed sign-ins of one user name before it is locked (default 5)
  JIXIAO_LOCKOUT_MINUTES  how long the lock lasts (default 15)
  JIXIAO_TOKEN_DAYS       default lifetime of a new API token in days (default 90)
  JIXIAO_BROKER_URL       the background jobs' broker, e.g. redis://host:6379/0 (default a SQLite file in
                          JIXIAO_DATA_DIR); JIXIAO_TASKS=eager runs jobs inside the request instead
  JIXIAO_TASK_TIME_LIMIT  seconds a background job may run (default 600)
  JIXIAO_TASK_MEMORY_MB   memory a background worker process may use (default 2048)
  JIXIAO_CACHE_URL        the cache every web process shares (portfolio counts, years, recent imports):
                          redis://host:6379/1; default the broker's Redis when the broker is Redis, else
                          files in JIXIAO_DATA_DIR/cache; "locmem" keeps one per process (tests)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", "var")).resolve()


def _secret_key() -> str:
    if key := os.environ.get("JIXIAO_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret.key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        return key


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("JIXIAO_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h] + [
    "testserver"
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI from its own static files (no CDN)
    "axes",  # failed sign-ins and lockout
    "csp",  # Content-Security-Policy (its system checks)
    "jixiao.web.accounts",
    "jixiao.web.tables",
    "jixiao.web.review",
    "jixiao.web.monitoring",
    "jixiao.web.evaluation",
    "jixiao.web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jixiao.web.tables.upload_limit.UploadLimitMiddleware",
    "jixiao.web.input_guard.InputGuardMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.accounts.context.role",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}",
        conn_max_age=int(os.environ.get("JIXIAO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two writers at once must wait for each other, not fail with "database is locked": WAL lets readers
    # run beside the one writer, every transaction takes the write lock when it begins (IMMEDIATE, so a
    # read-then-write never deadlocks on the upgrade), and a writer waits up to 20 s for the lock. The tests
    # use a file too (an in-memory database shared between threads has table locks that never wait).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache() -> dict:
    """One cache for every process of a site (gunicorn's workers, the job workers, other machines), so a
    table stored anywhere refreshes what every page counts; its keys are scoped to the database."""
    db = DATABASES["default"]
    scope = hashlib.sha256(f"{db['ENGINE']}|{db.get('HOST')}|{db.get('PORT')}|{db['NAME']}".encode()).hexdigest()[:12]
    url = os.environ.get("JIXIAO_CACHE_URL", "").strip()
    broker = os.environ.get("JIXIAO_BROKER_URL", "").strip()
    if not url and broker.startswith(("redis://", "rediss://")):
        url = broker
    if url == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": scope}
    if url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": scope}
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(DATA_DIR / "cache" / scope),
            "OPTIONS": {"MAX_ENTRIES": 5000}}


CACHES = {"default": _cache()}

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "jixiao.web.accounts.backends.ProfileBackend"]
AUTH_PASSWORD_VALIDATORS = [  # for password change and reset; their messages come in Chinese (LANGUAGE_CODE)
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "jixiao.web.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},  # Django's, in Chinese
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes: after JIXIAO_LOGIN_FAILURES failed sign-ins, for JIXIAO_LOCKOUT_MINUTES, a user name is locked
# (from any address: the attack is on the account) and so is one browser at one address trying many names;
# an office behind one address is not locked out by one colleague's typos.
AXES_FAILURE_LIMIT = int(os.environ.get("JIXIAO_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=float(os.environ.get("JIXIAO_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429  # Too Many Requests
AXES_LOCKOUT_CALLABLE = "jixiao.web.accounts.views.lockout"
API_TOKEN_DAYS = int(os.environ.get("JIXIAO_TOKEN_DAYS", "90"))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portfolio"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even before collectstatic
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # tests and `runserver` work without collectstatic

UPLOAD_MAX_BYTES = int(float(os.environ.get("JIXIAO_UPLOAD_MAX_MB", "20")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
REVIEW_CHECKLIST = os.environ.get("JIXIAO_REVIEW_CHECKLIST", "").strip()
MONITOR_ROLES = tuple(r.strip() for r in os.environ.get("JIXIAO_MONITOR_ROLES", "staff,evaluator").split(",") if r.strip())
REVIEW_DAYS = int(os.environ.get("JIXIAO_REVIEW_DAYS", "10"))

CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "jixiao.web.accounts.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
# Sessions are kept in the database and read through the site's shared cache (`CACHES`): a page does not
# ask the database for its session; a sign-out deletes both at once, for every process.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind HTTPS (JIXIAO_HTTPS=1): `manage.py check --deploy` is clean with these.
HTTPS = os.environ.get("JIXIAO_HTTPS") == "1"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # TLS ends at the reverse proxy
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp): scripts and styles from this site's static files only — no inline
# script, style element or style attribute (charts.js and page.js read their data from json_script blocks).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Swagger UI's icons are data: URLs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    name: [] for name in ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb")
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
