"""The annual plan's way to the college's grant, kept in its status history and the audit log."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from adviesraad.models import AuditEntry
from budget import services
from budget.models import BudgetYear
from budget.services import BudgetError

pytestmark = pytest.mark.django_db


def test_request_and_grant_are_kept_in_the_history_and_the_audit_log(budget_year, treasurer):
    services.budget_year_transition(
        budget_year=budget_year, by=treasurer, to="requested", on=datetime.date(2025, 10, 1)
    )
    services.budget_year_transition(
        budget_year=budget_year,
        by=treasurer,
        to="granted",
        on=datetime.date(2025, 12, 1),
        granted_amount=Decimal("37000.005"),
    )
    budget_year.refresh_from_db()
    assert budget_year.status == BudgetYear.Status.GRANTED
    assert budget_year.requested_on == datetime.date(2025, 10, 1)
    assert budget_year.granted_on == datetime.date(2025, 12, 1)
    assert budget_year.granted_amount == Decimal("37000.01")
    steps = list(budget_year.status_changes.values_list("from_status", "to_status", "by"))
    assert steps == [("draft", "requested", treasurer.pk), ("requested", "granted", treasurer.pk)]
    audit = AuditEntry.objects.filter(
        action="budget_year.status_changed", object_id=str(budget_year.pk)
    ).order_by("pk")
    assert [e.data for e in audit] == [
        {"from": "draft", "to": "requested", "granted": ""},
        {"from": "requested", "to": "granted", "granted": "37000.01"},
    ]


@pytest.mark.parametrize("amount", [None, Decimal("-1")])
def test_grant_needs_an_amount_and_changes_nothing_without_one(budget_year, treasurer, amount):
    services.budget_year_transition(budget_year=budget_year, by=treasurer, to="requested")
    with pytest.raises(BudgetError) as exc:
        services.budget_year_transition(
            budget_year=budget_year, by=treasurer, to="granted", granted_amount=amount
        )
    assert exc.value.field == "granted_amount"
    budget_year.refresh_from_db()
    assert budget_year.status == "requested" and budget_year.granted_amount is None
    assert budget_year.status_changes.count() == 1


def test_a_step_the_table_does_not_allow_is_refused(budget_year, treasurer, member):
    with pytest.raises(BudgetError, match="kan niet"):
        services.budget_year_transition(
            budget_year=budget_year, by=treasurer, to="granted", granted_amount=Decimal("1")
        )
    with pytest.raises(BudgetError, match="toestemming"):
        services.budget_year_transition(budget_year=budget_year, by=member, to="requested")
    budget_year.refresh_from_db()
    assert budget_year.status == "draft" and not budget_year.status_changes.exists()
    assert not AuditEntry.objects.filter(action="budget_year.status_changed").exists()


def test_a_granted_budget_keeps_its_amounts(client, budget_year, treasurer):
    services.budget_year_transition(budget_year=budget_year, by=treasurer, to="requested")
    client.force_login(treasurer)
    url = reverse("budget:year_detail", args=[budget_year.year])
    assert reverse("budget:lines", args=[budget_year.year]) in client.get(url).content.decode()
    services.budget_year_transition(
        budget_year=budget_year, by=treasurer, to="granted", granted_amount=Decimal("100")
    )
    assert reverse("budget:lines", args=[budget_year.year]) not in client.get(url).content.decode()
    with pytest.raises(BudgetError, match="toegekende begroting"):
        services.budget_lines_set(
            budget_year=budget_year, by=treasurer, amounts={"other": Decimal("5")}
        )
    assert budget_year.lines.get(category="other").amount == Decimal("1000.00")


def test_budget_amount_out_of_range_is_refused(budget_year, treasurer):
    with pytest.raises(BudgetError, match="tussen"):
        services.budget_lines_set(
            budget_year=budget_year, by=treasurer, amounts={"other": Decimal("10000000.01")}
        )
    assert budget_year.lines.get(category="other").amount == Decimal("1000.00")


def test_creating_a_year_takes_only_the_plan_fields(treasurer):
    year = services.budget_year_create(
        by=treasurer,
        year=2031,
        data={"plan_text": "Plan", "status": "granted", "granted_amount": Decimal("5")},
        amounts={"other": Decimal("12.345")},
    )
    year.refresh_from_db()
    assert year.plan_text == "Plan" and year.status == "draft" and year.granted_amount is None
    assert year.lines.get(category="other").amount == Decimal("12.35")
    assert year.lines.count() == len(year.lines.model.Category.values)
