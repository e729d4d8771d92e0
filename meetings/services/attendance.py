"""Apologies (*afmelden*, issue 13.14): a member says they cannot come to a meeting.

An apology is the member's attendance row with status "excused" (the same row the secretary
records on the attendance form), with the member's optional note. It can be sent and withdrawn
until the meeting starts, while the meeting is still planned (``rules.apology_may_change``),
and only by a member who is invited (``meetings.invitees``). Whoever sent their apologies gets
no "meeting tomorrow" reminder. Attendance is internal: nothing here changes a public page.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked

from .. import rules
from ..invitees import is_invited
from ..models import Attendance, Meeting
from .base import MeetingError

MAX_NOTE = 200


def _check_open(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise MeetingError(_("Deze vergadering is geannuleerd."))
    if not rules.apology_may_change(status=meeting.status, start=meeting.start, now=timezone.now()):
        raise MeetingError(
            _("De vergadering is al begonnen; afmelden of je afmelding intrekken kan niet meer.")
        )


@transaction.atomic
def apology_send(*, meeting: Meeting, member: Any, note: str = "") -> Attendance:
    """Record ``member``'s apologies for ``meeting`` (attendance "excused", with the note).

    Refused once the meeting has started or is no longer planned, for someone who is not
    invited, and when the secretary has already recorded the member as present or absent.
    Sending again only updates the note.
    """
    meeting = locked(meeting)
    _check_open(meeting)
    if not is_invited(meeting, member):
        raise MeetingError(_("Je bent niet uitgenodigd voor deze vergadering."))
    row = Attendance.objects.filter(meeting=meeting, member=member).first()
    if row is not None and row.status != Attendance.Status.EXCUSED:
        raise MeetingError(
            _(
                "Het secretariaat heeft je al als %(status)s vastgelegd. Neem contact op met het secretariaat."
            )
            % {"status": row.get_status_display()}
        )
    note = (note or "").strip()[:MAX_NOTE]
    if row is None:
        row = Attendance.objects.create(
            meeting=meeting, member=member, status=Attendance.Status.EXCUSED, note=note
        )
    else:
        row.note = note
        row.save(update_fields=["note"])
    audit_record(actor=member, action="attendance.apology_sent", obj=meeting)
    return row


@transaction.atomic
def apology_withdraw(*, meeting: Meeting, member: Any) -> None:
    """Withdraw ``member``'s apologies: their "excused" row goes, so they are expected again.
    Only before the meeting starts; a row the secretary set to present or absent stays."""
    meeting = locked(meeting)
    _check_open(meeting)
    row = Attendance.objects.filter(
        meeting=meeting, member=member, status=Attendance.Status.EXCUSED
    ).first()
    if row is None:
        raise MeetingError(_("Je had je niet afgemeld voor deze vergadering."))
    row.delete()
    audit_record(actor=member, action="attendance.apology_withdrawn", obj=meeting)


def apology_of(meeting: Meeting, member: Any) -> Attendance | None:
    """``member``'s apologies for ``meeting``, or ``None``."""
    if not getattr(member, "pk", None):
        return None
    return Attendance.objects.filter(
        meeting=meeting, member=member, status=Attendance.Status.EXCUSED
    ).first()


def apologies(meeting: Meeting) -> list[Attendance]:
    """Every apology for ``meeting``, with the member, by name (what the secretary sees)."""
    return list(
        Attendance.objects.filter(meeting=meeting, status=Attendance.Status.EXCUSED)
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "pk")
    )
