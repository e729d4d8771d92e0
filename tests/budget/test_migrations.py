"""Migration 0007 moves declarations and budget years onto adviesraad.transitions: it keeps
every step of a declaration's history (notes cut to the new 500 characters: only a rejection
reason is longer, and the declaration keeps it whole) and gives budget years the history of
their earlier steps from the audit log."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("budget", "0006_export_retention")]
AFTER = [("budget", "0007_status_history")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_0007_keeps_the_declaration_history_and_fills_the_budget_years():
    old = _migrate(BEFORE)
    try:
        user = old.get_model("members", "User").objects.create(email="penning@example.org")
        year = old.get_model("budget", "BudgetYear").objects.create(year=2024, status="granted")
        declaration = old.get_model("budget", "Declaration").objects.create(
            claimant=user, budget_year=year, description="Kosten", status="rejected"
        )
        reason = "Te laat ingediend. " * 40  # 760 characters
        old.get_model("budget", "DeclarationStatusChange").objects.create(
            declaration=declaration, from_status="draft", to_status="submitted", by=user
        )
        old.get_model("budget", "DeclarationStatusChange").objects.create(
            declaration=declaration, from_status="submitted", to_status="rejected", note=reason
        )
        entry = old.get_model("adviesraad", "AuditEntry")
        for frm, to in (("draft", "requested"), ("requested", "granted")):
            entry.objects.create(
                actor=user,
                action="budget_year.status_changed",
                object_type="budget.budgetyear",
                object_id=str(year.pk),
                data={"from": frm, "to": to, "granted": ""},
            )
        entry.objects.create(
            action="budget_year.status_changed",
            object_type="budget.budgetyear",
            object_id="999999",  # a year since deleted
            data={"from": "draft", "to": "requested"},
        )
        when = list(
            entry.objects.filter(object_id=str(year.pk))
            .order_by("pk")
            .values_list("created_at", flat=True)
        )
    finally:
        new = _migrate(AFTER)

    history = new.get_model("budget", "DeclarationStatusChange").objects.order_by("pk")
    assert [(c.from_status, c.to_status, c.by_id) for c in history] == [
        ("draft", "submitted", user.pk),
        ("submitted", "rejected", None),
    ]
    assert history.last().note == reason[:500]
    steps = new.get_model("budget", "BudgetYearStatusChange").objects.order_by("pk")
    assert [(s.budget_year_id, s.from_status, s.to_status, s.by_id, s.at) for s in steps] == [
        (year.pk, "draft", "requested", user.pk, when[0]),
        (year.pk, "requested", "granted", user.pk, when[1]),
    ]
