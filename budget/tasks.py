"""Background work of the budget app: the batch export of declarations."""

from celery import shared_task


@shared_task(
    name="budget.tasks.run_declarations_export",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=8 * 60,
    time_limit=9 * 60,
)
def run_declarations_export(export_id: int) -> None:
    """Build the combined PDF and summary of an export; a finished export is left alone."""
    from .services import declaration_export_run

    declaration_export_run(export_id=export_id)
