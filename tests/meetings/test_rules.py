import datetime

import pytest

from meetings import rules


def test_item_start_times_add_up_durations():
    start = datetime.datetime(2026, 3, 10, 19, 30)
    times = rules.item_start_times(start=start, durations=[5, 10, 30])
    assert [t.strftime("%H:%M") for t in times] == ["19:30", "19:35", "19:45"]


@pytest.mark.parametrize(
    ("year", "month", "n", "expected"),
    [(2026, 3, 2, 10), (2026, 9, 2, 8), (2026, 3, -1, 31), (2026, 3, 5, 31), (2026, 2, 5, None)],
)
def test_nth_weekday_tuesday(year, month, n, expected):
    day = rules.nth_weekday(year, month, weekday=1, n=n)
    assert (day.day if day else None) == expected


def test_year_plan_second_tuesday_has_twelve_dates():
    dates = rules.year_plan_dates(year=2026, weekday=1, n=2)
    assert len(dates) == 12
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in dates)


@pytest.mark.parametrize(
    ("current", "new", "ok"),
    [
        ([1, 2, 3], [3, 1, 2], True),
        ([1, 2, 3], [1, 2], False),
        ([1, 2], [1, 2, 9], False),
        ([1, 2], [1, 1], False),
    ],
)
def test_reorder_must_hold_exactly_the_section(current, new, ok):
    assert rules.reorder_is_valid(current_ids=current, new_ids=new) is ok


def test_move_at_edges_changes_nothing():
    assert rules.move([1, 2, 3], 1, "up") == [1, 2, 3]
    assert rules.move([1, 2, 3], 3, "down") == [1, 2, 3]
    assert rules.move([1, 2, 3], 2, "up") == [2, 1, 3]


def test_year_at_a_glance_counts_against_targets():
    rows = rules.year_at_a_glance(
        held={"plenary": 6, "training": 1}, targets={"plenary": 12, "alderman": 2}
    )
    assert [(r.kind, r.held, r.target) for r in rows] == [
        ("plenary", 6, 12),
        ("alderman", 0, 2),
        ("training", 1, 0),
    ]
    assert rows[0].percent == 50 and not rows[0].reached


def test_agenda_changes_names_new_removed_and_order():
    old = {
        "start": "a",
        "location": "X",
        "items": [{"id": 1, "title": "A", "duration": 5}, {"id": 2, "title": "B", "duration": 5}],
    }
    new = {
        "start": "a",
        "location": "X",
        "items": [{"id": 2, "title": "B", "duration": 5}, {"id": 3, "title": "C", "duration": 5}],
    }
    changes = rules.agenda_changes(old, new)
    assert "Nieuw agendapunt: C." in changes
    assert "Vervallen agendapunt: A." in changes
    assert rules.agenda_changes({}, new) == []
    assert rules.agenda_changes(new, new) == []


@pytest.mark.parametrize(
    ("minutes", "ok"), [(None, False), (-1, False), (0, True), (600, True), (601, False)]
)
def test_item_duration_is_zero_to_the_maximum(minutes, ok):
    assert rules.MAX_ITEM_MINUTES == 600
    assert rules.item_duration_is_valid(minutes) is ok


def test_agenda_end_is_start_plus_every_duration():
    start = datetime.datetime(2026, 3, 10, 19, 30)
    assert rules.agenda_end(start=start, durations=[]) is None
    assert rules.agenda_end(start=start, durations=[5, 0, 30]) == datetime.datetime(
        2026, 3, 10, 20, 5
    )


@pytest.mark.parametrize(
    ("document_public", "item_public", "public"),
    [
        (True, None, True),  # on the meeting itself
        (True, True, True),
        (True, False, False),  # would reveal a confidential item
        (False, None, False),
        (False, True, False),
    ],
)
def test_document_is_public_only_with_its_item(document_public, item_public, public):
    assert (
        rules.document_is_public(document_public=document_public, item_public=item_public) is public
    )


NOW = datetime.datetime(2026, 3, 10, 12, 0)


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        (NOW + datetime.timedelta(days=1), True),
        (NOW + datetime.timedelta(days=1, seconds=1), False),
        (NOW - datetime.timedelta(days=30), True),
    ],
)
def test_present_is_recorded_from_a_day_before_the_start(start, ok):
    assert rules.present_may_be_recorded(start=start, now=NOW) is ok


@pytest.mark.parametrize(
    ("held", "start", "ok"),
    [
        (False, NOW, True),
        (False, NOW + datetime.timedelta(seconds=1), False),
        (True, NOW + datetime.timedelta(days=3), True),
    ],
)
def test_minutes_are_written_once_the_meeting_began_or_was_held(held, start, ok):
    assert rules.minutes_may_be_written(held=held, start=start, now=NOW) is ok


@pytest.mark.parametrize(
    ("delta", "ok"), [(datetime.timedelta(0), False), (datetime.timedelta(seconds=1), True)]
)
def test_minutes_are_approved_in_a_later_meeting(delta, ok):
    assert rules.approval_meeting_is_later(meeting_start=NOW, approval_start=NOW + delta) is ok


TODAY = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("due", "overdue"),
    [(None, False), (TODAY, False), (TODAY - datetime.timedelta(days=1), True)],
)
def test_an_action_is_overdue_the_day_after_its_due_date(due, overdue):
    assert rules.action_is_overdue(due=due, today=TODAY) is overdue


def test_overdue_reminder_covers_the_overdue_days_of_the_last_two_weeks():
    first, last = rules.overdue_reminder_due_dates(today=TODAY)
    assert (first, last) == (datetime.date(2026, 2, 24), datetime.date(2026, 3, 9))
    assert rules.action_is_overdue(due=last, today=TODAY)
    assert not rules.action_is_overdue(due=last + datetime.timedelta(days=1), today=TODAY)
    assert (TODAY - first).days == rules.OVERDUE_REMINDER_DAYS


def test_agenda_reminder_covers_today_and_the_next_days():
    assert rules.agenda_reminder_dates(today=TODAY, days=7) == (TODAY, datetime.date(2026, 3, 17))
    assert rules.agenda_reminder_dates(today=TODAY, days=0) == (TODAY, TODAY)


@pytest.mark.parametrize(
    ("is_owner", "may_manage", "ok"),
    [(True, False, True), (False, True, True), (False, False, False)],
)
def test_only_the_owner_or_the_secretariat_ticks_an_action(is_owner, may_manage, ok):
    assert rules.action_may_be_ticked(is_owner=is_owner, may_manage=may_manage) is ok


def test_end_is_after_start_strictly():
    assert not rules.end_is_after_start(start=NOW, end=NOW)
    assert rules.end_is_after_start(start=NOW, end=NOW + datetime.timedelta(minutes=1))
