"""'1 vergadering toegevoegd', not '1 vergadering(en) toegevoegd' (issue 13.16)."""

import datetime

import pytest
from django.urls import reverse

from budget import services
from tests.budget.conftest import attended

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("meetings", "message"), [(1, "1 vergadering toegevoegd."), (2, "2 vergaderingen toegevoegd.")]
)
def test_the_prefill_message_uses_the_right_plural(
    client, claimant, budget_year, today, meetings, message
):
    draft = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Vergaderingen"
    )
    for n in range(meetings):
        attended(claimant, day=today, title=f"Plenaire vergadering {n}")
    client.force_login(claimant)
    response = client.post(
        reverse("budget:line_allowances", args=[draft.pk]),
        {"start": datetime.date(budget_year.year, 1, 1).isoformat(), "end": today.isoformat()},
        follow=True,
    )
    body = response.content.decode()
    assert message in body
    assert "(en)" not in body
