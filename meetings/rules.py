"""Pure rules for meetings: no database, values in, values out.

Every meetings rule lives here once; services, selectors, reminders, forms and views call these
functions, and a query's cutoff is computed by the rule (``overdue_reminder_due_dates``) rather
than written again in SQL. Sources: docs/rules.md, D9 to D12 (meetings, agenda, documents and
minutes, annual targets), D25 (reminders), S3 and S4 (what the public sees).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The annual plan's targets (docs/rules.md, D12) until the budget year holds them (D19).
# Without a budget year: the annual plan's defaults (budget.BudgetYear's target fields).
DEFAULT_TARGETS = {
    "plenary": 12,
    "alderman": 2,
    "management": 2,
    "work_visit": 4,
    "training": 1,
}


# What the secretary may change of a meeting and of an agenda item: the forms list these fields
# and the services take no others (docs/rules.md, S5). A status only moves through its service.
MEETING_FIELDS = (
    "kind",
    "title",
    "start",
    "end",
    "location",
    "is_public",
    "working_group",
    "description",
)
ITEM_FIELDS = (
    "title",
    "section",
    "presenter",
    "duration_minutes",
    "is_public",
    "description",
    "advice",
    "dossier",
    "signal",
)
# The longest agenda item, in minutes (also the check constraint ``agendaitem_duration_max``).
MAX_ITEM_MINUTES = 600
# A member's update before a plenary is short: at most this many characters.
MAX_UPDATE_CHARS = 3000
# "Present" can be recorded from this long before a meeting starts (a day ahead, for whoever
# fills in the list the evening before); "excused" and "absent" at any time.
PRESENT_RECORDABLE_BEFORE = datetime.timedelta(days=1)
# An overdue action item is reminded once, while it is at most this many days overdue: the
# first sweep on an existing install does not mail every item forgotten years ago, and a sweep
# missed for a few days still catches up.
OVERDUE_REMINDER_DAYS = 14


def end_is_after_start(*, start: datetime.datetime, end: datetime.datetime) -> bool:
    """A meeting ends after it starts (also the check constraint ``meeting_end_after_start``)."""
    return end > start


def item_duration_is_valid(minutes: int | None) -> bool:
    """An agenda item takes 0 to ``MAX_ITEM_MINUTES`` minutes (0: a point without discussion)."""
    return minutes is not None and 0 <= minutes <= MAX_ITEM_MINUTES


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


def agenda_end(*, start: datetime.datetime, durations: Sequence[int]) -> datetime.datetime | None:
    """The expected close: the meeting's start plus every item's duration; none without items."""
    if not durations:
        return None
    return start + datetime.timedelta(minutes=sum(durations))


def agenda_runs_over(
    *, agenda_end: datetime.datetime | None, meeting_end: datetime.datetime
) -> bool:
    """The agenda's expected close (``agenda_end``) is after the meeting's planned end: the
    builder warns. An agenda that closes exactly at the end fits; an empty one always fits."""
    return agenda_end is not None and agenda_end > meeting_end


def document_is_public(*, document_public: bool, item_public: bool | None) -> bool:
    """A document is public when it is marked public and, when it belongs to an agenda item
    (``item_public`` is not ``None``), that item is public too: a document must never reveal a
    confidential item. Anonymous visitors see public documents of public meetings only; guests
    get them with the public version of the agenda pack (docs/rules.md, S3 and S4)."""
    return document_public and item_public is not False


def present_may_be_recorded(*, start: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether "present" may be recorded now: from ``PRESENT_RECORDABLE_BEFORE`` before the
    meeting's start."""
    return start <= now + PRESENT_RECORDABLE_BEFORE


def minutes_may_be_written(*, held: bool, start: datetime.datetime, now: datetime.datetime) -> bool:
    """Minutes are written once the meeting has begun, or earlier when it is marked held."""
    return held or start <= now


def approval_meeting_is_later(
    *, meeting_start: datetime.datetime, approval_start: datetime.datetime
) -> bool:
    """Minutes are approved in a later meeting than the one they record."""
    return approval_start > meeting_start


def minutes_approval_may_be_recorded(
    *, approval_start: datetime.datetime, now: datetime.datetime
) -> bool:
    """Minutes are approved *in* the later meeting: the approval is recorded once that
    meeting has begun, not before."""
    return approval_start <= now


def action_is_overdue(*, due: datetime.date | None, today: datetime.date) -> bool:
    """An open action item is overdue the day after its due date; one without a date never is."""
    return due is not None and due < today


def overdue_reminder_due_dates(*, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last due date (inclusive) whose open items get the overdue reminder
    ``today``: overdue, and by at most ``OVERDUE_REMINDER_DAYS`` days."""
    return (
        today - datetime.timedelta(days=OVERDUE_REMINDER_DAYS),
        today - datetime.timedelta(days=1),
    )


def agenda_reminder_dates(
    *, today: datetime.date, days: int
) -> tuple[datetime.date, datetime.date]:
    """The first and last meeting day (inclusive) for which the secretary is reminded today
    that the agenda has not been sent: meetings within ``days`` days, today included (``days``
    is the council's ``agenda_reminder_days``)."""
    return today, today + datetime.timedelta(days=days)


def action_may_be_ticked(*, is_owner: bool, may_manage: bool) -> bool:
    """Only the action item's owner or the secretariat marks it done (or open again)."""
    return is_owner or may_manage


def location_label(*, name: str, address: str = "") -> str:
    """A location as shown on every page, e-mail, PDF and calendar: "De Brug, Brugstraat 12"
    (the address after a comma without a space before it), or the name alone."""
    name, address = (name or "").strip(), (address or "").strip()
    return f"{name}, {address}" if name and address else name or address


# Apologies (issue 13.14): a member sends or withdraws them until the meeting starts, for a
# meeting that is still planned (not held, not cancelled).
APOLOGY_STATUSES = ("draft", "agenda_sent")


def apology_may_change(*, status: str, start: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether a member may send apologies for a meeting, or withdraw them, now: the meeting
    is still planned (``APOLOGY_STATUSES``) and has not started yet."""
    return status in APOLOGY_STATUSES and now < start


# A meeting can be cancelled while it is planned: a draft, or one whose agenda was sent.
CANCELLABLE_STATUSES = ("draft", "agenda_sent")


def meeting_may_be_cancelled(*, status: str) -> bool:
    """Only a planned meeting can be cancelled; a held one (or one already cancelled) not."""
    return status in CANCELLABLE_STATUSES


def location_may_be_deleted(*, meetings_using: int) -> bool:
    """A location no meeting uses can be deleted; one in use is kept (set it "not in use")."""
    return meetings_using == 0


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


def public_snapshot(snapshot: dict) -> dict:
    """The part of an agenda snapshot that anyone outside the council may see: the meeting's
    time and place and its public items only (an item without ``is_public`` counts as
    confidential). Guests' "changed since the last sending" list is built from these
    (docs/rules.md, S3 and S4)."""
    if not snapshot:
        return {}
    return {**snapshot, "items": [i for i in snapshot.get("items", []) if i.get("is_public")]}


def agenda_changes_for_guests(old: dict, new: dict) -> list[str]:
    """What changed between two sendings as far as the public items go: a confidential item
    added, renamed, moved or removed is not mentioned; an item that became confidential reads
    as removed, one that became public as new."""
    return agenda_changes(public_snapshot(old), public_snapshot(new))
