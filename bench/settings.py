"""Settings for the benchmark: production settings, served over plain http on 127.0.0.1.

``bench/run.py`` sets ``BENCH_DATABASE_URL`` (a separate database, never the app's own) and
``BENCH_DATA_DIR`` before anything imports this module.
"""

import os
from pathlib import Path

os.environ.setdefault(
    "SECRET_KEY", "bench-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH"
)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")

import environ  # noqa: E402

from adviesraad.settings.production import *  # noqa: E402, F403
from adviesraad.settings.production import BASE_DIR, CACHES  # noqa: E402

_DATA = Path(os.environ.get("BENCH_DATA_DIR", BASE_DIR / "bench" / ".data"))

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{_DATA / 'bench_full.sqlite3'}"
DATABASES = {"default": environ.Env.db_url_config(_url)}
DATABASES["default"].update(ATOMIC_REQUESTS=False, CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Two gunicorn processes read the same file; wait for a writer instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}

# Keep each data set's cached pages apart (the Redis cache is shared between data sets).
for _alias in ("default", "pages"):
    CACHES[_alias]["KEY_PREFIX"] = f"bench-{_alias}-" + _url.rsplit("/", 1)[-1]

MEDIA_ROOT = _DATA / "media"
STATIC_ROOT = _DATA / "static"
# The load never fetches static files (pages only), so collectstatic skips whitenoise's gzip
# and brotli copies: half a minute less from a clean clone; page rendering is unchanged
# (the same manifest storage resolves {% static %}).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("css", "js", "map", "svg", "txt", "html", "json", "xml", "ico", "md"),
    *("woff", "woff2", "ttf", "eot", "otf", "png", "jpg", "jpeg", "gif", "webp", "pdf"),
)

# The load client never logs in through the form: sessions are made directly (run.py), so
# log-in throttling has nothing to do; axes still runs its middleware on every request.
AXES_ENABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
