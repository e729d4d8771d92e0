"""Who is invited to a meeting, and who sent their apologies (issue 13.14 and 13.15).

Invited members: for a plenary, the active members (a term covering the meeting's day, chair
included), the same people who get the agenda pack; for other kinds, the people with an
attendance row, or else the current members of the meeting's working group, or else (an
alderman or management meeting with neither) the active members as for a plenary. Guests are
invited by name on the meeting. The reminder "meeting tomorrow" goes to the invited members
who have not sent their apologies (``meetings.reminders.meeting_attendees``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .models import Attendance, Meeting


def meeting_day(meeting: Meeting):
    return timezone.localtime(meeting.start).date()


def invited_members(meeting: Meeting) -> list[Any]:
    """The active people invited to ``meeting`` (see the module docstring), in a fixed order."""
    from members.selectors import active_members_on

    User = get_user_model()
    day = meeting_day(meeting)
    people = None
    if meeting.kind != Meeting.Kind.PLENARY:
        listed = Attendance.objects.filter(meeting=meeting)
        if listed.exists():
            people = User.objects.filter(pk__in=listed.values("member_id"))
        elif meeting.working_group_id:
            people = User.objects.filter(
                Q(group_memberships__end__isnull=True) | Q(group_memberships__end__gte=day),
                group_memberships__group_id=meeting.working_group_id,
                group_memberships__start__lte=day,
            )
    if people is None:
        people = active_members_on(day)
    return list(people.filter(is_active=True).distinct().order_by("pk"))


def excused_ids(meeting: Meeting) -> set[int]:
    """The members who sent their apologies (attendance "excused")."""
    return set(
        Attendance.objects.filter(meeting=meeting, status=Attendance.Status.EXCUSED).values_list(
            "member_id", flat=True
        )
    )


def is_invited(meeting: Meeting, user: Any) -> bool:
    """Whether ``user`` is one of the meeting's invited members (one query for a plenary)."""
    if not getattr(user, "pk", None) or not user.is_active:
        return False
    if meeting.kind == Meeting.Kind.PLENARY:
        from members.selectors import active_members_on

        return active_members_on(meeting_day(meeting)).filter(pk=user.pk).exists()
    return any(p.pk == user.pk for p in invited_members(meeting))
