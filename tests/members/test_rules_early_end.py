"""Ending a term early (issue 13.6): the member is no longer re-appointable, so the seat plan and
the recruitment openings ask for a new person. Each rule on both sides of its boundary."""

import datetime
from datetime import date as D

from members import rules
from members.recruitment.rules import Opening, vacancy_openings
from members.rules import Span

TODAY = D(2025, 3, 10)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def _plan(spans, *, seats=2):
    return rules.seat_plan(spans, today=TODAY, seat_maximum=seats, max_terms=2, months=3)


def _other():
    return Span(2, "member", D(2024, 1, 1), D(2027, 12, 31), 1)


def test_a_member_whose_term_was_ended_early_may_not_be_reappointed():
    term = Span(1, "member", D(2024, 1, 1), YESTERDAY, 1)
    assert rules.may_be_reappointed(term, max_terms=2)
    ended_early = Span(1, "member", D(2024, 1, 1), YESTERDAY, 1, ended_early=True)
    assert not rules.may_be_reappointed(ended_early, max_terms=2)
    final = Span(1, "member", D(2024, 1, 1), YESTERDAY, 2)
    assert not rules.may_be_reappointed(final, max_terms=2)
    assert rules.may_be_reappointed(final, max_terms=3)  # the council allows a third term


def test_a_term_ended_early_yesterday_is_a_vacancy_today_and_not_renewable():
    ended_early = Span(1, "member", D(2024, 1, 1), YESTERDAY, 1, ended_early=True)
    rows, steps = _plan([ended_early, _other()])
    assert (rows[0].filled, rows[0].renewable, rows[0].to_recruit) == (1, 0, 1)
    assert [(s.by, s.count) for s in steps] == [(TODAY, 1)]
    # the same term ending as planned yesterday: re-appointable, nothing to recruit
    planned = Span(1, "member", D(2021, 3, 10), YESTERDAY, 1)
    rows, steps = _plan([planned, _other()])
    assert (rows[0].filled, rows[0].renewable, rows[0].to_recruit) == (1, 1, 0)
    assert steps == []


def test_a_term_ended_early_today_fills_today_and_is_a_vacancy_from_tomorrow():
    ended_early = Span(1, "member", D(2024, 1, 1), TODAY, 1, ended_early=True)
    rows, steps = _plan([ended_early, _other()])
    assert rules.seats_filled_on([ended_early, _other()], TODAY) == 2
    assert (rows[0].filled, rows[0].renewable, rows[0].to_recruit) == (1, 0, 1)
    assert [(s.by, s.count) for s in steps] == [(TODAY + datetime.timedelta(days=1), 1)]


def test_the_recruitment_openings_include_the_seat_of_a_term_ended_early():
    others = [Span(2, "member", D(2024, 1, 1), D(2027, 12, 31), 1)]
    chair = [Span(3, "chair", D(2024, 1, 1), D(2027, 12, 31), 1)]

    def openings(ended_early):
        term = Span(1, "member", D(2024, 1, 1), YESTERDAY, 1, ended_early=ended_early)
        return vacancy_openings(
            [term, *others, *chair],
            today=TODAY,
            max_members=2,
            max_chairs=1,
            max_terms=2,
            months=6,
        )

    assert openings(True) == [Opening(role="member", by=TODAY, count=1)]
    assert openings(False) == []


def test_a_term_can_end_early_from_its_first_day_until_the_day_before_its_planned_end():
    start, planned = D(2024, 1, 1), D(2027, 12, 31)
    assert rules.early_end_allowed(start=start, planned_end=planned, end=start)
    assert not rules.early_end_allowed(
        start=start, planned_end=planned, end=start - datetime.timedelta(days=1)
    )
    assert rules.early_end_allowed(start=start, planned_end=planned, end=D(2027, 12, 30))
    assert not rules.early_end_allowed(start=start, planned_end=planned, end=planned)


def test_the_seat_is_free_the_day_after_the_last_day():
    assert rules.seat_free_from(D(2025, 2, 28)) == D(2025, 3, 1)
    assert rules.seat_free_from(D(2024, 12, 31)) == D(2025, 1, 1)
