"""The annual report and what is published on /publicaties/."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .years import BudgetYear


class AnnualReport(models.Model):
    """The annual report (*jaarverslag*): generated from recorded data plus an introduction."""

    budget_year = models.OneToOneField(
        BudgetYear, on_delete=models.CASCADE, related_name="annual_report"
    )
    introduction = models.TextField(_("inleiding"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")

    def __str__(self) -> str:
        return str(_("Jaarverslag %(jaar)s") % {"jaar": self.budget_year.year})


class Publication(models.Model):
    """A published document on /publicaties/: annual plan, annual report or research report.

    Annual plans and reports are rendered to PDF when published (a snapshot); research
    reports are uploaded PDFs.
    """

    class Kind(models.TextChoices):
        ANNUAL_PLAN = "annual_plan", _("jaarplan")
        ANNUAL_REPORT = "annual_report", _("jaarverslag")
        RESEARCH = "research", _("onderzoeksrapport")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    file = models.FileField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    budget_year = models.ForeignKey(
        BudgetYear, null=True, blank=True, on_delete=models.SET_NULL, related_name="publications"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField(_("openbaar"), default=True)

    class Meta:
        ordering = ["-year", "-published_at", "-id"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "budget_year"],
                condition=Q(budget_year__isnull=False),
                name="publication_one_per_year_and_kind",
            )
        ]

    def __str__(self) -> str:
        return self.title
