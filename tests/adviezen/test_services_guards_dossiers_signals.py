"""The guards of the theme dossiers and the signals: who may take each step, who is named in
its history and why, and that a refused step changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Dossier, Signal
from meetings.models import AgendaItem
from tests.factories.adviezen import DossierFactory, SignalFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.members import WorkingGroupFactory, role_user

pytestmark = pytest.mark.django_db


# --- dossiers --------------------------------------------------------------------------------


def test_a_proposal_records_who_proposed_it(member):
    dossier = services.dossier_propose(by=member, title=" Stadspas ", domain="inkomen")
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert (dossier.title, dossier.proposed_by, dossier.status) == ("Stadspas", member, "proposed")


def test_an_accepted_dossier_is_not_accepted_again(chair):
    dossier = DossierFactory(status="accepted", working_group=WorkingGroupFactory())
    with pytest.raises(services.AdviceError, match="kan niet naar"):
        services.dossier_accept(dossier=dossier, by=chair)
    assert not dossier.transitions.exists()


def test_accepting_without_a_working_group_is_refused_and_the_proposal_stays(chair, member):
    dossier = services.dossier_propose(by=member, title="Stadspas", domain="inkomen")
    with pytest.raises(services.AdviceError, match="werkgroep") as refused:
        services.dossier_accept(dossier=dossier, by=chair)
    assert refused.value.field == "working_group"
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert (dossier.status, dossier.reviewed_by) == ("proposed", None)
    assert dossier.transitions.count() == 1


@pytest.fixture
def covered(db):
    return DossierFactory(status="accepted", title="Stadspas")


@pytest.fixture
def proposal(member):
    return services.dossier_propose(by=member, title="Stadspas voor jongeren", domain="inkomen")


def test_a_rejected_duplicate_names_the_chair_and_the_note(chair, covered, proposal):
    services.dossier_reject_duplicate(
        dossier=proposal, by=chair, duplicate_of=covered, note="Valt onder Stadspas."
    )
    proposal = Dossier.objects.get(pk=proposal.pk)
    assert (proposal.status, proposal.duplicate_of, proposal.reviewed_by) == (
        "rejected",
        covered,
        chair,
    )
    last = proposal.transitions.last()
    assert (last.to_status, last.by, last.note) == ("rejected", chair, "Valt onder Stadspas.")


def test_an_accepted_dossier_is_not_rejected_as_a_duplicate(chair, covered):
    other = DossierFactory(status="accepted")
    with pytest.raises(services.AdviceError, match="kan niet naar"):
        services.dossier_reject_duplicate(dossier=other, by=chair, duplicate_of=covered)
    assert Dossier.objects.get(pk=other.pk).status == "accepted"


def _refused_duplicate(chair, proposal, duplicate_of, message):
    with pytest.raises(services.AdviceError, match=message) as refused:
        services.dossier_reject_duplicate(dossier=proposal, by=chair, duplicate_of=duplicate_of)
    assert refused.value.field == "duplicate_of"
    proposal = Dossier.objects.get(pk=proposal.pk)
    assert (proposal.status, proposal.duplicate_of) == ("proposed", None)
    assert not AuditEntry.objects.filter(action="dossier.rejected").exists()


def test_a_duplicate_of_nothing_is_refused(chair, proposal):
    _refused_duplicate(chair, proposal, None, "Kies het dossier dat dit onderwerp al behandelt")


def test_a_duplicate_of_itself_is_refused(chair, proposal):
    same = Dossier.objects.get(pk=proposal.pk)
    _refused_duplicate(chair, proposal, same, "Kies het dossier dat dit onderwerp al behandelt")


def test_a_duplicate_of_a_proposal_is_refused(chair, proposal):
    _refused_duplicate(chair, proposal, DossierFactory(status="proposed"), "geaccepteerd dossier")


@pytest.mark.parametrize("who", ["chair", "secretary"])
def test_the_chair_and_the_secretary_show_an_accepted_dossier(request, who):
    by = request.getfixturevalue(who)
    dossier = DossierFactory(status="accepted")
    services.dossier_set_public(dossier=dossier, by=by, public=True)
    assert Dossier.objects.get(pk=dossier.pk).is_public
    entry = AuditEntry.objects.get(action="dossier.public")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        by,
        "adviezen.dossier",
        str(dossier.pk),
    )


def test_a_member_may_not_show_a_dossier(member):
    dossier = DossierFactory(status="accepted")
    with pytest.raises(PermissionDenied):
        services.dossier_set_public(dossier=dossier, by=member, public=True)
    assert not Dossier.objects.get(pk=dossier.pk).is_public


def test_a_proposal_is_not_shown(chair):
    dossier = DossierFactory(status="proposed")
    with pytest.raises(services.AdviceError, match="Alleen een geaccepteerd dossier"):
        services.dossier_set_public(dossier=dossier, by=chair, public=True)
    assert not Dossier.objects.get(pk=dossier.pk).is_public


def test_a_closed_dossier_is_taken_off(chair):
    dossier = DossierFactory(status="closed", is_public=True)
    services.dossier_set_public(dossier=dossier, by=chair, public=False)
    assert not Dossier.objects.get(pk=dossier.pk).is_public
    assert AuditEntry.objects.get(action="dossier.not_public").actor == chair


# --- signals ---------------------------------------------------------------------------------


def test_a_resident_s_signal_keeps_what_they_typed_trimmed(db):
    signal = services.signal_submit(
        title=" Wachtlijst ",
        description=" Lang wachten. ",
        domain="inkomen",
        contact_name=" Jan ",
        contact_email=" jan@inwoner.example ",
        contact_phone=" 0612345678 ",
    )
    signal = Signal.objects.get(pk=signal.pk)
    assert (signal.source, signal.title, signal.description, signal.domain) == (
        "resident",
        "Wachtlijst",
        "Lang wachten.",
        "inkomen",
    )
    assert (signal.contact_name, signal.contact_email, signal.contact_phone) == (
        "Jan",
        "jan@inwoner.example",
        "0612345678",
    )


def test_a_member_records_a_signal_in_their_name(member):
    signal = services.signal_record(
        by=member,
        source="organisation",
        title=" Lange wachttijden ",
        description="Bij de schuldhulp.",
        organisation=" Voedselbank ",
        contact_phone=" 0201234567 ",
    )
    signal = Signal.objects.get(pk=signal.pk)
    assert (signal.recorded_by, signal.source, signal.title) == (
        member,
        "organisation",
        "Lange wachttijden",
    )
    assert (signal.organisation, signal.contact_phone) == ("Voedselbank", "0201234567")
    assert AuditEntry.objects.get(action="signal.recorded").actor == member


def test_a_policy_advisor_may_not_record_a_signal(advisor):
    with pytest.raises(PermissionDenied):
        services.signal_record(by=advisor, source="self", title="x", description="y")
    assert not Signal.objects.exists()


def test_a_signal_from_an_unknown_source_is_refused(member):
    with pytest.raises(services.AdviceError, match="van wie") as refused:
        services.signal_record(by=member, source="rumour", title="x", description="y")
    assert refused.value.field == "source"
    assert not Signal.objects.exists()


def test_a_triage_step_names_who_took_it_and_why(secretary):
    signal = SignalFactory()
    services.signal_investigate(signal=signal, by=secretary, note="Navragen")
    signal = Signal.objects.get(pk=signal.pk)
    last = signal.transitions.last()
    assert (last.from_status, last.to_status, last.by, last.note) == (
        "new",
        "investigating",
        secretary,
        "Navragen",
    )
    assert signal.triage_note == "Navragen"
    services.signal_close(signal=signal, by=secretary, note="Afgehandeld")
    signal = Signal.objects.get(pk=signal.pk)
    assert signal.triage_note == "Navragen\nAfgehandeld"
    assert signal.transitions.last().note == "Afgehandeld"


def test_a_closed_signal_takes_no_step_and_nothing_changes(chair):
    signal = SignalFactory(status="closed")
    with pytest.raises(services.AdviceError, match="kan niet naar"):
        services.signal_investigate(signal=signal, by=chair, note="Toch kijken")
    signal = Signal.objects.get(pk=signal.pk)
    assert (signal.status, signal.triage_note) == ("closed", "")
    assert not signal.transitions.exists()


def test_a_member_may_not_triage(member):
    signal = SignalFactory()
    with pytest.raises(PermissionDenied):
        services.signal_close(signal=signal, by=member)
    assert Signal.objects.get(pk=signal.pk).status == "new"


def test_a_signal_is_linked_to_an_accepted_dossier(secretary):
    dossier = DossierFactory(status="accepted")
    services.signal_link_dossier(signal=SignalFactory(), by=secretary, dossier=dossier)
    signal = Signal.objects.get()
    assert (signal.status, signal.dossier) == ("linked", dossier)


@pytest.mark.parametrize("dossier_status", [None, "proposed", "closed"])
def test_a_signal_is_not_linked_to_a_dossier_that_is_not_accepted(secretary, dossier_status):
    dossier = DossierFactory(status=dossier_status) if dossier_status else None
    with pytest.raises(services.AdviceError, match="geaccepteerd dossier") as refused:
        services.signal_link_dossier(signal=SignalFactory(), by=secretary, dossier=dossier)
    assert refused.value.field == "dossier"
    signal = Signal.objects.get()
    assert (signal.status, signal.dossier) == ("new", None)


def test_the_agenda_item_of_a_signal_points_at_it(secretary):
    signal = SignalFactory(title="Wachtlijst")
    item = services.signal_put_on_agenda(signal=signal, by=secretary, meeting=MeetingFactory())
    item = AgendaItem.objects.get(pk=item.pk)
    assert (item.signal, item.title, item.is_public) == (signal, "Signaal: Wachtlijst", False)


def test_someone_without_a_role_may_not_put_a_signal_on_the_agenda(db):
    signal = SignalFactory()
    with pytest.raises(PermissionDenied):
        services.signal_put_on_agenda(signal=signal, by=role_user(), meeting=MeetingFactory())
    assert not AgendaItem.objects.exists()
