"""The batch export through a real Celery worker on Redis (CI), and its idempotency."""

import io
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import TestCase
from django.utils import timezone

from budget import services
from budget.models import DeclarationExport
from tests.factories.budget import budget_line, receipt_pdf, receipt_png


def _approved(claimant, secretary, treasurer, budget_year, n):
    for i in range(n):
        d = services.declaration_create(
            claimant=claimant, by=claimant, year=budget_year.year, description=f"Kosten {i}"
        )
        services.declaration_line_add_expense(
            declaration=d,
            by=claimant,
            date=timezone.localdate(),
            budget_line=budget_line(budget_year, "other"),
            description="Parkeren",
            amount=Decimal("7.50"),
            invoices=[receipt_pdf(pages=2)],
            payments=[receipt_png()],
        )
        services.declaration_submit(declaration=d, by=claimant)
        services.declaration_check(declaration=d, by=secretary)
        services.declaration_approve(declaration=d, by=treasurer)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_batch_export_runs_on_real_worker_to_100_percent(
    celery_worker_process, claimant, secretary, treasurer, budget_year
):
    from pypdf import PdfReader

    _approved(claimant, secretary, treasurer, budget_year, 3)
    today = timezone.localdate()
    export = services.declarations_export(start=today, end=today, by=treasurer)
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        export.refresh_from_db()
        seen.add(export.percent)
        if export.status in (DeclarationExport.Status.DONE, DeclarationExport.Status.FAILED):
            break
        time.sleep(0.2)  # polling the row, not asserting on time
    assert export.status == DeclarationExport.Status.DONE, export.error
    assert export.percent == 100 and export.done == export.total == 3
    assert export.amount_total == Decimal("22.50")
    reader = PdfReader(export.file.path)
    # summary (1) + per declaration: cover (1) + 2 PDF pages + 1 image page
    assert len(reader.pages) == 1 + 3 * 4


@pytest.mark.django_db
def test_export_task_is_idempotent_after_a_crash(claimant, secretary, treasurer, budget_year):
    """A worker killed mid-task leaves the row 'running'; the redelivered task finishes it
    once, and a further delivery changes nothing."""
    from budget.tasks import (
        finish_declarations_export,
        render_export_part,
        run_declarations_export,
    )

    _approved(claimant, secretary, treasurer, budget_year, 2)
    today = timezone.localdate()
    export = DeclarationExport.objects.create(
        start=today, end=today, requested_by=treasurer, total=2, status="running", done=1
    )
    from budget.models import Declaration

    export.declarations.set(Declaration.objects.all())
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_declarations_export.apply(args=[export.pk], throw=True)
    export.refresh_from_db()
    assert export.status == "done" and export.done == 2 and export.attempts == 1
    first = export.file.name
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_declarations_export.apply(args=[export.pk], throw=True)
        render_export_part.apply(args=[export.pk, 0], throw=True)
        finish_declarations_export.apply(args=[export.pk], throw=True)
    export.refresh_from_db()
    assert export.file.name == first and export.attempts == 1
    assert export.parts.get().status == "done"


@pytest.mark.django_db
def test_export_split_in_parts_keeps_order_and_counts_once(
    monkeypatch, claimant, secretary, treasurer, budget_year
):
    from pypdf import PdfReader

    from budget.services import exports

    monkeypatch.setattr(exports, "EXPORT_PART_SIZE", 2)
    _approved(claimant, secretary, treasurer, budget_year, 5)
    today = timezone.localdate()
    with TestCase.captureOnCommitCallbacks(execute=True):
        export = services.declarations_export(start=today, end=today, by=treasurer)
    export.refresh_from_db()
    assert export.parts.count() == 3
    assert export.status == "done" and export.done == 5 and export.percent == 100
    # a duplicate delivery of a part changes nothing
    services.declaration_export_render_part(export_id=export.pk, number=1)
    export.refresh_from_db()
    assert export.done == 5
    assert len(PdfReader(export.file.path).pages) == 1 + 5 * 4
    assert not list(Path(export.file.path).parent.glob("parts/*"))


@pytest.mark.django_db
def test_failed_render_marks_export_failed(
    monkeypatch, claimant, secretary, treasurer, budget_year
):
    from budget import pdf

    _approved(claimant, secretary, treasurer, budget_year, 1)
    today = timezone.localdate()

    def boom(part, *, progress):
        raise RuntimeError("render stopped")

    monkeypatch.setattr(pdf, "export_part_build", boom)
    from budget.models import Declaration

    export = DeclarationExport.objects.create(start=today, end=today, total=1)
    export.declarations.set(Declaration.objects.all())
    with pytest.raises(RuntimeError):
        services.declaration_export_run(export_id=export.pk)
    assert DeclarationExport.objects.get().status == "failed"


