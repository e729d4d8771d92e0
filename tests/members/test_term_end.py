"""Ending a term early through the page (issue 13.6): a confirmation that says what will happen,
then the seat planning asks for a new person and offers the vacancy."""

import datetime

import pytest
from django.urls import reverse

from members.models import CouncilSettings, Term
from tests.factories.members import TermFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def full_council(member):
    """Two member seats and one chair seat, all filled; ``member`` holds a first term."""
    CouncilSettings.objects.update_or_create(pk=1, defaults={"max_members": 2, "max_chairs": 1})
    TermFactory(role=Term.Role.CHAIR)
    TermFactory()
    return TermFactory(member=member, start=TODAY - datetime.timedelta(days=400))


def post(client, term, end, **extra):
    return client.post(
        reverse("members:term_end", args=[term.pk]), {"end": end.isoformat(), **extra}
    )


def test_the_first_post_shows_what_will_happen_and_changes_nothing(client, secretary, full_council):
    client.force_login(secretary)
    yesterday = TODAY - datetime.timedelta(days=1)
    response = post(client, full_council, yesterday)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wat er gebeurt" in body and "niet meer als herbenoembaar" in body
    assert "Dit kun je niet ongedaan maken." in body
    assert 'name="confirm" value="1"' in body
    full_council.refresh_from_db()
    assert not full_council.ended_early and full_council.end > TODAY


@pytest.mark.parametrize(
    ("days_ago", "now_free"), [(1, True), (0, False)], ids=["ended-yesterday", "ends-today"]
)
def test_a_confirmed_early_end_puts_the_seat_among_the_openings(
    client, secretary, full_council, days_ago, now_free
):
    client.force_login(secretary)
    before = client.get(reverse("members:seat_planning")).context["openings"]
    assert before == []  # a full council: nothing to recruit
    end = TODAY - datetime.timedelta(days=days_ago)
    response = post(client, full_council, end, confirm="1")
    assert response.status_code == 302
    assert response["Location"] == reverse("members:seat_planning")
    full_council.refresh_from_db()
    assert full_council.ended_early and full_council.end == end

    page = client.get(reverse("members:seat_planning"))
    [item] = page.context["openings"]
    free_from = end + datetime.timedelta(days=1)
    assert (item["opening"].role, item["opening"].by, item["remaining"]) == (
        "member",
        free_from,
        1,
    )
    body = page.content.decode()
    assert ("Lid: 1 zetel nu vrij" in body) is now_free
    assert "Vacature maken" in body
    assert page.context["plan"]["rows"][0].renewable == 0  # not counted as re-appointable
    assert page.context["plan"]["filled_today"] == (2 if now_free else 3)


def test_a_last_day_outside_the_term_is_refused_next_to_the_field(client, secretary, full_council):
    client.force_login(secretary)
    for end in (full_council.end, full_council.start - datetime.timedelta(days=1)):
        response = post(client, full_council, end, confirm="1")
        assert response.status_code == 200
        assert "vóór het geplande einde" in response.content.decode()
        assert response.context["form"].errors["end"]
    full_council.refresh_from_db()
    assert not full_council.ended_early


def test_only_the_secretary_ends_a_term(client, member, chair, full_council):
    for who in (member, chair):
        client.force_login(who)
        assert post(client, full_council, TODAY, confirm="1").status_code == 403
    full_council.refresh_from_db()
    assert not full_council.ended_early


def test_the_term_end_page_query_count_is_pinned(
    client, secretary, full_council, django_assert_num_queries
):
    client.force_login(secretary)
    url = reverse("members:term_end", args=[full_council.pk])
    client.get(url)
    # the session, the user, the term with its member, and 4 on every logged-in page:
    # permissions (user, groups), council settings, unread notifications
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
