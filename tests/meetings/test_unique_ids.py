"""No meetings page has a duplicate element id, for any role (issue 13, defect 2): the
builder's four add-forms each have their own prefix, so a label belongs to one field only."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Meeting
from tests.factories.meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    MeetingFactory,
    at,
    document,
)
from tests.factories.members import TermFactory

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id" and v]


def duplicate_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return sorted({i for i in parser.ids if parser.ids.count(i) > 1})


def test_the_parser_finds_a_duplicate():
    assert duplicate_ids('<p id="a"></p><input id="b"><label id="a">') == ["a"]
    assert duplicate_ids('<p id="a"></p><p id="b"></p>') == []


@pytest.fixture
def full(secretary, member):
    """A held meeting with everything its pages show, and an open one that approves it."""
    TermFactory(member=member)
    held = MeetingFactory(title="Maart", start=at(-20), end=at(-20, 22), is_public=True)
    item = AgendaItemFactory(meeting=held, title="Armoede")
    AgendaItemFactory(meeting=held, title="Geheim", is_public=False)
    document(held, agenda_item=item, is_public=True, title="Notitie")
    document(held, title="Los stuk")
    ActionItemFactory(meeting=held, owner=member, agenda_item=item)
    held.guests.create(name="Gast", email="gast@org.example")
    services.update_post(meeting=held, author=member, text="- Bezoek\n- Gesprek")
    held.status = Meeting.Status.HELD
    held.save()
    services.minutes_save(meeting=held, by=secretary, notes="Goed")
    open_meeting = MeetingFactory(title="April", start=at(-1), end=at(-1, 22))
    AgendaItemFactory(meeting=open_meeting, title="Opening", section="opening")
    services.minutes_schedule_approval(meeting=held, by=secretary, at_meeting=open_meeting)
    return {"held": held, "open": open_meeting, "item": item}


def _pages(full, role):
    held, open_meeting = full["held"], full["open"]
    public = [
        reverse("meetings_public:list"),
        reverse("meetings_public:detail", args=[held.pk]),
        reverse("meetings_public:detail", args=[open_meeting.pk]),
    ]
    member = [
        reverse("meetings:list"),
        reverse("meetings:action_list"),
        reverse("meetings:detail", args=[held.pk]),
        reverse("meetings:detail", args=[open_meeting.pk]),
        reverse("meetings:update_post", args=[open_meeting.pk]),
    ]
    secretary = member + [
        reverse("meetings:create"),
        reverse("meetings:plan_year"),
        reverse("meetings:attendance_overview"),
        reverse("meetings:update", args=[held.pk]),
        reverse("meetings:attendance", args=[held.pk]),
        reverse("meetings:minutes", args=[held.pk]),
        reverse("meetings:minutes", args=[open_meeting.pk]),
        reverse("meetings:minutes_approve", args=[held.pk]),
        reverse("meetings:send_pack", args=[open_meeting.pk]),
        reverse("meetings:item_update", args=[full["item"].pk]),
    ]
    return {"public": public, "member": member, "secretary": secretary}[role]


@pytest.mark.parametrize("role", ["public", "member", "secretary"])
def test_no_meetings_page_has_a_duplicate_id(client, full, role, request):
    if role != "public":
        client.force_login(request.getfixturevalue(role))
    for url in _pages(full, role):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert duplicate_ids(resp.content.decode()) == [], url


def test_the_builder_with_refused_forms_has_no_duplicate_id(client, secretary, full):
    client.force_login(secretary)
    open_meeting = full["open"]
    for name, data in [
        ("meetings:item_add", {"punt-title": "", "punt-section": "other"}),
        ("meetings:document_add", {"document-title": "Zonder bestand"}),
        ("meetings:action_add", {"actie-description": ""}),
        ("meetings:guest_add", {"gast-email": "geen adres"}),
    ]:
        resp = client.post(reverse(name, args=[open_meeting.pk]), data)
        assert resp.status_code == 422, name
        body = resp.content.decode()
        assert duplicate_ids(body) == [], name
        assert "is-invalid" in body, name


def test_the_document_form_label_belongs_to_its_own_checkbox(client, secretary, full):
    """Clicking "Openbaar document" ticked or unticked "Openbaar agendapunt" (both were
    ``id_is_public``)."""
    client.force_login(secretary)
    body = client.get(reverse("meetings:detail", args=[full["open"].pk])).content.decode()
    assert 'for="id_document-is_public"' in body and 'id="id_document-is_public"' in body
    assert 'for="id_punt-is_public"' in body and 'id="id_punt-is_public"' in body
