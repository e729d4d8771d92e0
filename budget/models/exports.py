"""Batch exports of approved declarations for the municipality, rendered in parts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .declarations import Declaration


class DeclarationExport(models.Model):
    """A batch export of the approved declarations of a period: one combined PDF and a summary.

    The declarations are frozen when the export is created; the task fills ``done`` up to
    ``total`` and writes the files. A re-run after a crash starts over and finishes once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    start = models.DateField(_("van"))
    end = models.DateField(_("tot en met"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    declarations = models.ManyToManyField(Declaration, related_name="exports", blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    amount_total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    file = models.FileField(max_length=200, blank=True)
    summary_file = models.FileField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    download_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # When the files were deleted after the council's retention period (the row stays).
    purged_at = models.DateTimeField(_("bestanden verwijderd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("declaratie-export")
        verbose_name_plural = _("declaratie-exports")

    def __str__(self) -> str:
        return str(
            _("Export %(van)s – %(tot)s")
            % {"van": self.start.strftime("%d-%m-%Y"), "tot": self.end.strftime("%d-%m-%Y")}
        )

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return (100 * self.done // self.total) if self.total else 0


class DeclarationExportPart(models.Model):
    """One slice of a batch export, rendered by its own task so that several worker processes
    share the work. ``rendered`` is how many of its declarations are done (for progress)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wachtend")
        DONE = "done", _("klaar")

    export = models.ForeignKey(DeclarationExport, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveSmallIntegerField()
    declaration_ids = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rendered = models.PositiveIntegerField(default=0)
    file = models.FileField(max_length=200, blank=True)
    # Set by the process rendering the part; a claim older than the task time limit is stale.
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["export", "number"]
        constraints = [
            models.UniqueConstraint(fields=["export", "number"], name="exportpart_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.export_id}/{self.number}"
