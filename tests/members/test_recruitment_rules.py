"""The pure rules of recruitment and onboarding, on both sides of each boundary (D30-D35)."""

import datetime

import pytest

from members import rules as member_rules
from members.onboarding import rules as onboarding
from members.recruitment import rules
from members.rules import Span

D = datetime.date


# --- D31: the closing date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "published", "expected"),
    [
        (D(2025, 3, 31), True, True),  # the closing day itself still counts
        (D(2025, 4, 1), True, False),  # one day late
        (D(2025, 3, 1), False, False),  # not published
    ],
)
def test_a_vacancy_accepts_applications_through_its_closing_date(today, published, expected):
    assert (
        rules.accepts_applications(published=published, closes_on=D(2025, 3, 31), today=today)
        is expected
    )


# --- D33: applicant retention ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "today", "due"),
    [
        (3, D(2025, 4, 30), False),  # closes 31 Jan + 3 months = 30 April, the last day kept
        (3, D(2025, 5, 1), True),  # the day after: erased
        (6, D(2025, 5, 1), False),  # a longer council period keeps it
        (6, D(2025, 7, 31), False),
        (6, D(2025, 8, 1), True),
        (0, D(2025, 1, 31), False),  # zero months: kept through the closing day
        (0, D(2025, 2, 1), True),
    ],
)
def test_applicant_details_are_erased_the_council_months_after_closing(months, today, due):
    assert (
        rules.application_erase_due(
            closes_on=D(2025, 1, 31),
            today=today,
            retention_months=months,
            reserve_pool=False,
            in_selection=False,
        )
        is due
    )


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (D(2026, 1, 31), False),  # one year after closing, the last day kept
        (D(2026, 2, 1), True),
    ],
)
def test_the_reserve_pool_keeps_details_one_year(today, due):
    assert (
        rules.application_erase_due(
            closes_on=D(2025, 1, 31),
            today=today,
            retention_months=3,
            reserve_pool=True,
            in_selection=False,
        )
        is due
    )


def test_the_reserve_pool_never_shortens_a_longer_council_period():
    assert rules.application_erase_on(
        closes_on=D(2025, 1, 31), retention_months=18, reserve_pool=True
    ) == D(2026, 8, 1)
    assert rules.application_erase_on(
        closes_on=D(2025, 1, 31), retention_months=18, reserve_pool=False
    ) == D(2026, 8, 1)


def test_an_application_still_in_selection_is_never_due():
    assert not rules.application_erase_due(
        closes_on=D(2020, 1, 1),
        today=D(2025, 1, 1),
        retention_months=1,
        reserve_pool=False,
        in_selection=True,
    )


def test_the_reserve_pool_end_handles_a_leap_day():
    assert rules.reserve_pool_ends_on(closes_on=D(2024, 2, 29)) == D(2025, 2, 28)


# --- D30: openings per role from the seat plan -----------------------------------------------


def _span(member_id, role, start, end, sequence=2):
    return Span(member_id, role, start, end, sequence)


def test_openings_split_the_chair_from_the_members():
    today = D(2025, 1, 15)
    spans = [_span(1, "chair", D(2021, 1, 1), D(2025, 5, 31))]  # final term: a new chair
    spans += [_span(i, "member", D(2023, 1, 1), D(2026, 12, 31)) for i in range(2, 9)]  # 7 of 9
    openings = rules.vacancy_openings(
        spans, today=today, max_members=9, max_chairs=1, max_terms=2, months=24
    )
    assert [(o.role, o.by, o.count) for o in openings] == [
        ("member", today, 2),
        ("chair", D(2025, 6, 1), 1),
    ]


def test_a_full_council_has_no_openings():
    today = D(2025, 1, 15)
    spans = [_span(1, "chair", D(2024, 1, 1), D(2027, 12, 31), 1)]
    spans += [_span(i, "member", D(2024, 1, 1), D(2027, 12, 31), 1) for i in range(2, 11)]
    assert (
        rules.vacancy_openings(
            spans, today=today, max_members=9, max_chairs=1, max_terms=2, months=24
        )
        == []
    )


# --- D35: onboarding --------------------------------------------------------------------------


def test_an_item_is_due_its_days_after_the_first_day():
    assert onboarding.onboarding_due_on(start=D(2025, 3, 1), due_days=14) == D(2025, 3, 15)
    assert onboarding.onboarding_due_on(start=D(2025, 3, 1), due_days=0) == D(2025, 3, 1)


@pytest.mark.parametrize(
    ("today", "done", "overdue"),
    [
        (D(2025, 3, 15), False, False),  # the due day itself is not late
        (D(2025, 3, 16), False, True),
        (D(2025, 4, 16), True, False),  # done is never overdue
    ],
)
def test_an_open_item_is_overdue_from_the_day_after_its_due_day(today, done, overdue):
    assert onboarding.onboarding_overdue(due_on=D(2025, 3, 15), done=done, today=today) is overdue


@pytest.mark.parametrize(
    ("done", "total", "percent"), [(0, 5, 0), (2, 3, 66), (4, 5, 80), (5, 5, 100), (0, 0, 100)]
)
def test_progress_is_whole_percents_rounded_down(done, total, percent):
    assert onboarding.onboarding_progress(done=done, total=total) == percent


# --- D24: who joined and who left --------------------------------------------------------------


def test_joined_and_left_in_a_year():
    today = D(2026, 3, 1)
    spans = [
        Span(1, "member", D(2025, 2, 1), D(2029, 1, 31), 1),  # joined in 2025
        Span(2, "member", D(2017, 1, 1), D(2020, 12, 31), 1),
        Span(2, "member", D(2021, 1, 1), D(2025, 6, 30), 2),  # left in 2025 (last term)
        Span(3, "member", D(2021, 1, 1), D(2025, 12, 31), 1),
        Span(3, "member", D(2026, 1, 1), D(2029, 12, 31), 2),  # renewed: neither
        Span(4, "chair", D(2024, 1, 1), D(2027, 12, 31), 1),  # resigned (left_on) in 2025
        Span(5, "member", D(2026, 1, 1), D(2029, 12, 31), 1),  # joined the year after
    ]
    joined, left = member_rules.joined_and_left(
        spans, year=2025, today=today, left_on={4: D(2025, 9, 1)}
    )
    assert [(m.member_id, m.on) for m in joined] == [(1, D(2025, 2, 1))]
    assert [(m.member_id, m.on, m.role) for m in left] == [
        (2, D(2025, 6, 30), "member"),
        (4, D(2025, 9, 1), "chair"),
    ]


def test_a_term_still_running_or_not_yet_started_does_not_count():
    spans = [
        Span(1, "member", D(2021, 1, 1), D(2024, 12, 31), 1),
        Span(1, "member", D(2025, 1, 1), D(2025, 6, 30), 2),
        Span(2, "member", D(2025, 7, 1), D(2028, 6, 30), 1),
    ]
    joined, left = member_rules.joined_and_left(spans, year=2025, today=D(2025, 6, 30), left_on={})
    assert joined == [] and left == []  # the term ends today; the other starts tomorrow
    joined, left = member_rules.joined_and_left(spans, year=2025, today=D(2025, 7, 1), left_on={})
    assert [m.member_id for m in joined] == [2] and [m.member_id for m in left] == [1]
