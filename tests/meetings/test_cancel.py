"""Cancelling a meeting (issue 13.15): after a confirmation page that says who will be told,
the meeting is kept with status "cancelled" (status history and audit log), each invitee gets
one notice, the iCalendar feeds show STATUS:CANCELLED, no reminder goes out, and the member and
public pages mark it "Geannuleerd"."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from adviesraad.models import AuditEntry
from adviesraad.notifications.models import Notification, NotificationPreference
from meetings import reminders as meeting_reminders
from meetings import rules
from meetings.models import Meeting, MeetingStatusChange
from meetings.services import MeetingError
from meetings.services.cancel import meeting_cancel
from meetings.tasks import send_cancel_notices
from tests.factories.meetings import MeetingFactory
from tests.factories.members import active_member, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return [
        active_member(email="a@test.example", first_name="Anna", last_name="Aal"),
        active_member(email="b@test.example", first_name="Bert", last_name="Beek"),
    ]


@pytest.fixture
def meeting(db, people):
    m = MeetingFactory(title="Plenaire vergadering juni", status=Meeting.Status.AGENDA_SENT)
    m.guests.create(name="Gerda Gast", organisation="Wijkteam", email="gast@org.example")
    m.guests.create(name="Zonder Adres", organisation="Buurt")
    return m


def test_only_a_planned_meeting_may_be_cancelled():
    assert rules.meeting_may_be_cancelled(status="draft")
    assert rules.meeting_may_be_cancelled(status="agenda_sent")
    assert not rules.meeting_may_be_cancelled(status="held")
    assert not rules.meeting_may_be_cancelled(status="minutes_approved")
    assert not rules.meeting_may_be_cancelled(status="cancelled")


def test_confirmation_page_says_who_will_be_told_and_changes_nothing(
    client, secretary, meeting, people
):
    client.force_login(secretary)
    page = client.get(reverse("meetings:cancel", args=[meeting.pk])).content.decode()
    assert "2 leden krijgen een melding" in page
    assert "Anna Aal" in page and "Bert Beek" in page
    assert "1 gast krijgt een e-mail" in page and "gast@org.example" in page
    assert "Zonder Adres" in page  # to be told by the secretary in person
    assert "Vergadering annuleren en genodigden berichten" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT and not Notification.objects.exists()


def test_cancelling_keeps_the_meeting_and_tells_each_invitee_once(
    client, secretary, meeting, people, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=people[1], kind="meeting_cancelled", delivery="app")
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("meetings:cancel", args=[meeting.pk]), {"note": "Te weinig agendapunten."}
        )
    assert resp.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    change = MeetingStatusChange.objects.get(meeting=meeting, to_status="cancelled")
    assert (change.from_status, change.by, change.note) == (
        "agenda_sent",
        secretary,
        "Te weinig agendapunten.",
    )
    entry = AuditEntry.objects.get(action="meeting.status_changed", data__to="cancelled")
    assert entry.data["from"] == "agenda_sent"
    # one notification per member, with a link to the meeting
    told = list(Notification.objects.values_list("recipient_id", "kind", "url"))
    url = reverse("meetings:detail", args=[meeting.pk])
    assert sorted(told) == sorted((p.pk, "meeting_cancelled", url) for p in people)
    # e-mail as chosen: Anna by e-mail (the default), Bert app only; the guest by e-mail
    assert sorted(m.to[0] for m in mail.outbox) == ["a@test.example", "gast@org.example"]
    guest_mail = next(m for m in mail.outbox if m.to == ["gast@org.example"])
    assert "Te weinig agendapunten." in guest_mail.body and "Gerda Gast" in guest_mail.body
    ics = Calendar.from_ical(guest_mail.attachments[0][1])
    assert str(ics["METHOD"]) == "CANCEL"
    assert str(ics.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    # the guest task run again sends nothing more
    assert send_cancel_notices(meeting.pk) == 0
    assert len(mail.outbox) == 2


def test_a_cancelled_or_held_meeting_cannot_be_cancelled_again(secretary, meeting):
    meeting_cancel(meeting=meeting, by=secretary)
    told = Notification.objects.count()
    with pytest.raises(MeetingError, match="al geannuleerd"):
        meeting_cancel(meeting=meeting, by=secretary)
    held = MeetingFactory(status=Meeting.Status.HELD)
    with pytest.raises(MeetingError, match="geplande vergadering"):
        meeting_cancel(meeting=held, by=secretary)
    assert Notification.objects.count() == told
    held.refresh_from_db()
    assert held.status == Meeting.Status.HELD


def test_members_cannot_cancel(client, meeting, people):
    client.force_login(people[0])
    assert client.post(reverse("meetings:cancel", args=[meeting.pk])).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT


def test_feeds_show_status_cancelled(client, secretary, meeting, people):
    other = MeetingFactory(title="Gaat door")
    meeting_cancel(meeting=meeting, by=secretary)
    body = client.get(reverse("meetings_public:ical")).content
    status = {str(e["SUMMARY"]): str(e["STATUS"]) for e in Calendar.from_ical(body).walk("VEVENT")}
    assert status == {"Plenaire vergadering juni": "CANCELLED", other.title: "CONFIRMED"}
    token = people[0].calendar_token
    body = client.get(reverse("meetings_public:ical_personal", args=[token])).content
    assert "STATUS:CANCELLED" in body.decode()


def test_no_reminders_go_out_for_a_cancelled_meeting(secretary, people):
    from django.utils import timezone

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)

    def at(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30)))

    sent = MeetingFactory(status=Meeting.Status.AGENDA_SENT, start=at(tomorrow))
    draft = MeetingFactory(status=Meeting.Status.DRAFT, start=at(today + datetime.timedelta(3)))
    role_user("Secretariaat", email="s2@test.example")
    assert meeting_reminders.meeting_tomorrow(today=today)
    assert meeting_reminders.agenda_not_sent(today=today)
    meeting_cancel(meeting=sent, by=secretary)
    meeting_cancel(meeting=draft, by=secretary)
    assert meeting_reminders.meeting_tomorrow(today=today) == []
    assert meeting_reminders.agenda_not_sent(today=today) == []


def test_member_and_public_pages_mark_it_cancelled(
    client, secretary, meeting, people, django_capture_on_commit_callbacks
):
    public = reverse("meetings_public:detail", args=[meeting.pk])
    assert "Geannuleerd" not in client.get(public).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, by=secretary)
    assert "Geannuleerd" in client.get(public).content.decode()  # public_changed on commit
    listing = client.get(reverse("meetings_public:list")).content.decode()
    assert "Geannuleerd" in listing and meeting.title in listing
    client.force_login(people[0])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Geannuleerd." in page and "Afmelden voor deze vergadering" not in page
    assert "geannuleerd" in client.get(reverse("meetings:list")).content.decode()


def test_a_queued_agenda_pack_is_not_sent_after_cancelling(
    secretary, people, django_capture_on_commit_callbacks
):
    from meetings import services
    from meetings.models import AgendaPackSending
    from meetings.tasks import send_agenda_pack
    from tests.factories.meetings import AgendaItemFactory

    m = MeetingFactory()
    AgendaItemFactory(meeting=m)
    sending = services.agenda_pack_send(meeting=m, by=secretary)  # queued, not yet delivered
    meeting_cancel(meeting=m, by=secretary)
    send_agenda_pack(sending.pk)
    sending.refresh_from_db()
    assert sending.status == AgendaPackSending.Status.FAILED
    assert not [msg for msg in mail.outbox if msg.subject.startswith("Agenda")]


def test_the_plain_status_step_cannot_cancel_without_the_notices(
    client, secretary, meeting, people
):
    client.force_login(secretary)
    client.post(reverse("meetings:transition", args=[meeting.pk]), {"status": "cancelled"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT
    assert not Notification.objects.exists()
