"""The annual plan with its budget lines, its status history and the council's other expenses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from adviesraad.transitions import StatusChange, StatusMachine


class BudgetYear(StatusMachine, models.Model):
    """The annual plan (*jaarplan*) with its targets and budget, one per calendar year.

    Workflow: draft → requested from the college → granted (with the granted amount), or back
    from requested to draft. Every step is kept in ``status_changes``."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        REQUESTED = "requested", _("aangevraagd bij het college")
        GRANTED = "granted", _("toegekend")

    TRANSITIONS = {
        Status.DRAFT: {Status.REQUESTED},
        Status.REQUESTED: {Status.GRANTED, Status.DRAFT},
        Status.GRANTED: set(),
    }
    STATUS_HISTORY = "status_changes"
    AUDIT_PREFIX = "budget_year"
    # What the treasurer edits as the plan; status, amounts and grant have their own steps.
    PLAN_FIELDS = (
        "plan_text",
        "goals",
        "target_plenaries",
        "target_alderman",
        "target_management",
        "target_work_visits",
        "target_training",
        "target_research",
    )
    AUDIT_ACTION = "{prefix}.status_changed"

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    plan_text = models.TextField(_("jaarplan"), blank=True)
    goals = models.TextField(_("doelen"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    requested_on = models.DateField(_("aangevraagd op"), null=True, blank=True)
    granted_on = models.DateField(_("toegekend op"), null=True, blank=True)
    granted_amount = models.DecimalField(
        _("toegekend bedrag (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    target_plenaries = models.PositiveSmallIntegerField(_("plenaire vergaderingen"), default=12)
    target_alderman = models.PositiveSmallIntegerField(_("overleggen met de wethouder"), default=2)
    target_management = models.PositiveSmallIntegerField(
        _("overleggen met het management"), default=2
    )
    target_work_visits = models.PositiveSmallIntegerField(_("werkbezoeken"), default=4)
    target_training = models.PositiveSmallIntegerField(_("trainingen"), default=1)
    target_research = models.PositiveSmallIntegerField(
        _("achterbanraadplegingen"),
        default=0,
        help_text=_("Een achterbanraadpleging gebeurt eens per twee jaar."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("begrotingsjaar")
        verbose_name_plural = _("begrotingsjaren")
        permissions = [
            ("view_budget", _("Mag de begroting en de realisatie bekijken")),
            ("manage_budget", _("Mag de begroting en uitgaven beheren")),
            ("manage_annual_report", _("Mag het jaarverslag schrijven en publiceren")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__gte=0),
                name="budgetyear_granted_not_negative",
            )
        ]

    def __str__(self) -> str:
        return str(_("Begroting %(jaar)s") % {"jaar": self.year})

    # Which target of the annual plan counts which kind of meeting (``Meeting.Kind`` values).
    MEETING_TARGET_FIELDS = {
        "plenary": "target_plenaries",
        "alderman": "target_alderman",
        "management": "target_management",
        "work_visit": "target_work_visits",
        "training": "target_training",
    }

    def meeting_targets(self) -> dict[str, int]:
        """The annual plan's number of meetings per kind, in the plan's order."""
        return {kind: getattr(self, f) for kind, f in self.MEETING_TARGET_FIELDS.items()}


class BudgetYearStatusChange(StatusChange):
    """Every step of a budget year's workflow: who moved it, from what, to what, when."""

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.CASCADE, related_name="status_changes"
    )

    subject_field = "budget_year"

    class Meta(StatusChange.Meta):
        verbose_name = _("statuswijziging begroting")
        verbose_name_plural = _("statuswijzigingen begrotingen")


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        MEETINGS = "meetings", _("vergaderingen")
        ALLOWANCES = "allowances", _("vacatievergoedingen")
        TRAINING = "training", _("training en scholing")
        RESEARCH = "research", _("achterbanraadpleging")
        PR = "pr", _("pr en website")
        WORK_VISITS = "work_visits", _("werkbezoeken")
        SECRETARIAT = "secretariat", _("secretariaat")
        TEAM = "team", _("teambuilding")
        OTHER = "other", _("overig")

    budget_year = models.ForeignKey(
        BudgetYear, verbose_name=_("begrotingsjaar"), on_delete=models.CASCADE, related_name="lines"
    )
    category = models.CharField(_("categorie"), max_length=20, choices=Category.choices)
    description = models.CharField(_("toelichting"), max_length=200, blank=True)
    amount = models.DecimalField(_("begroot bedrag (€)"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["budget_year", "category"]
        verbose_name = _("begrotingspost")
        verbose_name_plural = _("begrotingsposten")
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "category"], name="budgetline_unique_category"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.budget_year.year}"


class Expense(models.Model):
    """Another recorded expense of the council (not a member's declaration), e.g. room hire."""

    budget_year = models.ForeignKey(BudgetYear, on_delete=models.PROTECT, related_name="expenses")
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("begrotingspost"),
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    date = models.DateField(_("datum"))
    description = models.CharField(_("omschrijving"), max_length=200)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=10, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description}"
