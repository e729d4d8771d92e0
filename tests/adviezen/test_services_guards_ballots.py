"""The guards of opening, voting on and closing a ballot and of the chair's approval: both
sides of each deadline, who took each step and why, and that a refused step changes
nothing."""

import datetime

import pytest
from django.utils import timezone

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Advice, Ballot, Vote
from members.models import CouncilSettings, Term
from tests.factories.adviezen import AdviceFactory, VersionFactory
from tests.factories.meetings import MeetingFactory

from .conftest import written_deadline

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def _at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _nothing_opened(advice):
    assert Advice.objects.get(pk=advice.pk).status == "draft"
    assert not Ballot.objects.exists()


# --- opening ---------------------------------------------------------------------------------


def test_a_ballot_without_a_meeting_or_a_deadline_is_refused(draft_advice, voters, chair):
    with pytest.raises(services.AdviceError, match="Kies een vergadering") as refused:
        services.ballot_open(advice=draft_advice, by=chair)
    assert refused.value.field == "deadline"
    _nothing_opened(draft_advice)


def test_a_ballot_in_a_meeting_needs_no_deadline(draft_advice, voters, chair):
    ballot = services.ballot_open(advice=draft_advice, by=chair, meeting=MeetingFactory())
    assert ballot.is_open and ballot.deadline is None


def test_counts_outside_a_meeting_are_refused(draft_advice, voters, chair):
    with pytest.raises(services.AdviceError, match="Alleen bij een stemming") as refused:
        services.ballot_open(
            advice=draft_advice, by=chair, deadline=written_deadline(), tally="counts"
        )
    assert refused.value.field == "tally"
    _nothing_opened(draft_advice)


def test_a_deadline_of_right_now_is_refused(monkeypatch, draft_advice, voters, chair):
    _at(monkeypatch, NOW)
    with pytest.raises(services.AdviceError, match="in het verleden") as refused:
        services.ballot_open(advice=draft_advice, by=chair, deadline=NOW)
    assert refused.value.field == "deadline"
    _nothing_opened(draft_advice)


def test_a_deadline_a_second_from_now_is_accepted(monkeypatch, draft_advice, voters, chair):
    _at(monkeypatch, NOW)
    later = NOW + datetime.timedelta(seconds=1)
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=later)
    assert ballot.deadline == later


def test_a_deadline_in_the_past_is_refused(draft_advice, voters, chair):
    with pytest.raises(services.AdviceError, match="in het verleden"):
        services.ballot_open(
            advice=draft_advice, by=chair, deadline=timezone.now() - datetime.timedelta(days=1)
        )
    _nothing_opened(draft_advice)


def test_opening_records_who_opened_it(draft_advice, voters, chair):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    last = Advice.objects.get(pk=draft_advice.pk).transitions.last()
    assert (last.from_status, last.to_status, last.by) == ("draft", "voting", chair)
    entry = AuditEntry.objects.get(action="ballot.opened")
    assert entry.actor == chair
    assert entry.data == {"ballot": ballot.pk, "version": 1, "eligible": 3}


# --- voting ----------------------------------------------------------------------------------


def test_a_vote_a_second_before_the_deadline_counts(monkeypatch, draft_advice, voters, member):
    deadline = NOW + datetime.timedelta(days=2)
    ballot = services.ballot_open(advice=draft_advice, by=voters[0], deadline=deadline)
    _at(monkeypatch, deadline - datetime.timedelta(seconds=1))
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    assert Vote.objects.get(ballot=ballot, member=member).choice == "yes"


def test_a_vote_at_the_deadline_is_refused(monkeypatch, draft_advice, voters, member):
    deadline = NOW + datetime.timedelta(days=2)
    ballot = services.ballot_open(advice=draft_advice, by=voters[0], deadline=deadline)
    _at(monkeypatch, deadline)
    with pytest.raises(services.AdviceError, match="gesloten"):
        services.vote_cast(ballot=ballot, member=member, choice="yes")
    assert not Vote.objects.exists()


