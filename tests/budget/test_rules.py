import datetime
from decimal import Decimal

import pytest

from budget import rules
from budget.templatetags.money import format_euro


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.345", "2.35"),
        ("2.344", "2.34"),
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("-2.345", "-2.35"),
        ("1234.5", "1234.50"),
    ],
)
def test_money_rounds_half_up_to_cents(value, expected):
    assert rules.money(Decimal(value)) == Decimal(expected)


@pytest.mark.parametrize(
    ("km", "rate", "expected"),
    [
        ("12.5", "0.23", "2.88"),  # 2.875 rounds up
        ("10", "0.23", "2.30"),
        ("33.3", "0.19", "6.33"),  # 6.327
        ("1", "0.005", "0.01"),
    ],
)
def test_journey_amount_is_rounded_per_line(km, rate, expected):
    assert rules.journey_amount(kilometres=Decimal(km), rate=Decimal(rate)) == Decimal(expected)


def test_total_is_sum_of_rounded_lines_not_rounded_sum():
    # three journeys of 12.5 km at 0.23: each 2.875 → 2.88, total 8.64 (not 8.63 from 8.625)
    lines = [rules.journey_amount(kilometres=Decimal("12.5"), rate=Decimal("0.23"))] * 3
    assert rules.total(lines) == Decimal("8.64")


def test_total_of_no_lines_is_zero_cents():
    assert rules.total([]) == Decimal("0.00")


@pytest.mark.parametrize(
    ("amount", "ok"),
    [
        ("0.01", True),
        ("5000.00", True),
        ("5000.01", False),
        ("0", False),
        ("-1", False),
        ("1.005", False),
        ("NaN", False),
        ("Infinity", False),
    ],
)
def test_amount_is_acceptable_boundaries(amount, ok):
    assert rules.amount_is_acceptable(Decimal(amount)) is ok


@pytest.mark.parametrize(
    ("km", "ok"), [(None, False), ("0", False), ("0.1", True), ("1000", True), ("1000.1", False)]
)
def test_kilometres_acceptable(km, ok):
    assert rules.kilometres_acceptable(Decimal(km) if km else None) is ok


def test_nobody_approves_their_own():
    assert rules.may_approve(approver_id=1, claimant_id=2)
    assert not rules.may_approve(approver_id=3, claimant_id=3)


@pytest.mark.parametrize(
    ("can_approve", "can_check", "submitted", "ok"),
    [
        (True, False, True, True),  # treasurer, submitted
        (True, False, False, True),  # treasurer, checked
        (False, True, True, True),  # secretary, submitted
        (False, True, False, False),  # secretary, already checked
        (False, False, True, False),  # a member
    ],
)
def test_who_may_reject(can_approve, can_check, submitted, ok):
    assert rules.may_reject(can_approve=can_approve, can_check=can_check, submitted=submitted) is ok


@pytest.mark.parametrize(
    ("start", "end", "today", "expected"),
    [
        # asked beyond the year on both sides, today later: the whole year
        ("2024-11-01", "2026-02-01", "2026-03-01", ("2025-01-01", "2025-12-31")),
        # this year: never ahead of today
        ("2025-01-01", "2025-12-31", "2025-06-15", ("2025-01-01", "2025-06-15")),
        # inside the year and before today: as asked
        ("2025-03-01", "2025-03-31", "2025-06-15", ("2025-03-01", "2025-03-31")),
        # a year still to come: nothing (the end before the start)
        ("2025-01-01", "2025-12-31", "2024-12-31", ("2025-01-01", "2024-12-31")),
    ],
)
def test_allowance_claim_period_is_the_year_up_to_today(start, end, today, expected):
    d = datetime.date.fromisoformat
    assert rules.allowance_claim_period(
        year=2025, today=d(today), start=d(start), end=d(end)
    ) == tuple(d(x) for x in expected)


@pytest.mark.parametrize(
    ("amount", "ok"),
    [("0", True), ("10000000.00", True), ("10000000.01", False), ("-0.01", False), ("NaN", False)],
)
def test_budget_amount_boundaries(amount, ok):
    assert rules.budget_amount_acceptable(Decimal(amount)) is ok


def test_a_granted_budget_is_no_longer_changed():
    assert rules.budget_lines_changeable(granted=False)
    assert not rules.budget_lines_changeable(granted=True)


def test_waiting_reminder_is_due_after_the_given_days():
    today = datetime.date(2025, 3, 10)
    assert rules.waiting_reminder_cutoff(today=today, days=3) == datetime.date(2025, 3, 7)
    assert rules.WAITING_REMINDER_DAYS == 3


def test_export_retention_cutoff_counts_back_from_now():
    now = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC)
    cutoff = rules.export_retention_cutoff(now=now, days=90)
    assert cutoff == datetime.datetime(2025, 4, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("part", "whole", "percent"), [(1, 2, 50), (1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0)]
)
def test_share_percent_rounds_halves_up(part, whole, percent):
    assert rules.share_percent(part, whole) == percent


def test_allowance_rate_chair_and_member():
    kw = {"member_rate": Decimal("75"), "chair_rate": Decimal("100")}
    assert rules.allowance_rate(is_chair=True, **kw) == Decimal("100.00")
    assert rules.allowance_rate(is_chair=False, **kw) == Decimal("75.00")


@pytest.mark.parametrize(
    ("iban", "ok"),
    [
        ("NL91ABNA0417164300", True),
        ("nl91 abna 0417 1643 00", True),
        ("NL91ABNA0417164301", False),
        ("NL91ABNA041716430", False),
        ("DE89370400440532013000", True),
        ("XX", False),
        ("", False),
    ],
)
def test_iban_checksum(iban, ok):
    assert rules.iban_is_valid(iban) is ok


def test_iban_mask_and_format():
    assert rules.iban_mask("NL91ABNA0417164300").endswith("4300")
    assert "0417" not in rules.iban_mask("NL91ABNA0417164300")
    assert rules.iban_format("NL91ABNA0417164300") == "NL91 ABNA 0417 1643 00"


@pytest.mark.parametrize(
    ("budget", "actual", "percent", "exceeded"),
    [
        ("100", "100", 100, False),
        ("100", "100.01", 100, True),
        ("0", "0", 0, False),
        ("0", "1", 100, True),
        ("200", "1", 1, False),
    ],
)
def test_realisation(budget, actual, percent, exceeded):
    r = rules.Realisation(budget=Decimal(budget), actual=Decimal(actual))
    assert r.percent == percent
    assert r.exceeded is exceeded


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234.56"), "€\u00a01.234,56"),
        (Decimal("0"), "€\u00a00,00"),
        (Decimal("1234567.891"), "€\u00a01.234.567,89"),
        (Decimal("-5"), "€\u00a0-5,00"),
        (None, ""),
    ],
)
def test_euro_filter_dutch_format(value, text):
    assert format_euro(value) == text
