"""Celery signal handlers that record on the outbox row how its task ran.

This is infrastructure, not business logic: the rows only describe the task's life (running,
with a heartbeat; retrying, succeeded, failed) so the secretary can see failures and stalled
work and retry them. Tasks not sent through the outbox (beat's periodic ones) match no row and
cost one empty UPDATE; the periodic ones record their last run in ``PeriodicTaskRun``.

Each handler survives a lost database connection: it closes the broken connection and writes
once more on a fresh one, so a task that failed because the database went away is still
recorded as failed (issue 12, finding 4).
"""

from __future__ import annotations

import logging
import os
import socket
from functools import wraps

from celery import signals
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .worker import database_connection_errors, drop_broken_connections, heartbeat

log = logging.getLogger(__name__)


def _rows(task_id):
    from .models import OutboxMessage

    return OutboxMessage.objects.filter(task_id=task_id)


def _safe(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            try:
                fn(*args, **kwargs)
            except database_connection_errors():
                drop_broken_connections()
                fn(*args, **kwargs)  # once more, on a fresh connection
        except Exception:  # never let bookkeeping break the task itself
            log.exception("background: could not record task state")

    return wrapper


def _periodic_names() -> set[str]:
    return {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def _periodic(name: str | None, **changes) -> None:
    from .models import PeriodicTaskRun

    if name not in _periodic_names():
        return
    if not PeriodicTaskRun.objects.filter(task_name=name).update(**changes):
        PeriodicTaskRun.objects.get_or_create(task_name=name)
        PeriodicTaskRun.objects.filter(task_name=name).update(**changes)


@signals.task_prerun.connect
@_safe
def on_prerun(task_id=None, task=None, **_kw):
    from .models import OutboxMessage

    S = OutboxMessage.State
    now = timezone.now()
    _rows(task_id).exclude(state__in=[S.SUCCEEDED]).update(
        state=S.RUNNING,
        run_attempts=F("run_attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        worker=f"{socket.gethostname()}:{os.getpid()}"[:200],
    )
    if task is not None and not task.request.is_eager:
        heartbeat.start(task_id)
    _periodic(getattr(task, "name", None), runs=F("runs") + 1, last_started_at=now)


@signals.task_postrun.connect
def on_postrun(task_id=None, **_kw):
    heartbeat.stop(task_id)


@signals.task_success.connect
@_safe
def on_success(sender=None, **_kw):
    from .models import OutboxMessage

    now = timezone.now()
    _rows(sender.request.id).update(
        state=OutboxMessage.State.SUCCEEDED, finished_at=now, last_error=""
    )
    _periodic(sender.name, last_succeeded_at=now, last_error="")


@signals.task_retry.connect
@_safe
def on_retry(request=None, reason=None, **_kw):
    from .models import OutboxMessage

    _rows(request.id).update(state=OutboxMessage.State.RETRYING, last_error=str(reason)[:2000])


@signals.task_failure.connect
@_safe
def on_failure(task_id=None, exception=None, sender=None, **_kw):
    from .models import OutboxMessage

    now = timezone.now()
    error = f"{type(exception).__name__}: {exception}"[:2000]
    _rows(task_id).update(state=OutboxMessage.State.FAILED, finished_at=now, last_error=error)
    _periodic(getattr(sender, "name", None), last_failed_at=now, last_error=error)


@signals.worker_ready.connect
@_safe
def on_worker_ready(sender=None, **_kw):
    """A worker that starts puts back what a dead worker left behind and sends what waited in
    the outbox while the broker was down."""
    from django.db import connection

    from .outbox import flush, sweep

    try:
        log.info("background: outbox on worker start: %s %s", sweep(), flush())
    finally:
        if not connection.in_atomic_block:  # the worker's main process keeps no connection
            connection.close()
