"""A show of hands in a meeting (issue 13, defect 9): the secretary records the counts, or
each member's vote; the same ballot rule decides; every recording is in the audit log; with
counts nobody votes in the app."""

import pytest
from django.urls import reverse

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Advice, Ballot, Vote
from tests.factories.meetings import MeetingFactory

from .conftest import written_deadline


@pytest.fixture
def meeting(db):
    return MeetingFactory()


def _open(advice, by, meeting, tally):
    return services.ballot_open(advice=advice, by=by, meeting=meeting, tally=tally)


def _hands_url(ballot):
    return reverse("adviezen:hands", args=[ballot.advice_id, ballot.pk])


def _ballot_url(ballot):
    return reverse("adviezen:ballot", args=[ballot.advice_id, ballot.pk])


# --- counts ----------------------------------------------------------------------------------


def test_the_secretary_records_the_counts_and_the_ballot_rule_decides(
    client, draft_advice, voters, chair, secretary, meeting
):
    ballot = _open(draft_advice, chair, meeting, "counts")
    client.force_login(secretary)
    page = client.get(_ballot_url(ballot)).content.decode()
    assert "Handopsteking: aantallen vastleggen" in page
    response = client.post(
        _hands_url(ballot), {"handen-yes": "2", "handen-against": "1", "handen-abstain": "0"}
    )
    assert response.status_code == 302
    ballot.refresh_from_db()
    assert (ballot.yes_count, ballot.against_count, ballot.abstain_count) == (2, 1, 0)
    entry = AuditEntry.objects.get(action="ballot.counts_recorded")
    assert entry.actor == secretary
    assert entry.data == {"ballot": ballot.pk, "yes": 2, "against": 1, "abstain": 0}

    closed = services.ballot_close(ballot=ballot, by=secretary)
    assert (closed.outcome, closed.yes_count, closed.eligible_count) == ("carried", 2, 3)
    assert Advice.objects.get(pk=draft_advice.pk).status == "approved"


def test_counts_one_short_of_half_send_the_advice_back_to_draft(
    draft_advice, voters, chair, secretary, meeting
):
    ballot = _open(draft_advice, chair, meeting, "counts")
    services.ballot_counts_record(ballot=ballot, by=secretary, yes=1, against=0, abstain=2)
    closed = services.ballot_close(ballot=ballot, by=secretary)
    assert closed.outcome == "not_carried"
    assert Advice.objects.get(pk=draft_advice.pk).status == "draft"


def test_the_councils_threshold_reaches_a_counted_ballot(
    draft_advice, voters, chair, secretary, meeting, council
):
    """2 of 3 carries at 50 %, not at 70 %: the setting as it stood when the ballot opened."""
    council.approval_threshold_percent = 70
    council.save()
    ballot = _open(draft_advice, chair, meeting, "counts")
    services.ballot_counts_record(ballot=ballot, by=secretary, yes=2, against=1, abstain=0)
    assert services.ballot_close(ballot=ballot, by=secretary).outcome == "not_carried"


def test_more_hands_than_voters_are_refused_next_to_the_field_keeping_what_was_typed(
    client, draft_advice, voters, chair, secretary, meeting
):
    ballot = _open(draft_advice, chair, meeting, "counts")
    client.force_login(secretary)
    response = client.post(
        _hands_url(ballot), {"handen-yes": "3", "handen-against": "1", "handen-abstain": "0"}
    )
    assert response.status_code == 200
    form = response.context["hands_form"]
    assert form.errors["yes"] == [
        "Samen zijn dat meer stemmen dan er stemgerechtigden zijn (3). Tel de handen opnieuw."
    ]
    assert 'value="3"' in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.counts_recorded_at is None and ballot.yes_count == 0
    assert not AuditEntry.objects.filter(action="ballot.counts_recorded").exists()


def test_negative_or_missing_counts_are_refused(
    client, draft_advice, voters, chair, secretary, meeting
):
    ballot = _open(draft_advice, chair, meeting, "counts")
    client.force_login(secretary)
    response = client.post(_hands_url(ballot), {"handen-yes": "-1", "handen-against": ""})
    assert response.status_code == 200
    assert set(response.context["hands_form"].errors) == {"yes", "against", "abstain"}
    ballot.refresh_from_db()
    assert ballot.counts_recorded_at is None


def test_with_counts_members_cannot_vote_in_the_app_and_are_told_why(
    client, draft_advice, voters, chair, member, meeting
):
    ballot = _open(draft_advice, chair, meeting, "counts")
    with pytest.raises(services.AdviceError, match="telt de secretaris de handen"):
        services.vote_cast(ballot=ballot, member=member, choice="yes")
    client.force_login(member)
    page = " ".join(client.get(_ballot_url(ballot)).content.decode().split())
    assert (
        "De secretaris telt de handen en legt alleen de aantallen vast; je stemt niet in de app."
        in page
    )
    assert "Stem uitbrengen" not in page
    client.post(reverse("adviezen:vote", args=[draft_advice.pk, ballot.pk]), {"choice": "yes"})
    assert not Vote.objects.exists()


def test_a_counted_ballot_closes_only_once_the_counts_are_in(
    client, draft_advice, voters, chair, secretary, meeting
):
    ballot = _open(draft_advice, chair, meeting, "counts")
    with pytest.raises(services.AdviceError, match="Leg eerst de aantallen"):
        services.ballot_close(ballot=ballot, by=chair)
    client.force_login(chair)
    page = client.get(reverse("adviezen:ballot_close", args=[draft_advice.pk, ballot.pk]))
    assert "Leg eerst de aantallen van de handopsteking vast" in page.content.decode()
    assert "Ja, stemming sluiten" not in page.content.decode()