def test_nobody_votes_in_the_app_when_the_secretary_records_the_counts(
    draft_advice, voters, chair, member
):
    ballot = services.ballot_open(
        advice=draft_advice, by=chair, meeting=MeetingFactory(), tally="counts"
    )
    with pytest.raises(services.AdviceError, match="telt de secretaris de handen"):
        services.vote_cast(ballot=ballot, member=member, choice="yes")
    assert not Vote.objects.exists()


def test_a_voter_of_another_ballot_may_not_vote_on_this_one(draft_advice, voters, chair, member):
    services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    Term.objects.filter(member=member).update(end=timezone.localdate() - datetime.timedelta(days=1))
    other = AdviceFactory(status="draft")
    VersionFactory(advice=other, number=1)
    later = services.ballot_open(advice=other, by=chair, deadline=written_deadline())
    with pytest.raises(services.AdviceError, match="niet stemgerechtigd"):
        services.vote_cast(ballot=later, member=member, choice="yes")
    assert not Vote.objects.filter(ballot=later).exists()


def test_a_vote_and_a_changed_vote_are_in_the_audit_log(draft_advice, voters, chair, member):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    services.vote_cast(ballot=ballot, member=member, choice="against")
    entries = AuditEntry.objects.filter(action__startswith="vote.").order_by("pk")
    assert [(e.action, e.actor, e.data) for e in entries] == [
        ("vote.cast", member, {"ballot": ballot.pk}),
        ("vote.changed", member, {"ballot": ballot.pk}),
    ]


# --- closing ---------------------------------------------------------------------------------


def test_the_periodic_task_may_not_close_a_second_before_the_deadline(
    monkeypatch, draft_advice, voters, chair
):
    deadline = NOW + datetime.timedelta(days=2)
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=deadline)
    _at(monkeypatch, deadline - datetime.timedelta(seconds=1))
    with pytest.raises(services.AdviceError, match="nog niet bereikt"):
        services.ballot_close(ballot=ballot)
    assert Ballot.objects.get(pk=ballot.pk).is_open
    assert Advice.objects.get(pk=draft_advice.pk).status == "voting"


def test_the_periodic_task_closes_at_the_deadline(monkeypatch, draft_advice, voters, chair):
    deadline = NOW + datetime.timedelta(days=2)
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=deadline)
    _at(monkeypatch, deadline)
    closed = services.ballot_close(ballot=ballot)
    assert (closed.status, closed.closed_by, closed.closed_at) == ("closed", None, deadline)


def test_the_periodic_task_may_not_close_a_ballot_in_a_meeting(draft_advice, voters, chair):
    ballot = services.ballot_open(advice=draft_advice, by=chair, meeting=MeetingFactory())
    with pytest.raises(services.AdviceError, match="nog niet bereikt"):
        services.ballot_close(ballot=ballot)
    assert Ballot.objects.get(pk=ballot.pk).is_open


def test_the_chair_closes_before_the_deadline(draft_advice, voters, chair):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    assert services.ballot_close(ballot=ballot, by=chair).closed_by == chair


def test_counts_not_yet_recorded_keep_the_ballot_open(draft_advice, voters, chair, secretary):
    ballot = services.ballot_open(
        advice=draft_advice, by=chair, meeting=MeetingFactory(), tally="counts"
    )
    with pytest.raises(services.AdviceError, match="Leg eerst de aantallen"):
        services.ballot_close(ballot=ballot, by=secretary)
    assert Ballot.objects.get(pk=ballot.pk).is_open
    services.ballot_counts_record(ballot=ballot, by=secretary, yes=2, against=0, abstain=0)
    assert services.ballot_close(ballot=ballot, by=secretary).outcome == "carried"


def test_members_voting_in_a_meeting_close_without_counts(draft_advice, voters, chair, secretary):
    ballot = services.ballot_open(advice=draft_advice, by=chair, meeting=MeetingFactory())
    assert services.ballot_close(ballot=ballot, by=secretary).outcome == "not_carried"


