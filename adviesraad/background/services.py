"""Writes on background work: retrying a failed or stalled task."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError

from .models import OutboxMessage, new_task_id
from .outbox import deliver


class BackgroundError(DomainError):
    pass


def outbox_retry(*, message_id: int, by) -> OutboxMessage:
    """Put a failed or stalled task back in the outbox (new task id) and send it after commit.

    Stalled: marked so by the sweep, or running without a heartbeat (``rules.is_stale``). The
    new task id keeps a late copy of the old message from touching the row.
    """
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            raise BackgroundError("Deze taak bestaat niet (meer).")
        if not message.may_retry:
            raise BackgroundError(
                "Alleen een mislukte of vastgelopen taak kan opnieuw worden gestart."
            )
        message.state = OutboxMessage.State.PENDING
        message.task_id = new_task_id()
        message.last_error = ""
        message.sent_at = message.started_at = message.heartbeat_at = message.finished_at = None
        message.save()
        audit_record(
            actor=by,
            action="background.retry",
            obj=message,
            data={"task": message.task_name, "retried_at": timezone.now().isoformat()},
        )
        pk = message.pk
        # robust: a failure after the commit is logged, never raised into the request
        transaction.on_commit(lambda: deliver(pk, propagate=False), robust=True)
    return message
