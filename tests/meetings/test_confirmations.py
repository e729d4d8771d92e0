"""Minutes are approved *in* a later meeting, recorded as such and shown on both meetings
(issue 13, defect 1); sending the agenda pack and approving minutes ask for confirmation first
and say what will happen, without JavaScript (defect 8)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings import rules, services
from meetings.models import AgendaPackSending, Meeting
from tests.factories.meetings import AgendaItemFactory, MeetingFactory, at
from tests.factories.members import active_member

pytestmark = pytest.mark.django_db


def test_minutes_are_approved_once_the_later_meeting_has_begun():
    now = timezone.now()
    second = datetime.timedelta(seconds=1)
    assert rules.minutes_approval_may_be_recorded(approval_start=now, now=now)
    assert rules.minutes_approval_may_be_recorded(approval_start=now - second, now=now)
    assert not rules.minutes_approval_may_be_recorded(approval_start=now + second, now=now)


@pytest.fixture
def held(secretary):
    m = MeetingFactory(
        title="Plenaire vergadering maart", start=at(-30), end=at(-30, 22), is_public=True
    )
    m.status = Meeting.Status.HELD
    m.save()
    services.minutes_save(meeting=m, by=secretary, notes="Goed overleg")
    return m


def test_minutes_are_not_approved_without_a_later_meeting_that_has_begun(secretary, held):
    with pytest.raises(services.MeetingError, match="eerst op de agenda"):
        services.minutes_approve(meeting=held, by=secretary)
    future = MeetingFactory(start=at(7), end=at(7, 22))
    services.minutes_schedule_approval(meeting=held, by=secretary, at_meeting=future)
    with pytest.raises(services.MeetingError, match="pas als die vergadering begonnen"):
        services.minutes_approve(meeting=held, by=secretary)
    earlier = MeetingFactory(start=at(-40), end=at(-40, 22))
    with pytest.raises(services.MeetingError, match="latere vergadering"):
        services.minutes_approve(meeting=held, by=secretary, at_meeting=earlier)
    held.minutes.refresh_from_db()
    assert held.minutes.status == "draft"


def test_the_approve_button_asks_first_names_the_meeting_and_records_it(client, secretary, held):
    april = MeetingFactory(title="Plenaire vergadering april", start=at(-2), end=at(-2, 22))
    services.minutes_schedule_approval(meeting=held, by=secretary, at_meeting=april)
    client.force_login(secretary)
    minutes_page = client.get(reverse("meetings:minutes", args=[held.pk])).content.decode()
    url = reverse("meetings:minutes_approve", args=[held.pk])
    assert f'href="{url}"' in minutes_page  # a link to the confirmation, not a one-click form
    page = client.get(url).content.decode()
    assert "worden vastgesteld in de vergadering Plenaire vergadering april" in page
    assert "niet terugdraaien" in page and 'name="confirm"' in page
    # a post without the confirmation only shows the page again
    assert "Ja, notulen vaststellen" in client.post(url, {}).content.decode()
    held.minutes.refresh_from_db()
    assert held.minutes.status == "draft"
    resp = client.post(url, {"confirm": "1"}, follow=True)
    assert "De notulen zijn vastgesteld." in resp.content.decode()
    held.refresh_from_db()
    held.minutes.refresh_from_db()
    assert held.status == Meeting.Status.MINUTES_APPROVED
    assert held.minutes.approval_meeting == april
    # shown on both meetings
    here = client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    assert "Vastgesteld in de vergadering" in here and "Plenaire vergadering april" in here
    there = client.get(reverse("meetings:detail", args=[april.pk])).content.decode()
    assert "zijn in deze vergadering vastgesteld" in there and "Plenaire vergadering maart" in there


def test_the_confirmation_says_why_approving_cannot_happen_yet(client, secretary, held):
    client.force_login(secretary)
    url = reverse("meetings:minutes_approve", args=[held.pk])
    page = client.get(url).content.decode()
    assert "Zet de vaststelling eerst op de agenda" in page and "Ja, notulen" not in page
    future = MeetingFactory(start=at(7), end=at(7, 22))
    services.minutes_schedule_approval(meeting=held, by=secretary, at_meeting=future)
    page = client.get(url).content.decode()
    assert "pas als die vergadering begonnen" in page and "Ja, notulen" not in page
    resp = client.post(url, {"confirm": "1"})
    assert "pas als die vergadering begonnen" in resp.content.decode()


def test_a_member_cannot_open_the_confirmations(client, member, held):
    client.force_login(member)
    assert client.get(reverse("meetings:minutes_approve", args=[held.pk])).status_code == 403
    assert client.get(reverse("meetings:send_pack", args=[held.pk])).status_code == 403


def test_sending_the_agenda_asks_first_and_counts_the_recipients(
    client, secretary, django_capture_on_commit_callbacks
):
    for i in range(3):
        active_member(email=f"lid{i}@raad.example")
    m = MeetingFactory()
    AgendaItemFactory(meeting=m, title="Armoedebeleid")
    m.guests.create(name="Gast", email="gast@org.example")
    m.guests.create(name="Zonder adres")
    client.force_login(secretary)
    detail = client.get(reverse("meetings:detail", args=[m.pk])).content.decode()
    url = reverse("meetings:send_pack", args=[m.pk])
    assert f'href="{url}"' in detail
    page = client.get(url).content.decode()
    assert "Het agendapakket gaat naar 3 leden en 1 gast." in page
    client.post(url, {})
    assert not AgendaPackSending.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(url, {"confirm": "1"}, follow=True)
    assert "wordt verstuurd" in resp.content.decode()
    assert len(mail.outbox) == 4
    # again: nothing changed, so the page says so and offers no button
    page = client.get(url).content.decode()
    assert "niets gewijzigd" in page and "Ja, agendapakket" not in page
    services.agenda_item_add(
        meeting=m, by=secretary, title="Geheim", section="other", is_public=False
    )
    page = client.get(url).content.decode()
    assert "De gewijzigde agenda gaat naar 3 leden en 0 gasten." in page
    assert "Nieuw agendapunt: Geheim." in page and "geen nieuwe e-mail" in page


@pytest.mark.parametrize("n", [1, 8])
def test_the_confirmation_pages_query_count_is_fixed(
    client, secretary, held, n, django_assert_num_queries
):
    """Pinned: a page's queries do not grow with the members, guests or items."""
    for i in range(n):
        active_member(email=f"lid{i}@raad.example")
        AgendaItemFactory(meeting=held)
    later = MeetingFactory(start=at(-2), end=at(-2, 22))
    for i in range(n):
        later.guests.create(name=f"Gast {i}", email=f"gast{i}@org.example")
        AgendaItemFactory(meeting=later)
    services.minutes_schedule_approval(meeting=held, by=secretary, at_meeting=later)
    client.force_login(secretary)
    approve = reverse("meetings:minutes_approve", args=[held.pk])
    send = reverse("meetings:send_pack", args=[later.pk])
    client.get(approve)
    # the meeting with its minutes and their meeting + 6 on every logged-in page: session,
    # user, permissions (user, groups), council settings, unread notifications
    with django_assert_num_queries(7):
        assert client.get(approve).status_code == 200
    # meeting; items exist; queued; last sent; members; guests + the 6 on every page
    with django_assert_num_queries(12):
        assert client.get(send).status_code == 200
