"""Test settings: fast hashing, in-memory e-mail, eager tasks unless a test starts a worker."""

import tempfile

from .base import *  # noqa: F403
from .base import CELERY_BEAT_SCHEDULE, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A test's worker may be given a mail backend that fails first (tests/background/flaky_mail.py).
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("TEST_EMAIL_FILE_PATH", default=tempfile.gettempdir())
MEDIA_ROOT = tempfile.mkdtemp(prefix="adviesraad-test-media-")
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests decide per case whether a real broker is used; by default tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = env("TEST_MEDIA_ROOT", default=MEDIA_ROOT)
# A test's private worker sets its own queue so that tasks it enqueues stay with it.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# A test's beat runs the production schedule, every entry as it is, only every N seconds.
if _every := env.float("CELERY_BEAT_EVERY_SECONDS", default=0):
    CELERY_BEAT_SCHEDULE = {
        name: {**entry, "schedule": _every} for name, entry in CELERY_BEAT_SCHEDULE.items()
    }
