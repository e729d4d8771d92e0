"""Pure rules on terms and seats: no database, dates in, numbers out.

Sources: DESIGN.md §2 (a person is an *active member* on a date when a term covers it; at most
nine members and a chair; term length and maximum number of terms are council settings) and the
annual plan in ``shared/seeds`` (recruitment to stay at nine members and a chair).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import roles


@dataclass(frozen=True)
class Span:
    """One term as the rules see it."""

    member_id: int
    role: str  # "member" or "chair"
    start: datetime.date
    end: datetime.date
    sequence: int


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_default_end(*, start: datetime.date, years: int) -> datetime.date:
    """A term of ``years`` years starting on ``start`` ends the day before the anniversary."""
    return add_years(start, years) - datetime.timedelta(days=1)


def term_next_sequence(*, existing: int, max_terms: int) -> int | None:
    """The sequence number of the next term, or ``None`` when the maximum is reached."""
    nxt = existing + 1
    return nxt if nxt <= max_terms else None


def is_active_on(spans: Iterable[Span], member_id: int, day: datetime.date) -> bool:
    return any(s.member_id == member_id and s.start <= day <= s.end for s in spans)


def spans_overlap(a_start, a_end, b_start, b_end) -> bool:
    return a_start <= b_end and b_start <= a_end


def max_concurrent(spans: Iterable[Span], *, start: datetime.date, end: datetime.date) -> int:
    """The largest number of ``spans`` covering one day between ``start`` and ``end``.

    The count only rises where a span starts, so checking ``start`` and every span start inside
    the window is enough.
    """
    spans = list(spans)
    points = {start} | {s.start for s in spans if start <= s.start <= end}
    return max((sum(1 for s in spans if s.start <= p <= s.end) for p in points), default=0)


def month_end(year: int, month: int) -> datetime.date:
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
    and who have had fewer than ``max_terms`` terms may be reappointed; they are shown apart and
    not counted as vacancies to recruit for. The recruitment steps say by which day how many more
    new people are needed; the first step covers the seats empty today.
    """
    latest: dict[int, Span] = {}
    for s in spans:
        if s.member_id not in latest or s.start > latest[s.member_id].start:
            latest[s.member_id] = s

    def filled_on(day: datetime.date) -> int:
        return len({s.member_id for s in spans if s.start <= day <= s.end})

    def renewable_on(day: datetime.date) -> int:
        return sum(
            1
            for s in latest.values()
            if s.end < day
            and s.sequence < max_terms
            and s.end >= today - datetime.timedelta(days=1)
        )

    rows: list[MonthRow] = []
    steps: list[RecruitStep] = []
    need_today = max(0, seat_maximum - filled_on(today))
    if need_today:
        steps.append(RecruitStep(by=today, count=need_today))
    prev_need = need_today
    prev_checkpoint = today
    year, month = today.year, today.month
    for _ in range(months):
        first = datetime.date(year, month, 1)
        last = month_end(year, month)
        ending = [s for s in spans if first <= s.end <= last and s.end >= today]
        filled = filled_on(last)
        renewable = renewable_on(last)
        need = max(0, seat_maximum - filled - renewable)
        rows.append(
            MonthRow(
                month=first,
                ending=len(ending),
                ending_final=sum(
                    1 for s in ending if s.sequence >= max_terms and latest[s.member_id] == s
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
