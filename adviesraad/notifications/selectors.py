"""Queries for the notification pages, always scoped to the person asking."""

from django.core.cache import cache
from django.db.models import QuerySet

from .models import Notification


def notification_list(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).only(
        "id", "kind", "title", "url", "created_at", "read_at", "recipient_id"
    )


UNREAD_CACHE_SECONDS = 60


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_count_cached(*, user) -> int:
    """The bell's count: from the cache when it can (no query on most pages), else one COUNT.

    Services forget the cached value when a notification is made or read. A cache that does
    not answer (Redis down) falls back to the query.
    """
    if not getattr(user, "is_authenticated", False):
        return 0
    key = _unread_key(user.pk)
    try:
        value = cache.get(key)
    except Exception:
        value = None
    if value is None:
        value = unread_count(user=user)
        try:
            cache.set(key, value, UNREAD_CACHE_SECONDS)
        except Exception:  # noqa: S110  the count is only a convenience
            pass
    return value


def unread_count_forget(user_id: int) -> None:
    """Drop the cached count now and again after commit (a racing page may re-cache it)."""
    from django.db import transaction

    def forget():
        try:
            cache.delete(_unread_key(user_id))
        except Exception:  # noqa: S110
            pass

    forget()
    transaction.on_commit(forget)


def digest_recipients():
    """People with notifications waiting for their daily digest."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            notifications__delivery="digest",
            notifications__digested_at__isnull=True,
        )
        .distinct()
    )
