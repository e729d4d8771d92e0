"""Terms, seats and the seat plan on both sides of each boundary (docs/rules.md, D3-D6, D24).

Each test is named after the rule it guards; mutation testing (``make mutation
MODULE=members/rules.py``) found the cases the older tests left open.
"""

from datetime import date as D

import pytest

from members import rules
from members.rules import Span

# --- D3: a term ends the day before its anniversary --------------------------------------


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 3, D(2027, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2023, 3, 1), 1, D(2024, 3, 1)),
    ],
)
def test_twenty_nine_february_moves_to_twenty_eight_in_a_year_without_it(day, years, expected):
    assert rules.add_years(day, years) == expected


def test_a_three_year_term_from_twenty_nine_february_ends_on_twenty_seven_february():
    assert rules.term_default_end(start=D(2024, 2, 29), years=3) == D(2027, 2, 27)


def test_terms_that_touch_on_one_day_overlap_and_the_day_after_does_not():
    assert rules.spans_overlap(D(2024, 1, 1), D(2024, 6, 30), D(2024, 6, 30), D(2025, 1, 1))
    assert rules.spans_overlap(D(2024, 6, 30), D(2025, 1, 1), D(2024, 1, 1), D(2024, 6, 30))
    assert not rules.spans_overlap(D(2024, 1, 1), D(2024, 6, 30), D(2024, 7, 1), D(2025, 1, 1))


# --- D5: no day with more members than seats ------------------------------------------------


def test_a_term_starting_on_the_last_day_of_the_window_is_counted():
    window = (D(2025, 1, 1), D(2025, 12, 31))
    others = [
        Span(1, "member", D(2024, 1, 1), D(2028, 12, 31), 1),
        Span(2, "member", D(2025, 12, 31), D(2029, 12, 30), 1),
    ]
    assert rules.max_concurrent(others, start=window[0], end=window[1]) == 2
    assert rules.max_concurrent(others, start=window[0], end=D(2025, 12, 30)) == 1


