"""The periodic task closes a written ballot at its deadline (docs/rules.md, D17; issue 15,
item 3), through the task as a worker runs it (``apply``: in this process), on both sides of
the deadline."""

import datetime

import pytest
from django.utils import timezone

from adviezen import services
from adviezen.models import Advice, Ballot
from adviezen.tasks import close_expired_ballots
from tests.factories.meetings import MeetingFactory

DEADLINE = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)


@pytest.fixture
def ballot(draft_advice, voters, chair, member):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=DEADLINE)
    for person in (chair, member):
        services.vote_cast(ballot=ballot, member=person, choice="yes")
    return ballot


def _at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_second_before_the_deadline_the_task_leaves_the_ballot_open(monkeypatch, ballot):
    _at(monkeypatch, DEADLINE - datetime.timedelta(seconds=1))
    assert close_expired_ballots.apply().get() == 0
    ballot.refresh_from_db()
    assert ballot.is_open and ballot.closed_at is None
    assert Advice.objects.get(pk=ballot.advice_id).status == "voting"


def test_at_the_deadline_the_task_closes_the_ballot_with_the_rule(monkeypatch, ballot):
    _at(monkeypatch, DEADLINE)
    assert close_expired_ballots.apply().get() == 1
    ballot.refresh_from_db()
    assert (ballot.status, ballot.outcome, ballot.closed_by) == ("closed", "carried", None)
    assert (ballot.yes_count, ballot.eligible_count) == (2, 3)
    advice = Advice.objects.get(pk=ballot.advice_id)
    assert advice.status == "approved" and advice.approved_version == ballot.version
    last = advice.transitions.last()
    assert last.by is None and last.note.startswith("Stemming: 2 voor")


def test_the_task_closes_once(monkeypatch, ballot):
    _at(monkeypatch, DEADLINE + datetime.timedelta(minutes=5))
    assert close_expired_ballots.apply().get() == 1
    assert close_expired_ballots.apply().get() == 0
    assert (
        Advice.objects.get(pk=ballot.advice_id).transitions.filter(to_status="approved").count()
        == 1
    )


def test_a_ballot_not_carried_at_its_deadline_goes_back_to_draft(
    monkeypatch, draft_advice, voters, chair
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=DEADLINE)
    _at(monkeypatch, DEADLINE + datetime.timedelta(hours=1))
    assert close_expired_ballots.apply().get() == 1
    ballot.refresh_from_db()
    assert ballot.outcome == "not_carried"
    assert Advice.objects.get(pk=draft_advice.pk).status == "draft"


def test_a_ballot_in_a_meeting_has_no_deadline_and_stays_open(
    monkeypatch, draft_advice, voters, chair
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, meeting=MeetingFactory())
    _at(monkeypatch, DEADLINE + datetime.timedelta(days=365))
    assert close_expired_ballots.apply().get() == 0
    assert Ballot.objects.get(pk=ballot.pk).is_open
