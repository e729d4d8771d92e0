"""The guards of a member's draft declaration and its receipts: only the claimant changes it,
lines in the declaration's year on that year's budget, meetings claimed once, and both sides
of each receipt limit (pixels, pages, bytes per declaration)."""

import datetime
from decimal import Decimal

import pytest

from adviesraad.models import AuditEntry
from budget import services
from budget.models import Declaration, DeclarationLine, Receipt
from budget.services import BudgetError, receipts
from tests.budget.conftest import attended
from tests.budget.test_services import _media_files, add_expense
from tests.factories.budget import (
    BudgetYearFactory,
    budget_line,
    pdf_bytes,
    png_bytes,
    receipt_pdf,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(claimant, budget_year):
    return services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Kosten"
    )


def _line_added_kinds(draft):
    return [
        e.data
        for e in AuditEntry.objects.filter(
            action="declaration.line_added", object_id=str(draft.pk)
        ).order_by("pk")
    ]


# --- the draft -----------------------------------------------------------------------------


def test_a_declaration_keeps_its_description_trimmed(claimant, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="  Kosten maart  "
    )
    d.refresh_from_db()
    assert d.description == "Kosten maart"


def test_a_declaration_for_a_year_without_a_budget_is_refused_on_the_year(claimant, budget_year):
    with pytest.raises(BudgetError, match="geen begroting") as exc:
        services.declaration_create(
            claimant=claimant, by=claimant, year=budget_year.year + 5, description="x"
        )
    assert exc.value.field == "year"
    assert not Declaration.objects.exists()


def test_nobody_declares_for_someone_else(claimant, other_member, budget_year):
    with pytest.raises(BudgetError, match="voor jezelf"):
        services.declaration_create(
            claimant=claimant, by=other_member, year=budget_year.year, description="x"
        )
    assert not Declaration.objects.exists()


def test_another_member_cannot_add_to_or_remove_from_someones_draft(draft, claimant, other_member):
    with pytest.raises(BudgetError, match="Alleen de declarant"):
        add_expense(draft, other_member)
    assert not DeclarationLine.objects.exists() and not Receipt.objects.exists()
    line = add_expense(draft, claimant)
    with pytest.raises(BudgetError, match="Alleen de declarant"):
        services.declaration_line_delete(line=line, by=other_member)
    assert DeclarationLine.objects.filter(pk=line.pk).exists()


def test_a_line_outside_the_year_is_refused_on_its_date(draft, claimant, budget_year):
    with pytest.raises(BudgetError) as exc:
        add_expense(draft, claimant, date=datetime.date(budget_year.year - 1, 12, 31))
    assert exc.value.field == "date"


def test_the_log_says_which_kind_of_line_was_added(draft, claimant, today):
    add_expense(draft, claimant)
    services.declaration_line_add_journey(
        declaration=draft,
        by=claimant,
        date=today,
        budget_line=budget_line(draft.budget_year, "work_visits"),
        description="Werkbezoek",
        kilometres=Decimal("10"),
    )
    services.declaration_line_add_allowance(
        declaration=draft, by=claimant, attendance=attended(claimant, day=today)
    )
    assert _line_added_kinds(draft) == [
        {"kind": "expense"},
        {"kind": "journey"},
        {"kind": "allowance"},
    ]


def test_nobody_sets_someone_elses_iban(claimant, other_member):
    with pytest.raises(BudgetError, match="eigen rekeningnummer"):
        services.member_iban_set(member=claimant, by=other_member, iban="NL20INGB0001234567")
    claimant.refresh_from_db()
    assert claimant.iban == "NL91ABNA0417164300"


# --- receipts ------------------------------------------------------------------------------


def test_a_receipt_for_a_line_of_another_declaration_is_refused(draft, claimant, budget_year):
    other = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Andere"
    )
    foreign_line = add_expense(other, claimant)
    with pytest.raises(BudgetError, match="hoort niet bij"):
        services.receipt_add(
            declaration=draft, by=claimant, upload=receipt_pdf(), kind="invoice", line=foreign_line
        )
    assert not draft.receipts.exists()
    assert foreign_line.receipts.count() == 1


def test_a_receipt_for_a_line_of_the_same_declaration_or_for_none_is_added(draft, claimant):
    line = add_expense(draft, claimant)
    on_line = services.receipt_add(
        declaration=draft, by=claimant, upload=receipt_pdf(), kind="payment", line=line
    )
    loose = services.receipt_add(
        declaration=draft, by=claimant, upload=receipt_pdf(), kind="nonsense"
    )
    assert (on_line.line, on_line.kind) == (line, "payment")
    assert (loose.line, loose.kind) == (None, "invoice")
    assert line.receipts.count() == 2


def test_an_image_of_exactly_the_maximum_pixels_is_accepted(draft, claimant, monkeypatch):
    monkeypatch.setattr(receipts, "RECEIPT_MAX_PIXELS", 40 * 30)
    add_expense(draft, claimant, files=[upload("bon.png", png_bytes((40, 30)), "image/png")])
    assert Receipt.objects.count() == 1


