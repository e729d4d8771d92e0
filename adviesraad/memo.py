"""Values read from the shared cache that a process may trust for a moment.

Every request needs a few shared values (the publication version, the council's settings).
Reading each from Redis costs a round trip per request; a web process keeps what it read for
``PROCESS_MEMO_SECONDS`` (one second by default, 0 in the tests). A change made by this
process is seen at once (the writer calls :meth:`ProcessMemo.forget`), a change made by
another process at most that long later.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache
from django.conf import settings

T = TypeVar("T")


class ProcessMemo(Generic[T]):
    def __init__(self) -> None:
        self._entry: tuple[T, float] | None = None  # (value, monotonic deadline)

    def get(self, load: Callable[[], T]) -> T:
        seconds = settings.PROCESS_MEMO_SECONDS
        now = time.monotonic()
        entry = self._entry
        if seconds and entry is not None and entry[1] > now:
            return entry[0]
        value = load()
        self._entry = (value, now + seconds) if seconds else None
        return value

    def forget(self) -> None:
        self._entry = None


class ProcessLRU:
    """Values a process computed, kept for ``PAGE_CACHE_SECONDS`` (0 = off, as in the tests),
    at most ``maxsize`` of them (least recently used go first).

    For what every public request would otherwise recompute and what only changes with a
    version in the key (a ``PublicVersion``): a made-up key evicts
    an entry but never grows memory, and the shared cache (Redis) holds none of it. Values
    are shared between requests, so callers must not change them.
    """

    def __init__(self, maxsize: int) -> None:
        self._entries: LRUCache = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()

    def get_or_set(self, key: Hashable, compute: Callable[[], T]) -> T:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = compute()
        with self._lock:
            self._entries[key] = (now + seconds, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def maxsize(self) -> int:
        return int(self._entries.maxsize)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class PublicVersion:
    """A number in the shared cache that keys what is kept of an app's public pages (the page
    cache, ``ProcessLRU`` entries): raising it after commit makes all of that stale at once.

    It starts at a random number, not 1, so that after the cache is flushed no process can
    mistake what it kept under an old version for the current pages. Each process trusts the
    number it read for ``PROCESS_MEMO_SECONDS``; the process that raises it forgets at once.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self._memo: ProcessMemo[int] = ProcessMemo()

    def get(self) -> int:
        return self._memo.get(self._load)

    def _load(self) -> int:
        from django.core.cache import cache

        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, secrets.randbits(48), None)
            version = cache.get(self.key) or 1
        return int(version)

    def bump(self) -> None:
        """Raise the version after commit (a rolled-back change raises nothing)."""
        from django.db import transaction

        transaction.on_commit(self._raise)

    def _raise(self) -> None:
        from django.core.cache import cache

        try:
            cache.incr(self.key)
        except ValueError:  # no version yet (or the cache was flushed): start anew
            cache.set(self.key, secrets.randbits(48), None)
        self._memo.forget()

    def forget(self) -> None:
        self._memo.forget()
