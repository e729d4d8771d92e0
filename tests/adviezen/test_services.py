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


def test_ballot_freezes_only_who_may_vote(draft_advice, voters, chair, secretary, advisor):
    """Members and the chair with a term today vote; the secretary, policy advisors and a
    treasurer-only never do, even with a term recorded; nor a member without a term today."""
    from members.models import Term
    from tests.factories.members import TermFactory

    treasurer_member = role_user("Penningmeester", "Leden")
    treasurer_only = role_user("Penningmeester")
    secretary_member = role_user("Secretariaat", "Leden")
    former = role_user("Leden")
    inactive = role_user("Leden", is_active=False)
    for person in (
        treasurer_member,
        treasurer_only,
        secretary,
        secretary_member,
        advisor,
        inactive,
    ):
        TermFactory(member=person)
    TermFactory(
        member=former,
        start=datetime.date.today() - datetime.timedelta(days=800),
        end=datetime.date.today() - datetime.timedelta(days=1),
    )
    assert Term.objects.count() == 10

    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())

    frozen = set(ballot.voters.values_list("member_id", flat=True))
    assert frozen == {p.pk for p in [*voters, treasurer_member]}
    assert ballot.eligible_count == 4


def test_dossier_history_and_audit_keep_their_names(secretary, chair):
    from adviesraad.models import AuditEntry
    from adviezen.models import Dossier
    from tests.factories.members import WorkingGroupFactory

    group = WorkingGroupFactory()
    dossier = services.dossier_propose(by=chair, title="Stadspas", domain="inkomen")
    dossier = services.dossier_accept(dossier=dossier, by=chair, working_group=group)
    duplicate = services.dossier_propose(by=chair, title="Stadspas voor jongeren", domain="inkomen")
    services.dossier_reject_duplicate(
        dossier=duplicate, by=chair, duplicate_of=dossier, note="Valt onder Stadspas."
    )
    services.dossier_close(dossier=dossier, by=secretary)

    steps = list(dossier.transitions.values_list("from_status", "to_status", "by"))
    assert steps == [
        ("", "proposed", chair.pk),
        ("proposed", "accepted", chair.pk),
        ("accepted", "closed", secretary.pk),
    ]
    rejected = duplicate.transitions.last()
    assert (rejected.to_status, rejected.note) == ("rejected", "Valt onder Stadspas.")
    assert rejected.to_label() == "afgewezen (dubbel)" and rejected.from_label() == "voorgesteld"
    actions = list(
        AuditEntry.objects.filter(object_id=str(dossier.pk), object_type="adviezen.dossier")
        .order_by("pk")
        .values_list("action", "data")
    )
    assert actions == [
        ("dossier.proposed", {}),
        ("dossier.accepted", {"from": "proposed", "to": "accepted"}),
        ("dossier.closed", {"from": "accepted", "to": "closed"}),
    ]
    assert AuditEntry.objects.get(action="dossier.rejected").data == {
        "from": "proposed",
        "to": "rejected",
        "duplicate_of": dossier.pk,
    }
    assert Dossier.objects.get(pk=dossier.pk).status == "closed"


def test_a_dossier_step_outside_the_table_is_refused_and_writes_nothing(chair):
    from adviesraad.models import AuditEntry

    dossier = services.dossier_propose(by=chair, title="Stadspas", domain="inkomen")
    with pytest.raises(services.AdviceError, match="'voorgesteld' en kan niet naar 'gesloten'"):
        services.dossier_close(dossier=dossier, by=chair)
    dossier.refresh_from_db()
    assert dossier.status == "proposed" and dossier.closed_at is None
    assert dossier.transitions.count() == 1
    assert not AuditEntry.objects.filter(action="dossier.closed").exists()


def test_advice_steps_keep_their_history_and_audit(draft_advice, secretary):
    from adviesraad.models import AuditEntry

    services.advice_transition(advice=draft_advice, by=secretary, to="consultation", note="Graag")
    last = draft_advice.transitions.last()
    assert (last.from_status, last.to_status, last.by, last.note) == (
        "draft",
        "consultation",
        secretary,
        "Graag",
    )
    assert (last.from_label(), last.to_label()) == ("concept", "in consultatie")
    entry = AuditEntry.objects.filter(action="advice.status").order_by("pk").last()
    assert entry.data == {"from": "draft", "to": "consultation"} and entry.actor == secretary


@pytest.mark.parametrize(
    ("received", "erased"),
    [
        # 365 days' retention, today 12 May 2025 (Amsterdam): kept through 12 May 2024
        (datetime.datetime(2024, 5, 12, 0, 30), False),
        (datetime.datetime(2024, 5, 11, 23, 30), True),
    ],
)
def test_contacts_are_erased_by_the_local_date_of_receipt(council, received, erased):
    from zoneinfo import ZoneInfo

    signal = SignalFactory(received_at=received.replace(tzinfo=ZoneInfo("Europe/Amsterdam")))
    assert services.signal_contacts_erase_expired(today=datetime.date(2025, 5, 12)) == int(erased)
    signal.refresh_from_db()
    assert (signal.contact_email == "") is erased
    assert (signal.contact_erased_at is not None) is erased
