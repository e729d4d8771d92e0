"""What every meetings service shares: the error it raises and the agenda's edit guard."""

from __future__ import annotations

from django.utils.translation import gettext as _

from adviesraad.errors import DomainError

from ..models import Meeting


class MeetingError(DomainError):
    """A meetings rule refused the change; the Dutch message says why. Nothing was changed."""


def check_agenda_editable(meeting: Meeting) -> None:
    """The agenda (items, their order, the pack) can be changed until the meeting is held."""
    if not meeting.agenda_editable:
        raise MeetingError(
            _("De vergadering is al gehouden; de agenda kan niet meer worden gewijzigd.")
        )
