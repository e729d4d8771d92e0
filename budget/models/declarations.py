"""A member's declarations: the claim with its workflow, its lines and its receipts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from adviesraad.transitions import StatusChange, StatusMachine

from .years import BudgetLine, BudgetYear


class Declaration(StatusMachine, models.Model):
    """A member's expense claim. Workflow: draft → submitted → checked → approved → sent → paid,
    or rejected (with a reason) from submitted or checked."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        SUBMITTED = "submitted", _("ingediend")
        CHECKED = "checked", _("gecontroleerd")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")
        SENT = "sent", _("naar de gemeente")
        PAID = "paid", _("betaald")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.CHECKED, Status.REJECTED, Status.DRAFT},
        Status.CHECKED: {Status.APPROVED, Status.REJECTED},
        Status.APPROVED: {Status.SENT},
        Status.SENT: {Status.PAID},
        Status.REJECTED: set(),
        Status.PAID: set(),
    }
    STATUS_HISTORY = "status_changes"
    AUDIT_PREFIX = "declaration"
    AUDIT_ACTION = "{prefix}.{to}"
    # Statuses whose amounts count as spent in the budget against actuals.
    SPENT = (Status.APPROVED, Status.SENT, Status.PAID)

    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declarant"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    budget_year = models.ForeignKey(
        BudgetYear,
        verbose_name=_("begrotingsjaar"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    description = models.CharField(_("omschrijving"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    total = models.DecimalField(_("totaal (€)"), max_digits=10, decimal_places=2, default=0)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gecontroleerd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("gecontroleerd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgewezen door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rejected_at = models.DateTimeField(_("afgewezen op"), null=True, blank=True)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    sent_at = models.DateTimeField(_("naar de gemeente op"), null=True, blank=True)
    paid_at = models.DateTimeField(_("betaald op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        permissions = [
            ("submit_declaration", _("Mag eigen declaraties indienen")),
            ("view_all_declarations", _("Mag alle declaraties bekijken")),
            ("check_declaration", _("Mag declaraties controleren")),
            ("approve_declaration", _("Mag declaraties goedkeuren of afwijzen")),
            ("export_declarations", _("Mag declaraties exporteren en als betaald markeren")),
        ]
        indexes = [models.Index(fields=["budget_year", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="declaration_total_gte_0"),
        ]

    def __str__(self) -> str:
        return str(_("Declaratie %(nr)s") % {"nr": self.pk or "–"})

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class DeclarationStatusChange(StatusChange):
    """Every step of a declaration's workflow: who moved it, from what, to what, when."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="status_changes"
    )

    subject_field = "declaration"

    class Meta(StatusChange.Meta):
        verbose_name = _("statuswijziging declaratie")
        verbose_name_plural = _("statuswijzigingen declaraties")


class DeclarationLine(models.Model):
    """One line: an expense with receipts, a journey (km × rate) or an attended meeting."""

    class Kind(models.TextChoices):
        EXPENSE = "expense", _("onkosten")
        JOURNEY = "journey", _("reiskosten")
        ALLOWANCE = "allowance", _("vacatievergoeding")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("datum"))
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("begrotingspost"),
        on_delete=models.PROTECT,
        related_name="declaration_lines",
    )
    description = models.CharField(_("omschrijving"), max_length=200)
    kilometres = models.DecimalField(
        _("kilometers"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    rate = models.DecimalField(
        _("tarief (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    amount = models.DecimalField(_("bedrag (€)"), max_digits=10, decimal_places=2)
    attendance = models.ForeignKey(
        "meetings.Attendance",
        verbose_name=_("aanwezigheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declaration_lines",
    )
    # False once the declaration is rejected, so a rejected claim frees its meeting again.
    claim_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("declaratieregel")
        verbose_name_plural = _("declaratieregels")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="declarationline_amount_gt_0"),
            models.CheckConstraint(
                condition=~Q(kind="journey") | Q(kilometres__gt=0),
                name="declarationline_journey_has_km",
            ),
            # One attended meeting is claimed at most once (rejected claims do not count).
            models.UniqueConstraint(
                fields=["attendance"],
                condition=Q(attendance__isnull=False, claim_active=True),
                name="declarationline_attendance_claimed_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description}"


class Receipt(models.Model):
    """An invoice or proof of payment (PDF, JPEG or PNG), stored under a generated name in the
    private media root and served only to the claimant, the secretary and the treasurer."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("factuur of bon")
        PAYMENT = "payment", _("betaalbewijs")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="receipts")
    line = models.ForeignKey(
        DeclarationLine, on_delete=models.CASCADE, related_name="receipts", null=True, blank=True
    )
    kind = models.CharField(
        _("soort bewijs"), max_length=10, choices=Kind.choices, default=Kind.INVOICE
    )
    file = models.FileField(_("bestand"), max_length=200)
    file_kind = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")

    def __str__(self) -> str:
        return self.original_name
