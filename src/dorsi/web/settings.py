"""Django settings for Dorsi. Everything that differs between machines comes from the environment.

- ``DORSI_DATA_DIR``: where the SQLite database and the generated secret key live (default ``var/``).
- ``DORSI_SECRET_KEY``: the secret key; without it a random one is generated once into the data dir.
- ``DORSI_DEBUG``: ``1`` turns debug on (off by default, and always off in tests).
- ``DATABASE_URL``: e.g. ``postgres://postgres@127.0.0.1:5432/test``; SQLite in the data dir otherwise.
- ``DORSI_ALLOWED_HOSTS``: comma separated, added to localhost and 127.0.0.1.
- ``DORSI_TASKS_BACKEND``: ``immediate`` runs background tasks inline (tests, one-off scripts).
- ``DORSI_VIDEO_MAX_MB``: the largest video upload accepted (default 200 MB).
- ``DORSI_MEDIA_STORAGE``: ``local`` (default: the data dir) or ``s3`` with ``DORSI_S3_BUCKET``,
  ``DORSI_S3_ENDPOINT_URL`` (for a store other than AWS), ``DORSI_S3_REGION``, ``DORSI_S3_PREFIX``
  and the keys in ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``.
- ``DORSI_HTTPS``: ``1`` behind an HTTPS proxy (secure cookies, HSTS, https redirect);
  ``DORSI_TRUSTED_PROXY``: the proxy's address (default 127.0.0.1);
  ``DORSI_CSRF_TRUSTED_ORIGINS``: e.g. ``https://dorsi.example.org``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

REPO_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("DORSI_DATA_DIR") or REPO_DIR / "var")
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _secret_key() -> str:
    from_env = os.environ.get("DORSI_SECRET_KEY")
    if from_env:
        return from_env
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # Written once with owner-only permissions, so sessions survive restarts.
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("DORSI_DEBUG", "") == "1"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"] + [
    host.strip() for host in os.environ.get("DORSI_ALLOWED_HOSTS", "").split(",") if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its Swagger UI files are served locally (no CDN)
    "dorsi.db",
    "dorsi.web",
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
    "django_htmx.middleware.HtmxMiddleware",  # request.htmx
    "dorsi.web.middleware.PrivacyHeadersMiddleware",  # no-store, Permissions-Policy
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (CONTENT_SECURITY_POLICY below)
    "dorsi.web.middleware.ApiJsonErrorsMiddleware",  # every /api/ error answers JSON
]

# A strict Content-Security-Policy: scripts, styles, images, media and fetches from Dorsi
# itself only. No inline script or style attribute runs (templates keep their JS and CSS in
# static files); a page that ever needs an inline block marks it with the request's nonce.
# `data:` images are the empty favicon and SVG drawings; `blob:` media is a video preview
# picked on the phone before upload.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "dorsi.web.urls"
WSGI_APPLICATION = "dorsi.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",  # {{ CSP_NONCE }} for an inline block
            ],
        },
    },
]


def _databases() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if url:
        return {"default": dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "dorsi.sqlite3",
            # Tests use a file too (not SQLite's in-memory database), so concurrent writers
            # behave as they do in production: WAL, IMMEDIATE transactions, a busy timeout.
            "TEST": {"NAME": DATA_DIR / "test-dorsi.sqlite3"},
            "OPTIONS": {
                # WAL lets the web server read while the task worker writes; IMMEDIATE takes
                # the write lock at BEGIN so concurrent writers wait (timeout) instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = _databases()


def _caches() -> dict[str, Any]:
    """One cache all web processes share (rate limits): Redis when DORSI_REDIS_URL is set,
    else a table in the database (created by a migration)."""
    redis_url = os.environ.get("DORSI_REDIS_URL")
    if redis_url:
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    return {"default": backend | {"KEY_PREFIX": "dorsi"}}


CACHE_TABLE = "dorsi_cache"
CACHES = _caches()
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = None  # the views answer over-limit requests themselves, in words
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

EMAIL_BACKEND = os.environ.get(
    "DORSI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DORSI_FROM_EMAIL", "Dorsi <noreply@localhost>")

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("DORSI_TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Media (uploads, report files, images): stored through Django's storage API under keys such
# as videos/<user id>/<analysis id>/annotated.mp4 and served only to their owner by an
# authenticated view. By default in DORSI_DATA_DIR/media/; with DORSI_MEDIA_STORAGE=s3 in an
# S3-compatible object store, so that several web and worker hosts share no disk.
MEDIA_ROOT = DATA_DIR / "media"


def media_storage(environ: Mapping[str, str], media_root: Path) -> dict[str, Any]:
    """The ``default`` storage from the environment: the local folder (default) or s3."""
    kind = environ.get("DORSI_MEDIA_STORAGE") or "local"
    if kind == "local":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": media_root,
                "allow_overwrite": True,
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        }
    if kind != "s3":
        raise ImproperlyConfigured(f"DORSI_MEDIA_STORAGE is local or s3, not {kind!r}")
    bucket = environ.get("DORSI_S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("DORSI_MEDIA_STORAGE=s3 needs DORSI_S3_BUCKET")
    # The keys come from the environment as boto3 reads them (AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY, or the machine's role); never from a file in the repository.
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("DORSI_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("DORSI_S3_REGION") or None,
            "location": environ.get("DORSI_S3_PREFIX", ""),
            "addressing_style": environ.get("DORSI_S3_ADDRESSING_STYLE") or "path",
            "default_acl": None,  # private objects: the bucket's policy decides
            "file_overwrite": True,
            "querystring_expire": 300,
        },
    }


STORAGES = {
    "default": media_storage(os.environ, MEDIA_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DORSI_VIDEO_MAX_BYTES = int(float(os.environ.get("DORSI_VIDEO_MAX_MB") or 200) * 1024 * 1024)
# Dotted path to a function returning a dorsi.video.pose.PoseEstimator; None = MediaPipe.
# Tests point it at a fake estimator (the only fake the video pipeline allows).
DORSI_VIDEO_ESTIMATOR: str | None = os.environ.get("DORSI_VIDEO_ESTIMATOR") or None
# Each task worker's scratch space on this host (analyses in progress); never served.
DORSI_WORK_DIR = Path(os.environ.get("DORSI_WORK_DIR") or DATA_DIR / "work")
# Workers beat every few seconds; one silent for DORSI_WORKER_STALE_S is dead and its work is
# handed to the others (a worker on the same host whose process is gone is dead at once).
DORSI_WORKER_BEAT_S = float(os.environ.get("DORSI_WORKER_BEAT_S") or 5)
DORSI_WORKER_STALE_S = float(os.environ.get("DORSI_WORKER_STALE_S") or 30)
# How long each entry of an athlete's access log (a coach's view of their data) is kept; the
# task workers' sweep deletes older entries in batches.
DORSI_ACCESS_LOG_DAYS = int(os.environ.get("DORSI_ACCESS_LOG_DAYS") or 400)

LANGUAGE_CODE = "en-us"
# One date style everywhere: dorsi/web/formats/en/formats.py overrides the locale's formats.
FORMAT_MODULE_PATH = ["dorsi.web.formats"]
TIME_ZONE = os.environ.get("DORSI_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"  # only filled by an optional collectstatic
STATIC_ROOT.mkdir(exist_ok=True)
# Served by WhiteNoise straight from the app directories: no collectstatic step, no CDN.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# ``?speed=N`` on a guided session scales its clock (a whole session in seconds) when DEBUG is on
# or this is True: a switch for the browser tests, never honoured in production otherwise.
DORSI_FAST_TIMERS = False

# Behind an HTTPS reverse proxy, turn on DORSI_HTTPS=1. The launcher then tells waitress to
# trust X-Forwarded-Proto/-For/-Host only from DORSI_TRUSTED_PROXY (default 127.0.0.1, the
# proxy on the same machine) and to drop those headers from anyone else; Django reads the
# scheme from the header the proxy set (docs/deploy.md has a sample proxy configuration).
HTTPS = os.environ.get("DORSI_HTTPS", "") == "1"
TRUSTED_PROXY = os.environ.get("DORSI_TRUSTED_PROXY") or "127.0.0.1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# A plain-http request that reached us anyway is sent to https (DORSI_HTTPS_REDIRECT=0 when
# the proxy already redirects and an internal health check must use http).
SECURE_SSL_REDIRECT = HTTPS and os.environ.get("DORSI_HTTPS_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Joining the browsers' preload list is a deliberate, hard-to-undo step for the domain's
# owner, so it is off unless DORSI_HSTS_PRELOAD=1; its deploy-check reminder (W021) is
# silenced on purpose (docs/deploy.md).
SECURE_HSTS_PRELOAD = HTTPS and os.environ.get("DORSI_HSTS_PRELOAD") == "1"
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DORSI_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # browser clients of /api/ read it; htmx gets it from hx-headers
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
