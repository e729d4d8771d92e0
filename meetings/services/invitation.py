"""What the agenda e-mail adds to the pack (issue 13.14): a link to the meeting, a link to
send apologies (members; a page behind the log-in, so no token can leak) and the calendar
invitation (``.ics``, the feeds' event: ``meetings.ical.build_invitation``).

Members get the internal meeting page; guests the public page of a public meeting, or no link.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from ..models import Meeting


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def meeting_url(meeting: Meeting, *, public_only: bool) -> str:
    if not public_only:
        return _absolute(reverse("meetings:detail", args=[meeting.pk]))
    if meeting.is_public:
        return _absolute(reverse("meetings_public:detail", args=[meeting.pk]))
    return ""


def invitation_context(meeting: Meeting, *, public_only: bool) -> dict:
    """``meeting_url`` and (for members) ``apology_url`` for the agenda e-mail."""
    return {
        "meeting_url": meeting_url(meeting, public_only=public_only),
        "apology_url": ""
        if public_only
        else _absolute(reverse("meetings:apology", args=[meeting.pk])),
    }


def invitation_ics(meeting: Meeting, *, public_only: bool) -> bytes:
    """The calendar invitation: the meeting as one event (public items only for guests)."""
    from ..ical import build_invitation

    return build_invitation(
        meeting, url=meeting_url(meeting, public_only=public_only), public_only=public_only
    )
