"""The meetings services' guards, each on both sides: who ticks an action, what an agenda
item, a meeting, an update and minutes accept, and when the public pages are refreshed."""

import datetime

import pytest
from django.utils import timezone

from adviesraad import pagecache
from adviesraad.models import AuditEntry
from meetings import rules, services
from meetings.models import ActionItem, AgendaItem, AgendaPackSending, Meeting, Update
from meetings.services import MeetingError
from tests.factories.adviezen import SignalFactory
from tests.factories.meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    MeetingFactory,
    at,
    document,
)

pytestmark = pytest.mark.django_db
S = AgendaItem.Section


@pytest.fixture
def refreshed(monkeypatch):
    """How often the public pages were marked changed."""
    calls = []
    monkeypatch.setattr(pagecache, "public_changed", lambda: calls.append(1))
    return calls


# --- action items ---------------------------------------------------------------------------


def test_the_owner_ticks_their_own_action_and_opens_it_again(member):
    action = ActionItemFactory(owner=member)
    assert services.action_item_set_done(action=action, by=member).done is True
    action.refresh_from_db()
    assert action.done and action.done_at is not None
    services.action_item_set_done(action=action, by=member, done=False)
    action.refresh_from_db()
    assert not action.done and action.done_at is None


def test_the_secretariat_ticks_anyones_action(secretary, member):
    action = ActionItemFactory(owner=member)
    services.action_item_set_done(action=action, by=secretary)
    action.refresh_from_db()
    assert action.done


def test_another_member_may_not_tick_an_action(member, other_member):
    action = ActionItemFactory(owner=member)
    with pytest.raises(MeetingError, match="eigenaar"):
        services.action_item_set_done(action=action, by=other_member)
    action.refresh_from_db()
    assert not action.done


def test_an_action_may_come_from_an_item_of_its_own_meeting_only(secretary, member):
    meeting, other = MeetingFactory(), MeetingFactory()
    own_item, foreign_item = AgendaItemFactory(meeting=meeting), AgendaItemFactory(meeting=other)
    with pytest.raises(MeetingError, match="hoort niet bij"):
        services.action_item_add(
            by=secretary,
            description="Bellen",
            owner=member,
            meeting=meeting,
            agenda_item=foreign_item,
        )
    action = services.action_item_add(
        by=secretary, description="Bellen", owner=member, meeting=meeting, agenda_item=own_item
    )
    assert action.agenda_item == own_item
    # without a meeting, the item is not checked against one
    assert (
        services.action_item_add(
            by=secretary, description="Mailen", owner=member, agenda_item=foreign_item
        ).agenda_item
        == foreign_item
    )
    assert ActionItem.objects.count() == 2


def test_an_action_needs_a_description(secretary, member):
    with pytest.raises(MeetingError) as refused:
        services.action_item_add(by=secretary, description="   ", owner=member)
    assert refused.value.field == "description"
    assert not ActionItem.objects.exists()


# --- updates --------------------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "accepted"), [(0, True), (1, False)])
def test_an_update_may_be_exactly_the_maximum_length(member, extra, accepted):
    meeting = MeetingFactory()
    text = "x" * (rules.MAX_UPDATE_CHARS + extra)
    if accepted:
        assert len(services.update_post(meeting=meeting, author=member, text=text).text) == len(
            text
        )
    else:
        with pytest.raises(MeetingError):
            services.update_post(meeting=meeting, author=member, text=text)
        assert not Update.objects.exists()


# --- meetings -------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["start", "end"])
def test_a_meeting_needs_both_a_start_and_an_end(secretary, missing):
    times = {"start": at(7), "end": at(7) + datetime.timedelta(hours=2)}
    times[missing] = None
    with pytest.raises(MeetingError, match="begin en een einde"):
        services.meeting_create(by=secretary, kind=Meeting.Kind.PLENARY, title="Plenair", **times)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(("minutes", "accepted"), [(0, False), (1, True)])
