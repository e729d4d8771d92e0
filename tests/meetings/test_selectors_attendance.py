"""Attendance, the year's counts and one's own actions, as meetings/selectors.py gives them."""

import datetime

import pytest
from django.utils import timezone

from meetings import rules, selectors
from meetings.models import Attendance, Meeting
from tests.factories.meetings import ActionItemFactory, AttendanceFactory, MeetingFactory, at
from tests.factories.members import TermFactory, UserFactory

pytestmark = pytest.mark.django_db

P, E, A = Attendance.Status.PRESENT, Attendance.Status.EXCUSED, Attendance.Status.ABSENT
DAY = datetime.timedelta(days=1)


def on(day: datetime.date, hour: int = 19, **kw) -> Meeting:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))
    return MeetingFactory(start=start, end=start + datetime.timedelta(hours=1), **kw)


def person(last: str, first: str = "Jan", **kw):
    return UserFactory(last_name=last, first_name=first, **kw)


# --- whose attendance is recorded ------------------------------------------------------------


def test_the_attendance_list_has_the_members_with_a_term_on_the_meetings_day():
    day = timezone.localdate() + datetime.timedelta(days=20)
    m = on(day, hour=0)  # just after midnight: the day is the local one
    cases = {
        "ended the day before": (day - 100 * DAY, day - DAY),
        "ends that day": (day - 100 * DAY, day),
        "starts that day": (day, day + 100 * DAY),
        "starts the day after": (day + DAY, day + 100 * DAY),
    }
    people = {}
    for name, (start, end) in cases.items():
        people[name] = person(name)
        TermFactory(member=people[name], start=start, end=end)
    got = set(selectors.attendance_people(m))
    assert got == {people["ends that day"], people["starts that day"]}


def test_the_attendance_list_keeps_anyone_who_has_a_row_and_sorts_by_name():
    day = timezone.localdate() + datetime.timedelta(days=20)
    m = on(day)
    # made in the reverse of their order: only the sort puts them right
    b_dirk, b_cor, b_bram = (person("Bakker", f) for f in ("Dirk", "Cor", "Bram"))
    a_zoe = person("Aarts", "Zoë")
    b_anna = person("Bakker", "Anna")
    for p in (b_dirk, b_cor, b_bram, a_zoe):
        TermFactory(member=p, start=day - DAY, end=day + DAY)
    AttendanceFactory(meeting=m, member=b_anna, status=E)  # term ended since
    AttendanceFactory(meeting=on(day + DAY), member=person("Elders"))  # another meeting's row
    person("Zonder")  # no term, no row
    assert list(selectors.attendance_people(m)) == [a_zoe, b_anna, b_bram, b_cor, b_dirk]


def test_an_inactive_account_with_a_term_is_not_on_the_attendance_list():
    day = timezone.localdate() + datetime.timedelta(days=20)
    m = on(day)
    gone = person("Weg", is_active=False)
    TermFactory(member=gone, start=day - DAY, end=day + DAY)
    assert list(selectors.attendance_people(m)) == []


# --- a member's meetings attended (the allowance lines) ---------------------------------------


def test_the_meetings_attended_run_from_start_to_end_inclusive_in_order(member):
    start, end = datetime.date(2025, 3, 10), datetime.date(2025, 3, 20)
    made = {}
    for label, day in {
        "before": start - DAY,
        "first": start,
        "last": end,
        "after": end + DAY,
        "middle": start + 4 * DAY,
    }.items():
        made[label] = on(day, hour=0 if label in ("first", "after") else 23)
        AttendanceFactory(meeting=made[label], member=member, status=P)
    got = [a.meeting for a in selectors.attendance_for_member(member=member, start=start, end=end)]
    assert got == [made["first"], made["middle"], made["last"]]


def test_only_the_members_own_present_rows_count_as_attended(member, other_member):
    day = datetime.date(2025, 3, 12)
    mine = AttendanceFactory(meeting=on(day), member=member, status=P)
    AttendanceFactory(meeting=on(day + DAY), member=member, status=E)
    AttendanceFactory(meeting=on(day + 2 * DAY), member=member, status=A)
    AttendanceFactory(meeting=mine.meeting, member=other_member, status=P)
    got = selectors.attendance_for_member(member=member, start=day, end=day + 5 * DAY)
    assert list(got) == [mine]


def test_the_meetings_attended_bring_meeting_and_location_in_one_query(
    member, django_assert_num_queries
):
    day = datetime.date(2025, 3, 12)
    for n in range(2):
        AttendanceFactory(meeting=on(day + n * DAY), member=member, status=P)
    with django_assert_num_queries(1):
        rows = [
            (a.meeting.title, a.meeting.location.name)
            for a in selectors.attendance_for_member(member=member, start=day, end=day + DAY)
        ]
    assert len(rows) == 2


# --- the year's attendance overview ---------------------------------------------------------


