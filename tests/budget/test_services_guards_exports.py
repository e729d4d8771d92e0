"""The guards of the batch export's steps: a part another process renders is left to it, a
part done is not claimed again, and a failed render or merge marks the export failed with
the error."""

import datetime

import pytest
from django.utils import timezone

from adviesraad.models import AuditEntry
from budget import pdf, services
from budget.models import DeclarationExport, DeclarationExportPart
from budget.services import ExportPartBusy, exports
from tests.factories.budget import declaration_with_total

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(claimant, treasurer):
    for amount in ("10.00", "20.00"):
        declaration_with_total(claimant=claimant, amount=amount)
    today = timezone.localdate()
    # Outside captureOnCommitCallbacks the queued task does not run: the export waits.
    export = services.declarations_export(start=today, end=today, by=treasurer)
    services.declaration_export_start(export_id=export.pk)
    return export


def _part(export):
    return DeclarationExportPart.objects.get(export=export, number=0)


def test_the_log_says_how_many_declarations_an_export_holds(export):
    entry = AuditEntry.objects.get(action="declaration_export.requested")
    assert entry.data == {"count": 2}


def test_a_pending_part_nobody_claimed_is_rendered_once(export):
    assert services.declaration_export_render_part(export_id=export.pk, number=0) is True
    part = _part(export)
    assert part.status == DeclarationExportPart.Status.DONE and part.rendered == 2
    assert services.declaration_export_render_part(export_id=export.pk, number=0) is False


def test_a_part_freshly_claimed_by_another_process_is_left_to_it(export):
    DeclarationExportPart.objects.filter(pk=_part(export).pk).update(claimed_at=timezone.now())
    with pytest.raises(ExportPartBusy):
        services.declaration_export_render_part(export_id=export.pk, number=0)
    assert _part(export).status == DeclarationExportPart.Status.PENDING


def test_a_stale_claim_is_taken_over(export):
    stale = timezone.now() - exports.EXPORT_CLAIM_STALE - datetime.timedelta(seconds=1)
    DeclarationExportPart.objects.filter(pk=_part(export).pk).update(claimed_at=stale)
    assert services.declaration_export_render_part(export_id=export.pk, number=0) is True


def test_a_part_already_done_is_not_claimed_again(export):
    part = _part(export)
    DeclarationExportPart.objects.filter(pk=part.pk).update(
        status=DeclarationExportPart.Status.DONE
    )
    assert exports._claim(part.pk) is False
    part.refresh_from_db()
    assert part.claimed_at is None


def test_a_failed_render_marks_the_export_failed_with_the_error(export, monkeypatch):
    def broken(part, *, progress):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(pdf, "export_part_build", broken)
    with pytest.raises(RuntimeError):
        services.declaration_export_render_part(export_id=export.pk, number=0)
    export.refresh_from_db()
    assert export.status == DeclarationExport.Status.FAILED
    assert export.error == "lettertype ontbreekt"


def test_a_failed_merge_marks_the_export_failed_with_the_error(export, monkeypatch):
    services.declaration_export_render_part(export_id=export.pk, number=0)

    def broken(export):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(pdf, "export_finish_build", broken)
    with pytest.raises(RuntimeError):
        services.declaration_export_finish(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == DeclarationExport.Status.FAILED and export.error == "schijf vol"
