"""Meetings' reminders: the right people, once, on Europe/Amsterdam dates (issue 6)."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from adviesraad.background import reminders
from adviesraad.background.models import ReminderSent
from adviesraad.background.tasks import send_reminders
from meetings import reminders as meeting_reminders
from meetings.models import Attendance, Meeting
from members.models import CouncilSettings
from tests.factories.meetings import ActionItemFactory, AttendanceFactory, MeetingFactory
from tests.factories.members import MembershipFactory, TermFactory, WorkingGroupFactory, role_user

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
TODAY = datetime.date(2025, 5, 12)  # a Monday


@pytest.fixture(autouse=True)
def only_meetings(monkeypatch):
    """Sweep only this app, through the real ``sweep_all`` and delivery."""
    monkeypatch.setattr(reminders, "REMINDER_APPS", ["meetings"])


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.sweep_all(today=today)

    return run


def local(day: datetime.date, hour: int = 19, minute: int = 30) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMS)


def meeting_on(day, *, hour=19, minute=30, **kwargs):
    start = local(day, hour, minute)
    return MeetingFactory(start=start, end=start + datetime.timedelta(hours=2), **kwargs)


def term_covering(person, day=TODAY, **kwargs):
    return TermFactory(
        member=person,
        start=day - datetime.timedelta(days=200),
        end=day + datetime.timedelta(days=800),
        **kwargs,
    )


def sent_to(kind):
    return sorted(ReminderSent.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def mailed(subject_start=""):
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(subject_start))


# --- agenda not sent ----------------------------------------------------------------------


def test_agenda_not_sent_reaches_the_secretaries_once(sweep, secretary, chair, member):
    second_secretary = role_user("Secretariaat", email="secretaris2@test.example")
    role_user("Secretariaat", email="oud-secretaris@test.example", is_active=False)
    due = meeting_on(TODAY + datetime.timedelta(days=7), title="Plenaire vergadering mei")
    later = meeting_on(TODAY + datetime.timedelta(days=8))  # outside the 7-day window
    meeting_on(TODAY + datetime.timedelta(days=2), status=Meeting.Status.AGENDA_SENT)
    meeting_on(TODAY + datetime.timedelta(days=2), kind=Meeting.Kind.WORK_VISIT)  # no agenda
    meeting_on(TODAY - datetime.timedelta(days=1))  # already past

    first = sweep(TODAY)
    assert first == {"sent": 2, "skipped": 0, "errors": 0}
    assert sent_to("agenda_not_sent") == sorted([secretary.email, second_secretary.email])
    assert mailed() == sorted([secretary.email, second_secretary.email])
    assert set(ReminderSent.objects.values_list("object_id", flat=True)) == {str(due.pk)}

    message = mail.outbox[0]
    assert message.subject == "Agenda nog niet verstuurd: Plenaire vergadering mei op 19 mei 2025"
    assert "is nog niet verstuurd" in message.body
    assert "over 7 dagen" in message.body
    assert f"/intern/vergaderingen/{due.pk}/" in message.body
    assert f"/intern/vergaderingen/{due.pk}/" in message.alternatives[0][0]

    # A second sweep the same day, and the next days, send nothing more for this meeting.
    assert sweep(TODAY)["sent"] == 0
    assert len(mail.outbox) == 2
    # The next day only the later meeting enters the window.
    assert sweep(TODAY + datetime.timedelta(days=1))["sent"] == 2
    assert ReminderSent.objects.filter(object_id=str(due.pk)).count() == 2
    assert ReminderSent.objects.filter(object_id=str(later.pk)).count() == 2


def test_agenda_reminder_days_come_from_the_council_settings(sweep, secretary):
    CouncilSettings.objects.update_or_create(pk=1, defaults={"agenda_reminder_days": 3})
    meeting_on(TODAY + datetime.timedelta(days=5))
    assert sweep(TODAY)["sent"] == 0
    assert sweep(TODAY + datetime.timedelta(days=2))["sent"] == 1
    assert sent_to("agenda_not_sent") == [secretary.email]


def test_sending_the_agenda_stops_the_reminder(sweep, secretary):
    meeting = meeting_on(TODAY + datetime.timedelta(days=3))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.AGENDA_SENT)
    assert meeting_reminders.agenda_not_sent(today=TODAY) == []
    assert sweep(TODAY)["sent"] == 0


# --- meeting tomorrow ---------------------------------------------------------------------


def test_plenary_tomorrow_reaches_the_active_members_not_the_excused(
    sweep, secretary, chair, member, other_member
):
    tomorrow = TODAY + datetime.timedelta(days=1)
    for person in (chair, member, other_member):
        term_covering(person)
    former = role_user("Leden", email="oud-lid@test.example")
    TermFactory(member=former, start=datetime.date(2020, 1, 1), end=datetime.date(2024, 12, 31))
    excused = role_user("Leden", email="afgemeld@test.example")
    term_covering(excused)
    meeting = meeting_on(tomorrow, title="Plenaire vergadering", status=Meeting.Status.AGENDA_SENT)
    AttendanceFactory(meeting=meeting, member=excused, status=Attendance.Status.EXCUSED)
    meeting_on(tomorrow, status=Meeting.Status.DRAFT)  # agenda not sent: no "tomorrow" mail

    sweep(TODAY)
    expected = sorted([chair.email, member.email, other_member.email])
    assert sent_to("meeting_tomorrow") == expected
    assert mailed("Morgen: ") == expected
    assert mailed("Agenda nog niet verstuurd") == [secretary.email]  # the draft one
    body = next(m for m in mail.outbox if m.subject.startswith("Morgen: ")).body
    assert "Morgen is Plenaire vergadering: di 13 mei 2025, 19:30." in body
    assert "Locatie: Wijkcentrum" in body

    assert sweep(TODAY)["sent"] == 0
    assert sweep(tomorrow)["sent"] == 0  # the meeting is today now: nothing new
    assert len(mailed("Morgen: ")) == 3


def test_working_group_meeting_reaches_the_current_group_members(sweep, member, other_member):
    tomorrow = TODAY + datetime.timedelta(days=1)
    group = WorkingGroupFactory(name="Werkgroep Inkomen")
    MembershipFactory(group=group, member=member, start=datetime.date(2024, 1, 1))
    MembershipFactory(
        group=group,
        member=other_member,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2025, 3, 31),  # left the group
    )
    outsider = role_user("Leden", email="buiten@test.example")
    term_covering(outsider)
    meeting_on(
        tomorrow,
        kind=Meeting.Kind.WORKING_GROUP,
        working_group=group,
        status=Meeting.Status.AGENDA_SENT,
    )
    sweep(TODAY)
    assert sent_to("meeting_tomorrow") == [member.email]


def test_other_meeting_with_an_attendance_list_reaches_only_those_on_it(
    sweep, chair, member, other_member
):
    tomorrow = TODAY + datetime.timedelta(days=1)
    for person in (chair, member, other_member):
        term_covering(person)
    meeting = meeting_on(tomorrow, kind=Meeting.Kind.ALDERMAN, status=Meeting.Status.AGENDA_SENT)
    AttendanceFactory(meeting=meeting, member=chair, status=Attendance.Status.PRESENT)
    AttendanceFactory(meeting=meeting, member=member, status=Attendance.Status.EXCUSED)
    sweep(TODAY)
    assert sent_to("meeting_tomorrow") == [chair.email]


def test_meeting_tomorrow_uses_amsterdam_dates_across_the_october_change(
    sweep, member, other_member
):
    # Sunday 26 October 2025: clocks go back at 03:00 CEST to 02:00 CET.
    saturday = datetime.date(2025, 10, 25)
    sunday = datetime.date(2025, 10, 26)
    for person in (member, other_member):
        term_covering(person, day=saturday)
    early = meeting_on(sunday, hour=0, minute=30, status=Meeting.Status.AGENDA_SENT)
    late = meeting_on(sunday, hour=23, minute=30, status=Meeting.Status.AGENDA_SENT)
    monday = meeting_on(
        sunday + datetime.timedelta(days=1), hour=0, minute=30, status=Meeting.Status.AGENDA_SENT
    )
    # In UTC the early one is still Saturday and the Monday one is still Sunday.
    assert early.start.astimezone(UTC).date() == saturday
    assert monday.start.astimezone(UTC).date() == sunday
    assert early.start.utcoffset() != late.start.utcoffset()

    due = meeting_reminders.meeting_tomorrow(today=saturday)
    assert {r["object"] for r in due} == {early, late}

    # Through the scheduled task at 07:00 Amsterdam time on Saturday (05:00 UTC).
    run_at = datetime.datetime(2025, 10, 25, 7, 0, tzinfo=AMS).astimezone(UTC)
    with mock.patch("django.utils.timezone.now", return_value=run_at):
        send_reminders.apply()
        send_reminders.apply()  # a second beat: nothing more
    rows = ReminderSent.objects.filter(kind="meeting_tomorrow")
    assert rows.count() == 4
    assert set(rows.values_list("object_id", flat=True)) == {str(early.pk), str(late.pk)}
    assert set(rows.values_list("day", flat=True)) == {sunday}

    # On Sunday (after the change) the Monday 00:30 meeting is tomorrow, the early one is not.
    due = meeting_reminders.meeting_tomorrow(today=sunday)
    assert {r["object"] for r in due} == {monday}


# --- action items -------------------------------------------------------------------------


def test_action_due_tomorrow_reaches_only_its_owner_once(sweep, secretary, member, other_member):
    tomorrow = TODAY + datetime.timedelta(days=1)
    action = ActionItemFactory(owner=member, due_date=tomorrow, description="Wethouder uitnodigen")
    ActionItemFactory(owner=other_member, due_date=tomorrow, done=True)  # done
    ActionItemFactory(owner=other_member, due_date=tomorrow + datetime.timedelta(days=1))
    ActionItemFactory(owner=other_member, due_date=None)

    sweep(TODAY)
    assert sent_to("action_due_tomorrow") == [member.email]
    assert mailed() == [member.email]
    message = mail.outbox[0]
    assert message.subject == "Actiepunt morgen af: Wethouder uitnodigen"
    assert "dinsdag 13 mei 2025" in message.body
    assert f"/intern/vergaderingen/{action.meeting_id}/#acties" in message.body
    assert sweep(TODAY)["sent"] == 0
    assert len(mail.outbox) == 1


def test_action_overdue_goes_to_the_owner_once_not_daily(sweep, member, other_member):
    action = ActionItemFactory(owner=member, due_date=TODAY - datetime.timedelta(days=3))
    ActionItemFactory(owner=other_member, due_date=TODAY - datetime.timedelta(days=3), done=True)
    ActionItemFactory(owner=other_member, due_date=TODAY)  # due today: not overdue yet

    for offset in range(4):
        sweep(TODAY + datetime.timedelta(days=offset))
    rows = ReminderSent.objects.filter(kind="action_overdue")
    # The item due today becomes overdue tomorrow: one reminder each, never repeated.
    assert sorted(rows.values_list("recipient__email", flat=True)) == sorted(
        [member.email, other_member.email]
    )
    assert rows.get(recipient=member).day == action.due_date
    assert "over de datum" in mail.outbox[0].body


def test_a_due_action_becomes_overdue_and_each_reminder_goes_once(sweep, member):
    ActionItemFactory(owner=member, due_date=TODAY + datetime.timedelta(days=1))
    for offset in range(4):
        sweep(TODAY + datetime.timedelta(days=offset))
    assert sent_to("action_due_tomorrow") == [member.email]
    assert sent_to("action_overdue") == [member.email]
    assert len(mail.outbox) == 2


def test_an_inactive_owner_gets_nothing(sweep):
    gone = role_user("Leden", email="vertrokken@test.example", is_active=False)
    ActionItemFactory(owner=gone, due_date=TODAY + datetime.timedelta(days=1))
    ActionItemFactory(owner=gone, due_date=TODAY - datetime.timedelta(days=1))
    assert meeting_reminders.sweep(today=TODAY) == []
    assert sweep(TODAY)["sent"] == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_action_overdue_longer_than_two_weeks_is_not_reminded(secretary):
    import datetime as dt

    from meetings import reminders
    from tests.factories.meetings import MeetingFactory

    today = dt.date(2026, 3, 10)
    meeting = MeetingFactory()
    recent = meeting.action_items.create(
        description="Recent", owner=secretary, due_date=today - dt.timedelta(days=14)
    )
    meeting.action_items.create(
        description="Oud", owner=secretary, due_date=today - dt.timedelta(days=15)
    )
    found = reminders.action_overdue(today=today)
    assert [r["object"] for r in found] == [recent]
