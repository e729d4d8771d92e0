"""Minutes as PDF (internal and public version); the agenda pack PDF is in ``services.pack``."""

from __future__ import annotations

from adviesraad.pdf import render_pdf
from members.selectors import council_settings_get

from .models import ActionItem, Meeting
from .selectors import agenda_items_ordered, minutes_get


def minutes_pdf(meeting: Meeting, *, public_only: bool) -> bytes:
    """The minutes: decisions per agenda item and general notes.

    The public version holds only the public items and no general notes or action items.
    """
    items = agenda_items_ordered(meeting, public_only=public_only)
    minutes = minutes_get(meeting)
    actions = (
        []
        if public_only
        else list(ActionItem.objects.filter(meeting=meeting).select_related("owner"))
    )
    attendances = (
        [] if public_only else list(meeting.attendances.select_related("member").order_by("status"))
    )
    return render_pdf(
        "meetings/pdf/minutes.html",
        {
            "council": council_settings_get(),
            "meeting": meeting,
            "items": items,
            "minutes": minutes,
            "public_only": public_only,
            "actions": actions,
            "attendances": attendances,
        },
        public=public_only,
    )
