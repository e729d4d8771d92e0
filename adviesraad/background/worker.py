"""What runs inside a Celery worker around every task: the base task class and the heartbeat.

* :class:`Task` (the app's base class, ``adviesraad/celery.py``): a task that loses its database
  connection (the server restarted, a failover, ``pg_terminate_backend``) closes the broken
  connection and is retried on a fresh one after ``TASK_DB_RETRY_SECONDS`` (doubling), at most
  ``TASK_DB_RETRIES`` times; the last failure is recorded on the outbox row by the failure
  handler in ``signals.py``, which opens a fresh connection for it. Tasks are idempotent
  through their rows, so running one again is safe.
* :data:`heartbeat`: while a task from the outbox runs, a thread of the pool process writes
  ``heartbeat_at`` on its row every ``OUTBOX_HEARTBEAT_SECONDS``, so a worker that was killed
  (no heartbeat any more) can be told from one that is busy with a long export
  (``rules.is_stale``).

Django is imported inside the functions: this module is loaded by the Celery app before Django
is set up.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable

import celery

log = logging.getLogger(__name__)


def database_connection_errors() -> tuple[type[Exception], ...]:
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError)


def drop_broken_connections(aliases: Iterable[str] | None = None) -> None:
    """Close this thread's database connections that are not inside a transaction.

    After a lost connection Django keeps the dead one until the request (or task) ends; closing
    it here makes the next query open a fresh one.
    """
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if aliases is not None and conn.alias not in aliases:
            continue
        if conn.in_atomic_block:
            continue
        try:
            conn.close()
        except Exception:  # the socket is already gone; the wrapper forgets it either way
            log.debug("closing a broken database connection failed", exc_info=True)


class Task(celery.Task):
    """Celery's task with one extra: retry on a lost database connection (see the module)."""

    def __call__(self, *args, **kwargs):
        errors = database_connection_errors()
        try:
            return super().__call__(*args, **kwargs)
        except errors as exc:
            request = self.request
            if request.is_eager or request.called_directly:
                raise  # in-process: the caller's transaction decides
            from django.conf import settings

            from .rules import retry_delay

            drop_broken_connections()
            retries = request.retries or 0
            limit = settings.TASK_DB_RETRIES
            if retries >= limit:
                raise
            delay = retry_delay(retries, base=settings.TASK_DB_RETRY_SECONDS)
            log.warning(
                "task %s[%s] lost its database connection (%s); retry %d of %d in %.0f s",
                self.name,
                request.id,
                exc,
                retries + 1,
                limit,
                delay,
            )
            raise self.retry(
                exc=exc, countdown=delay, max_retries=max(limit, self.max_retries or 0)
            ) from exc


class Heartbeat:
    """One thread per worker process writing ``heartbeat_at`` for the outbox rows it runs."""

    def __init__(self) -> None:
        self._pid = 0
        self._lock = threading.Lock()
        self._running: set[str] = set()
        self._wake = threading.Event()

    def start(self, task_id: str) -> None:
        with self._guard():
            self._running.add(task_id)

    def stop(self, task_id: str) -> None:
        with self._guard():
            self._running.discard(task_id)

    def _guard(self) -> threading.Lock:
        if self._pid != os.getpid():
            # A forked pool process: the parent's thread did not come along. Start our own.
            self._pid = os.getpid()
            self._lock = threading.Lock()
            self._running = set()
            self._wake = threading.Event()
            threading.Thread(target=self._run, name="outbox-heartbeat", daemon=True).start()
        return self._lock

    def _run(self) -> None:
        from django.conf import settings
        from django.db import connection

        while True:
            self._wake.wait(settings.OUTBOX_HEARTBEAT_SECONDS)
            with self._lock:
                running = list(self._running)
            if not running:
                continue
            try:
                self.beat(running)
            except Exception:  # a database hiccup: the next beat tries again
                log.warning("outbox heartbeat failed", exc_info=True)
            finally:
                connection.close()  # this thread's own connection; reopened next time

    @staticmethod
    def beat(task_ids: list[str]) -> int:
        from django.utils import timezone

        from .models import OutboxMessage

        return OutboxMessage.objects.filter(
            task_id__in=task_ids, state=OutboxMessage.State.RUNNING
        ).update(heartbeat_at=timezone.now())


heartbeat = Heartbeat()