@pytest.mark.django_db
def test_export_part_covers_match_the_single_declaration_pdf(
    claimant, secretary, treasurer, budget_year
):
    """The declarations of a part are rendered as one document: every declaration still reads
    as its own PDF (cover and receipts numbered "pagina x van 4" within the declaration), and a
    declaration whose cover is longer than a page is rendered on its own ("pagina 1 van 5")."""
    from pypdf import PdfReader

    from budget.models import Declaration, DeclarationLine

    _approved(claimant, secretary, treasurer, budget_year, 3)
    first, long, last = Declaration.objects.order_by("id")
    for i in range(40):
        DeclarationLine.objects.create(
            declaration=long,
            kind=DeclarationLine.Kind.EXPENSE,
            date=timezone.localdate(),
            budget_line=budget_line(budget_year, "other"),
            description=f"Kopieerkosten {i}",
            amount=Decimal("1.00"),
        )
    today = timezone.localdate()
    with TestCase.captureOnCommitCallbacks(execute=True):
        export = services.declarations_export(start=today, end=today, by=treasurer)
    export.refresh_from_db()
    assert export.status == "done", export.error
    pages = [p.extract_text() for p in PdfReader(export.file.path).pages[1:]]
    expected = []
    for d in (first, long, last):
        pdf_bytes = services.declaration_render_pdf(declaration=d, by=treasurer)
        single = PdfReader(io.BytesIO(pdf_bytes)).pages
        expected += [p.extract_text() for p in single]
    assert pages == expected
    assert len(expected) == 4 + 5 + 4  # the long cover takes two pages
    assert f"Declaratie {first.pk}" in pages[0] and "pagina 1 van 4" in pages[0]
    assert "pagina 2 van 4" in pages[1] and "Bewijsstuk 1 van 2" in pages[1]
    assert "pagina 4 van 4" in pages[3] and "Bewijsstuk 2 van 2" in pages[3]
    assert f"Declaratie {long.pk}" in pages[4] and "pagina 1 van 5" in pages[4]
    assert "pagina 2 van 5" in pages[5] and "pagina 5 van 5" in pages[8]
    assert f"Declaratie {last.pk}" in pages[9] and "pagina 1 van 4" in pages[9]
    assert "pagina 4 van 4" in pages[12]


@pytest.mark.django_db
def test_finish_losing_the_race_to_a_parallel_finish_is_no_failure(
    monkeypatch, claimant, secretary, treasurer, budget_year
):
    """The run task and the finish task may both finish an export; the winner deletes the
    parts while the other still reads them. The export stays done."""
    from budget import pdf
    from budget.models import Declaration

    _approved(claimant, secretary, treasurer, budget_year, 1)
    today = timezone.localdate()
    export = DeclarationExport.objects.create(start=today, end=today, total=1)
    export.declarations.set(Declaration.objects.all())

    def parallel_winner(export):
        DeclarationExport.objects.filter(pk=export.pk).update(status="done")
        raise FileNotFoundError("part deleted by the winner")

    monkeypatch.setattr(pdf, "export_finish_build", parallel_winner)
    assert services.declaration_export_finish(export_id=export.pk).status == "done"
    assert DeclarationExport.objects.get().status == "done"


@pytest.mark.django_db
def test_part_claimed_by_a_dead_process_is_taken_over_once_stale(
    claimant, secretary, treasurer, budget_year
):
    """A worker killed mid-part leaves a fresh claim; the redelivered task must not give up."""
    import datetime

    from budget.models import DeclarationExportPart

    _approved(claimant, secretary, treasurer, budget_year, 2)
    today = timezone.localdate()
    export = services.declarations_export(start=today, end=today, by=treasurer)  # not run yet
    services.declaration_export_start(export_id=export.pk)
    part = DeclarationExportPart.objects.get(export=export, number=0)
    part.claimed_at = timezone.now()  # the process that claimed it has died
    part.save(update_fields=["claimed_at"])
    with pytest.raises(services.ExportPartBusy):
        services.declaration_export_render_part(export_id=export.pk, number=0)
    part.claimed_at = timezone.now() - services.EXPORT_CLAIM_STALE - datetime.timedelta(seconds=1)
    part.save(update_fields=["claimed_at"])
    assert services.declaration_export_render_part(export_id=export.pk, number=0) is True
    export = services.declaration_export_finish(export_id=export.pk)
    assert export.status == DeclarationExport.Status.DONE and export.done == 2


def test_busy_part_task_retries_instead_of_finishing(monkeypatch):
    from budget import tasks

    def busy(**kwargs):
        raise services.ExportPartBusy("elsewhere")

    monkeypatch.setattr(services, "declaration_export_render_part", busy)
    retried = {}

    def fake_retry(exc=None, countdown=None, **kwargs):
        retried["countdown"] = countdown
        return RuntimeError("retry")

    monkeypatch.setattr(tasks.render_export_part, "retry", fake_retry)
    with pytest.raises(RuntimeError, match="retry"):
        tasks.render_export_part.run(1, 0)
    assert retried["countdown"] == services.EXPORT_CLAIM_STALE.total_seconds() / 2
