"""Batch-export files (bank account numbers) are deleted after the council's retention period;
the export row and the declarations stay."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from adviesraad.models import AuditEntry
from budget import services
from budget.models import Declaration, DeclarationExport, DeclarationExportPart
from budget.services import exports
from members.models import CouncilSettings
from tests.budget.test_services import add_expense, draft  # noqa: F401  (fixture)
from tests.factories.budget import receipt_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(draft, claimant, secretary, treasurer):  # noqa: F811
    add_expense(draft, claimant, files=[receipt_pdf()])
    services.declaration_submit(declaration=draft, by=claimant)
    services.declaration_check(declaration=draft, by=secretary)
    services.declaration_approve(declaration=draft, by=treasurer)
    today = datetime.date.today()
    with TestCase.captureOnCommitCallbacks(execute=True):
        export = services.declarations_export(start=today, end=today, by=treasurer)
    export.refresh_from_db()
    assert export.status == DeclarationExport.Status.DONE
    return export


def _age(export, days):
    DeclarationExport.objects.filter(pk=export.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def _purge():
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.declaration_exports_purge_expired()


def test_files_older_than_the_retention_period_are_deleted_once(export):
    pdf, csv = Path(export.file.path), Path(export.summary_file.path)
    leftover = DeclarationExportPart.objects.create(export=export, number=99, file="exports/x.pdf")
    (Path(django_settings.MEDIA_ROOT) / "exports").mkdir(parents=True, exist_ok=True)
    Path(leftover.file.path).write_bytes(b"%PDF-1.4 leftover")
    assert pdf.exists() and csv.exists()
    _age(export, 91)

    assert _purge() == 1

    export.refresh_from_db()
    assert export.purged_at is not None and not export.file and not export.summary_file
    assert not pdf.exists() and not csv.exists() and not Path(leftover.file.path).exists()
    assert export.status == DeclarationExport.Status.DONE and export.total == 1
    assert Declaration.objects.filter(status=Declaration.Status.APPROVED).count() == 1
    entry = AuditEntry.objects.get(action="declaration_export.purged")
    assert entry.data == {"count": 1, "exports": [export.pk]}
    assert _purge() == 0
    assert AuditEntry.objects.filter(action="declaration_export.purged").count() == 1


def test_exports_within_the_retention_period_are_kept(export):
    _age(export, 89)
    assert _purge() == 0
    export.refresh_from_db()
    assert export.purged_at is None and Path(export.file.path).exists()


def test_the_council_sets_the_period(export):
    CouncilSettings.objects.filter(pk=1).update(export_retention_days=7)
    _age(export, 8)
    assert _purge() == 1


def test_a_rolled_back_purge_deletes_no_file(export, monkeypatch):
    _age(export, 100)

    def fail(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(exports, "audit_record", fail)
    with pytest.raises(RuntimeError):
        _purge()
    export.refresh_from_db()
    assert export.purged_at is None and Path(export.file.path).exists()


def test_a_purged_export_says_so_and_offers_no_download(client, export, treasurer):
    _age(export, 91)
    _purge()
    client.force_login(treasurer)
    page = client.get(reverse("budget:export_detail", args=[export.pk])).content.decode()
    assert "zijn op" in page and "verwijderd" in page and "PDF downloaden" not in page
    assert "loopt op de achtergrond" not in page  # it is long finished
    listing = client.get(reverse("budget:export_list")).content.decode()
    assert "bestanden verwijderd" in listing
    for what in ("pdf", "csv"):
        assert (
            client.get(reverse("budget:export_download", args=[export.pk, what])).status_code == 404
        )


def test_the_purge_runs_every_night():
    schedule = django_settings.CELERY_BEAT_SCHEDULE["purge-expired-exports"]
    assert schedule["task"] == "budget.tasks.purge_expired_exports"
    from budget.tasks import purge_expired_exports

    assert purge_expired_exports.name == schedule["task"]


def test_the_retention_period_is_a_council_setting(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("members:settings")).content.decode()
    assert 'name="export_retention_days"' in page


def test_finishing_an_export_clears_the_names_of_the_part_files_it_deletes(export):
    """Issue 12.11: the parts' files go once the combined PDF is made; no row keeps their
    names (a dangling reference to a file that no longer exists)."""
    parts = list(DeclarationExportPart.objects.filter(export=export))
    assert parts and all(p.status == DeclarationExportPart.Status.DONE for p in parts)
    assert all(not p.file for p in parts)
    assert not list((Path(django_settings.MEDIA_ROOT) / "exports" / "parts").glob("*.pdf"))


def test_a_purge_leaves_no_part_row_naming_a_deleted_file(export):
    DeclarationExportPart.objects.create(export=export, number=98, file="exports/parts/y.pdf")
    _age(export, 91)
    _purge()
    assert not DeclarationExportPart.objects.filter(export=export).exclude(file="").exists()
