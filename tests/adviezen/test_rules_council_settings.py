"""The council's settings reach the advice rules: change the setting, watch the outcome change
(docs/rules.md, D7, D14, D16, D18, S22).

Each setting is changed the way the secretary changes it (``council_settings_update``), and the
same facts are run through the service or selector that reads it.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from adviezen import selectors, services
from adviezen.models import Signal
from members.services import council_settings_update
from tests.adviezen.conftest import written_deadline
from tests.factories.adviezen import AdviceFactory, SignalFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _set(secretary, **fields):
    council_settings_update(by=secretary, data=fields)


def _vote_and_close(advice, chair, choices):
    ballot = services.ballot_open(advice=advice, by=chair, deadline=written_deadline())
    for person, choice in choices:
        services.vote_cast(ballot=ballot, member=person, choice=choice)
    return services.ballot_close(ballot=ballot, by=chair)


@pytest.mark.parametrize(("threshold", "outcome"), [(50, "carried"), (67, "not_carried")])
def test_the_councils_threshold_reaches_the_ballot(
    draft_advice, voters, chair, member, secretary, threshold, outcome
):
    """Two yes of three eligible: carried at 50 %, not at 67 % (2 × 100 < 67 × 3)."""
    _set(secretary, approval_threshold_percent=threshold)
    ballot = _vote_and_close(draft_advice, chair, [(chair, "yes"), (member, "yes")])
    assert (ballot.threshold_percent, ballot.outcome) == (threshold, outcome)


@pytest.mark.parametrize(("basis", "outcome"), [("eligible", "not_carried"), ("cast", "carried")])
def test_the_councils_basis_reaches_the_ballot(
    draft_advice, voters, chair, member, secretary, basis, outcome
):
    """One yes, one abstention, one not voting: short of half the eligible members, but every
    vote for or against is yes."""
    _set(secretary, approval_basis=basis, quorum_percent=50)
    ballot = _vote_and_close(draft_advice, chair, [(chair, "yes"), (member, "abstain")])
    assert (ballot.basis, ballot.outcome) == (basis, outcome)


@pytest.mark.parametrize(("quorum", "outcome"), [(60, "carried"), (70, "not_carried")])
def test_the_councils_quorum_reaches_the_ballot(
    draft_advice, voters, chair, member, secretary, quorum, outcome
):
    """Two of three voted (67 %): the quorum of 60 % is reached, 70 % is not."""
    _set(secretary, approval_basis="cast", quorum_percent=quorum)
    ballot = _vote_and_close(draft_advice, chair, [(chair, "yes"), (member, "against")])
    assert ballot.outcome == outcome


def test_the_settings_at_opening_hold_for_the_whole_ballot(
    draft_advice, voters, chair, member, secretary
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    _set(secretary, approval_threshold_percent=100)
    services.vote_cast(ballot=ballot, member=chair, choice="yes")
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    assert services.ballot_close(ballot=ballot, by=chair).outcome == "carried"


@pytest.mark.parametrize(("days", "erased"), [(30, False), (29, True)])
def test_the_councils_retention_period_decides_when_contact_details_go(
    council, secretary, days, erased
):
    """Received on 1 April, today 1 May: kept through the 30th day, erased with 29."""
    _set(secretary, signal_retention_days=days)
    signal = SignalFactory(received_at=datetime.datetime(2025, 4, 1, 10, tzinfo=AMSTERDAM))
    assert services.signal_contacts_erase_expired(today=datetime.date(2025, 5, 1)) == int(erased)
    signal.refresh_from_db()
    assert (signal.contact_email == "") is erased


def test_contact_details_are_kept_exactly_to_the_retention_period_and_erased_the_day_after(
    council, secretary
):
    _set(secretary, signal_retention_days=30)
    signal = SignalFactory(received_at=datetime.datetime(2025, 4, 1, 10, tzinfo=AMSTERDAM))
    assert services.signal_contacts_erase_expired(today=datetime.date(2025, 5, 1)) == 0
    assert services.signal_contacts_erase_expired(today=datetime.date(2025, 5, 2)) == 1
    assert Signal.objects.get(pk=signal.pk).contact_name == ""


def _sent(on: datetime.date):
    return AdviceFactory(
        status="sent",
        kind="formal",
        sent_at=datetime.datetime.combine(on, datetime.time(10), tzinfo=AMSTERDAM),
    )


def test_the_college_response_is_due_on_the_due_date_and_overdue_the_day_after(council, secretary):
    _set(secretary, response_deadline_weeks=6)
    advice = _sent(datetime.date(2025, 3, 3))
    due = datetime.date(2025, 4, 14)
    assert list(selectors.responses_overdue(today=due)) == []
    assert list(selectors.responses_overdue(today=due + datetime.timedelta(days=1))) == [advice]


@pytest.mark.parametrize(("weeks", "overdue"), [(6, True), (8, False)])
def test_the_councils_response_period_decides_when_a_response_is_overdue(
    council, secretary, weeks, overdue
):
    _set(secretary, response_deadline_weeks=weeks)
    advice = _sent(datetime.date(2025, 3, 3))
    found = list(selectors.responses_overdue(today=datetime.date(2025, 4, 20)))
    assert found == ([advice] if overdue else [])


def test_an_answered_or_informal_advice_is_never_overdue(council, secretary):
    from tests.factories.adviezen import college_response

    _set(secretary, response_deadline_weeks=1)
    answered = _sent(datetime.date(2025, 1, 6))
    college_response(answered)
    AdviceFactory(status="sent", kind="informal", sent_at=timezone.now())
    assert list(selectors.responses_overdue(today=datetime.date(2025, 4, 20))) == []
