import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from adviesraad.models import AuditEntry
from meetings import selectors, services
from meetings.models import AgendaItem, Attendance, Meeting
from tests.factories.meetings import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    at,
    document,
)

pytestmark = pytest.mark.django_db


def test_new_plenary_starts_from_template_agenda(secretary):
    m = services.meeting_create(
        by=secretary, kind="plenary", title="Plenair", start=at(7), end=at(7, 22)
    )
    titles = [i.title for i in selectors.agenda_items_ordered(m)]
    assert titles[0] == "Opening en mededelingen"
    assert "Vaststelling notulen vorige vergadering" in titles
    assert titles[-1] == "Sluiting"


def test_end_before_start_is_refused(secretary):
    with pytest.raises(services.MeetingError, match="na het begin"):
        services.meeting_create(by=secretary, kind="plenary", title="X", start=at(7), end=at(7, 18))
    assert not Meeting.objects.exists()


def test_plan_year_twice_creates_nothing_new(secretary):
    kwargs = dict(
        by=secretary,
        year=2030,
        kind="plenary",
        title="Plenair",
        weekday=1,
        n=2,
        start_time=datetime.time(19, 30),
        duration_minutes=150,
    )
    first = services.meeting_plan_year(**kwargs)
    assert len(first) == 12
    assert services.meeting_plan_year(**kwargs) == []
    assert first[0].start.astimezone(datetime.UTC).hour == 18  # 19:30 CET


def test_reorder_with_item_of_other_meeting_is_refused(secretary):
    m, other = MeetingFactory(), MeetingFactory()
    a = AgendaItemFactory(meeting=m)
    b = AgendaItemFactory(meeting=m)
    foreign = AgendaItemFactory(meeting=other)
    with pytest.raises(services.MeetingError):
        services.agenda_reorder(meeting=m, by=secretary, section="other", ids=[foreign.pk, a.pk])
    services.agenda_reorder(meeting=m, by=secretary, section="other", ids=[b.pk, a.pk])
    assert [i.pk for i in selectors.agenda_items_ordered(m)] == [b.pk, a.pk]


def test_reorder_of_held_meeting_is_refused(secretary):
    m = MeetingFactory(status=Meeting.Status.HELD)
    a, b = AgendaItemFactory(meeting=m), AgendaItemFactory(meeting=m)
    with pytest.raises(services.MeetingError, match="gehouden"):
        services.agenda_reorder(meeting=m, by=secretary, section="other", ids=[b.pk, a.pk])
    with pytest.raises(services.MeetingError):
        services.agenda_item_move(item=b, by=secretary, direction="up")
    assert [i.pk for i in selectors.agenda_items_ordered(m)] == [a.pk, b.pk]


def test_agenda_item_add_stores_advice_link_when_given(secretary):
    m = MeetingFactory()
    item = services.agenda_item_add(meeting=m, by=secretary, title="Signaal X", section="signals")
    assert item.position == 0 and item.signal is None
    assert AuditEntry.objects.filter(action="agenda_item.added").exists()


def test_document_upload_checked_by_content(secretary):
    m = MeetingFactory()
    fake = SimpleUploadedFile("stuk.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(services.MeetingError):
        services.document_add(meeting=m, by=secretary, upload=fake)
    doc = document(m)
    assert doc.file.name.startswith(f"meetings/{m.pk}/") and "stuk" not in doc.file.name


def test_document_on_item_of_other_meeting_is_refused(secretary):
    m = MeetingFactory()
    foreign = AgendaItemFactory()
    with pytest.raises(services.MeetingError):
        document(m, agenda_item=foreign)


def test_minutes_flow_adds_approval_item_and_locks(secretary):
    held = MeetingFactory(start=at(-7), end=at(-7, 22), status=Meeting.Status.HELD)
    item = AgendaItemFactory(meeting=held)
    nxt = MeetingFactory(start=at(21), end=at(21, 22))
    services.minutes_save(
        meeting=held, by=secretary, notes="Goed overleg", decisions={item.pk: "Akkoord"}
    )
    added = services.minutes_schedule_approval(meeting=held, by=secretary, at_meeting=nxt)
    assert added.meeting == nxt and added.title.startswith("Vaststelling notulen")
    services.minutes_approve(meeting=held, by=secretary)
    held.refresh_from_db()
    assert held.status == Meeting.Status.MINUTES_APPROVED
    with pytest.raises(services.MeetingError, match="vastgesteld"):
        services.minutes_save(meeting=held, by=secretary, notes="Anders")
    held.minutes.refresh_from_db()
    assert held.minutes.notes == "Goed overleg"


def test_status_transitions_follow_table(secretary):
    m = MeetingFactory()
    with pytest.raises(services.MeetingError):
        services.meeting_transition(meeting=m, by=secretary, to_status="minutes_approved")
    services.meeting_transition(meeting=m, by=secretary, to_status="held")
    assert m.status_changes.count() == 1


def test_attendance_for_member_and_held_per_kind(secretary, member):
    held = MeetingFactory(start=at(-3), end=at(-3, 22), status=Meeting.Status.HELD)
    AttendanceFactory(meeting=held, member=member, status=Attendance.Status.PRESENT)
    AttendanceFactory(
        meeting=MeetingFactory(start=at(-2), end=at(-2, 22)), member=member, status="excused"
    )
    rows = selectors.attendance_for_member(
        member=member, start=held.start.date() - datetime.timedelta(days=1), end=held.start.date()
    )
    assert [r.meeting_id for r in rows] == [held.pk]
    assert selectors.meetings_held_per_kind(year=held.start.year) == {"plenary": 1}


def test_update_post_replaces_own_update(member):
    m = MeetingFactory()
    services.update_post(meeting=m, author=member, text="- punt een\n- punt twee")
    services.update_post(meeting=m, author=member, text="- alleen dit")
    assert [u.bullets for u in m.updates.all()] == [["alleen dit"]]


def test_agenda_item_section_order_and_times(secretary):
    m = MeetingFactory(start=at(5, 19, 30))
    services.agenda_item_add(
        meeting=m, by=secretary, title="Later", section="other", duration_minutes=20
    )
    services.agenda_item_add(
        meeting=m, by=secretary, title="Eerst", section="opening", duration_minutes=15
    )
    items = selectors.agenda_items_ordered(m)
    assert [i.title for i in items] == ["Eerst", "Later"]
    assert items[1].starts_at - items[0].starts_at == datetime.timedelta(minutes=15)
    assert AgendaItem.objects.count() == 2
