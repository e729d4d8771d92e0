import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from budget import services
from budget.models import Declaration, DeclarationLine, Receipt
from budget.services import BudgetError, receipts
from tests.budget.conftest import attended
from tests.factories.budget import (
    DeclarationFactory,
    budget_line,
    png_bytes,
    receipt_jpeg,
    receipt_pdf,
    receipt_png,
    upload,
)

pytestmark = pytest.mark.django_db


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def draft(claimant, budget_year):
    return services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Kosten"
    )


def add_expense(draft, claimant, amount="10.00", files=None, **kw):
    return services.declaration_line_add_expense(
        declaration=draft,
        by=claimant,
        date=kw.pop("date", datetime.date.today()),
        budget_line=kw.pop("line", budget_line(draft.budget_year, "other")),
        description="Parkeren",
        amount=Decimal(amount),
        invoices=files if files is not None else [receipt_pdf()],
        **kw,
    )


# --- amounts -------------------------------------------------------------------------------


def test_expense_journey_and_total_in_cents(draft, claimant, today):
    add_expense(draft, claimant, "10.005")  # rounds half up to 10.01
    services.declaration_line_add_journey(
        declaration=draft,
        by=claimant,
        date=today,
        budget_line=budget_line(draft.budget_year, "work_visits"),
        description="Werkbezoek",
        kilometres=Decimal("12.5"),
    )
    draft.refresh_from_db()
    amounts = sorted(draft.lines.values_list("amount", flat=True))
    assert amounts == [Decimal("2.88"), Decimal("10.01")]  # 12.5 × 0.23 = 2.875 → 2.88
    assert draft.total == Decimal("12.89")


@pytest.mark.parametrize("amount", ["0", "-5", "5000.01", "99999999"])
def test_negative_or_absurd_amount_refused(draft, claimant, amount):
    with pytest.raises(BudgetError) as exc:
        add_expense(draft, claimant, amount)
    assert exc.value.field == "amount"
    assert not DeclarationLine.objects.exists()
    assert not _media_files()


def test_line_outside_declaration_year_refused(draft, claimant, budget_year):
    with pytest.raises(BudgetError, match="in het jaar van de declaratie"):
        add_expense(draft, claimant, date=datetime.date(budget_year.year - 1, 12, 31))


def test_journey_without_kilometres_refused(draft, claimant, today):
    for km in (None, Decimal("0"), Decimal("-3"), Decimal("5000")):
        with pytest.raises(BudgetError) as exc:
            services.declaration_line_add_journey(
                declaration=draft,
                by=claimant,
                date=today,
                budget_line=budget_line(draft.budget_year, "work_visits"),
                description="Reis",
                kilometres=km,
            )
        assert exc.value.field == "kilometres"


def test_expense_needs_a_receipt(draft, claimant):
    with pytest.raises(BudgetError, match="bon of factuur"):
        add_expense(draft, claimant, files=[])


# --- receipts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forged",
    [
        upload("factuur.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        upload(
            "bon.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        upload("bon.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "image/png"),
        upload("bon.png", b"%PDF-1.4 not really", "image/png"),
        upload("bon.exe", b"MZ\x90\x00", "application/octet-stream"),
        upload("bon.jpg", png_bytes(), "image/jpeg"),
    ],
    ids=["html-as-pdf", "svg", "png-header-script", "pdf-named-png", "exe", "png-named-jpg"],
)
def test_forged_receipts_refused_and_nothing_saved(draft, claimant, forged):
    with pytest.raises(BudgetError) as exc:
        add_expense(draft, claimant, files=[receipt_pdf(), forged])
    assert exc.value.field == "receipts"
    assert not DeclarationLine.objects.exists()
    assert not Receipt.objects.exists()
    assert not _media_files()


def test_image_with_script_is_re_encoded_without_it(draft, claimant):
    payload = b"<script>alert(1)</script>"
    add_expense(draft, claimant, files=[upload("bon.png", png_bytes(extra=payload), "image/png")])
    receipt = Receipt.objects.get()
    stored = Path(settings.MEDIA_ROOT, receipt.file.name).read_bytes()
    assert payload not in stored
    assert receipt.file.name.startswith("receipts/") and "bon" not in receipt.file.name


def test_receipt_too_large_refused(draft, claimant, monkeypatch):
    monkeypatch.setattr(receipts, "RECEIPT_MAX_BYTES", 1000)
    big = upload("groot.pdf", receipt_pdf().read() + b"%" * 2000, "application/pdf")
    with pytest.raises(BudgetError, match="te groot"):
        add_expense(draft, claimant, files=[big])
    assert not _media_files()


