"""Members' updates before a meeting, and the action items that come out of it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked

from .. import rules
from ..models import ActionItem, AgendaItem, Meeting, Update
from .base import MeetingError


@transaction.atomic
def update_post(*, meeting: Meeting, author: Any, text: str, working_group: Any = None) -> Update:
    """A member posts (or replaces) their short update, personally or for a working group,
    until the meeting is held: at least one line, at most ``rules.MAX_UPDATE_CHARS``
    characters. Updates are internal (the members' agenda pack)."""
    meeting = locked(meeting)
    if not meeting.agenda_editable:
        raise MeetingError(_("Deze vergadering is al gehouden; updates zijn gesloten."))
    text = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if not text:
        raise MeetingError(_("Schrijf minstens één punt."), field="text")
    if len(text) > rules.MAX_UPDATE_CHARS:
        raise MeetingError(
            _("Houd de update kort: hoogstens %(max)s tekens.") % {"max": rules.MAX_UPDATE_CHARS},
            field="text",
        )
    update, _created = Update.objects.update_or_create(
        meeting=meeting,
        author=author,
        working_group=working_group,
        defaults={"text": text},
    )
    audit_record(actor=author, action="update.posted", obj=update, data={"meeting": meeting.pk})
    return update


@transaction.atomic
def action_item_add(
    *,
    by: Any,
    description: str,
    owner: Any,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    due_date: datetime.date | None = None,
) -> ActionItem:
    """Record an action with its owner and due date, optionally from a meeting and one of its
    own agenda items. Action items are internal."""
    if agenda_item is not None and meeting is not None and agenda_item.meeting_id != meeting.pk:
        raise MeetingError(_("Dit agendapunt hoort niet bij deze vergadering."))
    if not description.strip():
        raise MeetingError(_("Beschrijf de actie."), field="description")
    action = ActionItem.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        description=description.strip()[:300],
        owner=owner,
        due_date=due_date,
    )
    audit_record(actor=by, action="action_item.added", obj=action)
    return action


@transaction.atomic
def action_item_set_done(*, action: ActionItem, by: Any, done: bool = True) -> ActionItem:
    """Mark an action item done (or open again): only its owner or the secretariat
    (``rules.action_may_be_ticked``)."""
    action = locked(action)
    if not rules.action_may_be_ticked(
        is_owner=action.owner_id == getattr(by, "pk", None),
        may_manage=by.has_perm("meetings.manage_meetings"),
    ):
        raise MeetingError(_("Alleen de eigenaar of het secretariaat kan deze actie afvinken."))
    action.done = done
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done", "done_at"])
    audit_record(
        actor=by, action="action_item.done" if done else "action_item.reopened", obj=action
    )
    return action
