"""Members, their terms, working groups and the council's settings (docs/rules.md, D1-D8)."""

import datetime
import secrets
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import roles
from .iban import iban_mask


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """A person with a log-in: member, chair, secretary, treasurer or policy advisor.

    Logs in with the e-mail address. Roles are groups (see ``members.roles``).
    """

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    organisation = models.CharField(
        _("organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Voor bestuursadviseurs en gasten."),
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    joined_on = models.DateField(_("lid sinds"), null=True, blank=True)
    left_on = models.DateField(_("vertrokken op"), null=True, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        permissions = [
            ("manage_members", _("Mag leden, termijnen en werkgroepen beheren")),
            ("view_directory", _("Mag het ledenoverzicht bekijken")),
            ("manage_council_settings", _("Mag de raadsinstellingen wijzigen")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def iban_masked(self) -> str:
        """The IBAN with all but the last four characters hidden, for lists and logs."""
        return iban_mask(self.iban)

    def role_names(self) -> list[str]:
        """Group names, using a prefetched ``groups`` when the selector provided it."""
        return sorted(g.name for g in self.groups.all())

    def role_labels(self) -> list[str]:
        """Role names as the council says them ("Secretaris", "Lid"), in a fixed order."""
        mine = set(self.role_names())
        return [str(roles.ROLE_LABELS[r]) for r in roles.ALL_ROLES if r in mine]


class Term(models.Model):
    """A term of office (*zittingstermijn*). A person is an active member on a date a term covers."""

    class Role(models.TextChoices):
        MEMBER = "member", _("lid")
        CHAIR = "chair", _("voorzitter")

    member = models.ForeignKey(
        User, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="terms"
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"))
    sequence = models.PositiveSmallIntegerField(_("volgnummer"))
    note = models.CharField(_("opmerking"), max_length=200, blank=True)
    ended_early = models.BooleanField(_("voortijdig beëindigd"), default=False)

    class Meta:
        ordering = ["member", "start"]
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="term_end_after_start"
            ),
            models.UniqueConstraint(fields=["member", "sequence"], name="term_unique_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_role_display()} {self.sequence} ({self.start:%d-%m-%Y} – {self.end:%d-%m-%Y})"


class WorkingGroup(models.Model):
    class Domain(models.TextChoices):
        WERK = "werk", _("Werk")
        INKOMEN = "inkomen", _("Inkomen")
        WMO = "wmo", _("Wmo")
        JEUGD = "jeugd", _("Jeugd")
        ALGEMEEN = "algemeen", _("Algemeen")

    name = models.CharField(_("naam"), max_length=120, unique=True)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    contact_person = models.ForeignKey(
        User,
        verbose_name=_("aanspreekpunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_groups",
    )
    members = models.ManyToManyField(
        User,
        through="WorkingGroupMembership",
        related_name="working_groups",
        verbose_name=_("leden"),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")

    def __str__(self) -> str:
        return self.name


class WorkingGroupMembership(models.Model):
    """Membership of a working group; temporary ones (sub-groups) have an end date."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="group_memberships")
    start = models.DateField(_("vanaf"), default=datetime.date.today)
    end = models.DateField(_("tot en met"), null=True, blank=True)
    note = models.CharField(_("opmerking"), max_length=200, blank=True)

    class Meta:
        ordering = ["group", "member"]
        verbose_name = _("werkgroeplidmaatschap")
        verbose_name_plural = _("werkgroeplidmaatschappen")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.group}"


class AccessibilityStatus(models.TextChoices):
    """The compliance statuses of the Digitoegankelijk model statement (A to E)."""

    A = "A", _("A: voldoet volledig")
    B = "B", _("B: voldoet gedeeltelijk")
    C = "C", _("C: eerste maatregelen genomen")
    D = "D", _("D: eisen nog niet ingevuld")
    E = "E", _("E: geen verklaring")


class CouncilSettings(models.Model):
    """The council's own settings: one row, edited by the secretary (never hard-coded)."""

    class Basis(models.TextChoices):
        ELIGIBLE = "eligible", _("stemgerechtigde leden")
        CAST = "cast", _("uitgebrachte stemmen (met quorum)")

    name = models.CharField(
        _("naam van de raad"), max_length=200, default="Adviesraad Sociaal Domein"
    )
    municipality = models.CharField(_("gemeente"), max_length=120, default="Gemeente Voorbeeld")
    description = models.TextField(
        _("wat de raad doet"),
        blank=True,
        default=(
            "De adviesraad adviseert het college van burgemeester en wethouders gevraagd en "
            "ongevraagd over de Wmo, de Participatiewet en de Jeugdwet, vanuit het perspectief "
            "van de inwoners."
        ),
    )
    contact_email = models.EmailField(
        _("e-mailadres secretariaat"), default="secretariaat@adviesraad.example"
    )
    college_email = models.EmailField(_("e-mailadres college"), default="college@gemeente.example")
    advisors_email = models.EmailField(_("e-mailadres bestuursadviseurs"), blank=True)
    max_members = models.PositiveSmallIntegerField(_("maximum aantal leden"), default=9)
    max_chairs = models.PositiveSmallIntegerField(_("aantal voorzitters"), default=1)
    term_length_years = models.PositiveSmallIntegerField(_("termijnduur (jaren)"), default=4)
    max_terms = models.PositiveSmallIntegerField(_("maximum aantal termijnen"), default=2)
    approval_threshold_percent = models.PositiveSmallIntegerField(
        _("drempel voor vaststelling (%)"), default=50
    )
    approval_basis = models.CharField(
        _("basis van de drempel"), max_length=10, choices=Basis.choices, default=Basis.ELIGIBLE
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% van stemgerechtigden)"),
        default=50,
        help_text=_("Alleen bij basis 'uitgebrachte stemmen'."),
    )
    votes_visible_to_members = models.BooleanField(_("leden zien wie wat stemde"), default=True)
    allowance_rate = models.DecimalField(
        _("vacatievergoeding per vergadering (€)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("75.00"),
    )
    chair_allowance_rate = models.DecimalField(
        _("vacatievergoeding voorzitter (€)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("100.00"),
    )
    kilometre_rate = models.DecimalField(
        _("kilometervergoeding (€ per km)"), max_digits=6, decimal_places=2, default=Decimal("0.23")
    )
    signal_retention_days = models.PositiveIntegerField(
        _("bewaartermijn contactgegevens signalen (dagen)"), default=365
    )
    response_deadline_weeks = models.PositiveSmallIntegerField(
        _("reactietermijn college (weken)"), default=6
    )
    export_retention_days = models.PositiveSmallIntegerField(
        _("bewaartermijn declaratie-exports (dagen)"),
        default=90,
        help_text=_(
            "Daarna worden de PDF en het overzicht van een batch-export verwijderd: ze bevatten "
            "rekeningnummers. De declaraties zelf blijven bewaard."
        ),
    )
    agenda_reminder_days = models.PositiveSmallIntegerField(
        _("herinnering agenda (dagen vooraf)"), default=7
    )
    second_factor_required = models.BooleanField(
        _("tweestapsverificatie verplicht voor secretaris, penningmeester en voorzitter"),
        default=True,
        help_text=_(
            "Wie een van deze rollen heeft, vult bij het inloggen ook een code uit een app in. "
            "Wie dat nog niet heeft ingesteld, doet dat bij de volgende keer inloggen."
        ),
    )
    applicant_retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn sollicitaties (maanden na de sluitingsdatum)"),
        default=3,
        help_text=_(
            "Daarna worden de gegevens van sollicitanten gewist, ook hun cv. Wie instemt met de "
            "reservepool, blijft een jaar na de sluitingsdatum bewaard."
        ),
    )
    # Open by default (issue 17): the Woo-index sitemaps and the accessibility statement.
    tooi_publisher = models.CharField(
        _("TOOI-code van de gemeente"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^gm\d{4}$", _("Vul een code in als gm0439."))],
        help_text=_(
            "De code van de gemeente in de TOOI-lijst van KOOP, zoals gm0439. Die staat als "
            "uitgever in de sitemaps voor de Woo-index."
        ),
    )
    meetings_under_woo = models.BooleanField(
        _("vergaderstukken vallen onder de Woo"),
        default=False,
        help_text=_("Aan: de openbare vergaderstukken staan ook in de sitemaps voor de Woo-index."),
    )
    publish_requests = models.BooleanField(
        _("adviesaanvragen van het college publiceren"),
        default=False,
        help_text=_(
            "Als dit aan staat, staat bij een gepubliceerd gevraagd advies ook de brief waarin "
            "het college om advies vroeg, als download op de website."
        ),
    )
    accessibility_status = models.CharField(
        _("toegankelijkheid: status"),
        max_length=1,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.B,
    )
    accessibility_checked_on = models.DateField(
        _("toegankelijkheid: datum laatste onderzoek"), null=True, blank=True
    )
    accessibility_known_issues = models.TextField(
        _("toegankelijkheid: bekende problemen"),
        blank=True,
        help_text=_("Eén probleem per regel. Leeg: er zijn geen bekende problemen."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("raadsinstellingen")
        verbose_name_plural = _("raadsinstellingen")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="council_settings_single_row"),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def seat_maximum(self) -> int:
        return self.max_members + self.max_chairs

    @property
    def accessibility_issue_list(self) -> list[str]:
        """The known accessibility issues, one per non-empty line."""
        return [
            line.strip() for line in self.accessibility_known_issues.splitlines() if line.strip()
        ]


# Recruitment and onboarding live in packages of their own; importing their models here makes
# them part of the ``members`` app (and its migrations).
from .onboarding.models import OnboardingStep, OnboardingTask  # noqa: E402, F401
from .recruitment.models import (  # noqa: E402, F401
    Application,
    ApplicationStatusChange,
    Appointment,
    Assessment,
    Interview,
    Vacancy,
    VacancyStatusChange,
)
