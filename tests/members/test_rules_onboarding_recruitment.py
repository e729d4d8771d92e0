"""Onboarding and recruitment rules on both sides of each boundary (docs/rules.md, D30, D35)."""

from datetime import date as D

from members.onboarding import rules as onboarding
from members.recruitment import rules as recruitment
from members.rules import Span


def test_an_onboarding_item_is_overdue_from_the_day_after_its_due_day():
    due = D(2025, 3, 14)
    assert not onboarding.onboarding_overdue(due_on=due, done=False, today=due)
    assert onboarding.onboarding_overdue(due_on=due, done=False, today=D(2025, 3, 15))


def test_a_done_onboarding_item_is_never_overdue():
    due = D(2025, 3, 14)
    assert not onboarding.onboarding_overdue(due_on=due, done=True, today=D(2025, 3, 15))
    assert not onboarding.onboarding_overdue(due_on=due, done=True, today=due)


def test_onboarding_progress_with_one_item_is_zero_or_a_hundred():
    assert onboarding.onboarding_progress(done=0, total=1) == 0
    assert onboarding.onboarding_progress(done=1, total=1) == 100
    assert onboarding.onboarding_progress(done=0, total=0) == 100


def _openings(spans, *, months):
    return recruitment.vacancy_openings(
        spans, today=D(2025, 1, 15), max_members=2, max_chairs=1, max_terms=2, months=months
    )


def test_vacancy_openings_on_one_day_list_the_chair_first():
    spans = [
        Span(1, "chair", D(2021, 3, 1), D(2025, 2, 28), 2),
        Span(2, "member", D(2021, 3, 1), D(2025, 2, 28), 2),
        Span(3, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    openings = _openings(spans, months=3)
    assert [(o.role, o.by, o.count) for o in openings] == [
        ("chair", D(2025, 3, 1), 1),
        ("member", D(2025, 3, 1), 1),
    ]


def test_vacancy_openings_look_only_as_far_ahead_as_asked():
    spans = [
        Span(1, "chair", D(2021, 7, 1), D(2025, 6, 30), 2),
        Span(2, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
        Span(3, "member", D(2024, 1, 1), D(2027, 12, 31), 1),
    ]
    assert _openings(spans, months=3) == []
    assert [(o.role, o.by) for o in _openings(spans, months=7)] == [("chair", D(2025, 7, 1))]
