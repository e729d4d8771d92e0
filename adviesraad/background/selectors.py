"""Queries for the background-work page (secretary only; the view checks the permission)."""

from django.db.models import QuerySet

from adviesraad.notifications.models import Notification

from .models import OutboxMessage, ReminderSent


def outbox_list(*, user) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.all()


def reminder_list(*, user, limit: int = 20) -> list[ReminderSent]:
    return list(ReminderSent.objects.select_related("recipient", "notification")[:limit])


def email_list(*, user, limit: int = 20) -> list[Notification]:
    return list(
        Notification.objects.filter(delivery="email")
        .select_related("recipient")
        .only(
            "id",
            "title",
            "kind",
            "created_at",
            "emailed_at",
            "email_error",
            "recipient__first_name",
            "recipient__last_name",
            "recipient__email",
        )[:limit]
    )


def state_counts(*, user) -> dict[str, int]:
    from django.db.models import Count

    rows = OutboxMessage.objects.values("state").annotate(n=Count("id")).order_by()
    return {r["state"]: r["n"] for r in rows}
