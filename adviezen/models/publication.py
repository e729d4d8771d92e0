"""What the council publishes besides its advices (issue 17, item 1)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublicationSettings(models.Model):
    """One row: the council's choices about publishing the college's documents.

    A council setting of the adviezen app (the council's other settings live in
    ``members.CouncilSettings``); read through ``selectors.publication_settings_get``.
    """

    publish_requests = models.BooleanField(
        _("adviesaanvragen van het college publiceren"),
        default=False,
        help_text=_(
            "Als dit aan staat, staat bij een gepubliceerd gevraagd advies ook de brief waarin "
            "het college om advies vroeg, als download op de website."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("publicatie-instellingen")
        verbose_name_plural = _("publicatie-instellingen")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="publication_settings_single_row"),
        ]

    def __str__(self) -> str:
        return str(_("publicatie-instellingen"))
