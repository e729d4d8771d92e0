"""Apologies (issue 13.14): a member sends them from the meeting page or the agenda e-mail's
link, they are recorded as "excused", the secretary sees them on the meeting page and the
attendance form, and the member can withdraw them until the meeting starts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import rules
from meetings.models import Attendance, Meeting
from meetings.reminders import meeting_attendees
from meetings.services import MeetingError
from meetings.services.attendance import apology_send, apology_withdraw
from tests.factories.meetings import AgendaItemFactory, AttendanceFactory, MeetingFactory, at
from tests.factories.members import active_member, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def lid(db):
    return active_member(email="fatima@test.example", first_name="Fatima", last_name="Lid")


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Plenaire vergadering mei", start=at(7), end=at(7, 22))


# --- the rule, on both sides of its boundaries ---------------------------------------------


def test_apologies_may_change_until_the_start_of_a_planned_meeting():
    start = timezone.now() + datetime.timedelta(hours=2)
    second = datetime.timedelta(seconds=1)
    assert rules.apology_may_change(status="draft", start=start, now=start - second)
    assert rules.apology_may_change(status="agenda_sent", start=start, now=start - second)
    assert not rules.apology_may_change(status="agenda_sent", start=start, now=start)
    assert not rules.apology_may_change(status="held", start=start, now=start - second)
    assert not rules.apology_may_change(status="cancelled", start=start, now=start - second)


# --- the services -------------------------------------------------------------------------


def test_an_apology_is_recorded_as_excused_and_leaves_out_the_reminder(lid, meeting):
    other = active_member(email="piet@test.example")
    assert {p.pk for p in meeting_attendees(meeting)} == {lid.pk, other.pk}
    row = apology_send(meeting=meeting, member=lid, note="Op vakantie")
    assert (row.status, row.note) == (Attendance.Status.EXCUSED, "Op vakantie")
    assert [p.pk for p in meeting_attendees(meeting)] == [other.pk]
    apology_withdraw(meeting=meeting, member=lid)
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert {p.pk for p in meeting_attendees(meeting)} == {lid.pk, other.pk}


def test_sending_twice_keeps_one_row_with_the_new_note(lid, meeting):
    apology_send(meeting=meeting, member=lid, note="eerst")
    apology_send(meeting=meeting, member=lid, note="later")
    assert list(Attendance.objects.values_list("status", "note")) == [("excused", "later")]


def test_no_apology_or_withdrawal_once_the_meeting_has_started(lid, meeting):
    apology_send(meeting=meeting, member=lid)
    Meeting.objects.filter(pk=meeting.pk).update(
        start=timezone.now() - datetime.timedelta(minutes=1),
        end=timezone.now() + datetime.timedelta(hours=2),
    )
    meeting.refresh_from_db()
    with pytest.raises(MeetingError, match="al begonnen"):
        apology_withdraw(meeting=meeting, member=lid)
    with pytest.raises(MeetingError, match="al begonnen"):
        apology_send(meeting=meeting, member=lid)
    assert Attendance.objects.get().status == "excused"


def test_someone_who_is_not_invited_cannot_send_apologies(meeting):
    no_term = role_user("Leden", email="zonder@test.example")
    with pytest.raises(MeetingError, match="niet uitgenodigd"):
        apology_send(meeting=meeting, member=no_term)
    assert not Attendance.objects.exists()


def test_a_row_the_secretary_recorded_is_not_overwritten(lid, meeting):
    AttendanceFactory(meeting=meeting, member=lid, status=Attendance.Status.ABSENT)
    with pytest.raises(MeetingError, match="al als afwezig"):
        apology_send(meeting=meeting, member=lid)
    with pytest.raises(MeetingError, match="niet afgemeld"):
        apology_withdraw(meeting=meeting, member=lid)
    assert Attendance.objects.get().status == "absent"


# --- the pages ----------------------------------------------------------------------------


def test_member_sends_and_withdraws_from_the_meeting_page(client, lid, meeting, secretary):
    client.force_login(lid)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Afmelden voor deze vergadering" in page
    resp = client.post(reverse("meetings:apology", args=[meeting.pk]), {"note": "Ziek"})
    assert resp.status_code == 302
    page = client.get(resp["Location"]).content.decode()
    assert "Je bent afgemeld" in page and "Afmelding intrekken" in page
    assert "kop-afmeldingen" not in page  # the list is for the secretary

    client.force_login(secretary)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Fatima Lid" in page and "Ziek" in page
    form = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert "Fatima Lid" in form and "Ziek" in form
    assert 'value="excused" selected' in form

    client.force_login(lid)
    resp = client.post(reverse("meetings:apology_withdraw", args=[meeting.pk]))
    assert resp.status_code == 302 and not Attendance.objects.exists()


def test_the_e_mail_link_asks_to_log_in_then_shows_the_apology_page(client, lid, meeting):
    url = reverse("meetings:apology", args=[meeting.pk])
    resp = client.get(url)
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]
    client.force_login(lid)
    page = client.get(url).content.decode()
    assert "Afmelden voor de vergadering" in page and 'name="note"' in page


def test_a_refused_apology_keeps_the_typed_note(client, meeting):
    no_term = role_user("Leden", email="zonder@test.example")
    client.force_login(no_term)
    resp = client.post(reverse("meetings:apology", args=[meeting.pk]), {"note": "Mijn reden"})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "niet uitgenodigd" in body
    assert not Attendance.objects.exists()


# --- the agenda e-mail: a link to the meeting, to apologies, and a calendar invitation ------


def test_agenda_mail_has_links_and_a_calendar_invitation(
    lid, meeting, secretary, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    from meetings import services

    settings.SITE_URL = "https://raad.example"
    settings.ICAL_UID_DOMAIN = "raad.voorbeeld.nl"
    AgendaItemFactory(meeting=meeting, title="Wmo")
    meeting.guests.create(name="Gast", email="gast@org.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=meeting, by=secretary)
    member_mail = next(m for m in mail.outbox if m.to == [lid.email])
    detail = f"https://raad.example/intern/vergaderingen/{meeting.pk}/"
    assert detail in member_mail.body and f"{detail}afmelden/" in member_mail.body
    html = member_mail.alternatives[0][0]
    assert f'href="{detail}afmelden/"' in html
    name, content, mimetype = member_mail.attachments[1]
    assert mimetype == "text/calendar" and name.endswith(".ics")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["UID"]) == f"vergadering-{meeting.pk}@raad.voorbeeld.nl"
    assert str(event["SUMMARY"]) == "Plenaire vergadering mei"
    assert str(event["STATUS"]) == "CONFIRMED"
    guest_mail = next(m for m in mail.outbox if m.to == ["gast@org.example"])
    assert "afmelden" not in guest_mail.body  # guests get the public page, no apology link
    assert f"https://raad.example/vergaderingen/{meeting.pk}/" in guest_mail.body
    assert guest_mail.attachments[1][2] == "text/calendar"


def test_ical_uid_uses_the_fixed_domain_not_the_request_host(client, meeting, settings):
    settings.ICAL_UID_DOMAIN = "adviesraad.local"
    settings.ALLOWED_HOSTS = ["raad.example", "andere-naam.example"]
    uids = []
    for host in ("raad.example", "andere-naam.example"):
        body = client.get(reverse("meetings_public:ical"), HTTP_HOST=host).content
        uids.append([str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")])
    assert uids[0] == uids[1] == [f"vergadering-{meeting.pk}@adviesraad.local"]
    settings.ICAL_UID_DOMAIN = "raad.voorbeeld.nl"
    from adviesraad.pagecache import forget_public_pages

    forget_public_pages()
    body = client.get(reverse("meetings_public:ical"), HTTP_HOST="raad.example").content
    assert [str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")] == [
        f"vergadering-{meeting.pk}@raad.voorbeeld.nl"
    ]


def test_the_location_is_shown_without_a_space_before_the_comma(client, meeting):
    from meetings.models import Location

    Location.objects.filter(pk=meeting.location_id).update(name="De Brug", address="Brugstraat 12")
    page = client.get(reverse("meetings_public:detail", args=[meeting.pk])).content.decode()
    assert "De Brug, Brugstraat 12" in page and "De Brug ," not in page
    assert rules.location_label(name="De Brug", address="") == "De Brug"
    assert rules.location_label(name=" De Brug ", address=" Brugstraat 12 ") == (
        "De Brug, Brugstraat 12"
    )
