"""Pure rules of recruitment (docs/rules.md, D30-D34): dates in, dates and numbers out.

No database and no defaults for what the council decides: the retention period and the seats
come in as arguments, from ``CouncilSettings``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from members.rules import Span, add_months, add_years, seat_plan

# An applicant who agrees to the reserve pool is kept this long after the closing date.
RESERVE_POOL_YEARS = 1


@dataclass(frozen=True)
class Opening:
    """Seats of one role that need a new person by a day (a recruitment step of D6)."""

    role: str  # "member" or "chair"
    by: datetime.date
    count: int


def vacancy_openings(
    spans: Sequence[Span],
    *,
    today: datetime.date,
    max_members: int,
    max_chairs: int,
    max_terms: int,
    months: int,
) -> list[Opening]:
    """The recruitment steps of the seat plan (D6) for each role on its own, by date.

    The chair's seat and the members' seats are planned apart, so each step can become a
    vacancy of one role: the chair's term ending asks for a new chair, not a member.
    """
    openings: list[Opening] = []
    for role, seats in (("chair", max_chairs), ("member", max_members)):
        _rows, steps = seat_plan(
            [s for s in spans if s.role == role],
            today=today,
            seat_maximum=seats,
            max_terms=max_terms,
            months=months,
        )
        openings += [Opening(role=role, by=step.by, count=step.count) for step in steps]
    return sorted(openings, key=lambda o: (o.by, o.role != "chair"))


def accepts_applications(
    *, published: bool, closes_on: datetime.date, today: datetime.date
) -> bool:
    """A vacancy takes applications while it is published, up to and including its closing
    date (D31)."""
    return published and today <= closes_on


def retention_ends_on(*, closes_on: datetime.date, retention_months: int) -> datetime.date:
    """The last day an applicant's details are kept: the council's number of months after the
    vacancy's closing date (D33)."""
    return add_months(closes_on, retention_months)


def reserve_pool_ends_on(*, closes_on: datetime.date) -> datetime.date:
    """The last day the details of an applicant in the reserve pool are kept: one year after
    the closing date (D33)."""
    return add_years(closes_on, RESERVE_POOL_YEARS)


def application_erase_on(
    *, closes_on: datetime.date, retention_months: int, reserve_pool: bool
) -> datetime.date:
    """The day an applicant's details are erased: the day after the last day they are kept.

    The reserve pool keeps them one year, or the council's period when that is longer (the
    pool never shortens it).
    """
    last = retention_ends_on(closes_on=closes_on, retention_months=retention_months)
    if reserve_pool:
        last = max(last, reserve_pool_ends_on(closes_on=closes_on))
    return last + datetime.timedelta(days=1)


def application_erase_due(
    *,
    closes_on: datetime.date,
    today: datetime.date,
    retention_months: int,
    reserve_pool: bool,
    in_selection: bool,
) -> bool:
    """Whether an applicant's details must be erased ``today`` (D33).

    An application still in selection (received, invited, interviewed, proposed) is kept until
    the committee decides; after that the period counts from the closing date as usual.
    """
    if in_selection:
        return False
    return today >= application_erase_on(
        closes_on=closes_on, retention_months=retention_months, reserve_pool=reserve_pool
    )
