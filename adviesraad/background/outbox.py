"""Publishing outbox rows to the broker, running them in-process without one, and flushing.

Each row is handled under a row lock (``select_for_update``), and only while it is still
``pending``, so the after-commit publisher and ``flush_outbox`` never both send it. The broker is
probed with a raw socket first (half a second at most) because the Redis client retries with
back-off and would otherwise hold a request for seconds when Redis is down.
"""

from __future__ import annotations

import logging
import socket

from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage
from .rules import broker_address

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 0.5
FLUSH_BATCH = 200


class BrokerUnavailable(Exception):
    pass


def _app():
    from adviesraad.celery import app

    return app


def is_eager() -> bool:
    return bool(_app().conf.task_always_eager)


def probe_broker() -> None:
    """Raise :class:`BrokerUnavailable` unless the Redis broker answers PING within 0.5 s."""
    address = broker_address(_app().conf.broker_write_url or _app().conf.broker_url or "")
    if address is None:
        return
    try:
        with socket.create_connection(address, timeout=PROBE_TIMEOUT) as sock:
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
    with app.connection_for_write() as conn:
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
