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
