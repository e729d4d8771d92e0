import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from adviezen import services
from adviezen.models import Advice, AdviceTransition, Signal, Vote
from tests.factories.adviezen import SignalFactory
from tests.factories.members import role_user

from .conftest import written_deadline


def test_vote_refused_after_close_not_eligible_and_unknown_choice(
    draft_advice, voters, chair, member, user_factory
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    outsider = role_user("Leden")  # no term: not eligible
    with pytest.raises(services.AdviceError, match="niet stemgerechtigd"):
        services.vote_cast(ballot=ballot, member=outsider, choice="yes")
    with pytest.raises(services.AdviceError, match="voor, tegen of onthouding"):
        services.vote_cast(ballot=ballot, member=member, choice="maybe")
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    services.vote_cast(ballot=ballot, member=member, choice="against")
    assert Vote.objects.get(ballot=ballot, member=member).choice == "against"
    services.ballot_close(ballot=ballot, by=chair)
    with pytest.raises(services.AdviceError, match="gesloten"):
        services.vote_cast(ballot=ballot, member=member, choice="yes")


def test_not_carried_goes_back_to_draft_with_result_kept(draft_advice, voters, chair, member):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    closed = services.ballot_close(ballot=ballot, by=chair)
    draft_advice.refresh_from_db()
    assert draft_advice.status == Advice.Status.DRAFT
    assert (closed.outcome, closed.yes_count, closed.eligible_count) == ("not_carried", 1, 3)


def test_transition_not_in_table_is_refused(draft_advice, secretary):
    with pytest.raises(services.AdviceError):
        services.advice_transition(advice=draft_advice, by=secretary, to="preparation")
    with pytest.raises(services.AdviceError):
        services.advice_send(advice=draft_advice, by=secretary)


def test_member_cannot_approve_or_send(draft_advice, member):
    with pytest.raises(PermissionDenied):
        services.advice_chair_approve(advice=draft_advice, by=member, reason="x")
    with pytest.raises(PermissionDenied):
        services.advice_send(advice=draft_advice, by=member)


def test_rich_text_is_sanitised(draft_advice, member):
    v = services.advice_version_add(
        advice=draft_advice,
        by=member,
        text='<p onclick="x()">Hoi<script>alert(1)</script><a href="javascript:alert(1)">a</a></p>',
    )
    assert "script" not in v.text and "onclick" not in v.text and "javascript" not in v.text
    assert "<p>Hoi" in v.text


def test_letter_mail_to_college_with_copy_and_pdf_read_back(
    draft_advice, voters, chair, secretary, django_capture_on_commit_callbacks
):
    services.advice_chair_approve(advice=draft_advice, by=chair, reason="Spoed")
    services.advice_sign(advice=draft_advice, by=chair)
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_send(advice=draft_advice, by=secretary)
    assert services.advice_letter_deliver(advice_id=draft_advice.pk) is False  # never twice
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["college@gemeente.example"]
    assert msg.cc == ["adviseurs@gemeente.example"]
    name, content, mimetype = msg.attachments[0]
    assert name == f"{draft_advice.reference}.pdf" and mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Henk Voorzitter" in text
    assert draft_advice.reference in text
    assert "namens de adviesraad" in text
    draft_advice.refresh_from_db()
    assert draft_advice.sent_at is not None
    steps = list(
        AdviceTransition.objects.filter(advice=draft_advice).values_list("to_status", flat=True)
    )
    assert steps[-2:] == ["approved", "sent"]


def test_referral_sends_standard_reply_once(secretary, django_capture_on_commit_callbacks, council):
    signal = SignalFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_refer(signal=signal, by=secretary)
    assert services.signal_reply_send(signal_id=signal.pk) is False
    assert len(mail.outbox) == 1 and "wijkteam" in mail.outbox[0].body


def test_contacts_erased_after_retention(council):
    old = SignalFactory()
    Signal.objects.filter(pk=old.pk).update(
        received_at=old.received_at - datetime.timedelta(days=council.signal_retention_days + 2)
    )
    fresh = SignalFactory()
    n = services.signal_contacts_erase_expired(today=datetime.date.today())
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert n == 1 and old.contact_email == "" and old.contact_erased_at
    assert fresh.contact_email == "jan@inwoner.example"
