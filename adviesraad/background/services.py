"""Writes on background work: retrying a failed task."""

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
    """Put a failed task back in the outbox (new task id) and send it after commit."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            raise BackgroundError("Deze taak bestaat niet (meer).")
        if not message.can_transition_to(OutboxMessage.State.PENDING):
            raise BackgroundError("Alleen een mislukte taak kan opnieuw worden gestart.")
        message.state = OutboxMessage.State.PENDING
        message.task_id = new_task_id()
        message.last_error = ""
        message.sent_at = message.started_at = message.finished_at = None
        message.save()
        audit_record(
            actor=by,
            action="background.retry",
            obj=message,
            data={"task": message.task_name, "retried_at": timezone.now().isoformat()},
        )
        pk = message.pk
        transaction.on_commit(lambda: deliver(pk, propagate=False), robust=False)
    return message
