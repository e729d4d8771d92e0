"""Settings shared by every environment, read once from the environment (django-environ).

Every value has a default that needs nothing installed: SQLite, in-process tasks, console
e-mail. ``.env.example`` documents each variable.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "members.admin_apps.CouncilAdminConfig",  # the admin behind the two-step log-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "adviesraad",
    "adviesraad.background",
    "adviesraad.notifications",
    "members",
    "meetings",
    "adviezen",
    "budget",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "adviesraad.middleware.RequestIdMiddleware",
    "csp.middleware.CSPMiddleware",
    # after the request id (the audit record carries it), before CSRF (which reads bodies)
    "adviesraad.refusals.RefusedAccessAuditMiddleware",
    "adviesraad.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "adviesraad.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "adviesraad.middleware.CouncilLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "members.middleware.SecondFactorSetupMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "adviesraad.urls"
WSGI_APPLICATION = "adviesraad.wsgi.application"

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
                "django.template.context_processors.i18n",
                "adviesraad.context_processors.council",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A database that does not answer must not hold a request (or a task) until gunicorn kills it:
# connecting gives up after DATABASE_CONNECT_TIMEOUT seconds (libpq's minimum is 2) and a
# statement is cancelled after DATABASE_STATEMENT_TIMEOUT_MS (below gunicorn's 30 s timeout).
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=20_000)
if "postgresql" in DATABASES["default"]["ENGINE"]:
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _db_options["options"] = (
        f"{_db_options.get('options', '')} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
    ).strip()
# /healthz gives the database this long (seconds) on a connection of its own, then says 503.
HEALTHZ_TIMEOUT = env.float("HEALTHZ_TIMEOUT", default=0.6)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # reset links expire after a day and work once

# The reverse proxy in front of gunicorn (addresses or networks, comma-separated). Only
# requests from these may name the client in X-Forwarded-For or pass an X-Request-ID
# (adviesraad.net.client_ip); empty: the headers change nothing.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# Log-in throttling (docs/rules.md, S7): five failures on one account (however the address is
# spelled, from anywhere) lock that account, and five failures from one client (over any
# accounts) lock that client, each for 15 minutes. A successful log-in does not wipe the
# failures (it would wipe the client's failures on other accounts too); they expire with the
# cool-off, and a password reset lifts the account's lock (members.auth_views).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "members.throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "adviesraad.net.client_ip"
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Rate limits (the public signal form, password reset) count per client address as
# adviesraad.net.client_ip sees it, in the default cache. When that cache cannot count
# (down or degraded), the limit lets the request through rather than refusing everyone.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "adviesraad.net.client_ip"
RATELIMIT_FAIL_OPEN = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["adviesraad.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files never live under a public URL: they are served by permission-checked views.
MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
MEDIA_URL = "/bestanden/"  # never routed to a static server
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Request bodies, refused with 413 from Content-Length before anything reads them
# (adviesraad.limits.RequestSizeLimitMiddleware): forms get DATA_UPLOAD_MAX_MEMORY_SIZE, the
# upload views in UPLOAD_VIEWS (for a signed-in person) UPLOAD_REQUEST_MAX_BYTES: the most a
# declaration's receipts may weigh together (25 MB) plus room for the form's fields. The proxy
# in docker-compose.yml refuses anything above that as well.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("FORM_REQUEST_MAX_BYTES", default=1024 * 1024)
UPLOAD_REQUEST_MAX_BYTES = env.int("UPLOAD_REQUEST_MAX_BYTES", default=26 * 1024 * 1024)
UPLOAD_VIEWS = [
    "admin:",  # the admin's change forms carry file fields (staff only)
    "adviezen:create",
    "adviezen:response",
    "budget:line_expense",
    "budget:publications",
    "budget:receipt_add",
    "meetings:document_add",
    "members:application_appoint",  # the college's decision document
]
# Public upload views (anyone may post): the application form with its CV (5 MB at most).
PUBLIC_UPLOAD_VIEWS = ["vacancies_public:apply"]
PUBLIC_UPLOAD_REQUEST_MAX_BYTES = env.int(
    "PUBLIC_UPLOAD_REQUEST_MAX_BYTES", default=6 * 1024 * 1024
)

# The page cache (adviesraad.pagecache): how long a stored anonymous public page may be served
# (changes through the services show at once; this bounds what changes by the clock alone),
# and the s-maxage that lets a reverse proxy keep the same pages (it hears of no change).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=120)
PAGE_CACHE_PROXY_SECONDS = env.int("PAGE_CACHE_PROXY_SECONDS", default=60)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Adviesraad <secretariaat@adviesraad.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REDIS_URL = env("REDIS_URL", default="")
# Two caches (docs/architecture.md, "Caching"): "pages", the page cache of anonymous public
# pages, and "default", used only by django-ratelimit. With Redis both live in its database
# (apart by key prefix; never cleared, as Celery's queues share it), with short timeouts, and
# degrade to misses when Redis is down or hung (adviesraad.resilient_cache). Without Redis
# they are local memory, each process its own.
if REDIS_URL:
    _redis = {
        "BACKEND": "adviesraad.resilient_cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        "RETRY_AFTER": 10,
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "default"},
        "pages": {**_redis, "KEY_PREFIX": "pages"},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }
# The signal form's limit (django-ratelimit) lets posts through while its cache does not
# answer, rather than refusing every resident; the honeypot and field limits still hold.
RATELIMIT_FAIL_OPEN = True

# Celery: Redis as broker when REDIS_URL is set, otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not bool(REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# Defaults for a task that sets neither limit. A task that sets its own ``time_limit`` sets its
# ``soft_time_limit`` too: Celery refuses to send (or retry) a task whose soft limit is above its
# hard one, and these defaults would otherwise mix with the task's own (tests/core/test_celery.py).
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 300_000  # KiB: a PDF render that balloons is recycled
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker whose broker went away keeps trying to reconnect (every few seconds at most), so it
# carries on by itself when Redis returns.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A message a dead worker had taken comes back after the visibility timeout: longer than the
# longest task (time limit 10 minutes), short enough that killed work resumes the same hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "visibility_timeout": 15 * 60,
}
# The outbox's watch on work in flight (adviesraad.background.rules): a running task's worker
# writes a heartbeat every OUTBOX_HEARTBEAT_SECONDS; a running task without one for
# OUTBOX_STALE_SECONDS is stalled (its worker died), and a task sent to the queue that no worker
# started within OUTBOX_RESEND_AFTER_SECONDS (doubling after each resend) was lost with the
# queue. ``flush_outbox`` sends both again, at most OUTBOX_MAX_RESENDS times, then shows them as
# stalled ("vastgelopen") with a retry button.
OUTBOX_HEARTBEAT_SECONDS = env.int("OUTBOX_HEARTBEAT_SECONDS", default=15)
OUTBOX_STALE_SECONDS = env.int("OUTBOX_STALE_SECONDS", default=60)
OUTBOX_RESEND_AFTER_SECONDS = env.int("OUTBOX_RESEND_AFTER_SECONDS", default=5 * 60)
OUTBOX_MAX_RESENDS = env.int("OUTBOX_MAX_RESENDS", default=3)
# A task that lost its database connection is retried this often, after 2, 4, 8, ... seconds
# (TASK_DB_RETRY_SECONDS doubling), each time on a fresh connection.
TASK_DB_RETRIES = env.int("TASK_DB_RETRIES", default=5)
TASK_DB_RETRY_SECONDS = env.float("TASK_DB_RETRY_SECONDS", default=2.0)
# A mail task whose mail server is down retries after about 30 s, 1, 2, 4, 8 and 15 minutes.
MAIL_RETRY_SECONDS = env.int("MAIL_RETRY_SECONDS", default=30)
MAIL_RETRIES = 6
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "adviesraad.tasks.heartbeat", "schedule": crontab(minute="*/5")},
    "flush-outbox": {"task": "adviesraad.background.tasks.flush_outbox", "schedule": 60.0},
    "send-reminders": {
        "task": "adviesraad.background.tasks.send_reminders",
        "schedule": crontab(minute=0, hour="7"),
    },
    "send-digests": {
        "task": "adviesraad.notifications.tasks.send_digests",
        "schedule": crontab(minute=0, hour="17"),
    },
    "close-expired-ballots": {
        "task": "adviezen.tasks.close_expired_ballots",
        "schedule": crontab(minute="*/5"),
    },
    "erase-expired-signal-contacts": {
        "task": "adviezen.tasks.erase_expired_signal_contacts",
        "schedule": crontab(minute=30, hour="3"),
    },
    "purge-expired-exports": {
        "task": "budget.tasks.purge_expired_exports",
        "schedule": crontab(minute=45, hour="3"),
    },
    "erase-expired-applications": {
        "task": "members.recruitment.tasks.erase_expired_applications",
        "schedule": crontab(minute=15, hour="3"),
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# django-csp: scripts and styles from the site only, no inline code anywhere (the admin of
# Django 5.2 has none either); images may be data: URIs (the QR code of the second factor).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "style-src": [SELF],
        "script-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "adviesraad.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "celery": {"level": env("CELERY_LOG_LEVEL", default="WARNING")},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The domain in every iCalendar UID (vergadering-<id>@<domain>): fixed, so an event keeps its
# UID whatever host name a subscriber reaches the feed under (issue 13, defect 16).
ICAL_UID_DOMAIN = env("ICAL_UID_DOMAIN", default="adviesraad.local")
