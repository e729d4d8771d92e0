"""Pure rules on terms and seats: no database, dates in, numbers out.

Every rule about terms, term limits and the seat plan lives here (docs/rules.md, D2-D6): a
person is an *active member* on a date when a term covers it; a term lasts the council's term
length and a person has at most its maximum number of terms; the seats (members and chair) are
never exceeded; the seat plan shows when new people are needed to stay at the maximum.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from . import roles


@dataclass(frozen=True)
class Span:
    """One term as the rules see it."""

    member_id: int
    role: str  # "member" or "chair"
    start: datetime.date
    end: datetime.date
    sequence: int
    ended_early: bool = False  # the secretary ended it before its planned end (resignation)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clipped to the month's end (31 August + 6 → end of February)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_default_end(*, start: datetime.date, years: int) -> datetime.date:
    """A term of ``years`` years starting on ``start`` ends the day before the anniversary."""
    return add_years(start, years) - datetime.timedelta(days=1)


def term_too_long(*, start: datetime.date, end: datetime.date, years: int) -> bool:
    """A term may not reach its ``years``-th anniversary (it ends at the latest the day before)."""
    return end > term_default_end(start=start, years=years)


def term_next_sequence(*, existing: int, max_terms: int) -> int | None:
    """The sequence number of the next term, or ``None`` when the maximum is reached."""
    nxt = existing + 1
    return nxt if nxt <= max_terms else None


def is_final_term(*, sequence: int, max_terms: int) -> bool:
    """The member's last allowed term: after it they cannot be reappointed."""
    return sequence >= max_terms


def may_be_reappointed(span: Span, *, max_terms: int) -> bool:
    """Whether the member of ``span`` (their latest term) may get another term (D4, D6).

    Not after their last allowed term, and not after a term the secretary ended early: someone
    who resigned or was dismissed is no candidate for reappointment, so the seat planning
    counts their seat as one to recruit for.
    """
    return not span.ended_early and not is_final_term(sequence=span.sequence, max_terms=max_terms)


def early_end_allowed(
    *, start: datetime.date, planned_end: datetime.date, end: datetime.date
) -> bool:
    """A term can be ended early on a last day within the term: on or after its first day and
    before its planned end (ending on the planned end is no early end)."""
    return start <= end < planned_end


def seat_free_from(end: datetime.date) -> datetime.date:
    """The first day the seat of a term that ends on ``end`` is free: the day after."""
    return end + datetime.timedelta(days=1)


class Dated(Protocol):
    """Anything with a first and a last day: a ``Term``, a ``Span``."""

    @property
    def start(self) -> datetime.date: ...

    @property
    def end(self) -> datetime.date: ...


DatedT = TypeVar("DatedT", bound=Dated)


def covering(terms: Iterable[DatedT], day: datetime.date) -> DatedT | None:
    """The term that covers ``day``, first and last day included (a person has one at most)."""
    return next((t for t in terms if t.start <= day <= t.end), None)


def is_active_on(spans: Iterable[Span], member_id: int, day: datetime.date) -> bool:
    return any(s.member_id == member_id and s.start <= day <= s.end for s in spans)


def spans_overlap(
    a_start: datetime.date, a_end: datetime.date, b_start: datetime.date, b_end: datetime.date
) -> bool:
    """Two periods overlap when they share a day (ends included): terms of one person may not."""
    return a_start <= b_end and b_start <= a_end


def max_concurrent(spans: Iterable[Span], *, start: datetime.date, end: datetime.date) -> int:
    """The largest number of ``spans`` covering one day between ``start`` and ``end``.

    The count only rises where a span starts, so checking ``start`` and every span start inside
    the window is enough.
    """
    spans = list(spans)
    points = {start} | {s.start for s in spans if start <= s.start <= end}
    return max((sum(1 for s in spans if s.start <= p <= s.end) for p in points), default=0)


def seats_for(role: str, *, max_members: int, max_chairs: int) -> int:
    """The seats a role has: ``max_chairs`` for the chair, ``max_members`` for members."""
    return max_chairs if role == "chair" else max_members


def term_fits_seats(
    others: Iterable[Span], *, start: datetime.date, end: datetime.date, seats: int
) -> bool:
    """A new term fits when, on every day of it, the ``others`` of its role leave a seat free."""
    return max_concurrent(others, start=start, end=end) + 1 <= seats


def seats_filled_on(spans: Iterable[Span], day: datetime.date) -> int:
    """The people with a term covering ``day`` (a person counts once)."""
    return len({s.member_id for s in spans if s.start <= day <= s.end})


def month_end(year: int, month: int) -> datetime.date:
    """The last day of ``month``."""
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date  # first day of the month
    ending: int  # terms ending in this month
    ending_final: int  # of which the member's last allowed term
    filled: int  # seats filled on the last day of the month (recorded terms only)
    renewable: int  # members out of office then who may still be reappointed
    to_recruit: int  # seats that need a new person to stay at the maximum


@dataclass(frozen=True)
class RecruitStep:
    by: datetime.date  # the new person should start on this day
    count: int  # how many more people than before


