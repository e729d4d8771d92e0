"""Celery application, wired as in cookiecutter-django.

Settings come from Django settings under the ``CELERY_`` namespace. Without ``REDIS_URL``
the settings make every task run eagerly in-process, so the app works on a bare machine.
Every task is an :class:`adviesraad.background.worker.Task`: retried on a fresh connection when
it loses its database connection.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adviesraad.settings.local")

app = Celery("adviesraad", task_cls="adviesraad.background.worker:Task")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
