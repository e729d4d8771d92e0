"""The ``Location`` model: where the council meets (issue 13.15). Kept out of ``models.py`` for
its length; ``meetings.models`` imports it, so ``from meetings.models import Location`` works
and Django sees it as a model of this app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import location_label


class Location(models.Model):
    """Where the council meets; it rotates between the town hall and community centres."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    notes = models.CharField(_("bijzonderheden"), max_length=200, blank=True)
    accessibility = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        help_text=_(
            "Bijvoorbeeld: rolstoeltoegankelijk, lift, ringleiding, invalidenparkeerplaats."
        ),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def label(self) -> str:
        """Name and address as shown everywhere: "De Brug, Brugstraat 12"."""
        return location_label(name=self.name, address=self.address)
