"""Periodic and self-test tasks of the background app (beat schedule in settings/base.py)."""

from __future__ import annotations

import time

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import SelfTestWrite
from .outbox import flush, sweep


@shared_task(
    name="adviesraad.background.tasks.flush_outbox",
    acks_late=True,
    time_limit=120,
    soft_time_limit=100,
)
def flush_outbox() -> dict:
    """Every minute (and when a worker starts): put back what a dead worker or a lost queue left
    behind (``outbox.sweep``), then send what waited because the broker was down."""
    return {**sweep(), **flush()}


@shared_task(
    name="adviesraad.background.tasks.send_reminders",
    acks_late=True,
    time_limit=15 * 60,
    soft_time_limit=14 * 60,
)
def send_reminders() -> dict:
    """One reminder sweep for today's Europe/Amsterdam date; idempotent through ReminderSent."""
    from .reminders import sweep_all

    return sweep_all(today=timezone.localdate())


@shared_task(
    name="adviesraad.background.tasks.selftest_write",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=120,
    soft_time_limit=110,
)
def selftest_write(key: str, hold_ms: int = 0, hold_first_ms: int = 0) -> str:
    """Write the row for ``key`` (once, by its unique key), then hold ``hold_ms`` ms.

    Holding after the write models a worker killed between the effect and the acknowledgement:
    the message is redelivered, runs again, and the unique key keeps the effect single.
    ``hold_first_ms`` holds before the write, with the database connection open: the window in
    which the fault tests cut that connection.
    """
    if hold_first_ms:
        SelfTestWrite.objects.filter(key=key).exists()  # opens the connection
        time.sleep(hold_first_ms / 1000)
    with transaction.atomic():
        SelfTestWrite.objects.get_or_create(key=key)
    if hold_ms:
        time.sleep(hold_ms / 1000)
    return key
