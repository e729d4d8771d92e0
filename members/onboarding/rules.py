"""Pure rules of onboarding (docs/rules.md, D35): when an item is due, when it is overdue,
how far a new member has come."""

from __future__ import annotations

import datetime


def onboarding_due_on(*, start: datetime.date, due_days: int) -> datetime.date:
    """An item is due ``due_days`` days after the member's first day (the start counts as 0)."""
    return start + datetime.timedelta(days=due_days)


def onboarding_overdue(*, due_on: datetime.date, done: bool, today: datetime.date) -> bool:
    """An open item is overdue from the day after its due day; a done item never is."""
    return not done and today > due_on


def onboarding_progress(*, done: int, total: int) -> int:
    """Progress in whole percents, rounded down (4 of 5 is 80, 2 of 3 is 66); nothing to do
    is 100."""
    if total <= 0:
        return 100
    return done * 100 // total
