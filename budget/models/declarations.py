"""Budget years, declarations, receipts, exports and publications (DESIGN.md §2 budget/).

Money is ``Decimal`` euros with two decimals; every amount is quantized to cents with
ROUND_HALF_UP per line (see ``budget.rules.money``). Status changes happen only in
``budget.services``; the ``TRANSITIONS`` tables below say which are allowed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BudgetYear(models.Model):
    """The annual plan (*jaarplan*) with its targets and budget, one per calendar year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        REQUESTED = "requested", _("aangevraagd bij het college")
        GRANTED = "granted", _("toegekend")

    TRANSITIONS = {
        Status.DRAFT: {Status.REQUESTED},
        Status.REQUESTED: {Status.GRANTED, Status.DRAFT},
        Status.GRANTED: set(),
    }

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

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())


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


class Declaration(models.Model):
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

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class DeclarationStatusChange(models.Model):
    """Every step of a declaration's workflow: who moved it, from what, to what, when."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=12, choices=Declaration.Status.choices)
    to_status = models.CharField(max_length=12, choices=Declaration.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("statuswijziging declaratie")
        verbose_name_plural = _("statuswijzigingen declaraties")

    def __str__(self) -> str:
        return f"{self.declaration_id}: {self.from_status} → {self.to_status}"


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
