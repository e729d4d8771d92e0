"""Agenda items: adding, changing, removing and ordering them while the agenda is open."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from adviesraad import pagecache
from adviesraad.audit import audit_record
from adviesraad.transitions import locked

from .. import rules
from ..models import AgendaItem, Meeting
from .base import MeetingError, check_agenda_editable

S = AgendaItem.Section


def _next_position(meeting: Meeting, section: str) -> int:
    top = AgendaItem.objects.filter(meeting=meeting, section=section).aggregate(m=Max("position"))
    return (top["m"] if top["m"] is not None else -1) + 1


def _check_item(values: dict[str, Any]) -> None:
    if "section" in values and values["section"] not in S.values:
        raise MeetingError(_("Kies een onderdeel van de agenda."), field="section")
    if "title" in values and not (values["title"] or "").strip():
        raise MeetingError(_("Geef het agendapunt een titel."), field="title")
    if "duration_minutes" in values and not rules.item_duration_is_valid(
        values["duration_minutes"]
    ):
        raise MeetingError(
            _("De duur moet tussen 0 en %(max)s minuten liggen.") % {"max": rules.MAX_ITEM_MINUTES},
            field="duration_minutes",
        )


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    by: Any,
    title: str,
    section: str,
    is_public: bool = True,
    presenter: str = "",
    duration_minutes: int = 10,
    description: str = "",
    advice: Any = None,
    dossier: Any = None,
    signal: Any = None,
) -> AgendaItem:
    """Add an item at the end of its section, optionally linked to an advice, dossier or
    signal. Refused once the meeting has been held; it needs a title, a section and a duration
    of 0 to ``rules.MAX_ITEM_MINUTES`` minutes. A public item on a public meeting shows on the
    public agenda at once."""
    meeting = locked(meeting)
    check_agenda_editable(meeting)
    _check_item({"section": section, "title": title, "duration_minutes": duration_minutes})
    item = AgendaItem.objects.create(
        meeting=meeting,
        section=section,
        position=_next_position(meeting, section),
        title=title.strip()[:200],
        presenter=presenter.strip(),
        duration_minutes=duration_minutes,
        is_public=is_public,
        description=description,
        advice=advice,
        dossier=dossier,
        signal=signal,
    )
    audit_record(actor=by, action="agenda_item.added", obj=item, data={"meeting": meeting.pk})
    if meeting.is_public and item.is_public:
        pagecache.public_changed()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by: Any, data: dict[str, Any]) -> AgendaItem:
    """Change an item under the same rules as adding it; a new section puts it at that
    section's end. The public agenda changes when the item was or becomes public."""
    meeting = locked(item.meeting)
    check_agenda_editable(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    was_public = item.is_public
    values = {k: v for k, v in data.items() if k in rules.ITEM_FIELDS}
    _check_item(values)
    if values.get("section", item.section) != item.section:
        item.position = _next_position(meeting, values["section"])
    for k, v in values.items():
        setattr(item, k, v)
    item.save()
    audit_record(actor=by, action="agenda_item.updated", obj=item, data={"fields": sorted(values)})
    if meeting.is_public and (was_public or item.is_public):
        pagecache.public_changed()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: Any) -> None:
    """Remove an item while the agenda is open. Its documents stay, on the meeting itself
    (so a public document of a confidential item becomes public): the public agenda of a
    public meeting changes."""
    meeting = locked(item.meeting)
    check_agenda_editable(meeting)
    audit_record(actor=by, action="agenda_item.removed", obj=item, data={"meeting": meeting.pk})
    item.delete()
    if meeting.is_public:
        pagecache.public_changed()


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, by: Any, section: str, ids: list[int]) -> list[int]:
    """Put the items of one section in the given order (drag and drop).

    Refused when the list is not exactly this section's items of this meeting (an item of
    another meeting or section), or when the meeting has been held. The public agenda of a
    public meeting changes.
    """
    meeting = locked(meeting)
    check_agenda_editable(meeting)
    if section not in S.values:
        raise MeetingError(_("Onbekend onderdeel van de agenda."))
    current = list(
        AgendaItem.objects.filter(meeting=meeting, section=section).values_list("pk", flat=True)
    )
    if not rules.reorder_is_valid(current_ids=current, new_ids=ids):
        raise MeetingError(
            _("De nieuwe volgorde hoort niet bij dit onderdeel van deze agenda. Herlaad de pagina.")
        )
    items = {i.pk: i for i in AgendaItem.objects.filter(pk__in=ids)}
    for pos, pk in enumerate(ids):
        items[pk].position = pos
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    audit_record(
        actor=by, action="agenda.reordered", obj=meeting, data={"section": section, "order": ids}
    )
    if meeting.is_public:
        pagecache.public_changed()
    return ids


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, by: Any, direction: str) -> list[int]:
    """Move an item one place up or down within its section (keyboard buttons); at the edge
    nothing moves. Saved through :func:`agenda_reorder`, under its rules."""
    if direction not in ("up", "down"):
        raise MeetingError(_("Onbekende richting."))
    meeting = locked(item.meeting)
    check_agenda_editable(meeting)
    ids = list(
        AgendaItem.objects.filter(meeting=meeting, section=item.section)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    return agenda_reorder(
        meeting=meeting, by=by, section=item.section, ids=rules.move(ids, item.pk, direction)
    )