def test_an_image_one_pixel_over_the_maximum_is_refused(draft, claimant, monkeypatch):
    monkeypatch.setattr(receipts, "RECEIPT_MAX_PIXELS", 40 * 30 - 1)
    with pytest.raises(BudgetError, match="te groot") as exc:
        add_expense(draft, claimant, files=[upload("bon.png", png_bytes((40, 30)), "image/png")])
    assert exc.value.field == "receipts"
    assert not Receipt.objects.exists() and not _media_files()


def test_a_pdf_of_exactly_the_maximum_pages_is_accepted(draft, claimant, monkeypatch):
    monkeypatch.setattr(receipts, "RECEIPT_MAX_PDF_PAGES", 2)
    add_expense(draft, claimant, files=[receipt_pdf(pages=2)])
    assert Receipt.objects.count() == 1


def test_a_pdf_one_page_over_the_maximum_is_refused(draft, claimant, monkeypatch):
    monkeypatch.setattr(receipts, "RECEIPT_MAX_PDF_PAGES", 2)
    with pytest.raises(BudgetError, match="meer dan 2 pagina"):
        add_expense(draft, claimant, files=[receipt_pdf(pages=3)])
    assert not Receipt.objects.exists() and not _media_files()


def test_receipts_up_to_exactly_the_bytes_per_declaration_are_accepted(
    draft, claimant, monkeypatch
):
    size = len(pdf_bytes())
    monkeypatch.setattr(receipts, "RECEIPTS_MAX_BYTES_PER_DECLARATION", 2 * size)
    add_expense(draft, claimant, files=[receipt_pdf()])
    services.receipt_add(declaration=draft, by=claimant, upload=receipt_pdf(), kind="invoice")
    assert draft.receipts.count() == 2


def test_receipts_one_byte_over_the_bytes_per_declaration_are_refused(draft, claimant, monkeypatch):
    size = len(pdf_bytes())
    monkeypatch.setattr(receipts, "RECEIPTS_MAX_BYTES_PER_DECLARATION", 2 * size - 1)
    add_expense(draft, claimant, files=[receipt_pdf()])
    with pytest.raises(BudgetError, match="samen hoogstens"):
        services.receipt_add(declaration=draft, by=claimant, upload=receipt_pdf(), kind="invoice")
    assert draft.receipts.count() == 1


# --- allowances ----------------------------------------------------------------------------


def test_prefill_of_a_single_day_takes_that_days_meeting(draft, claimant, today):
    attended(claimant, day=today)
    created = services.declaration_prefill_allowances(
        declaration=draft, by=claimant, start=today, end=today
    )
    assert len(created) == 1
    entry = AuditEntry.objects.get(action="declaration.allowances_prefilled")
    assert entry.data == {"lines": 1}


def test_prefill_with_the_end_before_the_start_is_refused(draft, claimant, today):
    attended(claimant, day=today)
    with pytest.raises(BudgetError, match="vóór het begin") as exc:
        services.declaration_prefill_allowances(
            declaration=draft, by=claimant, start=today, end=today - datetime.timedelta(days=1)
        )
    assert exc.value.field == "end"
    assert not DeclarationLine.objects.exists()


def test_an_allowance_is_added_to_a_draft_that_has_other_lines(draft, claimant, today):
    add_expense(draft, claimant)
    line = services.declaration_line_add_allowance(
        declaration=draft, by=claimant, attendance=attended(claimant, day=today)
    )
    assert line.kind == DeclarationLine.Kind.ALLOWANCE and line.claim_active


def test_a_meeting_claimed_in_another_active_declaration_is_refused_and_freed_by_rejection(
    draft, claimant, budget_year, secretary, today
):
    attendance = attended(claimant, day=today)
    services.declaration_line_add_allowance(declaration=draft, by=claimant, attendance=attendance)
    other = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Nog een"
    )
    with pytest.raises(BudgetError, match="al gedeclareerd"):
        services.declaration_line_add_allowance(
            declaration=other, by=claimant, attendance=attendance
        )
    assert not other.lines.exists()
    services.declaration_submit(declaration=draft, by=claimant)
    services.declaration_reject(declaration=draft, by=secretary, reason="Dubbel")
    line = services.declaration_line_add_allowance(
        declaration=other, by=claimant, attendance=attendance
    )
    assert line.declaration == other


def test_an_allowance_needs_the_budget_of_the_meetings_year(draft, claimant, budget_year):
    # a meeting of last year is refused on its date, even with a budget for that year
    BudgetYearFactory(year=budget_year.year - 1)
    old = attended(claimant, day=datetime.date(budget_year.year - 1, 6, 1))
    with pytest.raises(BudgetError) as exc:
        services.declaration_line_add_allowance(declaration=draft, by=claimant, attendance=old)
    assert exc.value.field == "date"