def test_the_overview_counts_each_members_statuses_within_the_year(django_assert_num_queries):
    year = 2025
    jan1 = on(datetime.date(year, 1, 1), hour=0, status=Meeting.Status.HELD)
    dec31 = on(datetime.date(year, 12, 31), hour=23, status=Meeting.Status.MINUTES_APPROVED)
    mid = on(datetime.date(year, 6, 1), status=Meeting.Status.CANCELLED)
    before = on(datetime.date(year - 1, 12, 31), hour=23, status=Meeting.Status.HELD)
    after = on(datetime.date(year + 1, 1, 1), hour=0, status=Meeting.Status.HELD)
    on(datetime.date(year, 5, 1), status=Meeting.Status.DRAFT)
    on(datetime.date(year, 5, 2), status=Meeting.Status.AGENDA_SENT)
    bakker, aarts, outside = person("Bakker"), person("Aarts"), person("Anders")
    bram, anna = person("Bakker", "Bram"), person("Bakker", "Anna")  # listed before Jan
    AttendanceFactory(meeting=jan1, member=anna, status=E)
    AttendanceFactory(meeting=dec31, member=bram, status=A)
    for m, status in ((jan1, P), (dec31, P), (mid, E)):
        AttendanceFactory(meeting=m, member=bakker, status=status)
    AttendanceFactory(meeting=jan1, member=aarts, status=A)
    for m in (before, after):
        AttendanceFactory(meeting=m, member=outside, status=P)
        AttendanceFactory(meeting=m, member=bakker, status=A)
    with django_assert_num_queries(3):
        got = selectors.attendance_overview(year=year)
        rows = [
            (r["member"], r["present"], r["excused"], r["absent"], r["total"]) for r in got["rows"]
        ]
    assert rows == [
        (aarts, 0, 0, 1, 1),
        (anna, 0, 1, 0, 1),
        (bram, 0, 0, 1, 1),
        (bakker, 2, 1, 0, 3),
    ]
    assert got["meetings_held"] == 2


def test_the_overview_of_a_year_without_meetings_is_empty():
    assert selectors.attendance_overview(year=2001) == {"rows": [], "meetings_held": 0}


# --- meetings held per kind and the year at a glance -----------------------------------------


def test_meetings_held_per_kind_count_held_and_approved_meetings_of_the_year_only():
    year = 2025
    K = Meeting.Kind
    on(datetime.date(year, 1, 1), hour=0, status=Meeting.Status.HELD)
    on(datetime.date(year, 12, 31), hour=23, status=Meeting.Status.MINUTES_APPROVED)
    on(datetime.date(year, 3, 1), status=Meeting.Status.HELD, kind=K.TRAINING)
    on(datetime.date(year, 3, 2), status=Meeting.Status.CANCELLED, kind=K.TRAINING)
    on(datetime.date(year, 3, 3), status=Meeting.Status.DRAFT, kind=K.ALDERMAN)
    on(datetime.date(year, 3, 4), status=Meeting.Status.AGENDA_SENT, kind=K.ALDERMAN)
    on(datetime.date(year - 1, 12, 31), hour=23, status=Meeting.Status.HELD)
    on(datetime.date(year + 1, 1, 1), hour=0, status=Meeting.Status.HELD)
    assert selectors.meetings_held_per_kind(year=year) == {"plenary": 2, "training": 1}


def test_the_year_at_a_glance_uses_the_default_targets_without_own_ones():
    year = 2025
    on(datetime.date(year, 3, 1), status=Meeting.Status.HELD)
    on(datetime.date(year, 3, 2), status=Meeting.Status.HELD, kind=Meeting.Kind.WORKING_GROUP)
    got = selectors.year_at_a_glance(year=year)
    expected = [
        *((k, 1 if k == "plenary" else 0, t) for k, t in rules.DEFAULT_TARGETS.items()),
        ("working_group", 1, 0),
    ]
    assert [(g["row"].kind, g["row"].held, g["row"].target) for g in got] == expected
    assert [g["label"] for g in got] == [Meeting.Kind(k).label for k, _, _ in expected]


def test_the_year_at_a_glance_follows_the_councils_own_targets():
    on(datetime.date(2025, 3, 1), status=Meeting.Status.HELD)
    got = selectors.year_at_a_glance(year=2025, targets={"plenary": 10, "training": 3})
    assert [(g["row"].kind, g["row"].held, g["row"].target, g["label"]) for g in got] == [
        ("plenary", 1, 10, Meeting.Kind.PLENARY.label),
        ("training", 0, 3, Meeting.Kind.TRAINING.label),
    ]


# --- one's own actions ----------------------------------------------------------------------


def test_my_actions_are_my_open_ones_by_due_date_then_creation(member, other_member):
    today = timezone.localdate()
    m = MeetingFactory()
    late = ActionItemFactory(meeting=m, owner=member, due_date=today + 5 * DAY)
    soon_b = ActionItemFactory(meeting=m, owner=other_member, due_date=today)
    soon_a = ActionItemFactory(meeting=m, owner=member, due_date=today)
    done = ActionItemFactory(owner=member, due_date=today - DAY, done=True)
    ActionItemFactory(owner=other_member, due_date=today - DAY)
    soon_b.owner = member  # handed over after soon_a was made: still listed by id
    soon_b.save()
    assert list(selectors.action_items_for_user(user=member)) == [soon_b, soon_a, late]
    everything = selectors.action_items_for_user(user=member, open_only=False)
    assert list(everything) == [done, soon_b, soon_a, late]


def test_my_actions_bring_their_meetings_in_one_query(member, django_assert_num_queries):
    ActionItemFactory(owner=member)
    ActionItemFactory(owner=member, meeting=MeetingFactory(start=at(20)))
    with django_assert_num_queries(1):
        got = {a.meeting.title for a in selectors.action_items_for_user(user=member)}
    assert len(got) == 2
