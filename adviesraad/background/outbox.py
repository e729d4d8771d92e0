"""Publishing outbox rows to the broker, running them in-process without one, flushing, and
sweeping up work that a dead worker or a lost queue left behind.

Each row is handled under a row lock (``select_for_update``), and only while it is still
``pending``, so the after-commit publisher and ``flush_outbox`` never both send it. The broker is
probed with a raw socket first (0.4 s at most) and the publish itself has half-second socket
timeouts and no reconnect loop, so a request that enqueues work never waits more than about a
second for a broker that is down or hung (docs/rules.md S17).
"""

from __future__ import annotations

import datetime
import logging
import socket

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import OutboxMessage
from .rules import broker_address, is_lost, is_stale, sweep_action

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 0.4
# The publish after a successful probe: one connection attempt, short socket timeouts.
PUBLISH_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 0.5,
    "max_retries": 0,
}
FLUSH_BATCH = 200


class BrokerUnavailable(Exception):
    pass


def _app():
    from adviesraad.celery import app

    return app


def is_eager() -> bool:
    return bool(_app().conf.task_always_eager)


def probe_broker() -> None:
    """Raise :class:`BrokerUnavailable` unless the Redis broker answers PING within 0.4 s.

    Over TLS (``rediss://``) only the connection is tried: kombu does the handshake.
    """
    url = _app().conf.broker_write_url or _app().conf.broker_url or ""
    address = broker_address(url)
    if address is None:
        return
    try:
        with socket.create_connection(address, timeout=PROBE_TIMEOUT) as sock:
            if url.startswith("rediss:"):
                return
            sock.settimeout(PROBE_TIMEOUT)
            sock.sendall(b"PING\r\n")
            reply = sock.recv(64)
    except OSError as exc:
        raise BrokerUnavailable(str(exc)) from exc
    # A password-protected Redis answers -NOAUTH: it is up, kombu will authenticate.
    if not (reply.startswith(b"+PONG") or reply.startswith(b"-NOAUTH")):
        raise BrokerUnavailable(f"unexpected broker reply {reply[:20]!r}")


def _publish(message: OutboxMessage) -> None:
    app = _app()
    probe_broker()
    with app.connection_for_write(transport_options=PUBLISH_TRANSPORT_OPTIONS) as conn:
        app.send_task(
            message.task_name,
            args=message.args,
            kwargs=message.kwargs,
            task_id=message.task_id,
            connection=conn,
            retry=False,
        )


def find_task(name: str):
    """The registered task ``name``, importing its module first (autodiscovery is lazy)."""
    from importlib import import_module

    app = _app()
    if name not in app.tasks:
        try:
            import_module(name.rsplit(".", 1)[0])
        except ImportError:
            return None
    return app.tasks.get(name)


def _run_eager(message: OutboxMessage, *, propagate: bool) -> None:
    """Run the task in this process; the worker signals record running/succeeded/failed."""
    task = find_task(message.task_name)
    if task is None:
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=OutboxMessage.State.FAILED,
            last_error=f"Onbekende taak: {message.task_name}",
            finished_at=timezone.now(),
        )
        if propagate:
            raise KeyError(message.task_name)
        return
    result = task.apply(
        args=message.args, kwargs=message.kwargs, task_id=message.task_id, throw=False
    )
    if result.failed() and propagate:
        raise result.result


def deliver(pk: int, *, propagate: bool | None = None) -> str:
    """Publish (or, without a broker, run) outbox row ``pk`` if it is still pending.

    Returns the row's state afterwards. Broker failures are recorded on the row, never raised:
    the row stays ``pending`` for the next flush.
    """
    eager = is_eager()
    if propagate is None:
        propagate = eager and bool(_app().conf.task_eager_propagates)
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, state=OutboxMessage.State.PENDING)
            .first()
        )
        if message is None:
            return "skipped"
        message.publish_attempts += 1
        if eager:
            # Claimed under the lock, so a concurrent flush does not run it a second time.
            message.state = OutboxMessage.State.RUNNING
            message.save(update_fields=["publish_attempts", "state"])
        else:
            try:
                _publish(message)
            except Exception as exc:  # broker down or refusing: keep the row for the flush
                log.warning("outbox: could not publish %s: %s", message.task_name, exc)
                message.last_error = f"Wachtrij niet bereikbaar: {exc}"[:2000]
                message.save(update_fields=["publish_attempts", "last_error"])
                return OutboxMessage.State.PENDING
            message.state = OutboxMessage.State.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            message.save(update_fields=["publish_attempts", "state", "sent_at", "last_error"])
            return message.state
    # Eager: run outside the lock so the task's own writes and signals see a committed row.
    _run_eager(message, propagate=propagate)
    return OutboxMessage.objects.values_list("state", flat=True).get(pk=pk)


