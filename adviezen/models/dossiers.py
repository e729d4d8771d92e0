"""Theme dossiers: proposed by a working group, reviewed by the chair (docs/rules.md, D13)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from adviesraad.transitions import StatusChange, StatusMachine
from members.models import WorkingGroup

Domain = WorkingGroup.Domain


class Dossier(StatusMachine, models.Model):
    """A theme dossier: proposed by a working group, reviewed by the chair (duplicate check)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ACCEPTED = "accepted", _("geaccepteerd")
        REJECTED = "rejected", _("afgewezen (dubbel)")
        CLOSED = "closed", _("gesloten")

    TRANSITIONS = {
        Status.PROPOSED: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: {Status.CLOSED},
        Status.REJECTED: set(),
        Status.CLOSED: set(),
    }
    STATUS_HISTORY = "transitions"
    AUDIT_PREFIX = "dossier"
    AUDIT_ACTION = "{prefix}.{to}"  # dossier.accepted, dossier.rejected, dossier.closed

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    working_group = models.ForeignKey(
        "members.WorkingGroup",
        verbose_name=_("werkgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanspreekpunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_dossiers",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("dubbel met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    review_note = models.TextField(_("toelichting beoordeling"), blank=True)
    is_public = models.BooleanField(
        _("op de website bij 'Waar we aan werken'"),
        default=False,
        help_text=_("Alleen een geaccepteerd dossier staat op de website."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("themadossier")
        verbose_name_plural = _("themadossiers")
        permissions = [
            ("propose_dossier", _("Mag een themadossier voorstellen")),
            ("review_dossier", _("Mag themadossiers beoordelen")),
        ]

    def __str__(self) -> str:
        return self.title


class DossierTransition(StatusChange):
    """The dossier's status history: proposed, accepted or rejected as a duplicate, closed."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")

    subject_field = "dossier"
