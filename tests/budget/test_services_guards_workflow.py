"""The guards of a declaration's way from submitted to paid: who takes each step, what the
status history and the audit log keep of it (who, the note, the total), and who may reject
or withdraw."""

import pytest

from adviesraad.models import AuditEntry
from budget import services
from budget.models import Declaration
from budget.services import BudgetError
from tests.budget.test_services import add_expense

pytestmark = pytest.mark.django_db

Status = Declaration.Status


@pytest.fixture
def submitted(claimant, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Kosten"
    )
    add_expense(d, claimant, "12.50")
    return services.declaration_submit(declaration=d, by=claimant)


@pytest.fixture
def checked(submitted, secretary):
    return services.declaration_check(declaration=submitted, by=secretary)


def history(d):
    return list(d.status_changes.values_list("from_status", "to_status", "by", "note"))


def test_every_step_keeps_who_took_it_and_the_note_in_the_history(
    submitted, claimant, secretary, treasurer
):
    services.declaration_check(declaration=submitted, by=secretary, note="Bonnen kloppen")
    services.declaration_approve(declaration=submitted, by=treasurer, note="Akkoord")
    services.declaration_mark_sent(declaration=submitted, by=treasurer)
    services.declaration_mark_paid(declaration=submitted, by=treasurer)
    assert history(submitted) == [
        ("draft", "submitted", claimant.pk, ""),
        ("submitted", "checked", secretary.pk, "Bonnen kloppen"),
        ("checked", "approved", treasurer.pk, "Akkoord"),
        ("approved", "sent", treasurer.pk, ""),
        ("sent", "paid", treasurer.pk, ""),
    ]
    submitted.refresh_from_db()
    assert submitted.checked_by == secretary and submitted.checked_at is not None
    assert submitted.approved_by == treasurer and submitted.approved_at is not None
    assert submitted.sent_at is not None and submitted.paid_at is not None


def test_the_log_keeps_the_total_of_every_step(submitted, secretary, treasurer):
    services.declaration_check(declaration=submitted, by=secretary)
    services.declaration_approve(declaration=submitted, by=treasurer)
    entries = AuditEntry.objects.filter(
        object_id=str(submitted.pk), action__in=["declaration.submitted", "declaration.approved"]
    ).order_by("pk")
    assert [e.data for e in entries] == [
        {"from": "draft", "to": "submitted", "total": "12.50"},
        {"from": "checked", "to": "approved", "total": "12.50"},
    ]


def test_marking_sent_and_paid_sets_when(checked, treasurer):
    services.declaration_approve(declaration=checked, by=treasurer)
    sent = services.declaration_mark_sent(declaration=checked, by=treasurer)
    assert sent.status == Status.SENT and sent.sent_at is not None and sent.paid_at is None
    paid = services.declaration_mark_paid(declaration=checked, by=treasurer)
    paid.refresh_from_db()
    assert paid.status == Status.PAID and paid.paid_at is not None


def test_the_secretary_cannot_mark_sent_or_paid(checked, treasurer, secretary):
    services.declaration_approve(declaration=checked, by=treasurer)
    with pytest.raises(BudgetError, match="toestemming"):
        services.declaration_mark_sent(declaration=checked, by=secretary)
    services.declaration_mark_sent(declaration=checked, by=treasurer)
    with pytest.raises(BudgetError, match="toestemming"):
        services.declaration_mark_paid(declaration=checked, by=secretary)
    checked.refresh_from_db()
    assert checked.status == Status.SENT and checked.paid_at is None


# --- submit and withdraw -------------------------------------------------------------------


def test_nobody_submits_someone_elses_declaration(claimant, other_member, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Kosten"
    )
    add_expense(d, claimant)
    other_member.iban = claimant.iban
    other_member.save()
    with pytest.raises(BudgetError, match="Alleen de declarant"):
        services.declaration_submit(declaration=d, by=other_member)
    d.refresh_from_db()
    assert d.status == Status.DRAFT and not d.status_changes.exists()


def test_an_invalid_iban_refuses_the_submit_on_the_iban(claimant, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Kosten"
    )
    add_expense(d, claimant)
    claimant.iban = "NL91ABNA0417164301"  # checksum wrong
    claimant.save()
    with pytest.raises(BudgetError) as exc:
        services.declaration_submit(declaration=d, by=claimant)
    assert exc.value.field == "iban"
    d.refresh_from_db()
    assert d.status == Status.DRAFT


def test_the_claimant_withdraws_a_submitted_declaration_to_draft(submitted, claimant):
    services.declaration_withdraw(declaration=submitted, by=claimant)
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT and submitted.submitted_at is None
    assert history(submitted)[-1] == ("submitted", "draft", claimant.pk, "")


def test_nobody_withdraws_someone_elses_declaration(submitted, secretary):
    with pytest.raises(BudgetError, match="Alleen de declarant"):
        services.declaration_withdraw(declaration=submitted, by=secretary)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and submitted.submitted_at is not None


def test_a_checked_declaration_cannot_be_withdrawn(checked, claimant):
    with pytest.raises(BudgetError, match="kan niet"):
        services.declaration_withdraw(declaration=checked, by=claimant)
    checked.refresh_from_db()
    assert checked.status == Status.CHECKED


# --- reject --------------------------------------------------------------------------------


def test_the_secretary_rejects_a_submitted_declaration(submitted, secretary):
    services.declaration_reject(declaration=submitted, by=secretary, reason="  Geen bon  ")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED
    assert submitted.rejected_by == secretary and submitted.rejected_at is not None
    assert submitted.rejection_reason == "Geen bon"
    assert history(submitted)[-1] == ("submitted", "rejected", secretary.pk, "Geen bon")


def test_the_secretary_cannot_reject_a_checked_declaration(checked, secretary):
    with pytest.raises(BudgetError, match="toestemming"):
        services.declaration_reject(declaration=checked, by=secretary, reason="Toch niet")
    checked.refresh_from_db()
    assert checked.status == Status.CHECKED and checked.rejection_reason == ""


def test_the_treasurer_rejects_a_submitted_declaration(submitted, treasurer):
    services.declaration_reject(declaration=submitted, by=treasurer, reason="Dubbel")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED and submitted.rejected_by == treasurer


def test_the_treasurer_rejects_a_checked_declaration(checked, treasurer):
    services.declaration_reject(declaration=checked, by=treasurer, reason="Te laat")
    checked.refresh_from_db()
    assert checked.status == Status.REJECTED
    assert history(checked)[-1] == ("checked", "rejected", treasurer.pk, "Te laat")


def test_a_member_cannot_reject_someone_elses_declaration(submitted, other_member):
    with pytest.raises(BudgetError, match="toestemming"):
        services.declaration_reject(declaration=submitted, by=other_member, reason="Nee")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and submitted.rejected_by is None
