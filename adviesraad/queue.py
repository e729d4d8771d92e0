"""The one way the app hands work to Celery: a database outbox, published after commit.

``enqueue("app.tasks.name", *ids)`` writes an :class:`~adviesraad.background.models.OutboxMessage`
in the caller's transaction, so a rolled-back change enqueues nothing (docs/rules.md S18). After the
commit the message is published with short timeouts (about a second at most); when the broker is
down or hung the row waits and
``adviesraad.background.tasks.flush_outbox`` (every minute, and when a worker starts) sends it
later, so pages keep answering (docs/rules.md S17). Without a broker (``task_always_eager``) the
task runs in-process after commit. Arguments are ids and short strings only (docs/rules.md S20).
"""

from __future__ import annotations

from django.db import transaction

from adviesraad.background.rules import check_task_args


def enqueue(task_name: str, *args: int | str, **kwargs: int | str | None):
    """Record ``task_name(*args, **kwargs)`` in the outbox and send it once the transaction commits.

    Returns the outbox row. Raises ``TypeError`` for arguments that are not ids or short strings.
    """
    from adviesraad.background.models import OutboxMessage
    from adviesraad.background.outbox import deliver

    check_task_args(args, kwargs)
    message = OutboxMessage.objects.create(task_name=task_name, args=list(args), kwargs=kwargs)
    # robust: whatever goes wrong after the commit (the broker, the database) is logged, never
    # raised into the request that already committed; the row waits for flush_outbox.
    transaction.on_commit(lambda: deliver(message.pk), robust=True)
    return message