def flush(*, limit: int = FLUSH_BATCH) -> dict[str, int]:
    """Send every pending row (oldest first); stop at the first broker failure."""
    counts = {"sent": 0, "pending": 0}
    ids = list(
        OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        state = deliver(pk, propagate=False)
        if state == OutboxMessage.State.PENDING:
            counts["pending"] += 1
            break  # the broker is down: the rest waits for the next flush
        if state != "skipped":
            counts["sent"] += 1
    return counts


def _last_sign_of_life():
    return Coalesce("heartbeat_at", "started_at")


def sweep(*, now: datetime.datetime | None = None, limit: int = FLUSH_BATCH) -> dict[str, int]:
    """Put work that a dead worker or a lost queue left behind back in the outbox.

    A running row without a heartbeat for ``OUTBOX_STALE_SECONDS`` and a sent row that no worker
    started within ``OUTBOX_RESEND_AFTER_SECONDS`` go back to ``pending`` (the flush sends them
    with the same task id) or, per ``rules.sweep_action``, to ``stalled`` for a person to retry.
    Tasks are idempotent through their rows, so a task that did run after all runs once more
    without a second effect.
    """
    now = now or timezone.now()
    S = OutboxMessage.State
    stale_before = now - datetime.timedelta(seconds=settings.OUTBOX_STALE_SECONDS)
    lost_before = now - datetime.timedelta(seconds=settings.OUTBOX_RESEND_AFTER_SECONDS)
    ids = list(
        OutboxMessage.objects.annotate(alive_at=_last_sign_of_life())
        .filter(
            Q(state=S.RUNNING, alive_at__lt=stale_before)
            | Q(state=S.RUNNING, alive_at__isnull=True)
            | Q(state=S.SENT, sent_at__lt=lost_before)
            | Q(state=S.SENT, sent_at__isnull=True)
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts = {"resent": 0, "stalled": 0}
    for pk in ids:
        action = _sweep_one(pk, now=now)
        if action:
            counts[action] += 1
    return counts


def _sweep_one(pk: int, *, now: datetime.datetime) -> str | None:
    S = OutboxMessage.State
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, state__in=[S.RUNNING, S.SENT])
            .first()
        )
        if message is None:
            return None
        if message.state == S.RUNNING:
            due = is_stale(
                started_at=message.started_at,
                heartbeat_at=message.heartbeat_at,
                now=now,
                stale_after=settings.OUTBOX_STALE_SECONDS,
            )
            why = "Geen teken van leven van de worker"
        else:
            due = is_lost(
                sent_at=message.sent_at,
                now=now,
                resend_after=settings.OUTBOX_RESEND_AFTER_SECONDS,
                resends=message.resends,
            )
            why = "Door geen worker opgepakt"
        if not due:
            return None
        task = find_task(message.task_name)
        action = sweep_action(
            state=message.state,
            acks_late=bool(task is not None and task.acks_late),
            resends=message.resends,
            max_resends=settings.OUTBOX_MAX_RESENDS,
        )
        log.warning("outbox: %s %s (%s): %s", action, message.task_name, message.task_id, why)
        if action == "resend":
            message.state = S.PENDING
            message.resends += 1
            message.sent_at = None
            message.last_error = f"{why}; opnieuw verzonden."
            message.save(update_fields=["state", "resends", "sent_at", "last_error"])
            return "resent"
        message.state = S.STALLED
        message.last_error = f"{why}; vastgelopen. Start de taak opnieuw als dat nodig is."
        message.save(update_fields=["state", "last_error"])
        return "stalled"
