"""Django settings for the jixiao web application (绩效管理网站).

Configuration comes from the environment so one build serves the laptop and production:
  DATABASE_URL            PostgreSQL (or any dj-database-url URL); default a SQLite file in JIXIAO_DATA_DIR
  JIXIAO_DATA_DIR         where the SQLite file, the secret key and collected static files live (default ./var)
  JIXIAO_SECRET_KEY       secret key; default: generated once and kept in JIXIAO_DATA_DIR/secret.key
  JIXIAO_DEBUG            "1" turns DEBUG on (never in production)
  JIXIAO_ALLOWED_HOSTS    comma-separated host names (default 127.0.0.1,localhost)
  JIXIAO_UPLOAD_MAX_MB    upload size cap in MB (default 20)
  JIXIAO_CONN_MAX_AGE     seconds a database connection is kept open (default 60)
  JIXIAO_REVIEW_CHECKLIST the review checklist of departments that have none: a shipped locality's name
                          (songgang-2023) or a TOML file; default the 财预〔2015〕88号 configuration
  JIXIAO_BROKER_URL       the background jobs' broker, e.g. redis://host:6379/0 (default a SQLite file in
                          JIXIAO_DATA_DIR); JIXIAO_TASKS=eager runs jobs inside the request instead
  JIXIAO_TASK_TIME_LIMIT  seconds a background job may run (default 600)
  JIXIAO_TASK_MEMORY_MB   memory a background worker process may use (default 2048)
"""

from __future__ import annotations

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
    "jixiao.web.accounts",
    "jixiao.web.tables",
    "jixiao.web.review",
    "jixiao.web.monitoring",
    "jixiao.web.evaluation",
    "jixiao.web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jixiao.web.tables.upload_limit.UploadLimitMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS: list[dict] = []  # demo accounts; production sites add validators here
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

CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
