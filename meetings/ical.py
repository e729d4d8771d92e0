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


def build_calendar(
    meetings, *, name: str, public_only: bool, url_for, with_items: bool = True
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting, times in Europe/Amsterdam.

    Text is plain (iCalendar has no markup) and escaped by the library. ``public_only`` leaves
    confidential agenda items out of the description. ``meetings`` has ``items`` prefetched.
    """
    cal = Calendar()
    cal.add("prodid", "-//Adviesraad//Vergaderingen//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    cal.add_component(_vtimezone())
    # A fixed domain (settings.ICAL_UID_DOMAIN), whatever host the feed was reached under: a
    # subscriber who reaches the site under another name must not get every event twice.
    host = settings.ICAL_UID_DOMAIN
    for m in meetings:
        ev = Event()
        ev.add("uid", f"vergadering-{m.pk}@{host}")
        ev.add("dtstamp", m.updated_at)
        ev.add("dtstart", m.start.astimezone(AMS))
        ev.add("dtend", m.end.astimezone(AMS))
        ev.add("summary", m.title)
        if m.location:
            where = m.location.name + (f", {m.location.address}" if m.location.address else "")
            ev.add("location", where)
        lines = [m.get_kind_display()]
        if with_items:
            # numbered on the full agenda: the public feed keeps the members' numbers
            for n, item in enumerate(sort_items(m.items.all()), start=1):
                if item.is_public or not public_only:
                    lines.append(f"{n}. {item.title}")
        ev.add("description", "\n".join(lines))
        ev.add("url", url_for(m))
        ev.add("status", "CONFIRMED")
        cal.add_component(ev)
    return cal.to_ical()
