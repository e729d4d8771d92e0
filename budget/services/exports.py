"""The declaration PDF and the batch export of approved declarations for the municipality.

An export freezes the approved declarations of a period, splits them into parts that the
worker processes render side by side (``budget.tasks``), then merges a summary sheet and the
parts into one PDF with a CSV summary. Every step is idempotent through status guards on the
rows, so a task delivered again after a crash finishes the export once. The files hold the
members' bank account numbers: they are deleted after the council's retention period.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.queue import enqueue

from .. import rules
from ..models import Declaration, DeclarationExport, DeclarationExportPart
from .common import BudgetError, delete_files_after_commit, require

# Declarations per part: small enough that two worker processes share a batch evenly.
EXPORT_PART_SIZE = 25

# A process rendering a part refreshes its claim with every progress report (at least every
# few seconds); a claim not refreshed for this long belongs to a process that died.
EXPORT_CLAIM_STALE = datetime.timedelta(seconds=60)


class ExportPartBusy(Exception):
    """Another process holds a fresh claim on the part: try again later.

    After a worker process is killed mid-part, its task is delivered again while the dead
    process's claim is still fresh; the task retries until the claim is stale (then takes the
    part over) or the part is done (then does nothing)."""


def declaration_render_pdf(*, declaration: Declaration, by: Any = None) -> bytes:
    """The declaration as the municipality processes it: a cover page (claimant, IBAN,
    period, lines, totals per budget line, the check and the approval), then every receipt
    in upload order (a PDF page by page, an image placed on an A4 page).

    The IBAN is whole only for the treasurer (``rules.iban_in_full_for``), who sends it to
    the municipality; the secretary and the claimant see it masked."""
    from .. import pdf

    full = rules.iban_in_full_for(
        may_export=by is not None and by.has_perm("budget.export_declarations")
    )
    return pdf.declaration_pdf(declaration, full_iban=full)


@transaction.atomic
def declarations_export(*, start: datetime.date, end: datetime.date, by: Any) -> DeclarationExport:
    """Freeze the declarations approved in the period (at least one) and export them in the
    background. Only the treasurer (``export_declarations``) exports."""
    require(by, "budget.export_declarations")
    if end < start:
        raise BudgetError(_("Het einde van de periode ligt vóór het begin."), field="end")
    declarations = list(
        Declaration.objects.filter(
            status=Declaration.Status.APPROVED,
            approved_at__date__gte=start,
            approved_at__date__lte=end,
        ).values_list("pk", flat=True)
    )
    if not declarations:
        raise BudgetError(_("In deze periode zijn geen goedgekeurde declaraties."), field="start")
    export = DeclarationExport.objects.create(
        start=start, end=end, requested_by=by, total=len(declarations)
    )
    export.declarations.set(declarations)
    audit_record(
        actor=by,
        action="declaration_export.requested",
        obj=export,
        data={"count": len(declarations)},
    )
    enqueue("budget.tasks.run_declarations_export", export.pk)
    return export


def declaration_export_download_record(*, export: DeclarationExport, by: Any, what: str) -> None:
    """Every download of an export's files is counted and in the audit log."""
    DeclarationExport.objects.filter(pk=export.pk).update(download_count=F("download_count") + 1)
    audit_record(actor=by, action="declaration_export.downloaded", obj=export, data={"file": what})


def declaration_export_start(*, export_id: int) -> None:
    """Split a queued export into parts of ``EXPORT_PART_SIZE`` (in the summary's order:
    claimant's name, then number) and hand each part to the queue.

    Idempotent: a finished export is left alone; a re-delivered start (after a crash) reuses
    the parts already made and re-enqueues only those not yet rendered."""
    with transaction.atomic():
        export = DeclarationExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status == DeclarationExport.Status.DONE:
            return
        export.status = DeclarationExport.Status.RUNNING
        export.attempts += 1
        export.error = ""
        export.save(update_fields=["status", "attempts", "error"])
        if not export.parts.exists():
            ids = list(
                export.declarations.order_by(
                    "claimant__last_name", "claimant__first_name", "id"
                ).values_list("pk", flat=True)
            )
            DeclarationExportPart.objects.bulk_create(
                DeclarationExportPart(
                    export=export, number=n, declaration_ids=ids[k : k + EXPORT_PART_SIZE]
                )
                for n, k in enumerate(range(0, len(ids), EXPORT_PART_SIZE))
            )
        pending = list(
            export.parts.filter(status=DeclarationExportPart.Status.PENDING).values_list(
                "number", flat=True
            )
        )
        for number in pending:
            enqueue("budget.tasks.render_export_part", export.pk, number)
        if not pending:
            enqueue("budget.tasks.finish_declarations_export", export.pk)


def _claim(part_id: int) -> bool:
    """Take a pending part for this process unless another process is rendering it."""
    now = timezone.now()
    return bool(
        DeclarationExportPart.objects.filter(
            pk=part_id, status=DeclarationExportPart.Status.PENDING
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - EXPORT_CLAIM_STALE))
        .update(claimed_at=now)
    )


