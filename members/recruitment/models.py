"""Vacancies, applications, assessments, interviews and appointments (docs/rules.md, D30-D34).

Imported by ``members.models``, so these models belong to the ``members`` app and its
migrations. They refer to the other members models by name (``"members.Term"``) and never
import ``members.models`` (that would be an import cycle).

What an applicant typed (name, e-mail address, phone, motivation, CV) lives on
:class:`Application` only, and the committee's notes on :class:`Assessment`; erasure
(docs/rules.md, D33) blanks the one and deletes the other. ``str()`` of an application is its
number, never the name, because the audit log keeps ``str()`` of what it records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from adviesraad.transitions import StatusChange, StatusMachine


def _stored_name(instance, filename):  # the service passes a generated name
    return filename


class Vacancy(StatusMachine, models.Model):
    """A vacancy for one or more seats of one role, published on the public site.

    The selection committee is the secretary and the chair (by role: permission
    ``members.sit_on_every_committee``) plus the members named in ``committee``.
    """

    class Role(models.TextChoices):
        # the same values as ``Term.Role``: the appointment starts a term of this role
        MEMBER = "member", _("lid")
        CHAIR = "chair", _("voorzitter")

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        PUBLISHED = "published", _("gepubliceerd")
        CLOSED = "closed", _("gesloten")
        FILLED = "filled", _("vervuld")
        CANCELLED = "cancelled", _("ingetrokken")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED, Status.CANCELLED},
        Status.PUBLISHED: {Status.CLOSED, Status.CANCELLED},
        Status.CLOSED: {Status.PUBLISHED, Status.FILLED, Status.CANCELLED},
        Status.FILLED: set(),
        Status.CANCELLED: set(),
    }
    STATUS_HISTORY = "transitions"
    AUDIT_PREFIX = "vacancy"
    # What the public may see (the form only while the vacancy accepts applications).
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CLOSED, Status.FILLED)

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("adres op de website"), max_length=120, unique=True)
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    seats = models.PositiveSmallIntegerField(_("aantal zetels"), default=1)
    starts_on = models.DateField(
        _("zetel vrij per"),
        help_text=_(
            "De dag waarop de zetel vrijkomt; het nieuwe lid begint dan of zo snel mogelijk daarna."
        ),
    )
    closes_on = models.DateField(
        _("sluitingsdatum"), help_text=_("Tot en met deze dag kan iemand solliciteren.")
    )
    description = models.TextField(
        _("over de functie"),
        help_text=_("Wat doet een lid, hoeveel tijd kost het, welke vergoeding hoort erbij."),
    )
    profile = models.TextField(_("wie zoeken wij"), blank=True)
    knows_wmo = models.BooleanField(_("kennis van de Wmo"), default=False)
    knows_jeugdwet = models.BooleanField(_("kennis van de Jeugdwet"), default=False)
    knows_participatiewet = models.BooleanField(_("kennis van de Participatiewet"), default=False)
    lived_experience = models.BooleanField(_("ervaringsdeskundigheid"), default=False)
    neighbourhood = models.CharField(
        _("wijk of kern"),
        max_length=120,
        blank=True,
        help_text=_("Als de raad iemand zoekt die in een bepaalde wijk woont."),
    )
    committee = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leden van de selectiecommissie"),
        related_name="selection_committees",
        blank=True,
        help_text=_("De secretaris en de voorzitter zitten altijd in de commissie."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-closes_on", "-id"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        permissions = [
            ("manage_recruitment", _("Mag vacatures, benoemingen en het inwerken beheren")),
            ("view_vacancies", _("Mag vacatures bekijken")),
            ("sit_on_every_committee", _("Zit in elke selectiecommissie")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="vacancy_at_least_one_seat"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def profile_points(self) -> list[str]:
        """What the council looks for, as short phrases for the public page and the letter."""
        points = [
            (self.knows_wmo, _("kennis van de Wmo")),
            (self.knows_jeugdwet, _("kennis van de Jeugdwet")),
            (self.knows_participatiewet, _("kennis van de Participatiewet")),
            (self.lived_experience, _("ervaringsdeskundigheid")),
        ]
        result = [str(label) for wanted, label in points if wanted]
        if self.neighbourhood:
            result.append(str(_("woonachtig in %(wijk)s") % {"wijk": self.neighbourhood}))
        return result


class VacancyStatusChange(StatusChange):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="transitions")
    subject_field = "vacancy"

    class Meta(StatusChange.Meta):
        verbose_name = _("statuswijziging vacature")
        verbose_name_plural = _("statuswijzigingen vacatures")


class Application(StatusMachine, models.Model):
    """One person's application for a vacancy, moved by the committee (docs/rules.md, D32)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("ontvangen")
        INVITED = "invited", _("uitgenodigd")
        INTERVIEWED = "interviewed", _("gesprek gevoerd")
        PROPOSED = "proposed", _("voorgedragen")
        APPOINTED = "appointed", _("benoemd")
        NOT_SELECTED = "not_selected", _("niet geselecteerd")
        WITHDRAWN = "withdrawn", _("teruggetrokken")

    TRANSITIONS = {
        Status.RECEIVED: {Status.INVITED, Status.NOT_SELECTED, Status.WITHDRAWN},
        Status.INVITED: {Status.INTERVIEWED, Status.NOT_SELECTED, Status.WITHDRAWN},
        Status.INTERVIEWED: {Status.PROPOSED, Status.NOT_SELECTED, Status.WITHDRAWN},
        Status.PROPOSED: {Status.APPOINTED, Status.NOT_SELECTED, Status.WITHDRAWN},
        Status.APPOINTED: set(),
        Status.NOT_SELECTED: set(),
        Status.WITHDRAWN: set(),
    }
    FINAL = (Status.APPOINTED, Status.NOT_SELECTED, Status.WITHDRAWN)
    STATUS_HISTORY = "transitions"
    AUDIT_PREFIX = "application"

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacature"), on_delete=models.PROTECT, related_name="applications"
    )
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    motivation = models.TextField(_("motivatie"), blank=True)
    cv = models.FileField(_("cv"), upload_to=_stored_name, max_length=200, blank=True)
    cv_original_name = models.CharField(_("oorspronkelijke naam cv"), max_length=200, blank=True)
    cv_size = models.PositiveIntegerField(_("grootte cv (bytes)"), default=0)
    reserve_pool = models.BooleanField(_("reservepool"), default=False)
    consent_at = models.DateTimeField(_("toestemming gegeven op"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    rejection_sent_at = models.DateTimeField(null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid geworden als"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("sollicitatie")
        verbose_name_plural = _("sollicitaties")
        constraints = [
            # one application per address per vacancy, whatever the capitals (erased ones aside)
            models.UniqueConstraint(
                Lower("email"),
                F("vacancy"),
                condition=~Q(email=""),
                name="application_one_per_email",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Sollicitatie %(nr)s") % {"nr": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL


class ApplicationStatusChange(StatusChange):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    subject_field = "application"

    class Meta(StatusChange.Meta):
        verbose_name = _("statuswijziging sollicitatie")
        verbose_name_plural = _("statuswijzigingen sollicitaties")


class Assessment(models.Model):
    """A committee member's assessment of one application (one each, kept up to date)."""

    class Judgement(models.TextChoices):
        SUITABLE = "suitable", _("geschikt")
        DOUBT = "doubt", _("twijfel")
        UNSUITABLE = "unsuitable", _("niet geschikt")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    judgement = models.CharField(_("oordeel"), max_length=12, choices=Judgement.choices)
    note = models.TextField(_("toelichting"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["updated_at", "id"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "author"], name="assessment_one_per_author"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.get_judgement_display()}"


class Interview(models.Model):
    """A selection interview: a confidential meeting of kind *interview*. The applicant gets
    their own invitation only; the meeting's title never names them."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="interview"
    )
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("selectiegesprek")
        verbose_name_plural = _("selectiegesprekken")

    def __str__(self) -> str:
        return str(_("Selectiegesprek %(nr)s") % {"nr": self.pk})


class Appointment(models.Model):
    """The college's decision appointing a new member, and the term it started.

    Kept with the member (it is their appointment, not an application), so the applicant
    erasure leaves it alone.
    """

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacature"), on_delete=models.PROTECT, related_name="appointments"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    term = models.OneToOneField(
        "members.Term", null=True, on_delete=models.SET_NULL, related_name="appointment"
    )
    decided_on = models.DateField(_("datum collegebesluit"))
    decision_document = models.FileField(
        _("collegebesluit"), upload_to=_stored_name, max_length=200
    )
    decision_original_name = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("benoeming")
        verbose_name_plural = _("benoemingen")

    def __str__(self) -> str:
        return f"{self.member} ({self.decided_on:%d-%m-%Y})"