def test_too_many_receipts_refused(draft, claimant, monkeypatch):
    monkeypatch.setattr(receipts, "RECEIPTS_MAX_PER_DECLARATION", 2)
    add_expense(draft, claimant, files=[receipt_pdf(), receipt_png()])
    with pytest.raises(BudgetError, match="hoogstens 2"):
        add_expense(draft, claimant, files=[receipt_jpeg()])
    assert Receipt.objects.count() == 2


# --- allowances ----------------------------------------------------------------------------


def test_prefill_takes_only_present_meetings_and_never_doubles(draft, claimant, budget_year, today):
    attended(claimant, day=today)
    attended(claimant, day=today, status="excused", title="Afgemeld")
    attended(claimant, day=today, status="absent", title="Afwezig")
    start = datetime.date(budget_year.year, 1, 1)
    first = services.declaration_prefill_allowances(
        declaration=draft, by=claimant, start=start, end=today
    )
    second = services.declaration_prefill_allowances(
        declaration=draft, by=claimant, start=start, end=today
    )
    assert len(first) == 1 and second == []
    assert first[0].amount == Decimal("75.00")
    other = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Nog een"
    )
    assert (
        services.declaration_prefill_allowances(
            declaration=other, by=claimant, start=start, end=today
        )
        == []
    )
    assert DeclarationLine.objects.filter(kind="allowance").count() == 1


def test_allowance_refused_for_meeting_not_attended_or_already_claimed(
    draft, claimant, other_member, today
):
    absent = attended(claimant, day=today, status="absent")
    with pytest.raises(BudgetError, match="niet aanwezig"):
        services.declaration_line_add_allowance(declaration=draft, by=claimant, attendance=absent)
    someone_else = attended(other_member, day=today)
    with pytest.raises(BudgetError, match="zelf"):
        services.declaration_line_add_allowance(
            declaration=draft, by=claimant, attendance=someone_else
        )
    mine = attended(claimant, day=today)
    services.declaration_line_add_allowance(declaration=draft, by=claimant, attendance=mine)
    with pytest.raises(BudgetError, match="al gedeclareerd"):
        services.declaration_line_add_allowance(declaration=draft, by=claimant, attendance=mine)


def test_chair_gets_chair_rate(chair, budget_year, today):
    from tests.factories.members import TermFactory

    chair.iban = "NL91ABNA0417164300"
    chair.save()
    TermFactory(member=chair, role="chair")
    d = services.declaration_create(
        claimant=chair, by=chair, year=budget_year.year, description="x"
    )
    line = services.declaration_line_add_allowance(
        declaration=d, by=chair, attendance=attended(chair, day=today)
    )
    assert line.amount == Decimal("100.00")


def test_rejected_declaration_frees_its_meetings(
    draft, claimant, secretary, treasurer, budget_year, today
):
    attendance = attended(claimant, day=today)
    services.declaration_line_add_allowance(declaration=draft, by=claimant, attendance=attendance)
    services.declaration_submit(declaration=draft, by=claimant)
    services.declaration_reject(declaration=draft, by=treasurer, reason="Dubbel ingediend")
    again = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Opnieuw"
    )
    line = services.declaration_line_add_allowance(
        declaration=again, by=claimant, attendance=attendance
    )
    assert line.claim_active


# --- workflow ------------------------------------------------------------------------------


def test_full_workflow_records_every_step(draft, claimant, secretary, treasurer):
    from adviesraad.models import AuditEntry

    add_expense(draft, claimant)
    services.declaration_submit(declaration=draft, by=claimant)
    services.declaration_check(declaration=draft, by=secretary)
    services.declaration_approve(declaration=draft, by=treasurer)
    services.declaration_mark_sent(declaration=draft, by=treasurer)
    services.declaration_mark_paid(declaration=draft, by=treasurer)
    draft.refresh_from_db()
    assert draft.status == Declaration.Status.PAID
    steps = list(draft.status_changes.values_list("to_status", flat=True))
    assert steps == ["submitted", "checked", "approved", "sent", "paid"]
    assert AuditEntry.objects.filter(
        action="declaration.approved", object_id=str(draft.pk)
    ).exists()


def test_submit_needs_iban(draft, claimant):
    add_expense(draft, claimant)
    claimant.iban = ""
    claimant.save()
    with pytest.raises(BudgetError, match="IBAN"):
        services.declaration_submit(declaration=draft, by=claimant)


def test_self_approval_refused(treasurer, secretary, budget_year):
    treasurer.iban = "NL91ABNA0417164300"
    treasurer.save()
    d = services.declaration_create(
        claimant=treasurer, by=treasurer, year=budget_year.year, description="Eigen"
    )
    add_expense(d, treasurer)
    services.declaration_submit(declaration=d, by=treasurer)
    services.declaration_check(declaration=d, by=secretary)
    with pytest.raises(BudgetError, match="eigen declaratie"):
        services.declaration_approve(declaration=d, by=treasurer)
    d.refresh_from_db()
    assert d.status == Declaration.Status.CHECKED


