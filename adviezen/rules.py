"""Pure rules for advices and signals: numbers and dates in, decisions out. No database.

Source: DESIGN.md §2 (the rule): a ballot is carried when ``2 × yes ≥ eligible`` (threshold
0.5 of the eligible members, inclusive; abstentions are not yes), with the threshold and its basis
(eligible members, or votes cast with a quorum) as council settings.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

BASIS_ELIGIBLE = "eligible"
BASIS_CAST = "cast"


def _fraction(value: int | Fraction) -> Fraction:
    """A threshold given as an int percentage (50) or as a Fraction (Fraction(1, 2))."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("threshold must be an int percentage or a Fraction")
    return Fraction(value, 100)


def ballot_is_carried(
    *,
    yes: int,
    against: int,
    abstain: int,
    eligible: int,
    threshold: int | Fraction,
    basis: str,
    quorum: int | Fraction | None = None,
) -> bool:
    """Whether a ballot is carried, in integer arithmetic (no floats).

    ``basis="eligible"``: carried when ``yes ≥ threshold × eligible`` (at 50 %: ``2·yes ≥
    eligible``). ``basis="cast"``: the votes cast (for, against and abstain) must reach the
    ``quorum`` share of the eligible members, and ``yes ≥ threshold × (yes + against)``.
    Nobody eligible, or no yes vote at all, never carries.
    """
    if min(yes, against, abstain, eligible) < 0:
        raise ValueError("counts cannot be negative")
    if yes + against + abstain > eligible:
        raise ValueError("more votes than eligible voters")
    t = _fraction(threshold)
    if eligible == 0 or yes == 0:
        return False
    if basis == BASIS_ELIGIBLE:
        return yes * t.denominator >= t.numerator * eligible
    if basis == BASIS_CAST:
        if quorum is not None:
            q = _fraction(quorum)
            if (yes + against + abstain) * q.denominator < q.numerator * eligible:
                return False
        return yes * t.denominator >= t.numerator * (yes + against)
    raise ValueError(f"unknown basis {basis!r}")


def response_due_on(*, sent_on: datetime.date, weeks: int) -> datetime.date:
    """The date by which the college should have responded (council setting, in weeks)."""
    return sent_on + datetime.timedelta(weeks=weeks)


def response_is_overdue(
    *, sent_on: datetime.date | None, answered: bool, today: datetime.date, weeks: int
) -> bool:
    if sent_on is None or answered:
        return False
    return today > response_due_on(sent_on=sent_on, weeks=weeks)


def contact_erase_due(
    *, received_on: datetime.date, today: datetime.date, retention_days: int
) -> bool:
    """A resident's contact details are kept ``retention_days`` days after receipt, no longer."""
    return today > received_on + datetime.timedelta(days=retention_days)


def deadline_within(*, deadline: datetime.date | None, today: datetime.date, weeks: int) -> bool:
    return deadline is not None and today <= deadline <= today + datetime.timedelta(weeks=weeks)
