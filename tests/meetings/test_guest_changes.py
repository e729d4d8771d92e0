"""A re-sent agenda pack names confidential items to nobody outside the council (issue 14,
finding 1; docs/rules.md, S3 and S4): the guests' "changed since the last sending" list, in
the e-mail and in the PDF, is about public items only. Also finding 2: a public document of a
confidential item does not name that item in any public agenda (page, public PDF, guests' PDF).
"""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from meetings import rules, services
from tests.factories.meetings import AgendaItemFactory, MeetingFactory, document
from tests.factories.members import active_member

pytestmark = pytest.mark.django_db

GUEST = "gast@wijkteam.example"
MEMBER = "lid@raad.example"


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def _mail_to(address):
    return next(msg for msg in mail.outbox if msg.to == [address])


def _everything_sent_to(address) -> str:
    msg = _mail_to(address)
    html = msg.alternatives[0][0] if msg.alternatives else ""
    return "\n".join([msg.subject, msg.body, html, _pdf_text(msg.attachments[0][1])])


@pytest.fixture
def sent(secretary, django_capture_on_commit_callbacks):
    """A meeting with one public and one confidential item, a guest and a member, sent once."""
    active_member(email=MEMBER)
    m = MeetingFactory(title="Plenaire vergadering mei")
    AgendaItemFactory(meeting=m, title="Armoedebeleid")
    AgendaItemFactory(meeting=m, title="Benoeming voorzitter", is_public=False)
    m.guests.create(name="Gast", organisation="Wijkteam", email=GUEST)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=m, by=secretary)
    mail.outbox.clear()
    return m


def _send_again(m, secretary, capture):
    with capture(execute=True):
        services.agenda_pack_send(meeting=m, by=secretary)


def test_a_new_confidential_item_is_named_to_members_and_never_to_guests(
    sent, secretary, django_capture_on_commit_callbacks
):
    services.agenda_item_add(
        meeting=sent, by=secretary, title="Klacht over wethouder", section="other", is_public=False
    )
    _send_again(sent, secretary, django_capture_on_commit_callbacks)
    assert "Nieuw agendapunt: Klacht over wethouder." in _mail_to(MEMBER).body
    # nothing public changed: the guest who had the agenda gets no new mail at all
    assert [m.to for m in mail.outbox] == [[MEMBER]]


def test_confidential_renames_and_removals_reach_guests_as_nothing(
    sent, secretary, django_capture_on_commit_callbacks
):
    secret = sent.items.get(title="Benoeming voorzitter")
    services.agenda_item_update(item=secret, by=secretary, data={"title": "Benoeming Jansen"})
    services.agenda_item_add(meeting=sent, by=secretary, title="Begroting", section="other")
    _send_again(sent, secretary, django_capture_on_commit_callbacks)
    seen = _everything_sent_to(GUEST)
    assert "Nieuw agendapunt: Begroting." in seen
    assert "Benoeming" not in seen and "Jansen" not in seen
    assert "Agendapunt 'Benoeming voorzitter' heet nu 'Benoeming Jansen'." in _mail_to(MEMBER).body

    mail.outbox.clear()
    services.agenda_item_remove(item=sent.items.get(title="Benoeming Jansen"), by=secretary)
    services.agenda_item_update(
        item=sent.items.get(title="Begroting"), by=secretary, data={"duration_minutes": 45}
    )
    _send_again(sent, secretary, django_capture_on_commit_callbacks)
    seen = _everything_sent_to(GUEST)
    assert "De duur van 'Begroting' is gewijzigd." in seen
    assert "Benoeming" not in seen and "Vervallen" not in seen
    assert "Vervallen agendapunt: Benoeming Jansen." in _mail_to(MEMBER).body


def test_a_guest_invited_after_the_first_sending_still_gets_the_agenda(
    sent, secretary, django_capture_on_commit_callbacks
):
    sent.guests.create(name="Nieuwe gast", email="nieuw@org.example")
    services.agenda_item_add(
        meeting=sent, by=secretary, title="Geheime klacht", section="other", is_public=False
    )
    _send_again(sent, secretary, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [MEMBER, "nieuw@org.example"]
    seen = _everything_sent_to("nieuw@org.example")
    assert "Armoedebeleid" in seen and "Geheime klacht" not in seen and "Benoeming" not in seen


def test_the_guests_changes_keep_public_items_only():
    def item(pk, title, public):
        return {"id": pk, "title": title, "section": "other", "duration": 10, "is_public": public}

    old = {"start": "s", "location": "l", "items": [item(1, "Open", True), item(2, "Dicht", False)]}
    new = {"start": "s", "location": "l", "items": [item(2, "Dicht", False), item(1, "Open", True)]}
    assert rules.agenda_changes(old, new) == ["De volgorde van de agendapunten is gewijzigd."]
    assert rules.agenda_changes_for_guests(old, new) == []
    # an item that became public reads as new; one that became confidential as removed
    opened = {**new, "items": [item(2, "Dicht", True), item(1, "Open", False)]}
    assert rules.agenda_changes_for_guests(old, opened) == [
        "Nieuw agendapunt: Dicht.",
        "Vervallen agendapunt: Open.",
    ]
    # an item without the flag (an old snapshot) counts as confidential
    assert rules.public_snapshot({"items": [{"id": 3, "title": "X"}]}) == {"items": []}
    assert rules.public_snapshot({}) == {}


def test_a_public_document_of_a_confidential_item_names_it_in_no_public_agenda(
    client, secretary, django_capture_on_commit_callbacks
):
    """Finding 2: the public page, the public agenda PDF and the guests' PDF list a public
    document of a confidential item neither with that item's title nor at all."""
    m = MeetingFactory(is_public=True)
    secret = AgendaItemFactory(meeting=m, title="Personeelszaak", is_public=False)
    open_item = AgendaItemFactory(meeting=m, title="Armoedebeleid")
    document(m, is_public=True, agenda_item=secret, title="Bijlage geheim")
    document(m, is_public=True, agenda_item=open_item, title="Notitie armoede")
    m.guests.create(name="Gast", email=GUEST)
    page = client.get(reverse("meetings_public:detail", args=[m.pk])).content.decode()
    public_pdf = _pdf_text(client.get(reverse("meetings_public:agenda_pdf", args=[m.pk])).content)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=m, by=secretary)
    guests = _everything_sent_to(GUEST)
    for seen in (page, public_pdf, guests):
        assert "Armoedebeleid" in seen and "Notitie armoede" in seen
        assert "Personeelszaak" not in seen and "Bijlage geheim" not in seen
