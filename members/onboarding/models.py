"""The onboarding checklist: the secretary's template and each new member's items (D35).

Imported by ``members.models`` (the models belong to the ``members`` app); other members
models are referred to by name, never imported.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Owner(models.TextChoices):
    """Who takes the step: the new member (a talk with the chair) or the secretary (a buddy)."""

    MEMBER = "member", _("het nieuwe lid")
    SECRETARY = "secretary", _("de secretaris")


class OnboardingStep(models.Model):
    """One line of the secretary's checklist template, due a number of days after the start."""

    title = models.CharField(_("stap"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    due_days = models.PositiveSmallIntegerField(_("klaar binnen (dagen na de start)"), default=30)
    owner = models.CharField(_("wie doet het"), max_length=10, choices=Owner.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("inwerkstap")
        verbose_name_plural = _("inwerkstappen")

    def __str__(self) -> str:
        return str(self.title)


class OnboardingTask(models.Model):
    """One item of a new member's checklist, copied from a step when their onboarding starts."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="onboarding_tasks",
    )
    step = models.ForeignKey(
        OnboardingStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    title = models.CharField(_("stap"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    owner = models.CharField(_("wie doet het"), max_length=10, choices=Owner.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    due_on = models.DateField(_("klaar op"))
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["member", "position", "due_on", "id"]
        verbose_name = _("inwerktaak")
        verbose_name_plural = _("inwerktaken")
        constraints = [
            # starting twice copies nothing twice
            models.UniqueConstraint(
                fields=["member", "step"],
                condition=Q(step__isnull=False),
                name="onboarding_task_once_per_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.title}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
