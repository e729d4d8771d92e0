"""Celery signal handlers that record on the outbox row how its task ran.

This is infrastructure, not business logic: the rows only describe the task's life (running,
retrying, succeeded, failed) so the secretary can see failures and retry them. Tasks not sent
through the outbox (beat's periodic ones) match no row and cost one empty UPDATE.
"""

from __future__ import annotations

import logging
import os
import socket

from celery import signals
from django.db.models import F
from django.utils import timezone

log = logging.getLogger(__name__)


def _rows(task_id):
    from .models import OutboxMessage

    return OutboxMessage.objects.filter(task_id=task_id)


def _safe(fn):
    def wrapper(*args, **kwargs):
        try:
            fn(*args, **kwargs)
        except Exception:  # never let bookkeeping break the task itself
            log.exception("background: could not record task state")

    return wrapper


@signals.task_prerun.connect
@_safe
def on_prerun(task_id=None, task=None, **_kw):
    from .models import OutboxMessage

    S = OutboxMessage.State
    _rows(task_id).exclude(state__in=[S.SUCCEEDED]).update(
        state=S.RUNNING,
        run_attempts=F("run_attempts") + 1,
        started_at=timezone.now(),
        worker=f"{socket.gethostname()}:{os.getpid()}"[:200],
    )


@signals.task_success.connect
@_safe
def on_success(sender=None, **_kw):
    from .models import OutboxMessage

    _rows(sender.request.id).update(
        state=OutboxMessage.State.SUCCEEDED, finished_at=timezone.now(), last_error=""
    )


@signals.task_retry.connect
@_safe
def on_retry(request=None, reason=None, **_kw):
    from .models import OutboxMessage

    _rows(request.id).update(state=OutboxMessage.State.RETRYING, last_error=str(reason)[:2000])


@signals.task_failure.connect
@_safe
def on_failure(task_id=None, exception=None, **_kw):
    from .models import OutboxMessage

    _rows(task_id).update(
        state=OutboxMessage.State.FAILED,
        finished_at=timezone.now(),
        last_error=f"{type(exception).__name__}: {exception}"[:2000],
    )


@signals.worker_ready.connect
@_safe
def on_worker_ready(sender=None, **_kw):
    """A worker that starts sends what waited in the outbox while the broker was down."""
    from django.db import connection

    from .outbox import flush

    try:
        log.info("background: flushed outbox on worker start: %s", flush())
    finally:
        if not connection.in_atomic_block:  # the worker's main process keeps no connection
            connection.close()
