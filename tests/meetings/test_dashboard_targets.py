"""The dashboard's year at a glance shows the annual plan's targets for every kind it sets,
work visits and training included (issue 13.16)."""

import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories.budget import BudgetYearFactory
from tests.factories.meetings import MeetingFactory, at

pytestmark = pytest.mark.django_db


def glance(client) -> dict[str, tuple[str, str]]:
    """``{kind label: (held, target)}`` as the dashboard shows them."""
    body = client.get(reverse("dashboard")).content.decode()
    rows = re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td class="text-end">([^<]+)</td>\s*'
        r'<td class="text-end">([^<]+)</td>',
        body,
    )
    return {label: (held, target) for label, held, target in rows}


def test_without_a_budget_year_the_plans_defaults_show(client, secretary):
    client.force_login(secretary)
    rows = glance(client)
    assert rows["Werkbezoek"] == ("0", "4")
    assert rows["Training"] == ("0", "1")
    assert rows["Plenaire vergadering"] == ("0", "12")


def test_the_annual_plans_targets_show_and_held_meetings_count(client, secretary):
    BudgetYearFactory(target_work_visits=6, target_training=3, target_plenaries=10)
    if at(-1).year == at(0).year:  # a held work visit this year
        MeetingFactory(kind=Meeting.Kind.WORK_VISIT, start=at(-1), end=at(-1, 21), status="held")
    client.force_login(secretary)
    rows = glance(client)
    held = "1" if at(-1).year == at(0).year else "0"
    assert rows["Werkbezoek"] == (held, "6")
    assert rows["Training"] == ("0", "3")
    assert rows["Plenaire vergadering"] == ("0", "10")


@pytest.mark.parametrize("n", [1, 6])
def test_dashboard_query_count_is_pinned(client, secretary, django_assert_num_queries, n):
    BudgetYearFactory()
    for _ in range(n):
        MeetingFactory(kind=Meeting.Kind.TRAINING, start=at(3), end=at(3, 21))
    client.force_login(secretary)
    client.get(reverse("dashboard"))
    # 18, whatever the number of meetings: session, user, the panels of every app (actions,
    # upcoming meetings, meetings held per kind, the annual plan's targets (one query, since
    # issue 13.16), advices, signals, declarations, seats, vacancies, onboarding) and the
    # permissions, council settings and unread notifications of every logged-in page
    with django_assert_num_queries(18):
        assert client.get(reverse("dashboard")).status_code == 200
