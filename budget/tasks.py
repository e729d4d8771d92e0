"""Background work of the budget app: the batch export of declarations.

The export runs as three kinds of task so that every worker process shares the rendering:
``run_declarations_export`` splits it into parts (and renders whatever part no other process
has taken), ``render_export_part`` renders one part,
and ``finish_declarations_export`` merges the summary sheet and the parts. Each is idempotent
through status guards on the rows (a re-delivered task after a crash finishes once).
"""

from celery import shared_task
from celery.signals import worker_init

LIMITS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": 8 * 60,
    "time_limit": 9 * 60,
}


@worker_init.connect
def preload_pdf_libraries(**kwargs) -> None:
    """Import WeasyPrint and pypdf in the worker's main process, before it forks its pool:
    the import costs about 2.5 s of CPU, which every process would otherwise pay in the
    middle of its first export. Only imports (no fonts loaded, nothing rendered)."""
    import pypdf  # noqa: F401
    import weasyprint  # noqa: F401


@shared_task(name="budget.tasks.run_declarations_export", **LIMITS)
def run_declarations_export(export_id: int) -> None:
    from .services import declaration_export_run

    declaration_export_run(export_id=export_id)


@shared_task(name="budget.tasks.render_export_part", bind=True, max_retries=60, **LIMITS)
def render_export_part(self, export_id: int, number: int) -> None:
    from .services import EXPORT_CLAIM_STALE, ExportPartBusy, declaration_export_render_part

    try:
        declaration_export_render_part(export_id=export_id, number=number)
    except ExportPartBusy as exc:
        # Another process has the part; if it died, its claim goes stale and we take over.
        raise self.retry(exc=exc, countdown=EXPORT_CLAIM_STALE.total_seconds() / 2) from exc


@shared_task(name="budget.tasks.finish_declarations_export", **LIMITS)
def finish_declarations_export(export_id: int) -> None:
    from .services import declaration_export_finish

    declaration_export_finish(export_id=export_id)


@shared_task(
    name="budget.tasks.purge_expired_exports", acks_late=True, time_limit=300, soft_time_limit=270
)
def purge_expired_exports() -> int:
    """Periodic: delete batch-export files after the council's retention period."""
    from .services import declaration_exports_purge_expired

    return declaration_exports_purge_expired()
