"""Pure rules for background work: what a task may carry, when work in flight is stalled or
lost, what the sweep does with it, and how long a task waits before it tries again."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

# Messages carry ids and short strings only (docs/rules.md S20): no names, bank details or bytes.
MAX_STRING_ARG = 100


def check_task_args(args: Iterable[object], kwargs: Mapping[str, object]) -> None:
    """Raise ``TypeError`` unless every argument is an int, a short string or ``None`` (kwargs)."""
    for value in args:
        _check_value(value, allow_none=False)
    for key, value in kwargs.items():
        if not isinstance(key, str):
            raise TypeError("Task keyword names must be strings")
        _check_value(value, allow_none=True)


def _check_value(value: object, *, allow_none: bool) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"Task arguments must be ids or short strings, got {type(value).__name__}")
    if isinstance(value, str) and len(value) > MAX_STRING_ARG:
        raise TypeError(f"Task string arguments are at most {MAX_STRING_ARG} characters")


def broker_address(url: str) -> tuple[str, int] | None:
    """Host and port of a Redis broker URL, or ``None`` for brokers that need no network."""
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss"):
        return None
    return parsed.hostname or "127.0.0.1", parsed.port or 6379


# --- work in flight ------------------------------------------------------------------------

RUNNING = "running"
SENT = "sent"
FAILED = "failed"
STALLED = "stalled"


def is_stale(
    *,
    started_at: datetime.datetime | None,
    heartbeat_at: datetime.datetime | None,
    now: datetime.datetime,
    stale_after: int,
) -> bool:
    """A running task is stale when its last sign of life (start or heartbeat) is more than
    ``stale_after`` seconds old: the worker running it writes a heartbeat far more often, so
    it has died (killed, out of memory, its machine gone)."""
    signs = [t for t in (started_at, heartbeat_at) if t is not None]
    if not signs:
        return True
    return now - max(signs) > datetime.timedelta(seconds=stale_after)


def is_lost(
    *,
    sent_at: datetime.datetime | None,
    now: datetime.datetime,
    resend_after: int,
    resends: int,
) -> bool:
    """A task sent to the queue that no worker has started after ``resend_after`` seconds
    (doubled after each resend, so a long queue is not flooded) was probably lost with the
    queue (Redis restarted without its data): send it again."""
    if sent_at is None:
        return True
    return now - sent_at > datetime.timedelta(seconds=resend_after * 2**resends)


def sweep_action(*, state: str, acks_late: bool, resends: int, max_resends: int) -> str:
    """What the sweep does with a stale running or lost sent task: ``"resend"`` or ``"stall"``.

    Sent again automatically at most ``max_resends`` times, so a task that kills its worker
    every time stops there and waits for a person. A running task is sent again only when it
    acknowledges late (``acks_late``): those tasks are written to run twice safely; any other
    is shown as stalled for a person to decide. A task that never started is always safe to send.
    """
    if resends >= max_resends:
        return "stall"
    if state == RUNNING and not acks_late:
        return "stall"
    return "resend"


def may_retry_by_hand(*, state: str, stalled: bool) -> bool:
    """The secretary may put a failed or stalled task back in the queue (not one that runs)."""
    return state in (FAILED, STALLED) or stalled


def retry_delay(retries: int, *, base: float, cap: float = 15 * 60) -> float:
    """Seconds before retry number ``retries + 1``: ``base``, then doubling, at most ``cap``."""
    return min(base * 2**retries, cap)