def seat_plan(
    spans: Sequence[Span],
    *,
    today: datetime.date,
    seat_maximum: int,
    max_terms: int,
    months: int = 24,
) -> tuple[list[MonthRow], list[RecruitStep]]:
    """Seat planning (*bezetting*) for the ``months`` months starting with the current one.

    A seat is filled on a day when a recorded term covers it. Members whose latest term has ended
    and who may be reappointed (``may_be_reappointed``: fewer than ``max_terms`` terms, the last
    one not ended early) are shown apart and not counted as vacancies to recruit for. The recruitment steps say by which day how many more
    new people are needed; the first step covers the seats empty today (a member who ended
    their term yesterday and may be reappointed is not one of them).
    """
    latest: dict[int, Span] = {}
    for s in spans:
        if s.member_id not in latest or s.start > latest[s.member_id].start:
            latest[s.member_id] = s

    def renewable_on(day: datetime.date) -> int:
        return sum(
            1
            for s in latest.values()
            if s.end < day
            and may_be_reappointed(s, max_terms=max_terms)
            and s.end >= today - datetime.timedelta(days=1)
        )

    rows: list[MonthRow] = []
    steps: list[RecruitStep] = []
    need_today = max(0, seat_maximum - seats_filled_on(spans, today) - renewable_on(today))
    if need_today:
        steps.append(RecruitStep(by=today, count=need_today))
    prev_need = need_today
    prev_checkpoint = today
    year, month = today.year, today.month
    for _ in range(months):
        first = datetime.date(year, month, 1)
        last = month_end(year, month)
        ending = [s for s in spans if first <= s.end <= last and s.end >= today]
        filled = seats_filled_on(spans, last)
        renewable = renewable_on(last)
        need = max(0, seat_maximum - filled - renewable)
        rows.append(
            MonthRow(
                month=first,
                ending=len(ending),
                ending_final=sum(
                    1
                    for s in ending
                    if is_final_term(sequence=s.sequence, max_terms=max_terms)
                    and latest[s.member_id] == s
                ),
                filled=filled,
                renewable=renewable,
                to_recruit=need,
            )
        )
        if need > prev_need:
            # Seats empty at this month's end were last covered between the two checkpoints.
            gone = [s.end for s in spans if prev_checkpoint <= s.end < last]
            first_gap = min(gone, default=first - datetime.timedelta(days=1)) + datetime.timedelta(
                days=1
            )
            steps.append(RecruitStep(by=first_gap, count=need - prev_need))
        prev_need = need
        prev_checkpoint = last
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return rows, steps


# --- roles and log-in (issue 14) ------------------------------------------------------------


def role_conflicts(
    role_names: Iterable[str], *, incompatible: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The pairs in ``incompatible`` that ``role_names`` holds both of.

    Segregation of duties: one person may not hold two roles that check each other's work
    (the secretary checks declarations, the treasurer approves them).
    """
    held = set(role_names)
    return [(a, b) for a, b in incompatible if a in held and b in held]


def second_factor_required(
    *, role_names: Iterable[str], council_requires: bool, roles_that_need_it: Iterable[str]
) -> bool:
    """Whether a person must log in with a second factor: only when the council requires it
    (a council setting) and the person holds one of ``roles_that_need_it``."""
    return council_requires and bool(set(role_names) & set(roles_that_need_it))


#: the roles that vote when a term covers the day (the chair votes)
VOTING_ROLES = frozenset({roles.MEMBER, roles.CHAIR})
#: the roles that never vote, whatever terms are recorded
NEVER_VOTING_ROLES = frozenset({roles.SECRETARY, roles.ADVISOR})


def may_vote(*, term_covers_day: bool, role_names: Iterable[str]) -> bool:
    """Who may vote on an advice on a day (docs/rules.md, D16): the members and the chair with
    a term covering the day (D2). The secretary and the policy advisors never vote; a treasurer
    votes only as a member (a treasurer-only holds neither role)."""
    held = set(role_names)
    return term_covers_day and bool(held & VOTING_ROLES) and not held & NEVER_VOTING_ROLES


@dataclass(frozen=True)
class Movement:
    """A person joining or leaving the council, and the day."""

    member_id: int
    on: datetime.date
    role: str


def joined_and_left(
    spans: Iterable[Span],
    *,
    year: int,
    today: datetime.date,
    left_on: dict[int, datetime.date],
) -> tuple[list[Movement], list[Movement]]:
    """Who joined and who left the council in ``year`` (D24, the annual report).

    A person joined on the first day of their first term, once that day has come. They left on
    the last day of their last term, or on the day recorded as their leaving (``left_on``) when
    that is earlier, once that day is in the past (a term still running today has not ended).
    A renewal is neither.
    """
    first: dict[int, Span] = {}
    last: dict[int, Span] = {}
    for s in spans:
        if s.member_id not in first or s.start < first[s.member_id].start:
            first[s.member_id] = s
        if s.member_id not in last or s.end > last[s.member_id].end:
            last[s.member_id] = s
    joined = [
        Movement(member_id=m, on=s.start, role=s.role)
        for m, s in first.items()
        if s.start.year == year and s.start <= today
    ]
    left = []
    for m, s in last.items():
        gone = min(s.end, left_on.get(m, s.end))
        if gone.year == year and gone < today:
            left.append(Movement(member_id=m, on=gone, role=s.role))
    key = lambda mv: (mv.on, mv.member_id)  # noqa: E731
    return sorted(joined, key=key), sorted(left, key=key)
