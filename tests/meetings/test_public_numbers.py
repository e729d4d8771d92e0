"""The public sees the members' numbers and start times, with gaps where a confidential item
is (issue 13, defect 4): on the public page, the public agenda PDF, the guests' pack (e-mail
and PDF) and the public calendar feed."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings import selectors, services
from tests.factories.meetings import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def meeting():
    day = timezone.localdate() + datetime.timedelta(days=10)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30)))
    m = MeetingFactory(start=start, end=start + datetime.timedelta(hours=3), is_public=True)
    AgendaItemFactory(meeting=m, section="opening", title="Opening", duration_minutes=10)
    AgendaItemFactory(
        meeting=m, section="advices", title="Benoeming", duration_minutes=30, is_public=False
    )
    AgendaItemFactory(meeting=m, section="signals", title="Lange wachttijd", duration_minutes=20)
    return m


def test_the_public_items_keep_the_full_agendas_numbers_and_times(meeting):
    full = {
        i.title: (i.number, f"{timezone.localtime(i.starts_at):%H:%M}")
        for i in selectors.agenda_items_ordered(meeting)
    }
    assert full == {
        "Opening": (1, "19:30"),
        "Benoeming": (2, "19:40"),
        "Lange wachttijd": (3, "20:10"),
    }
    public = selectors.agenda_items_ordered(meeting, public_only=True)
    assert [(i.title, i.number, f"{timezone.localtime(i.starts_at):%H:%M}") for i in public] == [
        ("Opening", 1, "19:30"),
        ("Lange wachttijd", 3, "20:10"),
    ]


def test_every_public_agenda_shows_the_members_number_and_time(
    client, secretary, meeting, django_capture_on_commit_callbacks
):
    page = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert "3. Lange wachttijd" in page and "20:10" in page and "Benoeming" not in page
    pdf = _pdf_text(client.get(reverse("meetings_public:agenda_pdf", args=[meeting.pk])).content)
    assert "3. Lange wachttijd" in pdf and "20:10" in pdf and "Benoeming" not in pdf
    feed = client.get(reverse("meetings_public:ical")).content.decode().replace("\r\n ", "")
    assert "3. Lange wachttijd" in feed and "Benoeming" not in feed
    meeting.guests.create(name="Gast", email="gast@org.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=meeting, by=secretary)
    guest = next(m for m in mail.outbox if m.to == ["gast@org.example"])
    assert "20:10  3. Lange wachttijd" in guest.body and "Benoeming" not in guest.body
    guest_pdf = _pdf_text(guest.attachments[0][1])
    assert "3. Lange wachttijd" in guest_pdf and "20:10" in guest_pdf
    assert "Benoeming" not in guest_pdf