@pytest.mark.parametrize(("quorum", "outcome"), [(50, "not_carried"), (30, "carried")])
def test_the_quorum_at_opening_decides_on_the_basis_of_votes_cast(
    draft_advice, voters, chair, member, quorum, outcome
):
    CouncilSettings.objects.filter(pk=1).update(
        approval_basis="cast", quorum_percent=quorum, approval_threshold_percent=50
    )
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=member, choice="yes")  # 1 of 3 cast
    assert services.ballot_close(ballot=ballot, by=chair).outcome == outcome


def test_a_carried_ballot_approves_in_the_closers_name_with_the_count(
    draft_advice, voters, chair, member
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    for person in (chair, member):
        services.vote_cast(ballot=ballot, member=person, choice="yes")
    services.ballot_close(ballot=ballot, by=chair)
    advice = Advice.objects.get(pk=draft_advice.pk)
    last = advice.transitions.last()
    assert (last.from_status, last.to_status, last.by, last.note) == (
        "voting",
        "approved",
        chair,
        "Stemming: 2 voor, 0 tegen, 0 onthouding van 3",
    )
    assert advice.approved_version == ballot.version
    entry = AuditEntry.objects.get(action="ballot.closed")
    assert entry.actor == chair
    assert entry.data == {
        "ballot": ballot.pk,
        "outcome": "carried",
        "yes": 2,
        "against": 0,
        "abstain": 0,
    }


def test_a_ballot_not_carried_goes_back_in_the_closers_name_with_the_count(
    draft_advice, voters, chair, member
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=member, choice="against")
    services.ballot_close(ballot=ballot, by=chair)
    last = Advice.objects.get(pk=draft_advice.pk).transitions.last()
    assert (last.from_status, last.to_status, last.by, last.note) == (
        "voting",
        "draft",
        chair,
        "Stemming: 0 voor, 1 tegen, 0 onthouding van 3",
    )


@pytest.mark.parametrize("yes_votes", [0, 2])
def test_a_ballot_whose_advice_left_voting_stays_open(
    draft_advice, voters, chair, member, yes_votes
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    for person in (chair, member)[:yes_votes]:
        services.vote_cast(ballot=ballot, member=person, choice="yes")
    Advice.objects.filter(pk=draft_advice.pk).update(status="withdrawn")
    with pytest.raises(services.AdviceError, match="kan niet naar"):
        services.ballot_close(ballot=ballot, by=chair)
    ballot.refresh_from_db()
    assert ballot.is_open and ballot.outcome == "" and ballot.closed_at is None


def test_a_confirmed_outcome_closes_and_a_changed_one_is_refused(
    draft_advice, voters, chair, member
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    with pytest.raises(services.AdviceError, match="uitslag is veranderd"):
        services.ballot_close(ballot=ballot, by=chair, expected_outcome="carried")
    assert Ballot.objects.get(pk=ballot.pk).is_open
    closed = services.ballot_close(ballot=ballot, by=chair, expected_outcome="not_carried")
    assert closed.outcome == "not_carried"


# --- the chair's approval --------------------------------------------------------------------


def test_the_chairs_approval_records_the_chair_and_the_reason(draft_advice, voters, chair):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    services.advice_chair_approve(advice=draft_advice, by=chair, reason="  Spoed  ")
    advice = Advice.objects.get(pk=draft_advice.pk)
    last = advice.transitions.last()
    assert (last.from_status, last.to_status, last.by, last.note) == (
        "voting",
        "approved",
        chair,
        "Spoed",
    )
    assert (advice.chair_approved_by, advice.chair_approval_reason) == (chair, "Spoed")
    ballot.refresh_from_db()
    assert (ballot.status, ballot.outcome, ballot.closed_by) == ("closed", "superseded", chair)


def test_the_chairs_approval_without_a_reason_is_refused(draft_advice, chair):
    with pytest.raises(services.AdviceError, match="reden") as refused:
        services.advice_chair_approve(advice=draft_advice, by=chair, reason="   ")
    assert refused.value.field == "reason"
    assert Advice.objects.get(pk=draft_advice.pk).status == "draft"
