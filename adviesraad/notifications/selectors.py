"""Queries for the notification pages, always scoped to the person asking."""

from django.db.models import QuerySet

from .models import Notification


def notification_list(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).only(
        "id", "kind", "title", "url", "created_at", "read_at", "recipient_id"
    )


def unread_count(*, user) -> int:
    """The bell's count: one COUNT on the (recipient, read_at) index."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


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
