"""Meetings' reminders (docs/rules.md, D25), collected by ``adviesraad.background.reminders``.

Every date is a Europe/Amsterdam date: ``today`` is ``timezone.localdate()`` of the sweep, and a
meeting's day is the local date of its start (a meeting at 00:30 on the 24th is "tomorrow" on
the 23rd, whatever the UTC offset that night).

Kinds, recipients and how often (the ``day`` of the ``ReminderSent`` key):

``agenda_not_sent``
    A meeting of a kind that has an agenda (plenary, alderman, management, working-group
    quarterly) starts within ``CouncilSettings.agenda_reminder_days`` days (today included)
    and is still a draft → every active secretary (group Secretariaat). Once per meeting: the
    key day is the meeting's date, so moving the meeting to another date reminds again.
``meeting_tomorrow``
    A meeting whose agenda was sent (status ``agenda_sent``) starts tomorrow → its attendees,
    once (key day = the meeting's date). Attendees: for a plenary, the active members (a term
    covering the meeting's day, chair included) — the same people who get the agenda pack; for
    other kinds, the people with an attendance row, or else the current members of the
    meeting's working group, or else (an alderman or management meeting with neither) the
    active members as for a plenary. Whoever has sent their apologies (attendance "excused")
    is left out.
``action_due_tomorrow``
    An open action item due tomorrow → its owner only, once (key day = the due date).
``action_overdue``
    An open action item past its due date → its owner only, ONCE per item (key day = the due
    date), not daily: the action list keeps showing it as overdue. Only while it is at most
    ``rules.OVERDUE_REMINDER_DAYS`` overdue (``rules.overdue_reminder_due_dates``).

The windows come from ``meetings.rules``; the queries only turn them into date ranges.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from adviesraad.background.reminders import to_each
from members import roles
from members.selectors import council_settings_get

from . import rules
from .invitees import excused_ids, invited_members
from .models import ActionItem, Meeting

# Work visits, trainings and informal meetings have no agenda pack to send.
AGENDA_KINDS = (
    Meeting.Kind.PLENARY,
    Meeting.Kind.ALDERMAN,
    Meeting.Kind.MANAGEMENT,
    Meeting.Kind.WORKING_GROUP,
)


def local_day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the current (Amsterdam) time zone, as aware time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def meetings_starting_between(first: datetime.date, last: datetime.date):
    """Meetings whose local start date lies in ``first`` … ``last`` (inclusive)."""
    return Meeting.objects.filter(
        start__gte=local_day_start(first),
        start__lt=local_day_start(last + datetime.timedelta(days=1)),
    ).select_related("location", "working_group")


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.start).date()


def secretaries() -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.SECRETARY)
        .distinct()
        .order_by("pk")
    )


def meeting_attendees(meeting: Meeting) -> list[Any]:
    """Who is expected at ``meeting``: the invited members (``meetings.invitees``) but those
    who sent their apologies (see the module docstring for the rule)."""
    excused = excused_ids(meeting)
    return [p for p in invited_members(meeting) if p.pk not in excused]


def _when(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.start), "D j F Y, H:i")


def agenda_not_sent(*, today: datetime.date) -> list[dict]:
    first, last = rules.agenda_reminder_dates(
        today=today, days=council_settings_get().agenda_reminder_days
    )
    meetings = list(
        meetings_starting_between(first, last)
        .filter(status=Meeting.Status.DRAFT, kind__in=AGENDA_KINDS)
        .order_by("start", "pk")
    )
    if not meetings:
        return []
    people = secretaries()
    reminders = []
    for meeting in meetings:
        day = meeting_day(meeting)
        subject = _("Agenda nog niet verstuurd: %(titel)s op %(datum)s") % {
            "titel": meeting.title,
            "datum": date_format(day, "j F Y"),
        }
        context = {
            "meeting": meeting,
            "when": _when(meeting),
            "days_left": (day - today).days,
        }
        reminders += to_each(
            people,
            kind="agenda_not_sent",
            object=meeting,
            subject=subject,
            url=reverse("meetings:detail", args=[meeting.pk]),
            context=context,
            day=day,
        )
    return reminders


def meeting_tomorrow(*, today: datetime.date) -> list[dict]:
    tomorrow = today + datetime.timedelta(days=1)
    meetings = list(
        meetings_starting_between(tomorrow, tomorrow)
        .filter(status=Meeting.Status.AGENDA_SENT)
        .order_by("start", "pk")
    )
    reminders = []
    for meeting in meetings:
        subject = _("Morgen: %(titel)s, %(datum)s") % {
            "titel": meeting.title,
            "datum": _when(meeting),
        }
        context = {"meeting": meeting, "when": _when(meeting), "location": meeting.location}
        reminders += to_each(
            meeting_attendees(meeting),
            kind="meeting_tomorrow",
            object=meeting,
            subject=subject,
            url=reverse("meetings:detail", args=[meeting.pk]),
            context=context,
            day=tomorrow,
        )
    return reminders


def _action_url(action: ActionItem) -> str:
    if action.meeting_id:
        return reverse("meetings:detail", args=[action.meeting_id]) + "#acties"
    return reverse("meetings:action_list")


def _action_reminder(action: ActionItem, *, kind: str, subject: str) -> dict:
    return {
        "kind": kind,
        "object": action,
        "recipient": action.owner,
        "subject": subject,
        "url": _action_url(action),
        "context": {
            "action": action,
            "meeting": action.meeting,
            "due": action.due_date,
            "due_label": date_format(action.due_date, "l j F Y"),
        },
        "day": action.due_date,
    }


def open_actions():
    return ActionItem.objects.filter(
        done=False, due_date__isnull=False, owner__is_active=True
    ).select_related("owner", "meeting")


def action_due_tomorrow(*, today: datetime.date) -> list[dict]:
    tomorrow = today + datetime.timedelta(days=1)
    return [
        _action_reminder(
            action,
            kind="action_due_tomorrow",
            subject=_("Actiepunt morgen af: %(actie)s") % {"actie": action.description[:120]},
        )
        for action in open_actions().filter(due_date=tomorrow).order_by("pk")
    ]


def action_overdue(*, today: datetime.date) -> list[dict]:
    """Once per item, while it is overdue by at most ``rules.OVERDUE_REMINDER_DAYS`` days."""
    first, last = rules.overdue_reminder_due_dates(today=today)
    return [
        _action_reminder(
            action,
            kind="action_overdue",
            subject=_("Actiepunt over de datum: %(actie)s") % {"actie": action.description[:120]},
        )
        for action in open_actions()
        .filter(due_date__range=(first, last))
        .order_by("due_date", "pk")
    ]


def sweep(*, today: datetime.date) -> list[dict]:
    """Every meetings reminder due on ``today`` (a Europe/Amsterdam date)."""
    return [
        *agenda_not_sent(today=today),
        *meeting_tomorrow(today=today),
        *action_due_tomorrow(today=today),
        *action_overdue(today=today),
    ]
