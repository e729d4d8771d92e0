import datetime

import pytest

from members import rules
from members.rules import Span

D = datetime.date


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (D(2024, 1, 1), 4, D(2027, 12, 31)),
        (D(2024, 2, 29), 4, D(2028, 2, 28)),  # leap day start: ends the day before 29 Feb 2028
        (D(2023, 3, 1), 1, D(2024, 2, 29)),
        (D(2025, 6, 15), 3, D(2028, 6, 14)),
    ],
)
def test_term_default_end_is_day_before_anniversary(start, years, end):
    assert rules.term_default_end(start=start, years=years) == end


@pytest.mark.parametrize(
    ("existing", "max_terms", "expected"), [(0, 2, 1), (1, 2, 2), (2, 2, None), (3, 3, None)]
)
def test_term_next_sequence_stops_at_maximum(existing, max_terms, expected):
    assert rules.term_next_sequence(existing=existing, max_terms=max_terms) == expected


def test_active_member_on_first_and_last_day_but_not_after():
    spans = [Span(1, "member", D(2024, 1, 1), D(2027, 12, 31), 1)]
    assert rules.is_active_on(spans, 1, D(2024, 1, 1))
    assert rules.is_active_on(spans, 1, D(2027, 12, 31))
    assert not rules.is_active_on(spans, 1, D(2023, 12, 31))
    assert not rules.is_active_on(spans, 1, D(2028, 1, 1))
    assert not rules.is_active_on(spans, 2, D(2025, 1, 1))


def test_max_concurrent_counts_overlap_inside_window_only():
    spans = [
        Span(1, "member", D(2024, 1, 1), D(2024, 6, 30), 1),
        Span(2, "member", D(2024, 6, 30), D(2024, 12, 31), 1),  # touches 1 on one day
        Span(3, "member", D(2025, 1, 1), D(2025, 12, 31), 1),
    ]
    assert rules.max_concurrent(spans, start=D(2024, 1, 1), end=D(2024, 12, 31)) == 2
    assert rules.max_concurrent(spans, start=D(2024, 7, 1), end=D(2025, 6, 1)) == 1
    assert rules.max_concurrent([], start=D(2024, 1, 1), end=D(2024, 2, 1)) == 0


def _full_council(today, n, end):
    return [Span(i, "member", today - datetime.timedelta(days=10), end, 1) for i in range(n)]


def test_seat_plan_full_council_needs_no_recruitment():
    today = D(2026, 1, 15)
    spans = _full_council(today, 10, D(2030, 1, 1))
    rows, steps = rules.seat_plan(spans, today=today, seat_maximum=10, max_terms=2)
    assert len(rows) == 24
    assert rows[0].month == D(2026, 1, 1)
    assert rows[-1].month == D(2027, 12, 1)
    assert all(r.filled == 10 and r.to_recruit == 0 for r in rows)
    assert steps == []


def test_seat_plan_vacancy_today_is_first_recruitment_step():
    today = D(2026, 1, 15)
    spans = _full_council(today, 9, D(2030, 1, 1))
    rows, steps = rules.seat_plan(spans, today=today, seat_maximum=10, max_terms=2)
    assert steps[0].by == today and steps[0].count == 1
    assert rows[0].to_recruit == 1


def test_seat_plan_final_term_ending_asks_recruitment_by_day_after_end():
    today = D(2026, 1, 15)
    spans = _full_council(today, 9, D(2030, 1, 1)) + [
        Span(99, "member", D(2019, 4, 1), D(2026, 3, 31), 2)
    ]
    rows, steps = rules.seat_plan(spans, today=today, seat_maximum=10, max_terms=2)
    march, april = rows[2], rows[3]
    assert march.month == D(2026, 3, 1)
    assert march.ending == 1 and march.ending_final == 1
    assert march.filled == 10  # 31 March is still covered by the term
    assert march.to_recruit == 0
    assert april.filled == 9 and april.to_recruit == 1
    assert steps == [rules.RecruitStep(by=D(2026, 4, 1), count=1)]


def test_seat_plan_member_who_may_be_reappointed_is_not_a_vacancy():
    today = D(2026, 1, 15)
    spans = _full_council(today, 9, D(2030, 1, 1)) + [
        Span(99, "member", D(2022, 4, 1), D(2026, 3, 31), 1)
    ]
    rows, steps = rules.seat_plan(spans, today=today, seat_maximum=10, max_terms=2)
    assert rows[3].filled == 9
    assert rows[3].renewable == 1
    assert rows[3].to_recruit == 0
    assert steps == []


def test_seat_plan_term_ending_on_last_day_of_month_still_filled_that_month():
    today = D(2026, 1, 1)
    spans = [Span(1, "member", D(2020, 1, 1), D(2026, 1, 31), 2)]
    rows, _ = rules.seat_plan(spans, today=today, seat_maximum=1, max_terms=2, months=2)
    assert rows[0].filled == 1 and rows[0].to_recruit == 0
    assert rows[1].filled == 0 and rows[1].to_recruit == 1
