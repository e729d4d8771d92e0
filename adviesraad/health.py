"""``/healthz``: whether this web process can serve, within a second whatever hangs.

What the answer means (docs/architecture.md, "What happens on each fault"):

* ``ok`` (200): the database and the broker answer.
* ``degraded`` (200): the database answers, the broker (Redis) does not. Pages, log-in, voting
  and uploads work; background work waits in the outbox and goes out when Redis returns. A load
  balancer keeps the instance (every instance shares the one Redis, so taking them out would
  turn a degraded site into a dead one); monitoring alerts on the status, or asks
  ``/healthz?strict=1``, which answers 503 for this too.
* ``outage`` (503): the database does not answer within ``HEALTHZ_TIMEOUT`` (0.6 s): nothing
  works without it, so a load balancer takes the instance out.

The database is asked on a connection of its own, in a thread that is given up after the
timeout (a hung server would otherwise hold the request); at most one such check runs per
process, so a hung database does not pile up threads. The broker is pinged at the same time
with 0.4 s socket timeouts.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)

BROKER_TIMEOUT = 0.4

_lock = threading.Lock()
_running: threading.Thread | None = None


def _ask_database(result: dict) -> None:
    from django.db import connections

    connection = connections["default"]  # this thread's own connection
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        result["database"] = "ok"
    except Exception:  # any failure means the database does not answer
        log.exception("health: database check failed")
        result["database"] = "error"
    finally:
        connection.close()


def _start_database_check() -> tuple[threading.Thread, dict] | None:
    """Ask the database in a thread; ``None`` while the previous check still hangs."""
    global _running
    with _lock:
        if _running is not None and _running.is_alive():
            return None
        result: dict[str, str] = {}
        _running = thread = threading.Thread(
            target=_ask_database, args=(result,), name="healthz-database", daemon=True
        )
        thread.start()
    return thread, result


def _database_answer(check: tuple[threading.Thread, dict] | None, *, deadline: float) -> str:
    """``ok``, ``error`` (refused, failed) or ``timeout`` (no answer by ``deadline``)."""
    if check is None:
        return "timeout"
    thread, result = check
    thread.join(max(0.0, deadline - time.monotonic()))
    if thread.is_alive():
        log.error("health: the database did not answer within %.1f s", settings.HEALTHZ_TIMEOUT)
        return "timeout"
    return result.get("database", "error")


def check_database(timeout: float) -> str:
    """The database's answer within ``timeout`` seconds (see :func:`_database_answer`)."""
    return _database_answer(_start_database_check(), deadline=time.monotonic() + timeout)


def check_broker() -> str:
    """``ok`` when Redis answers PING within 0.4 s, ``in-process`` without a broker."""
    if not settings.REDIS_URL:
        return "in-process"
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=BROKER_TIMEOUT, socket_timeout=BROKER_TIMEOUT
    )
    try:
        client.ping()
        return "ok"
    except redis.RedisError:
        return "error"
    finally:
        client.close()


@never_cache
def healthz(request):
    """Database down or hung: 503 ``outage``. Broker down: 200 ``degraded`` (503 with
    ``?strict=1``). Answers within ``HEALTHZ_TIMEOUT`` plus a little, whatever hangs."""
    deadline = time.monotonic() + settings.HEALTHZ_TIMEOUT
    database_check = _start_database_check()  # the database and the broker at the same time
    broker = check_broker()
    database = _database_answer(database_check, deadline=deadline)
    if database != "ok":
        status, code = "outage", 503
    elif broker == "error":
        status, code = "degraded", 503 if request.GET.get("strict") else 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "database": database, "broker": broker}, status=code)
