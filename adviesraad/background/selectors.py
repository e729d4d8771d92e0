"""Queries for the background-work page (secretary only; the view checks the permission), and
whether a piece of work is stalled (for pages that show the progress of their own task)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from adviesraad.notifications.models import Notification

from .labels import MAIL_TASKS
from .models import OutboxMessage, PeriodicTaskRun, ReminderSent


def outbox_list(*, user) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.all()


def reminder_list(*, user, limit: int = 20) -> list[ReminderSent]:
    return list(ReminderSent.objects.select_related("recipient", "notification")[:limit])


@dataclass(frozen=True)
class EmailRow:
    """One e-mail on the background-work page: a notification's, or a mail task's run."""

    created_at: datetime.datetime
    to: str
    subject: str
    status: str  # "sent", "failed" or "waiting"


def email_list(*, user, limit: int = 20) -> list[EmailRow]:
    """The latest e-mails, newest first: notification e-mails (with their recipient) and the runs
    of the other tasks that send e-mail (``labels.MAIL_TASKS``), in-process runs included."""
    notifications = (
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
    rows = [
        EmailRow(
            created_at=n.created_at,
            to=str(n.recipient),
            subject=n.title,
            status="sent" if n.emailed_at else "failed" if n.email_error else "waiting",
        )
        for n in notifications
    ]
    S = OutboxMessage.State
    for m in OutboxMessage.objects.filter(task_name__in=list(MAIL_TASKS)).only(
        "task_name", "state", "created_at", "finished_at"
    )[:limit]:
        status = {S.SUCCEEDED: "sent", S.FAILED: "failed", S.STALLED: "failed"}.get(
            m.state, "waiting"
        )
        rows.append(
            EmailRow(
                created_at=m.finished_at or m.created_at,
                to=str(MAIL_TASKS[m.task_name]),
                subject=m.task_label,
                status=status,
            )
        )
    rows.sort(key=lambda r: r.created_at, reverse=True)
    return rows[:limit]


def state_counts(*, user) -> dict[str, int]:
    """Rows per state; ``stalled`` also counts running rows without a recent heartbeat."""
    from django.db.models import Count

    rows = OutboxMessage.objects.values("state").annotate(n=Count("id")).order_by()
    counts = {r["state"]: r["n"] for r in rows}
    stale = _stale_running().count() if counts.get(OutboxMessage.State.RUNNING) else 0
    if stale:
        counts[OutboxMessage.State.STALLED] = counts.get(OutboxMessage.State.STALLED, 0) + stale
    return counts


def periodic_runs(*, user) -> list[PeriodicTaskRun]:
    """The last run of each scheduled task, in the order of the schedule."""
    runs = {r.task_name: r for r in PeriodicTaskRun.objects.all()}
    names = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    return [runs.get(name) or PeriodicTaskRun(task_name=name) for name in names]


def _stale_running() -> QuerySet[OutboxMessage]:
    """Running rows whose last sign of life is older than ``OUTBOX_STALE_SECONDS`` (the query
    form of ``rules.is_stale``)."""
    before = timezone.now() - datetime.timedelta(seconds=settings.OUTBOX_STALE_SECONDS)
    return (
        OutboxMessage.objects.filter(state=OutboxMessage.State.RUNNING)
        .annotate(alive_at=Coalesce("heartbeat_at", "started_at"))
        .filter(Q(alive_at__lt=before) | Q(alive_at__isnull=True))
    )


def work_stalled(*, user, task_names: Iterable[str], first_arg: int | str) -> bool:
    """Whether any task among ``task_names`` whose first argument is ``first_arg`` (for
    example an export's id) has stalled: marked so by the sweep, or running without a
    heartbeat. A page showing that work's progress says so (the work resumes by itself once a
    worker runs, or the secretary retries it)."""
    rows = OutboxMessage.objects.filter(task_name__in=list(task_names), args__0=first_arg)
    if rows.filter(state=OutboxMessage.State.STALLED).exists():
        return True
    return _stale_running().filter(pk__in=rows.values("pk")).exists()
