"""The one way the app hands work to Celery.

``enqueue("app.tasks.name", *ids)`` sends the task only after the surrounding transaction
commits, so a rolled-back change enqueues nothing (SECURITY.md 18). Arguments are ids and plain
values only (SECURITY.md 20).
"""

from __future__ import annotations

from django.db import transaction


def enqueue(task_name: str, *args: int | str, **kwargs: int | str | None) -> None:
    """Send ``task_name`` with JSON-safe id arguments once the transaction has committed."""
    for value in [*args, *kwargs.values()]:
        if value is not None and not isinstance(value, int | str):
            raise TypeError(
                f"Task arguments must be ids or short strings, got {type(value).__name__}"
            )

    def send() -> None:
        from adviesraad.celery import app

        app.send_task(
            task_name, args=list(args), kwargs=kwargs
        ) if not app.conf.task_always_eager else (
            app.tasks[task_name].apply(args=list(args), kwargs=kwargs, throw=True)
        )

    transaction.on_commit(send, robust=False)
