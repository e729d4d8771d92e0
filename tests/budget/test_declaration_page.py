"""The buttons on a declaration's page follow the rules the services apply: nobody handles
their own declaration, the secretary rejects only before the check, the treasurer after it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.models import Declaration
from tests.factories.budget import BudgetYearFactory, declaration_with_total

pytestmark = pytest.mark.django_db


def _buttons(client, user, declaration) -> set[str]:
    client.force_login(user)
    body = client.get(reverse("budget:declaration_detail", args=[declaration.pk])).content.decode()
    names = {
        "check": "declaration_check",
        "approve": "declaration_approve",
        "reject": "declaration_reject",
        "withdraw": "declaration_withdraw",
        "submit": "declaration_submit",
        "sent": "declaration_sent",
    }
    return {
        k for k, name in names.items() if reverse(f"budget:{name}", args=[declaration.pk]) in body
    }


def test_submitted_declaration_buttons(client, claimant, secretary, treasurer, budget_year):
    d = declaration_with_total(claimant=claimant, status="submitted", budget_year=budget_year)
    assert _buttons(client, claimant, d) == {"withdraw"}
    assert _buttons(client, secretary, d) == {"check", "reject"}
    assert _buttons(client, treasurer, d) == {"reject"}


def test_checked_declaration_buttons(client, claimant, secretary, treasurer, budget_year):
    d = declaration_with_total(claimant=claimant, status="checked", budget_year=budget_year)
    assert _buttons(client, claimant, d) == set()
    assert _buttons(client, secretary, d) == set()  # the secretary rejects only before the check
    assert _buttons(client, treasurer, d) == {"approve", "reject"}


def test_nobody_sees_handling_buttons_on_their_own(client, secretary, treasurer, budget_year):
    submitted = declaration_with_total(
        claimant=secretary, status="submitted", budget_year=budget_year
    )
    assert _buttons(client, secretary, submitted) == {"withdraw"}
    checked = declaration_with_total(claimant=treasurer, status="checked", budget_year=budget_year)
    assert _buttons(client, treasurer, checked) == set()
    approved = declaration_with_total(
        claimant=treasurer, status="approved", budget_year=budget_year
    )
    assert _buttons(client, treasurer, approved) == {"sent"}  # sending is no judgement


@pytest.mark.parametrize(("offset", "end"), [(0, "today"), (-1, "12-31"), (1, "01-01")])
def test_meetings_period_offered_is_the_year_up_to_today(client, claimant, offset, end):
    today = timezone.localdate()
    year = BudgetYearFactory(year=today.year + offset)
    d = declaration_with_total(claimant=claimant, status=Declaration.Status.DRAFT, budget_year=year)
    client.force_login(claimant)
    body = client.get(reverse("budget:declaration_detail", args=[d.pk])).content.decode()
    expected_end = today if end == "today" else datetime.date.fromisoformat(f"{year.year}-{end}")
    assert f'name="start" value="{year.year}-01-01"' in body
    assert f'name="end" value="{expected_end.isoformat()}"' in body


def _queries(client, url) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the session and settings
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    return len(ctx.captured_queries), body


def test_history_names_each_step_without_a_query_per_step(
    client, claimant, secretary, treasurer, budget_year
):
    from decimal import Decimal

    from budget import services
    from tests.factories.budget import receipt_pdf

    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Kosten"
    )
    services.declaration_line_add_expense(
        declaration=d,
        by=claimant,
        date=timezone.localdate(),
        budget_line=budget_year.lines.get(category="other"),
        description="Parkeren",
        amount=Decimal("5.00"),
        invoices=[receipt_pdf()],
    )
    services.declaration_submit(declaration=d, by=claimant)
    client.force_login(treasurer)
    url = reverse("budget:declaration_detail", args=[d.pk])
    one, _ = _queries(client, url)
    services.declaration_withdraw(declaration=d, by=claimant)
    services.declaration_submit(declaration=d, by=claimant)
    services.declaration_check(declaration=d, by=secretary)
    services.declaration_approve(declaration=d, by=treasurer)
    five, body = _queries(client, url)
    assert five == one <= 18
    history = body[body.index('id="verloop"') :]
    for label in ("ingediend", "concept", "gecontroleerd", "goedgekeurd"):
        assert label in history
    assert f"gecontroleerd door {secretary}" in history
