"""Attendance and minutes: who was there, what was decided, and approving the minutes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad import pagecache
from adviesraad.audit import audit_record
from adviesraad.transitions import locked, transition

from .. import rules
from ..models import AgendaItem, Attendance, Meeting, Minutes
from .agenda import agenda_item_add
from .base import MeetingError
from .meetings import meeting_transition


class AttendanceClaimed(MeetingError):
    """Clearing these members' attendance was refused: it is claimed on a declaration."""

    def __init__(self, message: str, *, member_ids: list[int]):
        super().__init__(message)
        self.member_ids = member_ids


@transaction.atomic
def attendance_record(*, meeting: Meeting, by: Any, statuses: dict[int, str]) -> list[Attendance]:
    """Record present / excused / absent per member, one row per member per meeting; an empty
    status clears the member's row.

    "Present" can be recorded only from ``rules.PRESENT_RECORDABLE_BEFORE`` before the start.
    An attendance that is claimed on a declaration (the allowance for the meeting) cannot be
    cleared: the whole change is refused and :class:`AttendanceClaimed` names the members.
    """
    meeting = locked(meeting)
    if any(
        s == Attendance.Status.PRESENT for s in statuses.values()
    ) and not rules.present_may_be_recorded(start=meeting.start, now=timezone.now()):
        raise MeetingError(_("Aanwezigheid kan pas worden vastgelegd als de vergadering begint."))
    if any(s and s not in Attendance.Status.values for s in statuses.values()):
        raise MeetingError(_("Onbekende aanwezigheid."))
    cleared = [member_id for member_id, status in statuses.items() if not status]
    claimed = []
    for row in Attendance.objects.filter(meeting=meeting, member_id__in=cleared).select_related(
        "member"
    ):
        try:
            row.delete()
        except ProtectedError:
            claimed.append(row)
    if claimed:
        raise AttendanceClaimed(
            _(
                "De aanwezigheid van %(namen)s is al gedeclareerd (vacatievergoeding) en kan "
                "niet worden gewist. Kies aanwezig, afgemeld of afwezig."
            )
            % {"namen": ", ".join(str(row.member) for row in claimed)},
            member_ids=[row.member_id for row in claimed],
        )
    rows = [
        Attendance.objects.update_or_create(
            meeting=meeting, member_id=member_id, defaults={"status": status}
        )[0]
        for member_id, status in statuses.items()
        if status
    ]
    audit_record(
        actor=by,
        action="attendance.recorded",
        obj=meeting,
        data={str(k): v for k, v in statuses.items()},
    )
    return rows


def _minutes_for(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    return minutes


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, by: Any, notes: str, decisions: dict[int, str] | None = None
) -> Minutes:
    """Write the general notes and the decision per agenda item of this meeting.

    Minutes are written once the meeting has begun (``rules.minutes_may_be_written``) and are
    final once approved. The decisions of public items show on a public meeting's page.
    """
    meeting = locked(meeting)
    minutes = _minutes_for(meeting)
    if minutes.is_approved:
        raise MeetingError(_("Deze notulen zijn vastgesteld en kunnen niet meer worden gewijzigd."))
    if not rules.minutes_may_be_written(
        held=meeting.status in Meeting.HELD, start=meeting.start, now=timezone.now()
    ):
        raise MeetingError(_("Notulen kunnen pas worden gemaakt als de vergadering begonnen is."))
    minutes.notes = notes
    minutes.save()
    items = {i.pk: i for i in AgendaItem.objects.filter(meeting=meeting)}
    for pk, text in (decisions or {}).items():
        if pk not in items:
            raise MeetingError(_("Dit agendapunt hoort niet bij deze vergadering."))
        items[pk].decision = text
    AgendaItem.objects.bulk_update(list(items.values()), ["decision"])
    audit_record(actor=by, action="minutes.saved", obj=minutes)
    if meeting.is_public:
        pagecache.public_changed()
    return minutes


