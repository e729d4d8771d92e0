import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

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
    began = timezone.now() - datetime.timedelta(minutes=1)
    nxt = MeetingFactory(start=began, end=began + datetime.timedelta(hours=2))
    services.minutes_save(
        meeting=held, by=secretary, notes="Goed overleg", decisions={item.pk: "Akkoord"}
    )
    added = services.minutes_schedule_approval(meeting=held, by=secretary, at_meeting=nxt)
    assert added.meeting == nxt and added.title.startswith("Vaststelling notulen")
    services.minutes_approve(meeting=held, by=secretary)
    held.refresh_from_db()
    assert held.status == Meeting.Status.MINUTES_APPROVED
    assert held.minutes.approval_meeting == nxt
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


def test_a_status_change_is_recorded_with_its_audit_meaning(secretary):
    m = MeetingFactory()
    with pytest.raises(services.MeetingError, match="concept"):
        services.meeting_transition(meeting=m, by=secretary, to_status="minutes_approved")
    assert not m.status_changes.exists()
    assert not AuditEntry.objects.filter(action="meeting.status_changed").exists()
    services.meeting_transition(meeting=m, by=secretary, to_status="held")
    change = m.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == ("draft", "held", secretary)
    assert (change.from_label(), change.to_label()) == ("concept", "gehouden")
    entry = AuditEntry.objects.get(action="meeting.status_changed")
    assert entry.object_id == str(m.pk) and entry.data == {"from": "draft", "to": "held"}
    m.refresh_from_db()
    assert m.status == Meeting.Status.HELD


def test_minutes_are_approved_once_through_their_own_machine(secretary):
    draft_meeting = MeetingFactory(start=at(-7), end=at(-7, 22))
    with pytest.raises(services.MeetingError, match="gehouden vergadering"):
        services.minutes_approve(meeting=draft_meeting, by=secretary)
    assert not AuditEntry.objects.filter(action="minutes.approved").exists()
    held = MeetingFactory(start=at(-7), end=at(-7, 22), status=Meeting.Status.HELD)
    later = MeetingFactory(start=at(-1), end=at(-1, 22))
    minutes = services.minutes_approve(meeting=held, by=secretary, at_meeting=later)
    assert minutes.status == "approved" and minutes.approved_by == secretary
    entry = AuditEntry.objects.get(action="minutes.approved")
    assert entry.data == {"from": "draft", "to": "approved"}
    assert AuditEntry.objects.filter(action="meeting.status_changed").count() == 1
    with pytest.raises(services.MeetingError, match="al vastgesteld"):
        services.minutes_approve(meeting=held, by=secretary, at_meeting=later)
    assert AuditEntry.objects.filter(action="minutes.approved").count() == 1


def test_clearing_an_attendance_claimed_on_a_declaration_changes_nothing(
    secretary, member, other_member
):
    from tests.factories.budget import DeclarationFactory, DeclarationLineFactory

    held = MeetingFactory(start=at(-3), end=at(-3, 22), status=Meeting.Status.HELD)
    claimed = AttendanceFactory(meeting=held, member=member, status=Attendance.Status.PRESENT)
    other = AttendanceFactory(meeting=held, member=other_member, status=Attendance.Status.PRESENT)
    DeclarationLineFactory(
        declaration=DeclarationFactory(claimant=member), kind="allowance", attendance=claimed
    )
    with pytest.raises(services.AttendanceClaimed, match="Fatima Lid") as refused:
        services.attendance_record(
            meeting=held, by=secretary, statuses={member.pk: "", other.member_id: ""}
        )
    assert refused.value.member_ids == [member.pk]
    assert set(Attendance.objects.values_list("pk", flat=True)) == {claimed.pk, other.pk}
    services.attendance_record(meeting=held, by=secretary, statuses={other.member_id: ""})
    assert list(Attendance.objects.values_list("pk", flat=True)) == [claimed.pk]


def test_present_cannot_be_recorded_more_than_a_day_ahead(secretary, member):
    ahead = MeetingFactory(start=at(3), end=at(3, 22))
    with pytest.raises(services.MeetingError, match="als de vergadering begint"):
        services.attendance_record(meeting=ahead, by=secretary, statuses={member.pk: "present"})
    services.attendance_record(meeting=ahead, by=secretary, statuses={member.pk: "excused"})
    assert Attendance.objects.get().status == "excused"


def test_an_item_longer_than_the_maximum_is_refused_when_changed(secretary):
    item = AgendaItemFactory(duration_minutes=10)
    with pytest.raises(services.MeetingError, match="tussen 0 en 600") as refused:
        services.agenda_item_update(item=item, by=secretary, data={"duration_minutes": 601})
    assert refused.value.field == "duration_minutes"
    item.refresh_from_db()
    assert item.duration_minutes == 10


def test_a_public_document_of_a_confidential_item_stays_out_of_the_public_agenda(secretary):
    m = MeetingFactory(is_public=True)
    secret = AgendaItemFactory(meeting=m, title="Personeelszaak", is_public=False)
    open_item = AgendaItemFactory(meeting=m, title="Armoedebeleid")
    document(m, is_public=True, agenda_item=secret, title="Bijlage personeelszaak")
    document(m, is_public=True, agenda_item=open_item, title="Notitie armoede")
    document(m, is_public=True, title="Jaarplanning")
    document(m, is_public=False, title="Intern stuk")
    public = selectors.agenda_context(selectors.public_meeting_get(pk=m.pk), public_only=True)
    assert [d.title for d in public["all_documents"]] == ["Notitie armoede", "Jaarplanning"]
    assert [d.title for d in public["meeting_documents"]] == ["Jaarplanning"]
    assert [[d.title for d in i.docs] for i in public["items"]] == [["Notitie armoede"]]
    internal = selectors.agenda_context(selectors.meeting_get_for_user(user=secretary, pk=m.pk))
    assert len(internal["all_documents"]) == 4
    assert [d.agenda_item.title for d in internal["all_documents"] if d.agenda_item_id] == [
        "Personeelszaak",
        "Armoedebeleid",
    ]
