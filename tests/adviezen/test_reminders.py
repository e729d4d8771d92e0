"""Advices' reminders: the right people, once, on Europe/Amsterdam dates (issue 6)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from adviesraad.background import reminders
from adviesraad.background.models import ReminderSent
from adviezen import reminders as advice_reminders
from adviezen.models import Advice, Ballot, BallotVoter, Vote
from members.models import WorkingGroup
from tests.factories.adviezen import AdviceFactory, VersionFactory, college_response
from tests.factories.members import MembershipFactory, WorkingGroupFactory, role_user

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = datetime.date(2025, 5, 12)  # a Monday


@pytest.fixture(autouse=True)
def only_adviezen(monkeypatch):
    """Sweep only this app, through the real ``sweep_all`` and delivery."""
    monkeypatch.setattr(reminders, "REMINDER_APPS", ["adviezen"])


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.sweep_all(today=today)

    return run


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def sent_to(kind, **filters):
    return sorted(
        ReminderSent.objects.filter(kind=kind, **filters).values_list("recipient__email", flat=True)
    )


def mailed():
    return sorted(m.to[0] for m in mail.outbox)


def written_ballot(voters, *, closes: datetime.datetime, status=Ballot.Status.OPEN, **advice):
    """An open written ballot with ``voters`` frozen as eligible (as ``ballot_open`` does)."""
    version = VersionFactory(
        advice=AdviceFactory(status=Advice.Status.VOTING, title="Armoedebeleid", **advice)
    )
    ballot = Ballot.objects.create(
        advice=version.advice,
        version=version,
        status=status,
        opened_on=TODAY - datetime.timedelta(days=5),
        deadline=closes,
        threshold_percent=50,
        basis="eligible",
        quorum_percent=0,
        eligible_count=len(voters),
    )
    BallotVoter.objects.bulk_create([BallotVoter(ballot=ballot, member=v) for v in voters])
    return ballot


# --- ballot not voted ---------------------------------------------------------------------


def test_ballot_reminders_two_days_and_one_day_before_reach_only_non_voters(
    sweep, secretary, chair, member, other_member
):
    closes = datetime.datetime(2025, 5, 14, 17, 0, tzinfo=AMS)  # Wednesday
    ballot = written_ballot([chair, member, other_member], closes=closes)
    Vote.objects.create(ballot=ballot, member=member, choice=Vote.Choice.YES)

    assert sweep(days(-1))["sent"] == 0  # three days before: nothing yet

    # Two days before: the two who have not voted, not the voter, never the secretary.
    assert sweep(days(0)) == {"sent": 2, "skipped": 0, "errors": 0}
    assert mailed() == sorted([chair.email, other_member.email])
    message = mail.outbox[0]
    assert message.subject == (
        "Je hebt nog niet gestemd over Armoedebeleid (sluit wo 14 mei, 17:00)"
    )
    assert "De stemming sluit op wo 14 mei 2025, 17:00." in message.body
    assert "over 2 dagen" in message.body
    url = f"/intern/adviezen/{ballot.advice_id}/stemming/{ballot.pk}/"
    assert url in message.body and url in message.alternatives[0][0]
    assert set(ReminderSent.objects.values_list("day", flat=True)) == {days(0)}

    assert sweep(days(0))["sent"] == 0  # a second sweep the same day
    assert len(mail.outbox) == 2

    # The chair votes; one day before, only the last non-voter gets the second reminder.
    Vote.objects.create(ballot=ballot, member=chair, choice=Vote.Choice.ABSTAIN)
    mail.outbox.clear()
    assert sweep(days(1))["sent"] == 1
    assert mailed() == [other_member.email]
    assert "over 1 dag." in mail.outbox[0].body
    assert sweep(days(1))["sent"] == 0

    assert sweep(days(2))["sent"] == 0  # the closing day itself: nothing
    assert sent_to("ballot_not_voted") == sorted(
        [chair.email, other_member.email, other_member.email]
    )
    assert len(mail.outbox) == 1


def test_closed_ballots_and_meeting_ballots_send_nothing(sweep, chair, member):
    closes = datetime.datetime(2025, 5, 14, 17, 0, tzinfo=AMS)
    written_ballot([chair, member], closes=closes, status=Ballot.Status.CLOSED)
    assert advice_reminders.ballot_not_voted(today=TODAY) == []
    version = VersionFactory(advice=AdviceFactory(status=Advice.Status.VOTING))
    Ballot.objects.create(
        advice=version.advice,
        version=version,
        opened_on=TODAY,
        deadline=None,  # voted on in a meeting
        threshold_percent=50,
        basis="eligible",
        quorum_percent=0,
    )
    assert sweep(TODAY)["sent"] == 0
    assert mail.outbox == []


def test_ballot_deadline_counts_on_its_amsterdam_date(chair, member):
    # 00:30 on Wednesday in Amsterdam is still Tuesday in UTC: it is "in two days" on Monday.
    just_after_midnight = datetime.datetime(2025, 5, 14, 0, 30, tzinfo=AMS)
    assert just_after_midnight.astimezone(datetime.UTC).date() == datetime.date(2025, 5, 13)
    written_ballot([chair, member], closes=just_after_midnight)
    due = advice_reminders.ballot_not_voted(today=TODAY)
    assert {r["context"]["days_left"] for r in due} == {2}
    assert {r["recipient"] for r in due} == {chair, member}


# --- advice deadline near -----------------------------------------------------------------


def test_advice_deadline_near_reaches_secretary_chair_and_working_group_once(
    sweep, secretary, chair, member, other_member, advisor, treasurer
):
    group = WorkingGroupFactory(name="Werkgroep Werk", domain=WorkingGroup.Domain.WERK)
    MembershipFactory(group=group, member=member, start=datetime.date(2024, 1, 1))
    MembershipFactory(
        group=group,
        member=other_member,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2025, 4, 30),  # left the group
    )
    advice = AdviceFactory(
        title="Re-integratie", status=Advice.Status.DRAFT, deadline=days(14), working_group=group
    )
    AdviceFactory(status=Advice.Status.DRAFT, deadline=days(15))  # outside the window
    AdviceFactory(status=Advice.Status.SENT, deadline=days(3))  # already sent
    AdviceFactory(status=Advice.Status.WITHDRAWN, deadline=days(3))
    AdviceFactory(status=Advice.Status.DRAFT, deadline=days(-1))  # already past

    sweep(TODAY)
    expected = sorted([secretary.email, chair.email, member.email])
    assert sent_to("advice_deadline_near") == expected
    assert mailed() == expected
    assert set(ReminderSent.objects.values_list("object_id", flat=True)) == {str(advice.pk)}
    message = mail.outbox[0]
    assert message.subject == "Termijn nadert: advies Re-integratie uiterlijk 26 mei 2025"
    assert "uiterlijk maandag 26 mei 2025 ontvangen" in message.body
    assert "over 14 dagen" in message.body
    assert "Stand van zaken: concept." in message.body
    assert f"/intern/adviezen/{advice.pk}/" in message.body

    # Again today, tomorrow and a week later: nothing more for this advice.
    for later in (0, 1, 7):
        sweep(days(later))
    assert ReminderSent.objects.filter(object_id=str(advice.pk)).count() == 3
    assert ReminderSent.objects.count() == 3 + 2  # the day-15 one entered the window tomorrow


def test_a_person_in_two_roles_gets_one_deadline_reminder_and_inactive_people_none(sweep, chair):
    role_user("Secretariaat", email="oud-secretaris@test.example", is_active=False)
    group = WorkingGroupFactory()
    MembershipFactory(group=group, member=chair, start=datetime.date(2024, 1, 1))
    AdviceFactory(status=Advice.Status.APPROVED, deadline=days(2), working_group=group)
    assert sweep(TODAY)["sent"] == 1
    assert mailed() == [chair.email]


# --- college response overdue -------------------------------------------------------------


def sent_on(day: datetime.date, **kwargs):
    kwargs.setdefault("status", Advice.Status.SENT)
    return AdviceFactory(
        sent_at=datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=AMS), **kwargs
    )


def test_response_overdue_reaches_secretary_and_chair_once(sweep, secretary, chair, member):
    # Default response term: 6 weeks. Sent 31 March → due 12 May → overdue from 13 May.
    advice = sent_on(datetime.date(2025, 3, 31), title="Schuldhulp")
    answered = sent_on(datetime.date(2025, 3, 1))
    college_response(answered, received_on=datetime.date(2025, 4, 1))
    sent_on(datetime.date(2025, 3, 1), kind=Advice.Kind.INFORMAL)  # no formal response expected

    assert sweep(days(0))["sent"] == 0  # due today: not overdue yet
    sweep(days(1))
    expected = sorted([secretary.email, chair.email])
    assert sent_to("response_overdue") == expected
    assert mailed() == expected
    assert set(ReminderSent.objects.values_list("object_id", flat=True)) == {str(advice.pk)}
    message = mail.outbox[0]
    assert message.subject == "Reactie van het college te laat: Schuldhulp"
    assert "op 31 maart 2025 naar het college gestuurd" in message.body
    assert "uiterlijk 12 mei 2025" in message.body

    for later in (1, 2, 30):
        assert sweep(days(later))["sent"] == 0
    assert len(mail.outbox) == 2


def test_a_published_advice_without_response_is_also_chased(secretary):
    advice = sent_on(datetime.date(2025, 1, 6), status=Advice.Status.PUBLISHED)
    due = advice_reminders.response_overdue(today=TODAY)
    assert [(r["object"], r["recipient"]) for r in due] == [(advice, secretary)]
    college_response(advice, received_on=datetime.date(2025, 5, 1))
    assert advice_reminders.response_overdue(today=TODAY) == []
