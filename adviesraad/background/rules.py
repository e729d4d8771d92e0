"""Pure rules for background work: what a task may carry, and when a message may be retried."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Messages carry ids and short strings only (SECURITY.md 20): no names, bank details or bytes.
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
