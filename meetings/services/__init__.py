"""Every write on meetings, agendas, documents, updates, attendance, minutes and action items.

Each service checks its rule (in its docstring; the rules themselves live in
``meetings.rules``), writes, and records an audit entry in the same transaction. Refusals raise
:class:`MeetingError` with a Dutch message; nothing is changed then. A service that changes
what the anonymous public sees calls ``adviesraad.pagecache.public_changed()`` inside its
transaction.

By concern: ``meetings`` (meetings, their status, guests), ``agenda`` (agenda items and their
order), ``documents``, ``pack`` (the agenda pack), ``minutes`` (attendance and minutes) and
``actions`` (members' updates and action items). Callers import from this package.
"""

from .actions import action_item_add, action_item_set_done, update_post
from .agenda import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    agenda_reorder,
)
from .base import MeetingError
from .documents import document_add, document_remove
from .meetings import (
    guest_add,
    guest_remove,
    meeting_create,
    meeting_plan_year,
    meeting_transition,
    meeting_update,
)
from .minutes import (
    AttendanceClaimed,
    attendance_record,
    minutes_approve,
    minutes_save,
    minutes_schedule_approval,
)
from .pack import (
    agenda_pack_deliver,
    agenda_pack_failed,
    agenda_pack_pdf,
    agenda_pack_send,
)

__all__ = [
    "AttendanceClaimed",
    "MeetingError",
    "action_item_add",
    "action_item_set_done",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "agenda_pack_deliver",
    "agenda_pack_failed",
    "agenda_pack_pdf",
    "agenda_pack_send",
    "agenda_reorder",
    "attendance_record",
    "document_add",
    "document_remove",
    "guest_add",
    "guest_remove",
    "meeting_create",
    "meeting_plan_year",
    "meeting_transition",
    "meeting_update",
    "minutes_approve",
    "minutes_save",
    "minutes_schedule_approval",
    "update_post",
]
