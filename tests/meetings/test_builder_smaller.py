"""The smaller meetings defects of issue 13 (defect 16): an agenda that runs past the meeting's
end warns in the builder; a linked advice is a link; the secretary's action list marks overdue
actions; an empty attendance post gives a form error, not a 500 (also issue 14, finding 8);
iCalendar UIDs carry a fixed domain from the settings, not the request's host."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import rules
from meetings.models import Attendance, Meeting
from tests.factories.meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    at,
)

pytestmark = pytest.mark.django_db
NOON = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))


def test_an_agenda_runs_over_only_when_it_closes_after_the_end():
    minute = datetime.timedelta(minutes=1)
    assert rules.agenda_runs_over(agenda_end=NOON + minute, meeting_end=NOON)
    assert not rules.agenda_runs_over(agenda_end=NOON, meeting_end=NOON)
    assert not rules.agenda_runs_over(agenda_end=None, meeting_end=NOON)


def test_the_builder_warns_when_the_agenda_runs_past_the_end(client, secretary):
    m = MeetingFactory(start=at(5, 19, 30), end=at(5, 20, 30))
    AgendaItemFactory(meeting=m, duration_minutes=60)
    client.force_login(secretary)
    url = reverse("meetings:detail", args=[m.pk])
    assert "de agenda loopt uit" not in client.get(url).content.decode()  # exactly fits
    AgendaItemFactory(meeting=m, duration_minutes=5)
    page = client.get(url).content.decode()
    assert "de agenda loopt uit" in page and "20:35" in page and "20:30" in page


def test_a_linked_advice_is_a_link(client, secretary):
    from tests.factories.adviezen import AdviceFactory

    advice = AdviceFactory(title="Wmo-verordening")
    m = MeetingFactory()
    AgendaItemFactory(meeting=m, advice=advice, section="advices")
    client.force_login(secretary)
    page = client.get(reverse("meetings:detail", args=[m.pk])).content.decode()
    assert f'<a href="{reverse("adviezen:detail", args=[advice.pk])}">' in page


def test_the_action_list_marks_open_actions_past_their_date(client, secretary, member):
    today = timezone.localdate()
    ActionItemFactory(
        owner=member, description="Gisteren af", due_date=today - datetime.timedelta(1)
    )
    ActionItemFactory(owner=member, description="Vandaag af", due_date=today)
    ActionItemFactory(
        owner=member, description="Klaar", due_date=today - datetime.timedelta(5), done=True
    )
    client.force_login(secretary)
    body = client.get(reverse("meetings:action_list")).content.decode()
    rows = {
        name: body[body.index(name) : body.index("</tr>", body.index(name))]
        for name in ("Gisteren af", "Vandaag af", "Klaar")
    }
    assert "te laat" in rows["Gisteren af"]
    assert "te laat" not in rows["Vandaag af"] and "te laat" not in rows["Klaar"]


def test_an_empty_attendance_post_is_a_form_error_not_a_500(client, secretary, member):
    from tests.factories.budget import DeclarationFactory, DeclarationLineFactory

    held = MeetingFactory(start=at(-2), end=at(-2, 22), status=Meeting.Status.HELD)
    claimed = AttendanceFactory(meeting=held, member=member, status=Attendance.Status.PRESENT)
    DeclarationLineFactory(
        declaration=DeclarationFactory(claimant=member), kind="allowance", attendance=claimed
    )
    client.force_login(secretary)
    resp = client.post(reverse("meetings:attendance", args=[held.pk]), {})
    assert resp.status_code == 200 and "al gedeclareerd" in resp.content.decode()
    assert Attendance.objects.get().status == "present"


def test_calendar_uids_use_the_fixed_domain_whatever_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "raad.example.org", "testserver"]
    settings.ICAL_UID_DOMAIN = "adviesraad.test-gemeente.nl"
    m = MeetingFactory(is_public=True)
    for host in ("127.0.0.1", "raad.example.org"):
        feed = client.get(reverse("meetings_public:ical"), HTTP_HOST=host).content.decode()
        assert f"UID:vergadering-{m.pk}@adviesraad.test-gemeente.nl" in feed
        assert "@127.0.0.1" not in feed and "@raad.example.org" not in feed


def test_the_default_uid_domain_is_set():
    from adviesraad.settings import base

    assert base.ICAL_UID_DOMAIN == "adviesraad.local"


def test_an_item_added_by_htmx_is_offered_at_once_in_the_document_and_action_forms(
    client, secretary
):
    """The forms' "Bij agendapunt" lists follow the agenda without a reload (journey finding)."""
    meeting = MeetingFactory(start=at(5, 19, 30), end=at(5, 22, 30))
    client.force_login(secretary)
    resp = client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {
            "punt-title": "Nieuw punt voor de stukken",
            "punt-section": "other",
            "punt-duration_minutes": 10,
        },
        HTTP_HX_REQUEST="true",
    )
    body = resp.content.decode()
    assert resp.status_code == 200
    for form_id, field in (
        ("document-add", "id_document-agenda_item"),
        ("action-add", "id_actie-agenda_item"),
    ):
        start = body.index(f'<div id="{form_id}" hx-swap-oob="true">')
        select = body[body.index(f'id="{field}"', start) :]
        assert "Nieuw punt voor de stukken" in select[: select.index("</select>")], form_id
