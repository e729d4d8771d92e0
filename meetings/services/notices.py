"""Who is told what about a meeting (issue 13, defect 5 and 13.15): a notification in the app,
and by e-mail as each person chose (``adviesraad.notifications``).

- The agenda is sent → every member who gets the agenda pack (active on the meeting's day),
  with a link to the meeting. The agenda e-mail itself is the e-mail: it goes to the members
  who want this kind by e-mail (the default); a member who chose the daily digest finds the
  notice there, one who chose "app only" in the app (the pack is on the meeting page).
- A meeting is cancelled → every invited member (``meetings.invitees``), in the app and by
  e-mail as they chose; every guest with an address by e-mail, once, with the cancelled
  calendar event attached (:func:`cancel_notices_to_guests`, after commit in a task).

The services call these inside their transaction, so a change that rolls back tells nobody.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from adviesraad.notifications.models import Delivery, Notification
from adviesraad.notifications.services import deliveries_for, notify
from adviesraad.queue import enqueue

from ..invitees import invited_members, meeting_day
from ..models import Guest, Meeting

AGENDA_SENT = "agenda_sent"
MEETING_CANCELLED = "meeting_cancelled"


def _when(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.start), "D j F Y, H:i")


def pack_members(day: datetime.date) -> list[Any]:
    """The members who get the agenda pack: active on ``day``, with an address."""
    from members.selectors import active_members_on

    return [m for m in active_members_on(day).order_by("email") if m.email]


def pack_member_addresses(meeting: Meeting) -> list[str]:
    """The addresses the agenda pack e-mail goes to: the pack's members who want the
    agenda notice by e-mail (the default)."""
    members = pack_members(meeting_day(meeting))
    delivery = deliveries_for(users=members, kind=AGENDA_SENT)
    return [m.email for m in members if delivery[m.pk] == Delivery.EMAIL]


def agenda_sent_notify(*, meeting: Meeting, is_resend: bool) -> int:
    """The agenda was sent: a notification with a link to the meeting for every member of the
    pack. No separate e-mail: the agenda e-mail is the e-mail (a digest choice gets it in the
    digest). Returns how many were told."""
    members = [m for m in pack_members(meeting_day(meeting)) if m.is_active]
    delivery = deliveries_for(users=members, kind=AGENDA_SENT)
    text = (
        _("De gewijzigde agenda voor %(titel)s op %(datum)s is verstuurd.")
        if is_resend
        else _("De agenda voor %(titel)s op %(datum)s is verstuurd.")
    )
    title = text % {"titel": meeting.title, "datum": _when(meeting)}
    url = reverse("meetings:detail", args=[meeting.pk])
    Notification.objects.bulk_create(
        Notification(
            recipient=m, kind=AGENDA_SENT, title=title[:300], url=url, delivery=delivery[m.pk]
        )
        for m in members
    )
    return len(members)


def meeting_cancelled_notify(*, meeting: Meeting, note: str = "") -> dict[str, int]:
    """The meeting was cancelled: one notice to each invited member (as they chose) and,
    after commit, one e-mail to each guest. Returns the counts."""
    title = _("Geannuleerd: %(titel)s op %(datum)s") % {
        "titel": meeting.title,
        "datum": _when(meeting),
    }
    url = reverse("meetings:detail", args=[meeting.pk])
    members = invited_members(meeting)
    context = {"meeting": meeting, "when": _when(meeting), "note": note}
    for person in members:
        notify(
            recipient=person,
            kind=MEETING_CANCELLED,
            title=title,
            url=url,
            email_template_prefix="meetings/email/meeting_cancelled",
            context=context,
        )
    guests = [g for g in meeting.guests.all() if g.email]
    if guests:
        enqueue("meetings.tasks.send_cancel_notices", meeting.pk)
    return {"members": len(members), "guests": len(guests)}


def cancel_notices_to_guests(*, meeting_id: int) -> int:
    """E-mail each guest of a cancelled meeting once (``Guest.cancel_notice_sent_at``), with
    the cancelled event as ``.ics``. Each guest is marked as it goes, so a task that runs again
    sends only what is missing. Returns how many were sent now."""
    from adviesraad.mail import build_email
    from members.selectors import council_settings_get

    from ..ical import build_invitation

    meeting = Meeting.objects.select_related("location").get(pk=meeting_id)
    if not meeting.is_cancelled:
        return 0
    public_url = (
        settings.SITE_URL.rstrip("/") + reverse("meetings_public:detail", args=[meeting.pk])
        if meeting.is_public
        else ""
    )
    ics = build_invitation(meeting, url=public_url, public_only=True)
    note = (
        meeting.status_changes.filter(to_status=Meeting.Status.CANCELLED)
        .values_list("note", flat=True)
        .last()
    )
    context = {
        "meeting": meeting,
        "when": _when(meeting),
        "note": note or "",
        "council": council_settings_get(),
        "public_url": public_url,
    }
    sent = 0
    for guest in meeting.guests.filter(cancel_notice_sent_at__isnull=True).exclude(email=""):
        build_email(
            template_prefix="meetings/email/meeting_cancelled_guest",
            context={**context, "guest": guest},
            to=[guest.email],
            attachments=[(f"vergadering-{meeting.pk}.ics", ics, "text/calendar")],
        ).send()
        Guest.objects.filter(pk=guest.pk).update(cancel_notice_sent_at=timezone.now())
        sent += 1
    return sent
