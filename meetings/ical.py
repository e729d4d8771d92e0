"""iCalendar feeds: the public one and each member's personal one (behind a secret token)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .selectors import sort_items

AMS = ZoneInfo("Europe/Amsterdam")


def _vtimezone() -> Timezone:
    tz = Timezone()
    tz.add("tzid", "Europe/Amsterdam")
    std = TimezoneStandard()
    std.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    std.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    std.add("tzoffsetfrom", datetime.timedelta(hours=2))
    std.add("tzoffsetto", datetime.timedelta(hours=1))
    std.add("tzname", "CET")
    dst = TimezoneDaylight()
    dst.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    dst.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    dst.add("tzoffsetfrom", datetime.timedelta(hours=1))
    dst.add("tzoffsetto", datetime.timedelta(hours=2))
    dst.add("tzname", "CEST")
    tz.add_component(std)
    tz.add_component(dst)
    return tz


def _calendar(name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Adviesraad//Vergaderingen//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    cal.add_component(_vtimezone())
    return cal


def event_uid(meeting) -> str:
    """The meeting's UID in every feed and invitation, on the fixed ``ICAL_UID_DOMAIN``: the
    same event whatever host name the subscriber used, so a calendar never shows it twice."""
    return f"vergadering-{meeting.pk}@{settings.ICAL_UID_DOMAIN}"


def _event(m, *, public_only: bool, url: str, with_items: bool) -> Event:
    ev = Event()
    ev.add("uid", event_uid(m))
    ev.add("dtstamp", m.updated_at)
    ev.add("dtstart", m.start.astimezone(AMS))
    ev.add("dtend", m.end.astimezone(AMS))
    ev.add("summary", m.title)
    if m.location:
        ev.add("location", m.location.label)
    lines = [m.get_kind_display()]
    if with_items:
        # numbered on the full agenda: the public feed keeps the members' numbers (gaps allowed)
        for n, item in enumerate(sort_items(m.items.all()), start=1):
            if item.is_public or not public_only:
                lines.append(f"{n}. {item.title}")
    ev.add("description", "\n".join(lines))
    if url:
        ev.add("url", url)
    # A cancelled meeting stays in the feeds, marked cancelled: calendars strike it through.
    ev.add("status", "CANCELLED" if m.is_cancelled else "CONFIRMED")
    if m.is_cancelled:
        ev.add("sequence", 1)  # later than the invitation, so a calendar takes the change
    return ev


def build_calendar(
    meetings, *, name: str, public_only: bool, url_for, with_items: bool = True
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting, times in Europe/Amsterdam.

    Text is plain (iCalendar has no markup) and escaped by the library. ``public_only`` leaves
    confidential agenda items out of the description. ``meetings`` has ``items`` prefetched.
    A cancelled meeting has ``STATUS:CANCELLED``.
    """
    cal = _calendar(name)
    for m in meetings:
        cal.add_component(_event(m, public_only=public_only, url=url_for(m), with_items=with_items))
    return cal.to_ical()


def build_invitation(meeting, *, url: str, public_only: bool) -> bytes:
    """The calendar invitation (``.ics``) attached to the agenda e-mail and the notice of a
    cancellation: one VEVENT with the feeds' UID, so it is the same event as in a
    subscribed feed. ``meeting`` has ``items`` loaded (or prefetched)."""
    cal = _calendar()
    cal.add("method", "CANCEL" if meeting.is_cancelled else "PUBLISH")
    cal.add_component(_event(meeting, public_only=public_only, url=url, with_items=True))
    return cal.to_ical()