def test_a_planned_series_lasts_at_least_a_minute(secretary, minutes, accepted):
    plan = {
        "by": secretary,
        "year": timezone.localdate().year + 1,
        "kind": Meeting.Kind.PLENARY,
        "title": "Plenair",
        "weekday": 1,
        "n": 2,
        "start_time": datetime.time(19, 30),
        "duration_minutes": minutes,
        "months": [3],
    }
    if accepted:
        (meeting,) = services.meeting_plan_year(**plan)
        assert meeting.end - meeting.start == datetime.timedelta(minutes=1)
    else:
        with pytest.raises(MeetingError) as refused:
            services.meeting_plan_year(**plan)
        assert refused.value.field == "duration_minutes"
        assert not Meeting.objects.exists()


# --- the agenda -----------------------------------------------------------------------------


def test_an_agenda_item_keeps_a_title_and_a_known_section(secretary):
    item = AgendaItemFactory(title="Armoedebeleid")
    with pytest.raises(MeetingError) as refused:
        services.agenda_item_update(item=item, by=secretary, data={"title": "  "})
    assert refused.value.field == "title"
    with pytest.raises(MeetingError) as refused:
        services.agenda_item_update(item=item, by=secretary, data={"title": None})
    assert refused.value.field == "title"
    with pytest.raises(MeetingError) as refused:
        services.agenda_item_update(item=item, by=secretary, data={"section": "elders"})
    assert refused.value.field == "section"
    item.refresh_from_db()
    assert (item.title, item.section) == ("Armoedebeleid", S.OTHER)
    services.agenda_item_update(
        item=item, by=secretary, data={"title": "Schulden", "section": S.OTHER}
    )
    item.refresh_from_db()
    assert item.title == "Schulden"


def test_moving_an_item_swaps_it_with_its_neighbour_and_is_recorded(secretary, refreshed):
    meeting = MeetingFactory(is_public=True)
    a, b, c = (AgendaItemFactory(meeting=meeting, section=S.OTHER, position=p) for p in (1, 2, 3))
    AgendaItemFactory(meeting=meeting, section=S.OPENING, position=1)
    assert services.agenda_item_move(item=b, by=secretary, direction="up") == [b.pk, a.pk, c.pk]
    assert services.agenda_item_move(item=b, by=secretary, direction="down") == [a.pk, b.pk, c.pk]
    order = list(
        AgendaItem.objects.filter(meeting=meeting, section=S.OTHER)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [a.pk, b.pk, c.pk]
    entry = AuditEntry.objects.filter(action="agenda.reordered").order_by("id").last()
    assert entry.actor_id == secretary.pk and entry.data["section"] == S.OTHER
    assert refreshed


@pytest.mark.parametrize("direction", ["sideways", "UP", ""])
def test_an_unknown_direction_moves_nothing(secretary, direction):
    meeting = MeetingFactory()
    a, b = (AgendaItemFactory(meeting=meeting, section=S.OTHER, position=p) for p in (1, 2))
    with pytest.raises(MeetingError, match="richting"):
        services.agenda_item_move(item=b, by=secretary, direction=direction)
    b.refresh_from_db()
    assert b.position == 2


# --- documents and the public pages ---------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting_public", "item_public", "document_public", "refresh"),
    [
        (True, True, True, True),
        (False, True, True, False),
        (True, False, True, False),
        (True, True, False, False),
    ],
)
def test_the_public_pages_change_only_with_a_public_document_of_a_public_meeting(
    secretary, refreshed, meeting_public, item_public, document_public, refresh
):
    meeting = MeetingFactory(is_public=meeting_public)
    item = AgendaItemFactory(meeting=meeting, is_public=item_public)
    refreshed.clear()
    doc = document(meeting, is_public=document_public, agenda_item=item, by=secretary)
    assert bool(refreshed) is refresh
    refreshed.clear()
    services.document_remove(document=doc, by=secretary)
    assert bool(refreshed) is refresh


