"""Meetings, their status and their invited guests."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad import pagecache
from adviesraad.audit import audit_record
from adviesraad.transitions import locked, transition

from .. import rules
from ..models import AgendaItem, Guest, Location, Meeting
from .base import MeetingError

S = AgendaItem.Section

# A new plenary starts from this agenda (docs/rules.md, D10).
PLENARY_TEMPLATE: list[tuple[str, str, int]] = [
    (S.OPENING, "Opening en mededelingen", 5),
    (S.OPENING, "Vaststelling notulen vorige vergadering", 10),
    (S.UPDATES, "Updates van leden en werkgroepen", 20),
    (S.KNOWLEDGE, "Kennisoverdracht", 30),
    (S.OTHER, "Wat verder ter tafel komt", 10),
    (S.CLOSING, "Sluiting", 5),
]


def _check(*, kind: str, start: datetime.datetime | None, end: datetime.datetime | None) -> None:
    if start is None or end is None:
        raise MeetingError(_("Vul een begin en een einde in."), field="start")
    if not rules.end_is_after_start(start=start, end=end):
        raise MeetingError(_("Het einde moet na het begin liggen."), field="end")
    if kind not in Meeting.Kind.values:
        raise MeetingError(_("Onbekende soort vergadering."), field="kind")


@transaction.atomic
def meeting_create(
    *,
    by: Any,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    location: Location | None = None,
    is_public: bool = False,
    description: str = "",
    working_group: Any = None,
    use_template: bool = True,
) -> Meeting:
    """Plan one meeting: it ends after it starts and is of a known kind. A new plenary starts
    from the template agenda. A public meeting appears on the public site at once."""
    _check(kind=kind, start=start, end=end)
    meeting = Meeting.objects.create(
        kind=kind,
        title=title.strip(),
        start=start,
        end=end,
        location=location,
        is_public=is_public,
        description=description,
        working_group=working_group,
    )
    if use_template and kind == Meeting.Kind.PLENARY:
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, section=section, position=i, title=t, duration_minutes=d)
            for i, (section, t, d) in enumerate(PLENARY_TEMPLATE)
        )
    audit_record(actor=by, action="meeting.created", obj=meeting, data={"kind": kind})
    if meeting.is_public:
        pagecache.public_changed()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: Any, data: dict[str, Any]) -> Meeting:
    """Change a single meeting (e.g. move one date of the year plan), under the same rules as
    planning it. The public site changes when the meeting was or becomes public."""
    meeting = locked(meeting)
    was_public = meeting.is_public
    values = {k: v for k, v in data.items() if k in rules.MEETING_FIELDS}
    _check(
        kind=values.get("kind", meeting.kind),
        start=values.get("start", meeting.start),
        end=values.get("end", meeting.end),
    )
    changed = []
    for k, v in values.items():
        if getattr(meeting, k) != v:
            setattr(meeting, k, v)
            changed.append(k)
    meeting.save()
    if changed:
        audit_record(actor=by, action="meeting.updated", obj=meeting, data={"fields": changed})
        if was_public or meeting.is_public:
            pagecache.public_changed()
    return meeting


@transaction.atomic
def meeting_plan_year(
    *,
    by: Any,
    year: int,
    kind: str,
    title: str,
    weekday: int,
    n: int,
    start_time: datetime.time,
    duration_minutes: int,
    location: Location | None = None,
    is_public: bool = False,
    months: list[int] | None = None,
) -> list[Meeting]:
    """Plan a series at once, e.g. the second Tuesday of each month at 19:30.

    Dates that already have a meeting of the same kind that day are skipped, so planning
    twice creates nothing new. Each meeting is planned by :func:`meeting_create`.
    """
    if duration_minutes <= 0:
        raise MeetingError(_("De duur moet groter zijn dan nul."), field="duration_minutes")
    tz = timezone.get_current_timezone()
    created = []
    for day in rules.year_plan_dates(
        year=year, weekday=weekday, n=n, months=months or range(1, 13)
    ):
        start = timezone.make_aware(datetime.datetime.combine(day, start_time), tz)
        if Meeting.objects.filter(kind=kind, start__date=day).exists():
            continue
        created.append(
            meeting_create(
                by=by,
                kind=kind,
                title=title,
                start=start,
                end=start + datetime.timedelta(minutes=duration_minutes),
                location=location,
                is_public=is_public,
            )
        )
    return created


@transaction.atomic
def meeting_transition(*, meeting: Meeting, by: Any, to_status: str) -> Meeting:
    """Move a meeting along ``Meeting.TRANSITIONS``: draft → agenda sent → held → minutes
    approved (a meeting without an agenda pack goes from draft to held).

    Writes a status change and the audit entry ``meeting.status_changed``. A step the table
    does not allow is refused. A public meeting's page changes with its status.
    """
    if to_status == Meeting.Status.CANCELLED:  # only with its notices: services.cancel
        raise MeetingError(_("Annuleer een vergadering met 'Vergadering annuleren'."))
    meeting = locked(meeting)
    transition(meeting, to=to_status, by=by, error=MeetingError)
    meeting.save(update_fields=["status", "updated_at"])
    if meeting.is_public:
        pagecache.public_changed()
    return meeting


@transaction.atomic
def guest_add(
    *, meeting: Meeting, by: Any, name: str, organisation: str = "", email: str = ""
) -> Guest:
    """Invite an external guest: they receive the public version of the agenda pack."""
    guest = Guest.objects.create(
        meeting=meeting, name=name.strip(), organisation=organisation.strip(), email=email.strip()
    )
    audit_record(actor=by, action="meeting.guest_added", obj=meeting, data={"guest": guest.pk})
    return guest


@transaction.atomic
def guest_remove(*, guest: Guest, by: Any) -> None:
    """Withdraw a guest's invitation; later sendings of the pack leave them out."""
    meeting = guest.meeting
    guest.delete()
    audit_record(actor=by, action="meeting.guest_removed", obj=meeting)
