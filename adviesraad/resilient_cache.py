"""Django's Redis cache backend, degrading instead of failing when Redis is down or hung.

A cache is an optimisation (docs/rules.md S17): when Redis does not answer, a read is a miss, a
write does nothing, ``add`` says it added nothing and ``incr`` raises ``ValueError`` as for a
missing key, so the page is rendered without the cache. The first failure is logged once per
process; the backend then leaves that server alone for ``RETRY_AFTER`` seconds (a hung Redis
would otherwise cost every cache call its socket timeout), tries again after that, and logs
once when it answers again.

Only the public methods of Django's cache API are wrapped; everything else is Django's own
``RedisCache``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
T = TypeVar("T")

# What an unreachable or hung server raises (refused, reset, timed out, still loading).
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


class Outage:
    """Whether one Redis server is taken to be down, shared by every cache alias and thread of
    the process that use it (so an outage is logged once, not once per alias or request)."""

    def __init__(self, server: str, retry_after: float) -> None:
        parts = urlsplit(server)
        self.name = f"{parts.hostname}:{parts.port or 6379}{parts.path}"  # no password
        self.retry_after = retry_after
        self.down = False
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def skip(self) -> bool:
        """True while the server is down and the next try is not due yet."""
        return self.down and time.monotonic() < self.retry_at

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            first = not self.down
            self.down = True
            self.retry_at = time.monotonic() + self.retry_after
        if first:
            log.error(
                "cache server %s does not answer (%s: %s); serving without it, "
                "trying again every %g s",
                self.name,
                type(exc).__name__,
                exc,
                self.retry_after,
            )

    def answered(self) -> None:
        if self.down:
            with self._lock:
                was_down, self.down = self.down, False
            if was_down:
                log.warning("cache server %s answers again", self.name)


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_for(server: str, retry_after: float) -> Outage:
    with _outages_lock:
        if server not in _outages:
            _outages[server] = Outage(server, retry_after)
        return _outages[server]


class ResilientRedisCache(RedisCache):
    """``CACHES[alias]["BACKEND"] = "adviesraad.resilient_cache.ResilientRedisCache"``; an
    optional ``RETRY_AFTER`` (seconds, default 10) next to ``LOCATION``."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.outage = outage_for(server, float(params.get("RETRY_AFTER", 10)))

    def _guarded(self, miss: Callable[[], T], call: Callable[..., T], *args: Any) -> T:
        if self.outage.skip():
            return miss()
        try:
            result = call(*args)
        except OUTAGE as exc:
            self.outage.failed(exc)
            return miss()
        self.outage.answered()
        return result

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(lambda: False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(lambda: False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded(lambda: None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        def unreachable():
            raise ValueError(f"Key '{key}' not found (the cache does not answer)")

        return self._guarded(unreachable, super().incr, key, delta, version)

    def clear(self):
        return self._guarded(lambda: None, super().clear)
