"""The beat schedule without Celery beat: ``CELERY_BEAT_SCHEDULE`` run in this process.

On the embedded set-up (no ``REDIS_URL``: tasks run in-process) there is no beat, so reminders
and the close of a written vote at its deadline would never happen. ``manage.py run_schedule``
(started by ``make run`` next to runserver; docs/decisions.md, "The schedule without Redis")
runs :class:`EmbeddedScheduler` instead: every entry at its own interval or crontab, judged by
Celery's own schedule objects, each run through ``Task.apply`` so the worker signals record it in
``PeriodicTaskRun`` exactly as a run sent by beat. A task that raises is recorded as failed and
the schedule carries on.

An entry's last run is read from ``PeriodicTaskRun`` when the scheduler starts, so a restart
neither repeats the day's work nor skips it: the 07:00 reminders missed while the laptop was off
go out at the next start (they are idempotent through ``ReminderSent``). An entry that never ran
runs at the first tick.
"""

from __future__ import annotations

import copy
import datetime
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from .models import PeriodicTaskRun
from .outbox import find_task

log = logging.getLogger(__name__)

# The longest the loop sleeps: a schedule that changes (a restart) is picked up this soon.
MAX_SLEEP_SECONDS = 60.0
NEVER = datetime.timedelta(days=400)  # "never ran": older than any entry's period


@dataclass
class Entry:
    name: str
    task: str
    schedule: Any  # a celery.schedules.schedule or crontab, with our clock
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    last_run_at: datetime.datetime | None = None


def _schedule(value, *, now: Callable[[], datetime.datetime]):
    """Celery's schedule object for an entry's ``schedule`` value, reading the time from ``now``."""
    from celery.schedules import schedule as interval

    from adviesraad.celery import app

    if isinstance(value, int | float | datetime.timedelta):
        seconds = value if isinstance(value, datetime.timedelta) else float(value)
        return interval(seconds, nowfun=now, app=app)
    value = copy.copy(value)  # the settings' object stays as it is
    value.nowfun = now
    value.app = app
    return value


class EmbeddedScheduler:
    """Runs each entry of ``schedule`` (default ``CELERY_BEAT_SCHEDULE``) when it is due."""

    def __init__(
        self,
        *,
        schedule: dict | None = None,
        now: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        self.now = now or timezone.now
        schedule = settings.CELERY_BEAT_SCHEDULE if schedule is None else schedule
        last = dict(PeriodicTaskRun.objects.values_list("task_name", "last_started_at"))
        self.entries = [
            Entry(
                name=name,
                task=spec["task"],
                schedule=_schedule(spec["schedule"], now=self.now),
                args=tuple(spec.get("args", ())),
                kwargs=dict(spec.get("kwargs", {})),
                last_run_at=last.get(spec["task"]),
            )
            for name, spec in schedule.items()
        ]

    def run_due(self) -> float:
        """Run every entry that is due now; return the seconds until the next one is due."""
        wait = MAX_SLEEP_SECONDS
        for entry in self.entries:
            last = entry.last_run_at or (self.now() - NEVER)
            due, next_in = entry.schedule.is_due(last)
            if due:
                entry.last_run_at = self.now()
                self.run(entry)
            wait = min(wait, float(next_in))
        return max(wait, 0.0)

    def run(self, entry: Entry) -> bool:
        """Run one entry in this process; ``False`` when it failed (logged and recorded)."""
        task = find_task(entry.task)
        if task is None:
            log.error("schedule: unknown task %s (entry %s)", entry.task, entry.name)
            return False
        try:
            # throw=False: a task that raises is recorded as failed by the worker signals
            # (PeriodicTaskRun.last_error) and returns its exception here instead of raising.
            result = task.apply(args=entry.args, kwargs=entry.kwargs, throw=False)
        except Exception:  # the bookkeeping around the task failed: log, carry on
            log.exception("schedule: %s could not run", entry.task)
            return False
        finally:
            _release_connections()
        if result.failed():
            log.warning("schedule: %s failed: %r", entry.task, result.result)
            return False
        log.info("schedule: %s ran (%r)", entry.task, result.result)
        return True

    def run_forever(
        self, stop: threading.Event | None = None, *, max_sleep: float = MAX_SLEEP_SECONDS
    ) -> None:
        """Run due entries until ``stop`` is set, sleeping until the next one is due."""
        stop = stop or threading.Event()
        while not stop.is_set():
            try:
                wait = self.run_due()
            except Exception:  # the database briefly away (SQLite locked): try again soon
                log.exception("schedule: a tick failed")
                _release_connections()
                wait = max_sleep
            stop.wait(min(wait, max_sleep))


def _release_connections() -> None:
    """Close this thread's database connections between runs (not inside a test's transaction):
    a long-lived process keeps no idle connection and never reuses a broken one."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()
