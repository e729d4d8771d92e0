"""Who sees and does what with signals and ballots, named after the rule (docs/rules.md, D1,
D14, D16, S1, S2, S16)."""

import pytest
from django.urls import reverse

from adviezen import services
from tests.adviezen.conftest import written_deadline
from tests.factories.adviezen import SignalFactory
from tests.factories.members import TermFactory, role_user

CONTACT = ("Jan Inwoner", "jan@inwoner.example", "06-12345678")


@pytest.fixture
def resident_signal(member):
    return SignalFactory(
        recorded_by=member,
        contact_name=CONTACT[0],
        contact_email=CONTACT[1],
        contact_phone=CONTACT[2],
    )


@pytest.mark.parametrize("who", ["secretary", "chair"])
def test_only_the_secretary_and_the_chair_see_a_residents_contact_details(
    client, request, resident_signal, who
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("adviezen:signal", args=[resident_signal.pk])).content.decode()
    assert all(value in page for value in CONTACT)


def test_the_member_who_recorded_a_signal_does_not_see_the_residents_contact_details(
    client, member, resident_signal
):
    client.force_login(member)
    for url in (
        reverse("adviezen:signal", args=[resident_signal.pk]),
        reverse("adviezen:signal_list"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert resident_signal.title in page
        assert not any(value in page for value in CONTACT)


@pytest.mark.parametrize("who", ["other_member", "treasurer", "advisor"])
def test_nobody_else_reaches_a_residents_signal(client, request, resident_signal, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("adviezen:signal", args=[resident_signal.pk]))
    assert response.status_code in (403, 404)
    assert not any(value in response.content.decode() for value in CONTACT)


def test_a_policy_advisor_never_votes(draft_advice, voters, chair):
    advisor = role_user("Bestuursadviseurs", "Leden")
    TermFactory(member=advisor)
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    assert advisor.pk not in set(ballot.voters.values_list("member_id", flat=True))
    assert ballot.eligible_count == len(voters)
    with pytest.raises(services.AdviceError):
        services.vote_cast(ballot=ballot, member=advisor, choice="yes")


def test_the_secretary_never_votes_even_with_a_term(draft_advice, voters, chair, secretary):
    TermFactory(member=secretary)
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    with pytest.raises(services.AdviceError):
        services.vote_cast(ballot=ballot, member=secretary, choice="yes")