def test_a_new_term_is_refused_when_every_seat_is_taken_on_one_of_its_days():
    others = [
        Span(1, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
        Span(2, "member", D(2026, 6, 1), D(2029, 5, 31), 1),
    ]
    start, end = D(2025, 1, 1), D(2028, 12, 31)
    assert rules.term_fits_seats(others, start=start, end=end, seats=3)
    assert not rules.term_fits_seats(others, start=start, end=end, seats=2)
    # before the second term starts one seat is free
    assert rules.term_fits_seats(others, start=start, end=D(2026, 5, 31), seats=2)


# --- D6: the seat plan ----------------------------------------------------------------------


def _plan(spans, *, today, seats=3, max_terms=2, months=4):
    return rules.seat_plan(
        spans, today=today, seat_maximum=seats, max_terms=max_terms, months=months
    )


def test_a_member_whose_term_ended_yesterday_may_be_renewed_and_is_no_vacancy():
    today = D(2025, 3, 10)
    spans = [
        Span(1, "member", D(2021, 3, 10), D(2025, 3, 9), 1),  # ended yesterday, not final
        Span(2, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    rows, _steps = _plan(spans, today=today, seats=2)
    assert (rows[0].filled, rows[0].renewable, rows[0].to_recruit) == (1, 1, 0)


def test_a_member_whose_term_ended_the_day_before_yesterday_is_a_vacancy():
    today = D(2025, 3, 10)
    spans = [
        Span(1, "member", D(2021, 3, 8), D(2025, 3, 8), 1),  # ended two days ago
        Span(2, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    rows, _steps = _plan(spans, today=today, seats=2)
    assert (rows[0].filled, rows[0].renewable, rows[0].to_recruit) == (1, 0, 1)


def test_a_term_ending_on_the_last_day_of_a_month_fills_that_month_and_is_renewable_after():
    today = D(2025, 1, 15)
    spans = [
        Span(1, "member", D(2021, 3, 1), D(2025, 2, 28), 1),
        Span(2, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    rows, steps = _plan(spans, today=today, seats=2)
    february, march = rows[1], rows[2]
    assert (february.filled, february.renewable, february.to_recruit) == (2, 0, 0)
    assert (march.filled, march.renewable, march.to_recruit) == (1, 1, 0)
    assert steps == []


def test_terms_ending_on_the_first_of_the_month_and_today_are_in_that_month():
    today = D(2025, 1, 15)
    spans = [
        Span(1, "member", D(2021, 1, 16), D(2025, 1, 15), 1),  # ends today
        Span(2, "member", D(2021, 2, 2), D(2025, 2, 1), 1),  # ends on the first
        Span(3, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    rows, _steps = _plan(spans, today=today)
    assert [r.ending for r in rows[:3]] == [1, 1, 0]


def test_only_a_final_term_that_is_the_members_latest_counts_as_final():
    today = D(2025, 1, 15)
    spans = [
        Span(1, "member", D(2021, 2, 1), D(2025, 1, 31), 1),  # not final (of 2)
        Span(2, "member", D(2021, 2, 1), D(2025, 2, 28), 2),  # final
        Span(3, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    rows, _steps = _plan(spans, today=today)
    assert [(r.ending, r.ending_final) for r in rows[:2]] == [(1, 0), (1, 1)]


def test_recruitment_steps_say_by_when_how_many_more_people_are_needed():
    today = D(2025, 1, 15)
    spans = [
        Span(1, "member", D(2021, 1, 21), D(2025, 1, 20), 2),  # final, ends this month
        Span(2, "member", D(2021, 3, 1), D(2025, 3, 10), 2),  # final, ends in March
        Span(3, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    _rows, steps = _plan(spans, today=today, seats=4)
    # one seat is empty today; one more from 21 January, one more from 11 March
    assert [(s.by, s.count) for s in steps] == [
        (today, 1),
        (D(2025, 1, 21), 1),
        (D(2025, 3, 11), 1),
    ]


# --- D24: who joined and who left ------------------------------------------------------------


def test_joined_and_left_are_listed_by_day_then_person():
    spans = [
        Span(7, "member", D(2025, 3, 1), D(2029, 2, 28), 1),
        Span(3, "member", D(2025, 3, 1), D(2029, 2, 28), 1),
        Span(2, "chair", D(2025, 1, 1), D(2028, 12, 31), 1),
        Span(9, "member", D(2021, 1, 1), D(2025, 5, 31), 2),
        Span(8, "member", D(2021, 1, 1), D(2025, 5, 31), 2),
        Span(4, "member", D(2021, 1, 1), D(2025, 2, 28), 2),
    ]
    joined, left = rules.joined_and_left(spans, year=2025, today=D(2025, 12, 31), left_on={})
    assert [(m.member_id, m.on, m.role) for m in joined] == [
        (2, D(2025, 1, 1), "chair"),
        (3, D(2025, 3, 1), "member"),
        (7, D(2025, 3, 1), "member"),
    ]
    assert [(m.member_id, m.on) for m in left] == [
        (4, D(2025, 2, 28)),
        (8, D(2025, 5, 31)),
        (9, D(2025, 5, 31)),
    ]


def test_a_person_joins_on_their_first_term_whatever_the_order_of_the_terms():
    spans = [
        Span(1, "member", D(2025, 1, 1), D(2028, 12, 31), 2),
        Span(1, "member", D(2021, 1, 1), D(2024, 12, 31), 1),
    ]
    joined, left = rules.joined_and_left(spans, year=2021, today=D(2025, 6, 1), left_on={})
    assert [(m.member_id, m.on) for m in joined] == [(1, D(2021, 1, 1))] and left == []
    joined, left = rules.joined_and_left(spans, year=2024, today=D(2025, 6, 1), left_on={})
    assert joined == [] and left == []  # a renewal is neither


def test_a_person_leaves_on_the_day_they_joined_only_when_that_day_is_past():
    spans = [Span(1, "member", D(2025, 4, 1), D(2029, 3, 31), 1)]
    joined, _ = rules.joined_and_left(spans, year=2025, today=D(2025, 4, 1), left_on={})
    assert [m.on for m in joined] == [D(2025, 4, 1)]  # joined today counts
    joined, _ = rules.joined_and_left(spans, year=2025, today=D(2025, 3, 31), left_on={})
    assert joined == []


def test_a_recorded_leaving_day_counts_from_the_day_after():
    spans = [Span(1, "member", D(2023, 1, 1), D(2026, 12, 31), 1)]
    left_on = {1: D(2025, 9, 1)}
    _, left = rules.joined_and_left(spans, year=2025, today=D(2025, 9, 1), left_on=left_on)
    assert left == []
    _, left = rules.joined_and_left(spans, year=2025, today=D(2025, 9, 2), left_on=left_on)
    assert [(m.member_id, m.on, m.role) for m in left] == [(1, D(2025, 9, 1), "member")]
    # a leaving day recorded for someone else changes nothing
    _, left = rules.joined_and_left(
        spans, year=2025, today=D(2025, 9, 2), left_on={2: D(2025, 1, 1)}
    )
    assert left == []
