"""Issue 12.6: an upload whose transaction rolls back leaves no file on disk, and
``manage.py report_orphan_files`` finds (and with ``--delete`` removes) what a crash left."""

import datetime
import io
import os
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction

from adviesraad.models import AuditEntry
from adviesraad.uploads import discard_on_rollback, store_file
from budget import services as budget_services
from tests.factories.budget import VALID_IBAN, BudgetYearFactory, receipt_pdf
from tests.factories.meetings import MeetingFactory, document

pytestmark = pytest.mark.django_db


def _files(folder: str = "") -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / folder
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


class Boom(Exception):
    pass


@pytest.fixture
def budget_year(db):
    return BudgetYearFactory()


@pytest.fixture
def claimant(member):
    member.iban = VALID_IBAN
    member.save()
    return member


def test_a_meeting_document_whose_transaction_rolls_back_leaves_no_file(secretary):
    meeting = MeetingFactory()
    with pytest.raises(Boom), transaction.atomic():
        doc = document(meeting, by=secretary)
        assert Path(doc.file.path).exists()  # stored inside the transaction
        raise Boom
    assert _files("meetings") == []


def test_a_committed_meeting_document_keeps_its_file(secretary, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        doc = document(meeting, by=secretary)
    assert Path(doc.file.path).exists()


def test_receipts_whose_transaction_rolls_back_leave_no_file(claimant, budget_year):
    with pytest.raises(Boom), transaction.atomic():
        d = budget_services.declaration_create(
            claimant=claimant, by=claimant, year=budget_year.year, description="Reis"
        )
        budget_services.declaration_line_add_expense(
            declaration=d,
            by=claimant,
            date=datetime.date.today(),
            budget_line=budget_year.lines.get(category="other"),
            description="Kaartje",
            amount=Decimal("5.00"),
            invoices=[receipt_pdf(), receipt_pdf("tweede.pdf")],
        )
        assert len(_files("receipts")) == 2
        raise Boom
    assert _files("receipts") == []


def test_a_rolled_back_savepoint_deletes_only_its_own_files(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            kept = store_file("x/kept.txt", ContentFile(b"kept"))
            with pytest.raises(Boom), transaction.atomic():
                store_file("x/gone.txt", ContentFile(b"gone"))
                raise Boom
            assert [p.name for p in _files("x")] == ["kept.txt"]
    assert [p.name for p in _files("x")] == ["kept.txt"] and kept == "x/kept.txt"


def test_a_file_saved_through_a_field_is_discarded_on_rollback_too():
    from django.core.files.storage import default_storage

    with pytest.raises(Boom), transaction.atomic():
        name = default_storage.save("y/field.pdf", ContentFile(b"%PDF"))
        discard_on_rollback(name)
        raise Boom
    assert _files("y") == []


@pytest.fixture
def planted(claimant, budget_year, django_capture_on_commit_callbacks):
    """One referenced receipt, one old orphan, one orphan too young to judge."""
    with django_capture_on_commit_callbacks(execute=True):
        d = budget_services.declaration_create(
            claimant=claimant, by=claimant, year=budget_year.year, description="Reis"
        )
        budget_services.declaration_line_add_expense(
            declaration=d,
            by=claimant,
            date=datetime.date.today(),
            budget_line=budget_year.lines.get(category="other"),
            description="Kaartje",
            amount=Decimal("5.00"),
            invoices=[receipt_pdf()],
        )
    root = Path(settings.MEDIA_ROOT)
    old = root / "meetings" / "7" / "verweesd.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.4 orphan")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    young = root / "receipts" / "net-geupload.pdf"
    young.write_bytes(b"%PDF-1.4 young")
    receipt = d.receipts.get()
    os.utime(Path(receipt.file.path), (two_hours_ago, two_hours_ago))
    return receipt, old, young


def test_the_command_reports_a_planted_orphan_and_nothing_else(planted):
    receipt, old, young = planted
    out = io.StringIO()
    call_command("report_orphan_files", stdout=out)
    text = out.getvalue()
    assert "meetings/7/verweesd.pdf" in text
    assert receipt.file.name not in text and "net-geupload" not in text
    assert "1 bestand zonder record" in text
    assert old.exists()  # only reported


def test_the_command_deletes_orphans_when_asked_and_records_it(planted):
    receipt, old, young = planted
    call_command("report_orphan_files", "--delete", stdout=io.StringIO())
    assert not old.exists()
    assert Path(receipt.file.path).exists() and young.exists()
    assert AuditEntry.objects.get(action="files.orphans_deleted").data["count"] == 1


def test_the_grace_period_can_be_set(planted):
    out = io.StringIO()
    call_command("report_orphan_files", "--min-age-minutes=0", stdout=out)
    assert "net-geupload" in out.getvalue() and "2 bestanden zonder record" in out.getvalue()
