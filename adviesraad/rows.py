"""Display values for the rows of long public lists, computed once per request instead of once
per row in the template.

A template's ``{% url %}`` and ``|date`` cost a URL resolution and a date format (with its
translated month and weekday names) for every row; on a page of 20 or 30 rows that was a
fifth of the page's CPU (``docs/performance.md``). These helpers give the same text.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS_ABBR

_MARKER = 987654321  # matches both an int and a slug converter


def url_maker(name: str) -> Callable[[object], str]:
    """``url_maker("app:detail")(pk)`` == ``reverse("app:detail", args=[pk])``, resolved once
    (for URL patterns whose one argument is an int or a slug, which need no quoting)."""
    head, tail = reverse(name, args=[_MARKER]).split(str(_MARKER), 1)
    return lambda arg: f"{head}{arg}{tail}"


class Dates:
    """Django's ``|date:"D j F Y"`` and ``"D j F Y, H:i"`` (``adviesraad/formats``) in the
    active language and time zone, with the names translated once."""

    def __init__(self) -> None:
        self.weekdays = [str(d) for d in WEEKDAYS_ABBR.values()]
        self.months = {n: str(m) for n, m in MONTHS.items()}

    def day(self, value: datetime.datetime) -> str:
        d = timezone.localtime(value)
        return f"{self.weekdays[d.weekday()]} {d.day} {self.months[d.month]} {d.year:04d}"

    def day_and_time(self, value: datetime.datetime) -> str:
        d = timezone.localtime(value)
        return f"{self.day(d)}, {d:%H:%M}"