def test_member_cannot_check_or_approve(draft, claimant, other_member):
    add_expense(draft, claimant)
    services.declaration_submit(declaration=draft, by=claimant)
    with pytest.raises(BudgetError, match="toestemming"):
        services.declaration_check(declaration=draft, by=other_member)
    with pytest.raises(BudgetError, match="toestemming"):
        services.declaration_approve(declaration=draft, by=other_member)


def test_approve_needs_check_first_and_reject_needs_reason(draft, claimant, treasurer):
    add_expense(draft, claimant)
    services.declaration_submit(declaration=draft, by=claimant)
    with pytest.raises(BudgetError):
        services.declaration_approve(declaration=draft, by=treasurer)
    with pytest.raises(BudgetError, match="reden"):
        services.declaration_reject(declaration=draft, by=treasurer, reason="  ")


def test_submitted_declaration_cannot_be_edited(draft, claimant):
    add_expense(draft, claimant)
    services.declaration_submit(declaration=draft, by=claimant)
    with pytest.raises(BudgetError, match="ingediend"):
        add_expense(draft, claimant)


def test_iban_set_validates_checksum(claimant):
    with pytest.raises(BudgetError) as exc:
        services.member_iban_set(member=claimant, by=claimant, iban="NL91ABNA0417164301")
    assert exc.value.field == "iban"
    services.member_iban_set(member=claimant, by=claimant, iban="nl20 ingb 0001 2345 67")
    claimant.refresh_from_db()
    assert claimant.iban == "NL20INGB0001234567"


# --- PDF -----------------------------------------------------------------------------------


def test_declaration_pdf_has_cover_then_every_receipt_page(draft, claimant, secretary, treasurer):
    from pypdf import PdfReader

    add_expense(draft, claimant, "12.34", files=[receipt_pdf(pages=2), receipt_png()])
    add_expense(draft, claimant, "0.66", files=[receipt_pdf(pages=1), receipt_jpeg()])
    services.declaration_submit(declaration=draft, by=claimant)
    services.declaration_check(declaration=draft, by=secretary)
    services.declaration_approve(declaration=draft, by=treasurer)
    reader = PdfReader(io.BytesIO(services.declaration_render_pdf(declaration=draft, by=treasurer)))
    cover_text = reader.pages[0].extract_text()
    # cover (1 page) + 2 image pages placed by WeasyPrint + 2 + 1 appended PDF pages
    assert len(reader.pages) == 1 + 2 + 3
    assert "NL91 ABNA 0417 1643 00" in cover_text
    assert "13,00" in cover_text
    assert str(treasurer.last_name) in cover_text


def test_pdf_with_three_receipts_renders_fast(draft, claimant):
    import time

    add_expense(draft, claimant, files=[receipt_pdf(), receipt_png(), receipt_jpeg()])
    services.declaration_render_pdf(declaration=draft)  # warm fonts
    started = time.process_time()
    services.declaration_render_pdf(declaration=draft)
    assert time.process_time() - started < 1.0


# --- export (in-process) -------------------------------------------------------------------


def test_export_eager_reaches_done_and_rerun_does_nothing(claimant, secretary, treasurer, draft):
    from pypdf import PdfReader

    from budget.models import DeclarationExport

    add_expense(draft, claimant, files=[receipt_pdf(pages=2)])
    services.declaration_submit(declaration=draft, by=claimant)
    services.declaration_check(declaration=draft, by=secretary)
    services.declaration_approve(declaration=draft, by=treasurer)
    today = datetime.date.today()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        export = services.declarations_export(start=today, end=today, by=treasurer)
    export.refresh_from_db()
    assert export.status == DeclarationExport.Status.DONE
    assert export.percent == 100 and export.done == export.total == 1
    pages = len(PdfReader(export.file.path).pages)
    assert pages == 1 + 1 + 2  # summary + cover + receipt pages
    csv_text = Path(export.summary_file.path).read_text(encoding="utf-8-sig")
    assert "NL91 ABNA 0417 1643 00" in csv_text
    name = export.file.name
    services.declaration_export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.file.name == name and export.attempts == 1


def test_export_refused_for_member_and_for_empty_period(claimant, treasurer):
    today = datetime.date.today()
    with pytest.raises(BudgetError, match="toestemming"):
        services.declarations_export(start=today, end=today, by=claimant)
    with pytest.raises(BudgetError, match="geen goedgekeurde"):
        services.declarations_export(start=today, end=today, by=treasurer)


def test_declaration_factory_smoke():
    assert DeclarationFactory().status == "draft"