@transaction.atomic
def minutes_schedule_approval(*, meeting: Meeting, by: Any, at_meeting: Meeting) -> AgendaItem:
    """Put the approval of these minutes on a later meeting's agenda (an item is added there
    by :func:`agenda_item_add`, under its rules). Approved minutes are not scheduled again."""
    meeting = locked(meeting)
    minutes = _minutes_for(meeting)
    if minutes.is_approved:
        raise MeetingError(_("Deze notulen zijn al vastgesteld."))
    if not rules.approval_meeting_is_later(
        meeting_start=meeting.start, approval_start=at_meeting.start
    ):
        raise MeetingError(
            _("Notulen worden vastgesteld in een latere vergadering."), field="at_meeting"
        )
    title = _("Vaststelling notulen %(datum)s") % {
        "datum": timezone.localtime(meeting.start).strftime("%d-%m-%Y")
    }
    item = agenda_item_add(
        meeting=at_meeting,
        by=by,
        title=title,
        section=AgendaItem.Section.OPENING,
        duration_minutes=5,
    )
    minutes.approval_meeting = at_meeting
    minutes.save(update_fields=["approval_meeting", "updated_at"])
    audit_record(
        actor=by, action="minutes.approval_scheduled", obj=minutes, data={"at": at_meeting.pk}
    )
    return item


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by: Any, at_meeting: Meeting | None = None) -> Minutes:
    """Approve the minutes of a held meeting in a later meeting (``Minutes.TRANSITIONS``: draft
    → approved, audit entry ``minutes.approved``); the meeting becomes 'minutes approved'.

    The approval is tied to the meeting it happens in: ``at_meeting``, or the one the approval
    was scheduled for (:func:`minutes_schedule_approval`). That meeting is later than this one
    (``rules.approval_meeting_is_later``) and has begun (``rules.minutes_approval_may_be_recorded``).
    A public meeting's page then shows the public minutes and decisions."""
    meeting = locked(meeting)
    minutes = _minutes_for(meeting)
    if not minutes.can_transition_to(Minutes.Status.APPROVED):
        raise MeetingError(_("Deze notulen zijn al vastgesteld."))
    if not meeting.can_transition_to(Meeting.Status.MINUTES_APPROVED):
        raise MeetingError(
            _("Alleen notulen van een gehouden vergadering kunnen worden vastgesteld.")
        )
    at_meeting = _check_approval_meeting(meeting, at_meeting or minutes.approval_meeting)
    transition(minutes, to=Minutes.Status.APPROVED, by=by, error=MeetingError)
    minutes.approved_at = timezone.now()
    minutes.approved_by = by if getattr(by, "pk", None) else None
    minutes.approval_meeting = at_meeting
    minutes.save()
    audit_record(actor=by, action="minutes.approved_in", obj=minutes, data={"at": at_meeting.pk})
    meeting_transition(meeting=meeting, by=by, to_status=Meeting.Status.MINUTES_APPROVED)
    if meeting.is_public:
        pagecache.public_changed()
    return minutes


def _check_approval_meeting(meeting: Meeting, at_meeting: Meeting | None) -> Meeting:
    """The meeting the minutes are approved in, once it is later and has begun."""
    if at_meeting is None:
        raise MeetingError(
            _("Zet de vaststelling eerst op de agenda van een latere vergadering."),
            field="at_meeting",
        )
    if not rules.approval_meeting_is_later(
        meeting_start=meeting.start, approval_start=at_meeting.start
    ):
        raise MeetingError(
            _("Notulen worden vastgesteld in een latere vergadering."), field="at_meeting"
        )
    if not rules.minutes_approval_may_be_recorded(
        approval_start=at_meeting.start, now=timezone.now()
    ):
        raise MeetingError(
            _(
                "De notulen worden vastgesteld in de vergadering van %(datum)s. Dat kan pas "
                "als die vergadering begonnen is."
            )
            % {"datum": timezone.localtime(at_meeting.start).strftime("%d-%m-%Y")},
            field="at_meeting",
        )
    return at_meeting
