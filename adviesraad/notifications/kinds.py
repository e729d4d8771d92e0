"""The kinds of notification a person can set a preference for, with their Dutch labels.

Apps may use other kinds too: those get the default delivery and show up on the preferences
page once the person has received one.
"""

from django.utils.translation import gettext_lazy as _

from .models import Delivery

DEFAULT_DELIVERY = Delivery.EMAIL

KINDS: dict[str, str] = {
    "agenda_not_sent": _("Agenda nog niet verstuurd"),
    "meeting_tomorrow": _("Vergadering morgen"),
    "agenda_sent": _("Agenda verstuurd (de agenda-e-mail zelf)"),
    "meeting_cancelled": _("Vergadering geannuleerd"),
    "ballot_not_voted": _("Je hebt nog niet gestemd"),
    "advice_deadline_near": _("Termijn voor een advies nadert"),
    "response_overdue": _("Reactie van het college te laat"),
    "ballot_opened": _("Schriftelijke stemming geopend"),
    "dossier_proposed": _("Themadossier voorgesteld"),
    "advice_approved": _("Advies vastgesteld"),
    "action_due_tomorrow": _("Actiepunt morgen af"),
    "action_overdue": _("Actiepunt over de datum"),
    "term_ending": _("Zittingstermijn loopt af"),
    "onboarding_overdue": _("Inwerkstap over de datum"),
    "declaration_waiting_check": _("Declaratie wacht op controle"),
    "declaration_waiting_approval": _("Declaratie wacht op goedkeuring"),
    "export_ready": _("Export klaar"),
    "general": _("Overige meldingen"),
}


def kind_label(kind: str) -> str:
    return str(KINDS.get(kind, kind.replace("_", " ").capitalize()))