def test_counts_are_only_for_a_ballot_in_a_meeting(draft_advice, voters, chair):
    with pytest.raises(services.AdviceError, match="Alleen bij een stemming in een vergadering"):
        services.ballot_open(
            advice=draft_advice, by=chair, deadline=written_deadline(), tally="counts"
        )
    assert not Ballot.objects.exists()


def test_the_open_form_refuses_counts_for_a_written_ballot(client, draft_advice, voters, chair):
    client.force_login(chair)
    response = client.post(
        reverse("adviezen:ballot_open", args=[draft_advice.pk]),
        {"mode": "written", "deadline": "2099-01-01T12:00", "tally": "counts"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["tally"] == [
        "Bij een schriftelijke stemming stemt elk lid in de app: kies 'Per lid'."
    ]
    assert not Ballot.objects.exists()


def test_the_open_form_opens_a_counted_meeting_ballot(client, draft_advice, voters, chair, meeting):
    client.force_login(chair)
    response = client.post(
        reverse("adviezen:ballot_open", args=[draft_advice.pk]),
        {"mode": "meeting", "meeting": meeting.pk, "tally": "counts"},
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.tally, ballot.meeting, ballot.deadline) == ("counts", meeting, None)


# --- per member --------------------------------------------------------------------------------


def test_the_secretary_records_each_members_hand(
    client, draft_advice, voters, chair, member, other_member, secretary, meeting
):
    ballot = _open(draft_advice, chair, meeting, "members")
    services.vote_cast(ballot=ballot, member=other_member, choice="against")  # in the app
    client.force_login(secretary)
    page = client.get(_ballot_url(ballot)).content.decode()
    assert "Handopsteking per lid" in page
    assert f'name="handen-lid_{member.pk}"' in page
    response = client.post(
        _hands_url(ballot),
        {f"handen-lid_{member.pk}": "yes", f"handen-lid_{chair.pk}": "yes"},
    )
    assert response.status_code == 302
    votes = dict(Vote.objects.filter(ballot=ballot).values_list("member_id", "choice"))
    assert votes == {member.pk: "yes", chair.pk: "yes", other_member.pk: "against"}
    recorded = AuditEntry.objects.filter(action="vote.recorded").order_by("pk")
    assert [(e.actor, e.data["member"]) for e in recorded] == sorted(
        [(secretary, member.pk), (secretary, chair.pk)], key=lambda t: t[1]
    )
    assert all("choice" not in e.data for e in recorded)  # who voted what stays in the votes
    closed = services.ballot_close(ballot=ballot, by=chair)
    assert (closed.outcome, closed.yes_count, closed.against_count) == ("carried", 2, 1)


def test_a_recorded_hand_replaces_the_members_vote_once(
    draft_advice, voters, chair, member, secretary, meeting
):
    ballot = _open(draft_advice, chair, meeting, "members")
    services.vote_cast(ballot=ballot, member=member, choice="against")
    assert (
        services.ballot_hands_record(ballot=ballot, by=secretary, choices={member.pk: "yes"}) == 1
    )
    assert (
        services.ballot_hands_record(ballot=ballot, by=secretary, choices={member.pk: "yes"}) == 0
    )
    assert Vote.objects.get(ballot=ballot, member=member).choice == "yes"
    assert Vote.objects.filter(ballot=ballot).count() == 1


def test_only_this_ballots_voters_and_the_three_choices_are_recorded(
    draft_advice, voters, chair, member, secretary, meeting
):
    from tests.factories.members import role_user

    outsider = role_user("Leden")  # no term: not eligible
    ballot = _open(draft_advice, chair, meeting, "members")
    with pytest.raises(services.AdviceError, match="Alleen de stemgerechtigden"):
        services.ballot_hands_record(
            ballot=ballot, by=secretary, choices={member.pk: "yes", outsider.pk: "yes"}
        )
    with pytest.raises(services.AdviceError, match="voor, tegen of onthouding"):
        services.ballot_hands_record(ballot=ballot, by=secretary, choices={member.pk: "maybe"})
    assert not Vote.objects.exists()


def test_hands_are_recorded_only_by_who_manages_ballots_and_only_in_a_meeting(
    client, draft_advice, voters, chair, member, secretary, meeting
):
    from django.core.exceptions import PermissionDenied

    ballot = _open(draft_advice, chair, meeting, "members")
    with pytest.raises(PermissionDenied):
        services.ballot_hands_record(ballot=ballot, by=member, choices={member.pk: "yes"})
    client.force_login(member)
    assert client.post(_hands_url(ballot), {f"handen-lid_{member.pk}": "yes"}).status_code == 403
    services.ballot_close(ballot=ballot, by=chair)
    with pytest.raises(services.AdviceError, match="gesloten"):
        services.ballot_hands_record(ballot=ballot, by=secretary, choices={member.pk: "yes"})


def test_a_written_ballot_has_no_show_of_hands(
    client, draft_advice, voters, chair, member, secretary
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    with pytest.raises(services.AdviceError, match="hoort bij een stemming in een vergadering"):
        services.ballot_hands_record(ballot=ballot, by=secretary, choices={member.pk: "yes"})
    client.force_login(secretary)
    assert "Handopsteking" not in client.get(_ballot_url(ballot)).content.decode()


def test_the_dashboard_does_not_ask_for_a_vote_on_counted_hands(
    client, draft_advice, voters, chair, member, meeting
):
    _open(draft_advice, chair, meeting, "counts")
    client.force_login(member)
    page = client.get(reverse("dashboard")).content.decode()
    assert "handopsteking in de vergadering" in page and "nog niet gestemd" not in page
