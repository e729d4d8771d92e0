"""Pure rules for meetings: no database, values in, values out.

Sources: DESIGN.md §2 meetings/ and issue 3 (agenda with computed start times, planning a year
of meetings, "sending again after changes says what changed", year at a glance).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The annual plan's targets until the budget year holds them (DESIGN.md §2 budget/).
DEFAULT_TARGETS = {"plenary": 12, "alderman": 2, "management": 2}


def end_is_after_start(*, start: datetime.datetime, end: datetime.datetime) -> bool:
    return end > start


def item_start_times(
    *, start: datetime.datetime, durations: Sequence[int]
) -> list[datetime.datetime]:
    """Start time of each agenda item in order: the meeting's start plus earlier durations."""
    times = []
    t = start
    for minutes in durations:
        times.append(t)
        t = t + datetime.timedelta(minutes=minutes)
    return times


def nth_weekday(year: int, month: int, *, weekday: int, n: int) -> datetime.date | None:
    """The ``n``-th ``weekday`` (0 = Monday) of a month; ``n = -1`` is the last one.

    ``None`` when the month has no such day (a fifth Tuesday).
    """
    days = [
        datetime.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if datetime.date(year, month, d).weekday() == weekday
    ]
    if n == -1:
        return days[-1]
    return days[n - 1] if 1 <= n <= len(days) else None


def year_plan_dates(
    *, year: int, weekday: int, n: int, months: Iterable[int] = range(1, 13)
) -> list[datetime.date]:
    """The dates of a year's series, e.g. the second Tuesday of every month."""
    dates = [nth_weekday(year, m, weekday=weekday, n=n) for m in months]
    return [d for d in dates if d is not None]


def reorder_is_valid(*, current_ids: Iterable[int], new_ids: Sequence[int]) -> bool:
    """A new order must contain exactly the items of the section, each once."""
    return len(new_ids) == len(set(new_ids)) and set(new_ids) == set(current_ids)


def move(ids: Sequence[int], item_id: int, direction: str) -> list[int]:
    """Move ``item_id`` one place ``up`` or ``down``; at the edge nothing changes."""
    ids = list(ids)
    i = ids.index(item_id)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    return ids


@dataclass(frozen=True)
class GlanceRow:
    kind: str
    held: int
    target: int

    @property
    def percent(self) -> int:
        return min(100, (100 * self.held) // self.target) if self.target else 100

    @property
    def reached(self) -> bool:
        return self.held >= self.target


def year_at_a_glance(*, held: dict[str, int], targets: dict[str, int]) -> list[GlanceRow]:
    """Held meetings per kind against the targets; kinds with a target first."""
    rows = [GlanceRow(k, held.get(k, 0), t) for k, t in targets.items()]
    rows += [GlanceRow(k, n, 0) for k, n in sorted(held.items()) if k not in targets]
    return rows


def agenda_changes(old: dict, new: dict) -> list[str]:
    """What changed between two agenda snapshots, as short Dutch sentences.

    A snapshot is ``{"start": iso, "location": str, "items": [{"id", "title", "section",
    "duration", "is_public"}, ...]}`` in agenda order.
    """
    if not old:
        return []
    changes: list[str] = []
    if old.get("start") != new.get("start"):
        changes.append("De aanvangstijd is gewijzigd.")
    if old.get("location") != new.get("location"):
        changes.append(f"De locatie is gewijzigd in {new.get('location') or 'nog onbekend'}.")
    old_items = {i["id"]: i for i in old.get("items", [])}
    new_items = {i["id"]: i for i in new.get("items", [])}
    for item in new.get("items", []):
        before = old_items.get(item["id"])
        if before is None:
            changes.append(f"Nieuw agendapunt: {item['title']}.")
        elif before["title"] != item["title"]:
            changes.append(f"Agendapunt '{before['title']}' heet nu '{item['title']}'.")
        elif before.get("duration") != item.get("duration"):
            changes.append(f"De duur van '{item['title']}' is gewijzigd.")
    for item in old.get("items", []):
        if item["id"] not in new_items:
            changes.append(f"Vervallen agendapunt: {item['title']}.")
    old_order = [i for i in old_items if i in new_items]
    new_order = [i for i in new_items if i in old_items]
    if old_order != new_order:
        changes.append("De volgorde van de agendapunten is gewijzigd.")
    return changes