def declaration_export_render_part(*, export_id: int, number: int) -> bool:
    """Render one part to a PDF file if no other process has it (else ``ExportPartBusy``);
    marked done once, whichever delivery finishes first. A failed render marks the export
    failed. Returns whether this call rendered it."""
    from .. import pdf

    part = DeclarationExportPart.objects.filter(export_id=export_id, number=number).first()
    if part is None or part.status == DeclarationExportPart.Status.DONE:
        return False
    if not _claim(part.pk):
        raise ExportPartBusy(f"export {export_id} part {number} is being rendered elsewhere")
    part_id = part.pk
    try:
        name = pdf.export_part_build(
            part, progress=lambda rendered: _export_part_progress(part_id, rendered)
        )
    except Exception as exc:
        DeclarationExport.objects.filter(pk=export_id).update(
            status=DeclarationExport.Status.FAILED, error=str(exc)[:500]
        )
        raise
    with transaction.atomic():
        export = DeclarationExport.objects.select_for_update().get(pk=export_id)
        part = DeclarationExportPart.objects.select_for_update().get(pk=part_id)
        if part.status == DeclarationExportPart.Status.DONE:  # a duplicate delivery won
            delete_files_after_commit([name])
            return False
        part.status = DeclarationExportPart.Status.DONE
        part.file = name
        part.rendered = len(part.declaration_ids)
        part.save(update_fields=["status", "file", "rendered"])
        _export_progress_refresh(export.pk)
        if not export.parts.filter(status=DeclarationExportPart.Status.PENDING).exists():
            enqueue("budget.tasks.finish_declarations_export", export.pk)
    return True


def _export_progress_refresh(export_id: int) -> None:
    done = (
        DeclarationExportPart.objects.filter(export_id=export_id).aggregate(n=Sum("rendered"))["n"]
        or 0
    )
    DeclarationExport.objects.filter(pk=export_id).update(done=done)


def _export_part_progress(part_id: int, rendered: int) -> None:
    """How far a part is, for the progress bar; also the heartbeat of the process's claim."""
    part = DeclarationExportPart.objects.filter(pk=part_id).only("export_id").first()
    if part is None:
        return
    DeclarationExportPart.objects.filter(
        pk=part_id, status=DeclarationExportPart.Status.PENDING
    ).update(rendered=rendered, claimed_at=timezone.now())
    _export_progress_refresh(part.export_id)


def declaration_export_finish(*, export_id: int) -> DeclarationExport | None:
    """Merge the summary sheet and the parts into the combined PDF, write the CSV summary and
    mark the export done (once, when no part is pending; the parts' files go after commit)."""
    from .. import pdf

    export = DeclarationExport.objects.filter(pk=export_id).first()
    if export is None or export.status == DeclarationExport.Status.DONE:
        return export
    if export.parts.filter(status=DeclarationExportPart.Status.PENDING).exists():
        return export
    try:
        pdf_name, csv_name, amount = pdf.export_finish_build(export)
    except Exception as exc:
        # The run task and the finish task may both finish an export; the one that marks it
        # done deletes the parts, which the other may still be reading: that is no failure.
        won = DeclarationExport.objects.filter(pk=export_id).first()
        if won is not None and won.status == DeclarationExport.Status.DONE:
            return won
        DeclarationExport.objects.filter(pk=export_id).update(
            status=DeclarationExport.Status.FAILED, error=str(exc)[:500]
        )
        raise
    with transaction.atomic():
        export = DeclarationExport.objects.select_for_update().get(pk=export_id)
        if export.status == DeclarationExport.Status.DONE:  # a parallel run won
            delete_files_after_commit([pdf_name, csv_name])
            return export
        parts = [p.file.name for p in export.parts.all() if p.file]
        export.file = pdf_name
        export.summary_file = csv_name
        export.amount_total = amount
        export.done = export.total
        export.status = DeclarationExport.Status.DONE
        export.finished_at = timezone.now()
        export.save()
        audit_record(actor="budget.tasks", action="declaration_export.finished", obj=export)
        # The parts' files go after commit; their rows keep no name of a deleted file.
        export.parts.exclude(file="").update(file="")
        delete_files_after_commit(parts)
    return export


def declaration_export_run(*, export_id: int) -> DeclarationExport | None:
    """Start the export, then help render: take every part no other process has claimed, and
    finish when all are done. The part tasks enqueued by the start let other worker
    processes share the work; if they never arrive, this call still completes the export."""
    declaration_export_start(export_id=export_id)
    for part in DeclarationExportPart.objects.filter(
        export_id=export_id, status=DeclarationExportPart.Status.PENDING
    ).order_by("number"):
        try:
            declaration_export_render_part(export_id=export_id, number=part.number)
        except ExportPartBusy:
            continue  # another process renders it; its part task finishes the export
    return declaration_export_finish(export_id=export_id)


def declaration_exports_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of batch exports older than the council's retention period.

    The combined PDF, the CSV summary and any leftover part files hold members' bank account
    numbers, so they are kept ``export_retention_days`` (a council setting) counted from when
    the export was made (``rules.export_retention_cutoff``), then deleted. The export row
    stays, marked with ``purged_at`` (who exported which period, and when, remains
    visible); the declarations themselves are not touched. Files are deleted after commit,
    so a rollback leaves them in place; a second run finds nothing to do. Returns the number
    of exports purged.
    """
    from members.selectors import council_settings_get

    now = now or timezone.now()
    limit = rules.export_retention_cutoff(
        now=now, days=council_settings_get().export_retention_days
    )
    with transaction.atomic():
        exports = list(
            DeclarationExport.objects.select_for_update()
            .filter(created_at__lt=limit, purged_at__isnull=True)
            .order_by("pk")
        )
        if not exports:
            return 0
        ids = [e.pk for e in exports]
        names = [f.name for e in exports for f in (e.file, e.summary_file) if f]
        parts = DeclarationExportPart.objects.filter(export_id__in=ids).exclude(file="")
        names += list(parts.values_list("file", flat=True))
        parts.update(file="")
        DeclarationExport.objects.filter(pk__in=ids).update(file="", summary_file="", purged_at=now)
        audit_record(
            actor="systeem",
            action="declaration_export.purged",
            data={"count": len(ids), "exports": ids},
        )
        delete_files_after_commit(names)
    return len(ids)
