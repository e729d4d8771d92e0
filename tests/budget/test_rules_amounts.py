"""Budget rules on both sides of each boundary (docs/rules.md, D21, D24)."""

import datetime
from decimal import Decimal

import pytest

from budget import rules


@pytest.mark.parametrize(
    ("value", "maximum", "expected"),
    [
        ("50", "100", 50),
        ("1", "3", 33),
        ("2", "3", 67),  # 66.67 rounds half up
        ("1", "200", 1),  # 0.5 rounds up
        ("0.9", "200", 0),
        ("150", "100", 150),
        ("0", "100", 0),
        ("-5", "100", 0),
        ("5", "0", 0),
        ("5", "-1", 0),
        ("1", "1", 100),
    ],
)
def test_a_chart_bar_is_the_share_of_the_largest_in_whole_units(value, maximum, expected):
    assert rules.bar_width(Decimal(value), Decimal(maximum), width=100) == expected


def test_a_chart_bar_scales_with_its_width():
    assert rules.bar_width(Decimal("1"), Decimal("4"), width=10) == 3  # 2.5 rounds up
    assert rules.bar_width(Decimal("0.5"), Decimal("0.5"), width=10) == 10


def test_a_day_is_in_its_own_year_only():
    assert rules.date_in_year(datetime.date(2025, 12, 31), 2025)
    assert not rules.date_in_year(datetime.date(2026, 1, 1), 2025)


def test_an_amount_that_is_no_number_is_refused_by_name():
    with pytest.raises(ValueError, match="^not an amount: 'twaalf'$"):
        rules.money("twaalf")


def test_the_total_of_no_lines_is_zero_euros():
    assert str(rules.total([])) == "0.00"
