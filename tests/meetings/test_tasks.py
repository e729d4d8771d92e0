import io

import pytest
from django.core import mail
from pypdf import PdfReader

from meetings import services
from meetings.models import AgendaPackSending, Meeting
from meetings.tasks import send_agenda_pack
from tests.factories.meetings import AgendaItemFactory, MeetingFactory
from tests.factories.members import active_member

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_agenda_pack_mail_with_pdf_attached(secretary, django_capture_on_commit_callbacks):
    a = active_member(email="a@test.example")
    active_member(email="b@test.example")
    m = MeetingFactory(title="Plenaire vergadering maart")
    AgendaItemFactory(meeting=m, title="Zorg & welzijn in de wijk")
    AgendaItemFactory(meeting=m, title="Geheim punt", is_public=False)
    m.guests.create(name="Gast", organisation="Wijkteam", email="gast@org.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=m, by=secretary)
    assert sorted(msg.to[0] for msg in mail.outbox) == [
        "a@test.example",
        "b@test.example",
        "gast@org.example",
    ]
    member_mail = next(msg for msg in mail.outbox if msg.to == [a.email])
    assert "Agenda Plenaire vergadering maart" in member_mail.subject
    name, content, mimetype = member_mail.attachments[0]
    assert mimetype == "application/pdf" and name.endswith(".pdf")
    text = _pdf_text(content)
    assert "Zorg & welzijn in de wijk" in text and "Geheim punt" in text
    guest_mail = next(msg for msg in mail.outbox if msg.to == ["gast@org.example"])
    guest_text = _pdf_text(guest_mail.attachments[0][1])
    assert "Zorg & welzijn" in guest_text and "Geheim punt" not in guest_text
    assert "Geheim punt" not in guest_mail.body
    m.refresh_from_db()
    assert m.status == Meeting.Status.AGENDA_SENT and m.agenda_sent_at is not None


def test_sending_again_says_what_changed(secretary, django_capture_on_commit_callbacks):
    active_member(email="a@test.example")
    m = MeetingFactory()
    AgendaItemFactory(meeting=m, title="Eerste punt")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=m, by=secretary)
    with pytest.raises(services.MeetingError, match="niets gewijzigd"):
        services.agenda_pack_send(meeting=m, by=secretary)
    services.agenda_item_add(meeting=m, by=secretary, title="Nieuw punt", section="other")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=m, by=secretary)
    assert mail.outbox[0].subject.startswith("Gewijzigde agenda")
    assert "Nieuw agendapunt: Nieuw punt." in mail.outbox[0].body


def test_task_run_twice_sends_once(secretary, django_capture_on_commit_callbacks):
    active_member(email="a@test.example")
    m = MeetingFactory()
    AgendaItemFactory(meeting=m)
    with django_capture_on_commit_callbacks(execute=True):
        sending = services.agenda_pack_send(meeting=m, by=secretary)
    send_agenda_pack.apply(args=[sending.pk])
    assert len(mail.outbox) == 1
    assert AgendaPackSending.objects.get().status == "sent"


def test_script_in_agenda_title_is_escaped_in_html_mail(
    secretary, django_capture_on_commit_callbacks
):
    active_member(email="a@test.example")
    m = MeetingFactory()
    AgendaItemFactory(meeting=m, title="<script>alert(1)</script>")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=m, by=secretary)
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_agenda_pack_through_real_worker(celery_worker_process, secretary, settings):
    import time

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    active_member(email="a@test.example")
    m = MeetingFactory()
    AgendaItemFactory(meeting=m)
    sending = services.agenda_pack_send(meeting=m, by=secretary)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        sending.refresh_from_db()
        if sending.status != "queued":
            break
        time.sleep(0.5)
    assert sending.status == "sent"
    assert sending.delivered == ["a@test.example"]
