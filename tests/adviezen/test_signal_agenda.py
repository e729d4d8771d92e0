"""Triage puts a signal on a meeting's agenda: the agenda item, the signal's history and audit,
who may do it, which meetings are offered, and a refusal that changes nothing."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Signal, SignalTransition
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from tests.factories.adviezen import DossierFactory, SignalFactory
from tests.factories.meetings import AgendaItemFactory, MeetingFactory, at


def _body(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def signal(db):
    return SignalFactory(title="Lange wachttijd schuldhulp", description="Drie maanden wachten.")


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Plenaire vergadering juni", start=at(14))


def _agenda(client, signal, meeting_pk, note="Bespreken in de raad"):
    return client.post(
        reverse("adviezen:signal", args=[signal.pk]),
        {"action": "agenda", "meeting": meeting_pk, "note": note},
    )


def _nothing_changed(signal):
    signal.refresh_from_db()
    assert signal.status == Signal.Status.NEW
    assert signal.triage_note == ""
    assert not AgendaItem.objects.filter(signal=signal).exists()
    assert not SignalTransition.objects.filter(signal=signal).exists()
    assert not AuditEntry.objects.filter(action__in=["signal.status", "agenda_item.added"]).exists()


@pytest.mark.parametrize("role", ["secretary", "chair"])
def test_triage_puts_signal_on_agenda_with_linked_item_transition_and_audit(
    request, client, signal, meeting, role
):
    user = request.getfixturevalue(role)
    AgendaItemFactory(meeting=meeting, section=AgendaItem.Section.SIGNALS, position=0)
    client.force_login(user)

    response = _agenda(client, signal, meeting.pk)

    assert response.status_code == 302
    assert response["Location"] == reverse("adviezen:signal", args=[signal.pk])
    item = AgendaItem.objects.get(signal=signal)
    assert item.meeting == meeting
    assert item.section == AgendaItem.Section.SIGNALS
    assert item.position == 1  # after the item already in the section
    assert item.title == "Signaal: Lange wachttijd schuldhulp"
    assert item.description == "Drie maanden wachten."
    assert item.is_public is False  # a resident's signal is discussed in the closed part
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ON_AGENDA
    assert signal.triage_note == "Bespreken in de raad"
    transition = SignalTransition.objects.get(signal=signal)
    assert (transition.from_status, transition.to_status) == ("new", "on_agenda")
    assert transition.by == user and transition.note == "Bespreken in de raad"
    status_audit = AuditEntry.objects.get(action="signal.status", object_id=str(signal.pk))
    assert status_audit.actor == user
    assert status_audit.data == {"from": "new", "to": "on_agenda"}
    item_audit = AuditEntry.objects.get(action="agenda_item.added", object_id=str(item.pk))
    assert item_audit.data == {"meeting": meeting.pk}

    page = _body(client.get(response["Location"]))
    assert "Het signaal is bijgewerkt." in page
    assert "geagendeerd" in page  # the status badge, in Dutch


def test_signal_leaves_the_triage_board_once_on_the_agenda(client, secretary, signal, meeting):
    client.force_login(secretary)
    board = _body(client.get(reverse("adviezen:signal_list")))
    assert "Nieuw (1)" in board
    _agenda(client, signal, meeting.pk)
    board = _body(client.get(reverse("adviezen:signal_list")))
    assert "Nieuw (0)" in board and "In onderzoek (0)" in board


def test_signal_in_investigation_can_be_put_on_agenda(client, secretary, signal, meeting):
    services.signal_investigate(signal=signal, by=secretary)
    client.force_login(secretary)
    assert _agenda(client, signal, meeting.pk).status_code == 302
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ON_AGENDA
    assert list(
        SignalTransition.objects.filter(signal=signal).values_list("from_status", "to_status")
    ) == [("new", "investigating"), ("investigating", "on_agenda")]
    assert AgendaItem.objects.filter(signal=signal, meeting=meeting).count() == 1
    history = _body(client.get(reverse("adviezen:signal", args=[signal.pk])))
    assert "nieuw → in onderzoek" in history and "in onderzoek → geagendeerd" in history
    assert "on_agenda" not in history


@pytest.mark.parametrize("role", ["member", "advisor"])
def test_user_without_triage_right_is_refused_and_nothing_changes(
    request, client, signal, meeting, role
):
    client.force_login(request.getfixturevalue(role))
    assert _agenda(client, signal, meeting.pk).status_code == 403
    _nothing_changed(signal)


def test_member_sees_own_signal_without_triage_form_and_not_others(client, member, signal, meeting):
    own = SignalFactory(title="Mijn eigen signaal", recorded_by=member)
    client.force_login(member)
    page = _body(client.get(reverse("adviezen:signal", args=[own.pk])))
    assert "Mijn eigen signaal" in page
    assert "Actie uitvoeren" not in page
    assert client.get(reverse("adviezen:signal", args=[signal.pk])).status_code == 404
    assert _agenda(client, own, meeting.pk).status_code == 403
    own.refresh_from_db()
    assert own.status == Signal.Status.NEW
    assert not AgendaItem.objects.filter(signal=own).exists()


def test_anonymous_is_sent_to_login_and_nothing_changes(client, signal, meeting):
    response = _agenda(client, signal, meeting.pk)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    _nothing_changed(signal)


def test_held_meeting_is_not_offered_and_the_service_refuses_it_and_rolls_back(
    client, secretary, signal, meeting
):
    # A future meeting already marked as held is not among the choices; if the service is
    # called with it anyway, the agenda rule refuses it and the signal's status change in the
    # same transaction is undone.
    meeting_services.meeting_transition(meeting=meeting, by=secretary, to_status="held")
    client.force_login(secretary)

    page = _body(client.get(reverse("adviezen:signal", args=[signal.pk])))
    choices = re.search(r'<select name="meeting".*?</select>', page, re.S)
    assert choices and f'value="{meeting.pk}"' not in choices.group(0)
    response = _agenda(client, signal, meeting.pk)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in _body(response)
    _nothing_changed(signal)

    with pytest.raises(meeting_services.MeetingError, match="al gehouden"):
        services.signal_put_on_agenda(signal=signal, by=secretary, meeting=meeting, note="x")
    signal.refresh_from_db()
    assert signal.status == Signal.Status.NEW
    assert signal.triage_note == ""
    assert not AgendaItem.objects.filter(signal=signal).exists()
    assert not SignalTransition.objects.filter(signal=signal).exists()
    assert not AuditEntry.objects.filter(action="signal.status").exists()


def test_meeting_that_started_today_and_is_not_held_is_still_offered(client, secretary, signal):
    started = MeetingFactory(
        start=timezone.localtime().replace(hour=0, minute=1), status=Meeting.Status.AGENDA_SENT
    )
    client.force_login(secretary)
    assert _agenda(client, signal, started.pk).status_code == 302
    assert AgendaItem.objects.filter(signal=signal, meeting=started).count() == 1


def test_past_meeting_is_not_a_valid_choice(client, secretary, signal):
    past = MeetingFactory(start=at(-7), status=Meeting.Status.HELD)
    client.force_login(secretary)
    response = _agenda(client, signal, past.pk)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in _body(response)
    _nothing_changed(signal)


@pytest.mark.parametrize(
    ("meeting_pk", "message"),
    [
        ("999999", "Selecteer een geldige keuze"),
        ("geen-getal", "Selecteer een geldige keuze"),
        ("", "Kies de vergadering."),
    ],
)
def test_unknown_or_missing_meeting_gives_dutch_error(
    client, secretary, signal, meeting_pk, message
):
    client.force_login(secretary)
    response = _agenda(client, signal, meeting_pk)
    assert response.status_code == 200
    assert message in _body(response)
    _nothing_changed(signal)


def test_putting_on_agenda_twice_keeps_one_item(client, secretary, signal, meeting):
    client.force_login(secretary)
    assert _agenda(client, signal, meeting.pk).status_code == 302
    other = MeetingFactory(start=at(21))

    response = _agenda(client, signal, other.pk, note="Nog een keer")

    assert response.status_code == 200
    assert "Dit kan niet: de status is 'geagendeerd' en kan niet naar 'geagendeerd'." in _body(
        response
    )
    assert AgendaItem.objects.filter(signal=signal).count() == 1
    assert not AgendaItem.objects.filter(meeting=other).exists()
    assert SignalTransition.objects.filter(signal=signal).count() == 1
    signal.refresh_from_db()
    assert signal.triage_note == "Bespreken in de raad"


def test_linked_signal_can_come_back_on_a_later_agenda(secretary, signal, meeting):
    """``linked → on_agenda`` is in the table: a dossier's signal can be discussed again."""
    dossier = DossierFactory()
    services.signal_put_on_agenda(signal=signal, by=secretary, meeting=meeting)
    services.signal_link_dossier(signal=signal, by=secretary, dossier=dossier)
    later = MeetingFactory(start=at(28))
    item = services.signal_put_on_agenda(signal=signal, by=secretary, meeting=later)
    assert item.meeting == later and item.signal == signal
    assert AgendaItem.objects.filter(signal=signal).count() == 2
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ON_AGENDA and signal.dossier == dossier
