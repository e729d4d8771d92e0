"""Values read from the shared cache that a process may trust for a moment.

Every request needs a few shared values (the publication version, the council's settings).
Reading each from Redis costs a round trip per request; a web process keeps what it read for
``PROCESS_MEMO_SECONDS`` (one second by default, 0 in the tests). A change made by this
process is seen at once (the writer calls :meth:`ProcessMemo.forget`), a change made by
another process at most that long later.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

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
