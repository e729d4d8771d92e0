"""Signals from residents, members and organisations, and their triage history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adviesraad.transitions import StatusChange, StatusMachine
from members.models import WorkingGroup

from .dossiers import Dossier

Domain = WorkingGroup.Domain


class Signal(StatusMachine, models.Model):
    """A signal from a resident, a member or an organisation (docs/rules.md, D14).

    Individual cases are never handled: they are referred to the district team (*wijkteam*).
    A resident's contact details are visible to the secretary and chair only and erased after the
    council's retention period (``signal_retention_days``).
    """

    class Source(models.TextChoices):
        RESIDENT = "resident", _("inwoner")
        MEMBER = "member", _("lid van de raad")
        ORGANISATION = "organisation", _("organisatie")

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        INVESTIGATING = "investigating", _("in onderzoek")
        ON_AGENDA = "on_agenda", _("geagendeerd")
        LINKED = "linked", _("gekoppeld aan dossier")
        REFERRED = "referred", _("doorverwezen naar wijkteam")
        CLOSED = "closed", _("afgesloten")

    TRANSITIONS = {
        Status.NEW: {
            Status.INVESTIGATING,
            Status.ON_AGENDA,
            Status.LINKED,
            Status.REFERRED,
            Status.CLOSED,
        },
        Status.INVESTIGATING: {Status.ON_AGENDA, Status.LINKED, Status.REFERRED, Status.CLOSED},
        Status.ON_AGENDA: {Status.LINKED, Status.CLOSED},
        Status.LINKED: {Status.ON_AGENDA, Status.CLOSED},
        Status.REFERRED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    STATUS_HISTORY = "transitions"
    AUDIT_PREFIX = "signal"
    OPEN_STATUSES = (Status.NEW, Status.INVESTIGATING)

    source = models.CharField(_("afkomstig van"), max_length=20, choices=Source.choices)
    title = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("wat is er aan de hand"), max_length=5000)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="new")
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    contact_name = models.CharField(_("naam"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), max_length=254, blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    contact_erased_at = models.DateTimeField(_("contactgegevens gewist op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    triage_note = models.TextField(_("notitie"), blank=True)
    reply_sent_at = models.DateTimeField(_("standaardantwoord verstuurd"), null=True, blank=True)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        permissions = [
            ("record_signal", _("Mag signalen vastleggen")),
            ("triage_signal", _("Mag signalen behandelen")),
            ("view_signal_contact", _("Mag contactgegevens van signalen zien")),
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


class SignalTransition(StatusChange):
    """The signal's status history (triage): who moved it, when, from, to, with the note."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="transitions")

    subject_field = "signal"
