"""Races on PostgreSQL with threads: parallel votes and a vote racing the chair's approval."""

import threading

import pytest
from django.core import mail
from django.db import connection

from adviesraad.notifications.models import Notification
from adviezen import services
from adviezen.models import Advice, Vote
from tests.adviezen.conftest import written_deadline

pytestmark = [pytest.mark.postgres]


def _run_parallel(fns):
    errors = []
    barrier = threading.Barrier(len(fns))

    def wrap(fn):
        try:
            barrier.wait()
            fn()
        except services.AdviceError:
            pass
        except Exception as exc:  # anything else would be a 500
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(fn,)) for fn in fns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.fixture
def setup(roles_ready, chair, member, other_member, secretary):
    from members.models import CouncilSettings
    from tests.adviezen.conftest import ensure_roles
    from tests.factories.members import TermFactory

    ensure_roles()
    CouncilSettings.objects.get_or_create(pk=1)
    for p in (chair, member, other_member):
        TermFactory(member=p)
    advice = services.advice_create(
        by=secretary, title="Race", origin="unsolicited", kind="formal", domain="werk"
    )
    services.advice_transition(advice=advice, by=secretary, to="preparation")
    services.advice_version_add(advice=advice, by=member, text="Tekst")
    return advice


def test_twenty_parallel_votes_by_one_member_leave_one_row(setup, chair, member):
    ballot = services.ballot_open(advice=setup, by=chair, deadline=written_deadline())
    choices = ["yes", "against", "abstain", "yes"] * 5
    errors = _run_parallel(
        [lambda c=c: services.vote_cast(ballot=ballot, member=member, choice=c) for c in choices]
    )
    assert errors == []
    assert Vote.objects.filter(ballot=ballot, member=member).count() == 1


def test_deciding_vote_racing_chair_approval_sends_once(
    setup, chair, member, other_member, secretary
):
    mail.outbox = []
    ballot = services.ballot_open(advice=setup, by=chair, deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=chair, choice="yes")

    def deciding_vote_then_close_and_send():
        services.vote_cast(ballot=ballot, member=member, choice="yes")
        services.ballot_close(ballot=ballot, by=chair)
        sign_and_send()

    def chair_approval_then_send():
        services.advice_chair_approve(advice=setup, by=chair, reason="Spoed")
        sign_and_send()

    def sign_and_send():
        a = Advice.objects.get(pk=setup.pk)
        try:
            services.advice_sign(advice=a, by=chair)
        except services.AdviceError:
            pass
        services.advice_send(advice=a, by=secretary)

    errors = _run_parallel([deciding_vote_then_close_and_send, chair_approval_then_send])
    assert errors == []
    setup.refresh_from_db()
    assert setup.status == Advice.Status.SENT and setup.sent_at is not None
    letters = [m for m in mail.outbox if m.to == ["college@gemeente.example"]]
    assert len(letters) == 1
    # one approval, so the secretary is told once (issue 13, defect 5)
    told = Notification.objects.filter(recipient=secretary, kind="advice_approved")
    assert told.count() == 1
