"""Pure decisions about money and declarations: no database, no defaults for council choices.

Amounts are ``Decimal`` euros. Each line is quantized to cents with ROUND_HALF_UP (the way a
Dutch municipality's administration rounds), and totals are sums of the rounded lines, so the
cover of a declaration always adds up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# The claimant's IBAN is a member's: checked (schwifty), formatted and masked in members.iban.
from members.iban import (  # noqa: F401
    iban_format,
    iban_in_full_for,
    iban_is_valid,
    iban_mask,
    iban_normalise,
    iban_shown,
)

CENT = Decimal("0.01")
# Limits against typing errors: no single line above this, no journey longer than this, no
# other expense of the council above this, no budgeted amount per category above this.
MAX_LINE_AMOUNT = Decimal("5000.00")
MAX_KILOMETRES = Decimal("1000")
MAX_EXPENSE_AMOUNT = Decimal("100000.00")
MAX_BUDGET_AMOUNT = Decimal("10000000.00")
# A declaration that waits this many days for its next step gets a reminder, daily after.
WAITING_REMINDER_DAYS = 3


def money(value: Decimal | int | str) -> Decimal:
    """``value`` in euros rounded to whole cents, half away from zero (2,345 → 2,35)."""
    try:
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"not an amount: {value!r}") from exc


def journey_amount(*, kilometres: Decimal, rate: Decimal) -> Decimal:
    """Kilometres × the council's kilometre rate, rounded per line."""
    return money(Decimal(kilometres) * Decimal(rate))


def total(amounts) -> Decimal:
    """The sum of already rounded line amounts (rounded again only to normalise the exponent)."""
    return money(sum((money(a) for a in amounts), Decimal("0")))


def amount_is_acceptable(amount: Decimal, *, maximum: Decimal = MAX_LINE_AMOUNT) -> bool:
    """A line amount must be positive, in whole cents and not absurd."""
    if not amount.is_finite():
        return False
    return Decimal("0") < amount <= maximum and amount == money(amount)


def budget_amount_acceptable(amount: Decimal) -> bool:
    """A budgeted amount per category: from € 0 up to the limit."""
    return amount.is_finite() and Decimal("0") <= amount <= MAX_BUDGET_AMOUNT


def budget_lines_changeable(*, granted: bool) -> bool:
    """Once the college granted the budget, its amounts per category are no longer changed."""
    return not granted


def kilometres_acceptable(kilometres: Decimal | None) -> bool:
    return (
        kilometres is not None
        and kilometres.is_finite()
        and Decimal("0") < kilometres <= MAX_KILOMETRES
    )


def date_in_year(day: datetime.date, year: int) -> bool:
    return day.year == year


def allowance_claim_period(
    *, year: int, today: datetime.date, start: datetime.date, end: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """Meetings are claimed in the declaration's year and never ahead of today: the asked
    period cut to that (empty, with the end before the start, when nothing is left)."""
    return max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31), today)


def may_approve(*, approver_id: int, claimant_id: int) -> bool:
    """Nobody approves, checks or rejects their own declaration."""
    return approver_id != claimant_id


def may_reject(*, can_approve: bool, can_check: bool, submitted: bool) -> bool:
    """The treasurer (who approves) rejects a submitted or checked declaration; the secretary
    (who checks) only a submitted one, before it is checked."""
    return can_approve or (can_check and submitted)


def waiting_reminder_cutoff(*, today: datetime.date, days: int) -> datetime.date:
    """A declaration waiting for its next step since this day or earlier has waited ``days``
    days: it is due a reminder today (and every day after, until it moves on)."""
    return today - datetime.timedelta(days=days)


def export_retention_cutoff(*, now: datetime.datetime, days: int) -> datetime.datetime:
    """The files of a batch export made before this moment are past the council's retention
    period (``days``) and are deleted: they hold the members' bank account numbers."""
    return now - datetime.timedelta(days=days)


def allowance_rate(*, is_chair: bool, member_rate: Decimal, chair_rate: Decimal) -> Decimal:
    """The chair gets the chair's allowance; everyone else the members' allowance."""
    return money(chair_rate if is_chair else member_rate)


@dataclass(frozen=True)
class Realisation:
    budget: Decimal
    actual: Decimal

    @property
    def remaining(self) -> Decimal:
        return money(self.budget - self.actual)

    @property
    def exceeded(self) -> bool:
        return self.actual > self.budget

    @property
    def percent(self) -> int:
        """Share of the budget spent, in whole percent (rounded half up); 0 budget spent → 100+."""
        if self.budget <= 0:
            return 100 if self.actual > 0 else 0
        return share_percent(self.actual, self.budget)


def share_percent(part: Decimal | int, whole: Decimal | int) -> int:
    """``part`` of ``whole`` (more than 0) in whole percent, halves up (1 of 8 → 13)."""
    return int(
        (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    )


def bar_width(value: Decimal, maximum: Decimal, *, width: int) -> int:
    """Length of a chart bar in whole units of ``width`` for ``value`` out of ``maximum``."""
    if maximum <= 0 or value <= 0:
        return 0
    return int((value * width / maximum).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def export_may_mark_sent(*, export_done: bool, approved_left: int) -> bool:
    """A batch export can be marked as sent to the municipality once it is done and while
    some of its declarations are still approved (not yet sent); each of those goes to
    "naar de gemeente", the ones already sent or paid stay as they are."""
    return export_done and approved_left > 0
