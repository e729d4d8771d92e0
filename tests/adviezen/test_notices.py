"""Who is told what (issue 13, defect 5): a written ballot opens → its eligible voters; a
dossier is proposed → the chair; an advice is approved → the secretary. Each recipient gets
exactly one notification, nobody else gets one, and nobody is told of their own step."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from adviesraad.notifications.models import Notification, NotificationPreference
from adviezen import services
from adviezen.models import Ballot
from adviezen.tasks import close_expired_ballots
from tests.factories.meetings import MeetingFactory
from tests.factories.members import role_user

from .conftest import written_deadline


def _told(kind=None) -> dict:
    """{recipient id: how many notifications} (of ``kind``, or of every kind)."""
    qs = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    found: dict = {}
    for pk in qs.values_list("recipient_id", flat=True):
        found[pk] = found.get(pk, 0) + 1
    return found


@pytest.fixture
def bystanders(db, advisor, treasurer):
    """People who are told nothing of any of this: a policy advisor, a treasurer, a member
    without a term today."""
    return [advisor, treasurer, role_user("Leden")]


def test_a_written_ballot_tells_each_eligible_voter_once_with_a_link(
    draft_advice, voters, secretary, bystanders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = services.ballot_open(
            advice=draft_advice, by=secretary, deadline=written_deadline()
        )
    assert _told() == {v.pk: 1 for v in voters}
    link = reverse("adviezen:ballot", args=[draft_advice.pk, ballot.pk])
    for n in Notification.objects.all():
        assert n.kind == "ballot_opened" and n.url == link
        assert n.title.startswith("Stemming geopend over Toegang tot de stadspas. Stem uiterlijk")
    # by e-mail, as each chose (the default), after commit
    assert sorted(m.to[0] for m in mail.outbox) == sorted(v.email for v in voters)
    assert all(link in m.body for m in mail.outbox)


def test_the_chair_who_opens_the_ballot_is_not_told(draft_advice, voters, chair, member):
    services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    assert _told() == {v.pk: 1 for v in voters if v != chair}


def test_a_ballot_in_a_meeting_tells_nobody(draft_advice, voters, secretary):
    services.ballot_open(advice=draft_advice, by=secretary, meeting=MeetingFactory())
    assert _told() == {}


def test_a_voter_who_chose_the_digest_gets_no_mail_now(
    draft_advice, voters, secretary, member, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=member, kind="ballot_opened", delivery="digest")
    with django_capture_on_commit_callbacks(execute=True):
        services.ballot_open(advice=draft_advice, by=secretary, deadline=written_deadline())
    assert Notification.objects.get(recipient=member).delivery == "digest"
    assert member.email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 2


def test_a_proposed_dossier_tells_each_chair_once(member, chair, secretary, bystanders):
    second_chair = role_user("Voorzitter", "Leden")
    dossier = services.dossier_propose(by=member, title="Eenzaamheid", domain="wmo")
    assert _told() == {chair.pk: 1, second_chair.pk: 1}
    n = Notification.objects.get(recipient=chair)
    assert n.kind == "dossier_proposed"
    assert n.url == reverse("adviezen:dossier", args=[dossier.pk])
    assert "Eenzaamheid" in n.title


def test_a_chair_who_proposes_is_not_told_of_it(chair, secretary):
    services.dossier_propose(by=chair, title="Eenzaamheid", domain="wmo")
    assert _told() == {}


@pytest.fixture
def ballot(draft_advice, voters, chair):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    Notification.objects.all().delete()  # what the opening told
    return ballot


def test_a_carried_ballot_tells_the_secretary_once(
    ballot, voters, chair, member, secretary, bystanders
):
    second_secretary = role_user("Secretariaat")
    for person in (chair, member):
        services.vote_cast(ballot=ballot, member=person, choice="yes")
    services.ballot_close(ballot=ballot, by=chair)
    assert _told() == {secretary.pk: 1, second_secretary.pk: 1}
    n = Notification.objects.get(recipient=secretary)
    assert n.kind == "advice_approved"
    assert n.url == reverse("adviezen:detail", args=[ballot.advice_id])
    assert n.title.startswith(f"Advies {ballot.advice.reference} is vastgesteld")


def test_the_secretary_who_closes_a_carried_ballot_is_not_told(ballot, chair, member, secretary):
    for person in (chair, member):
        services.vote_cast(ballot=ballot, member=person, choice="yes")
    services.ballot_close(ballot=ballot, by=secretary)
    assert _told() == {}


def test_a_ballot_not_carried_tells_nobody(ballot, chair, member, secretary):
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    services.ballot_close(ballot=ballot, by=chair)
    assert _told() == {}


def test_a_ballot_carried_at_its_deadline_tells_the_secretary(
    ballot, chair, member, secretary, bystanders
):
    for person in (chair, member):
        services.vote_cast(ballot=ballot, member=person, choice="yes")
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - datetime.timedelta(1))
    assert close_expired_ballots() == 1
    assert _told() == {secretary.pk: 1}


def test_the_chairs_approval_tells_the_secretary_once(
    draft_advice, voters, chair, secretary, bystanders
):
    services.advice_chair_approve(advice=draft_advice, by=chair, reason="Spoed")
    assert _told() == {secretary.pk: 1}
    assert Notification.objects.get().kind == "advice_approved"


def test_a_refused_step_tells_nobody(draft_advice, voters, member, chair, secretary):
    with pytest.raises(services.AdviceError):
        services.advice_chair_approve(advice=draft_advice, by=chair, reason="")
    with pytest.raises(services.AdviceError):
        services.ballot_open(advice=draft_advice, by=secretary)  # neither meeting nor deadline
    assert _told() == {}


def test_the_new_kinds_have_dutch_labels():
    from adviesraad.notifications.kinds import KINDS

    assert str(KINDS["ballot_opened"]) == "Schriftelijke stemming geopend"
    assert str(KINDS["dossier_proposed"]) == "Themadossier voorgesteld"
    assert str(KINDS["advice_approved"]) == "Advies vastgesteld"
