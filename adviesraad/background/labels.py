"""The Dutch name of every background task, in one place (issue 13.5).

The background-work page shows these instead of the Python names; a test checks that every task
registered with Celery has one (``tests/background/test_labels.py``). A new task gets its label
here. ``MAIL_TASKS`` are the tasks that send e-mail, with who receives it: the page lists their
runs among the sent e-mails (the notification e-mail is listed from its notification instead).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TASK_LABELS = {
    "adviesraad.tasks.heartbeat": _("Teken van leven van de achtergrondtaken"),
    "adviesraad.background.tasks.flush_outbox": _("Wachtende taken versturen"),
    "adviesraad.background.tasks.send_reminders": _("Herinneringen versturen"),
    "adviesraad.background.tasks.selftest_write": _("Zelftest van de achtergrondtaken"),
    "adviesraad.notifications.tasks.send_notification_email": _("E-mail met een melding"),
    "adviesraad.notifications.tasks.send_digests": _("Dagelijkse samenvatting van meldingen"),
    "adviezen.tasks.send_advice": _("Advies naar het college sturen"),
    "adviezen.tasks.send_signal_reply": _("Antwoord op een signaal"),
    "adviezen.tasks.close_expired_ballots": _("Stemmingen sluiten na de deadline"),
    "adviezen.tasks.erase_expired_signal_contacts": _("Contactgegevens bij oude signalen wissen"),
    "meetings.tasks.send_agenda_pack": _("Agenda en stukken versturen"),
    "meetings.tasks.send_cancel_notices": _("Bericht over een afgelaste vergadering"),
    "budget.tasks.run_declarations_export": _("Export van declaraties starten"),
    "budget.tasks.render_export_part": _("Deel van een declaratie-export maken"),
    "budget.tasks.finish_declarations_export": _("Declaratie-export afronden"),
    "budget.tasks.purge_expired_exports": _("Oude declaratie-exports verwijderen"),
    "members.tasks.password_reset_mail_send": _("E-mail om het wachtwoord opnieuw in te stellen"),
    "members.recruitment.tasks.send_applicant_mail": _("E-mail aan een sollicitant"),
    "members.recruitment.tasks.send_interview_invitation": _("Uitnodiging voor een gesprek"),
    "members.recruitment.tasks.send_member_invitation": _("Uitnodiging voor een nieuw lid"),
    "members.recruitment.tasks.erase_expired_applications": _(
        "Gegevens van oude sollicitaties wissen"
    ),
}

MAIL_TASKS = {
    "adviezen.tasks.send_advice": _("het college van B&W"),
    "adviezen.tasks.send_signal_reply": _("de indiener van het signaal"),
    "meetings.tasks.send_agenda_pack": _("de leden"),
    "meetings.tasks.send_cancel_notices": _("de gasten"),
    "members.tasks.password_reset_mail_send": _("wie een nieuw wachtwoord vroeg"),
    "members.recruitment.tasks.send_applicant_mail": _("de sollicitant"),
    "members.recruitment.tasks.send_interview_invitation": _("de sollicitant"),
    "members.recruitment.tasks.send_member_invitation": _("het nieuwe lid"),
}


def task_label(name: str) -> str:
    """The Dutch name of task ``name``; the Python name for a task without one."""
    return str(TASK_LABELS.get(name, name))


def task_choices() -> list[tuple[str, str]]:
    """Every task as a choice for a filter, sorted by its Dutch name."""
    return sorted(((name, str(label)) for name, label in TASK_LABELS.items()), key=lambda c: c[1])