def test_a_public_document_without_an_item_changes_the_public_pages(secretary, refreshed):
    meeting = MeetingFactory(is_public=True)
    refreshed.clear()
    document(meeting, is_public=True, by=secretary)
    assert refreshed


# --- minutes --------------------------------------------------------------------------------


def test_minutes_wait_until_the_meeting_has_begun(secretary):
    upcoming = MeetingFactory(start=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(MeetingError, match="begonnen"):
        services.minutes_save(meeting=upcoming, by=secretary, notes="Vooraf")
    begun = MeetingFactory(start=timezone.now() - datetime.timedelta(minutes=1))
    assert services.minutes_save(meeting=begun, by=secretary, notes="Begonnen").notes == "Begonnen"


def test_minutes_of_a_meeting_marked_held_may_be_written_before_its_planned_start(secretary):
    meeting = MeetingFactory(
        start=timezone.now() + datetime.timedelta(hours=1), status=Meeting.Status.HELD
    )
    assert services.minutes_save(meeting=meeting, by=secretary, notes="Eerder").notes == "Eerder"


def test_approving_minutes_is_recorded_with_who_approved(secretary, chair):
    held = MeetingFactory(start=at(-30), status=Meeting.Status.HELD)
    services.minutes_save(meeting=held, by=secretary, notes="Verslag")
    services.minutes_approve(meeting=held, by=chair, at_meeting=MeetingFactory(start=at(-2)))
    entry = AuditEntry.objects.get(action="minutes.approved")
    assert entry.actor_id == chair.pk


# --- more of the guards' details ------------------------------------------------------------


def test_a_queued_sending_of_this_meeting_blocks_a_second_one_another_meetings_does_not(
    secretary,
):
    meeting, other = MeetingFactory(), MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    AgendaPackSending.objects.create(meeting=other, status=AgendaPackSending.Status.QUEUED)
    AgendaPackSending.objects.create(meeting=meeting, status=AgendaPackSending.Status.FAILED)
    first = services.agenda_pack_send(meeting=meeting, by=secretary)
    assert first.status == AgendaPackSending.Status.QUEUED and first.by == secretary
    AgendaItemFactory(meeting=meeting, title="Nog een punt")
    with pytest.raises(MeetingError, match="al verstuurd"):
        services.agenda_pack_send(meeting=meeting, by=secretary)
    assert meeting.sendings.count() == 2


def test_changing_a_meeting_keeps_its_rules_and_records_what_changed(secretary, refreshed):
    meeting = MeetingFactory(is_public=False)
    with pytest.raises(MeetingError):
        services.meeting_update(meeting=meeting, by=secretary, data={"end": meeting.start})
    meeting.refresh_from_db()
    assert meeting.end > meeting.start
    later = meeting.start + datetime.timedelta(days=7)
    services.meeting_update(
        meeting=meeting,
        by=secretary,
        data={"start": later, "end": later + datetime.timedelta(hours=2)},
    )
    meeting.refresh_from_db()
    assert meeting.start == later
    entry = AuditEntry.objects.get(action="meeting.updated")
    assert sorted(entry.data["fields"]) == ["end", "start"] and entry.actor_id == secretary.pk
    assert not refreshed  # not public before or after


def test_a_document_for_an_item_of_another_meeting_is_refused_at_that_field(secretary):
    meeting, foreign_item = MeetingFactory(), AgendaItemFactory()
    with pytest.raises(MeetingError) as refused:
        document(meeting, agenda_item=foreign_item, by=secretary)
    assert refused.value.field == "agenda_item"
    doc = document(meeting, by=secretary)
    assert doc.uploaded_by == secretary


def test_an_agenda_item_keeps_the_signal_it_came_from(secretary):
    meeting, signal = MeetingFactory(), SignalFactory()
    item = services.agenda_item_add(
        meeting=meeting, by=secretary, title="Signaal", section=S.OTHER, signal=signal
    )
    item.refresh_from_db()
    assert item.signal == signal
