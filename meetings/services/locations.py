"""Locations (issue 13.15): the secretary keeps the list of places the council meets (the
town hall and neighbourhood centres; plenaries rotate between them), with their address and
accessibility notes, and chooses one when planning a meeting.

A location in use by a meeting cannot be deleted (``rules.location_may_be_deleted``); it can be
set "not in use", so it is no longer offered when planning. A location shows on public meeting
pages, so every change here changes what the public sees.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from adviesraad import pagecache
from adviesraad.audit import audit_record
from adviesraad.transitions import locked

from .. import rules
from ..models import Location
from .base import MeetingError

FIELDS = ("name", "address", "accessibility", "notes", "is_active")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in data.items() if k in FIELDS}
    for k in ("name", "address", "accessibility", "notes"):
        if k in values:
            values[k] = (values[k] or "").strip()
    if "name" in values and not values["name"]:
        raise MeetingError(_("Geef de locatie een naam."), field="name")
    return values


def _check_unique(name: str, *, pk: int | None = None) -> None:
    others = Location.objects.filter(name__iexact=name)
    if pk is not None:
        others = others.exclude(pk=pk)
    if others.exists():
        raise MeetingError(_("Er is al een locatie met deze naam."), field="name")


@transaction.atomic
def location_create(*, by: Any, data: dict[str, Any]) -> Location:
    """Add a location; its name is unique (case does not count)."""
    values = _clean(data)
    if "name" not in values:
        raise MeetingError(_("Geef de locatie een naam."), field="name")
    _check_unique(values["name"])
    location = Location.objects.create(**values)
    audit_record(actor=by, action="location.created", obj=location)
    return location


@transaction.atomic
def location_update(*, location: Location, by: Any, data: dict[str, Any]) -> Location:
    """Change a location's name, address, accessibility notes or whether it is in use. The
    meetings held there show the new text (public pages too)."""
    location = locked(location)
    values = _clean(data)
    if "name" in values:
        _check_unique(values["name"], pk=location.pk)
    changed = [k for k, v in values.items() if getattr(location, k) != v]
    for k in changed:
        setattr(location, k, values[k])
    if changed:
        location.save(update_fields=changed)
        audit_record(actor=by, action="location.updated", obj=location, data={"fields": changed})
        if location.meetings.filter(is_public=True).exists():
            pagecache.public_changed()
    return location


@transaction.atomic
def location_delete(*, location: Location, by: Any) -> None:
    """Delete a location no meeting uses. One in use is refused with how many meetings use
    it; set it "not in use" instead."""
    location = locked(location)
    used = location.meetings.count()
    if not rules.location_may_be_deleted(meetings_using=used):
        raise MeetingError(
            ngettext(
                "%(naam)s is in gebruik bij %(n)s vergadering en kan niet worden verwijderd. "
                "Zet de locatie op 'niet in gebruik' als je haar niet meer wilt kiezen.",
                "%(naam)s is in gebruik bij %(n)s vergaderingen en kan niet worden verwijderd. "
                "Zet de locatie op 'niet in gebruik' als je haar niet meer wilt kiezen.",
                used,
            )
            % {"naam": location.name, "n": used}
        )
    audit_record(actor=by, action="location.deleted", obj=location, data={"name": location.name})
    location.delete()
