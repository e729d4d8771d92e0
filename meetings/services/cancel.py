"""Cancelling a meeting (issue 13.15).

A planned meeting (draft, or agenda sent: ``rules.meeting_may_be_cancelled``) is cancelled by
the secretary after a confirmation page that says who will be told. The meeting is kept with
the status "cancelled" (``adviesraad.transitions``: a status change with the note and the
audit entry ``meeting.status_changed``); its agenda is then fixed. The invitees get one notice
each (``notices.meeting_cancelled_notify``); the iCalendar feeds show ``STATUS:CANCELLED``; no
reminder goes out for it (the reminders only look at draft and agenda-sent meetings); it stays
on the member and public pages marked "Geannuleerd".
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad import pagecache
from adviesraad.transitions import locked, transition

from .. import rules
from ..invitees import invited_members
from ..models import Meeting
from .base import MeetingError
from .notices import meeting_cancelled_notify

MAX_NOTE = 500


def cancel_recipients(meeting: Meeting) -> dict[str, list]:
    """Who will be told when ``meeting`` is cancelled: the invited members and the guests (with
    or without an address), for the confirmation page."""
    guests = list(meeting.guests.all())
    return {
        "members": invited_members(meeting),
        "guests": [g for g in guests if g.email],
        "guests_without_email": [g for g in guests if not g.email],
    }


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: Any, note: str = "") -> dict[str, int]:
    """Cancel a planned meeting and tell its invitees once; returns how many were told.

    A held or already cancelled meeting is refused (nothing is changed, nobody is told).
    """
    meeting = locked(meeting)
    if not rules.meeting_may_be_cancelled(status=meeting.status):
        raise MeetingError(
            _("Deze vergadering is al geannuleerd.")
            if meeting.is_cancelled
            else _("Alleen een geplande vergadering kan worden geannuleerd.")
        )
    note = (note or "").strip()[:MAX_NOTE]
    transition(meeting, to=Meeting.Status.CANCELLED, by=by, note=note, error=MeetingError)
    meeting.save(update_fields=["status", "updated_at"])
    told = meeting_cancelled_notify(meeting=meeting, note=note)
    if meeting.is_public:
        pagecache.public_changed()  # forgotten after the commit
    return told
