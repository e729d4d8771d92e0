"""Theme dossiers, signals, advices, versions, ballots, votes and college responses.

DESIGN.md §2 (adviezen/). State machines are data: each model with a status has a
``TRANSITIONS`` table and ``can_transition_to()``; only ``adviezen.services`` changes a status.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import WorkingGroup

Domain = WorkingGroup.Domain


class Dossier(models.Model):
    """A theme dossier: proposed by a working group, reviewed by the chair (duplicate check)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ACCEPTED = "accepted", _("geaccepteerd")
        REJECTED = "rejected", _("afgewezen (dubbel)")
        CLOSED = "closed", _("gesloten")

    TRANSITIONS = {
        Status.PROPOSED: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: {Status.CLOSED},
        Status.REJECTED: set(),
        Status.CLOSED: set(),
    }

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    working_group = models.ForeignKey(
        "members.WorkingGroup",
        verbose_name=_("werkgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanspreekpunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_dossiers",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("dubbel met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    review_note = models.TextField(_("toelichting beoordeling"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("themadossier")
        verbose_name_plural = _("themadossiers")
        permissions = [
            ("propose_dossier", _("Mag een themadossier voorstellen")),
            ("review_dossier", _("Mag themadossiers beoordelen")),
        ]

    def __str__(self) -> str:
        return self.title

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())


class Signal(models.Model):
    """A signal from a resident, a member or an organisation (DESIGN.md §2).

    Individual cases are never handled: they are referred to the district team (*wijkteam*).
    A resident's contact details are visible to the secretary and chair only and erased after the
    council's retention period (``signal_retention_days``).
    """

    class Source(models.TextChoices):
        RESIDENT = "resident", _("inwoner")
        MEMBER = "member", _("lid van de raad")
        ORGANISATION = "organisation", _("organisatie")

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        INVESTIGATING = "investigating", _("in onderzoek")
        ON_AGENDA = "on_agenda", _("geagendeerd")
        LINKED = "linked", _("gekoppeld aan dossier")
        REFERRED = "referred", _("doorverwezen naar wijkteam")
        CLOSED = "closed", _("afgesloten")

    TRANSITIONS = {
        Status.NEW: {
            Status.INVESTIGATING,
            Status.ON_AGENDA,
            Status.LINKED,
            Status.REFERRED,
            Status.CLOSED,
        },
        Status.INVESTIGATING: {Status.ON_AGENDA, Status.LINKED, Status.REFERRED, Status.CLOSED},
        Status.ON_AGENDA: {Status.LINKED, Status.CLOSED},
        Status.LINKED: {Status.ON_AGENDA, Status.CLOSED},
        Status.REFERRED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    OPEN_STATUSES = (Status.NEW, Status.INVESTIGATING)

    source = models.CharField(_("afkomstig van"), max_length=20, choices=Source.choices)
    title = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("wat is er aan de hand"), max_length=5000)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="new")
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    contact_name = models.CharField(_("naam"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), max_length=254, blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    contact_erased_at = models.DateTimeField(_("contactgegevens gewist op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    triage_note = models.TextField(_("notitie"), blank=True)
    reply_sent_at = models.DateTimeField(_("standaardantwoord verstuurd"), null=True, blank=True)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        permissions = [
            ("record_signal", _("Mag signalen vastleggen")),
            ("triage_signal", _("Mag signalen behandelen")),
            ("view_signal_contact", _("Mag contactgegevens van signalen zien")),
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return self.title

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


class SignalTransition(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    def from_label(self) -> str:
        return Signal.Status(self.from_status).label if self.from_status else ""

    def to_label(self) -> str:
        return Signal.Status(self.to_status).label


class Advice(models.Model):
    """An advice to the college: requested or unsolicited, formal or an informal recommendation.

    The workflow (DESIGN.md §2) is the ``TRANSITIONS`` table; see ``can_transition_to`` for
    the kind-dependent end of the line (formal: approved → sent → published; informal:
    approved → published as a short note or shared with the members only).
    """

    class Origin(models.TextChoices):
        REQUESTED = "requested", _("gevraagd")
        UNSOLICITED = "unsolicited", _("ongevraagd")

    class Kind(models.TextChoices):
        FORMAL = "formal", _("formeel advies")
        INFORMAL = "informal", _("informele aanbeveling")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("adviesaanvraag")
        INITIATED = "initiated", _("geïnitieerd")
        PREPARATION = "preparation", _("in voorbereiding")
        DRAFT = "draft", _("concept")
        CONSULTATION = "consultation", _("in consultatie")
        VOTING = "voting", _("ter stemming")
        APPROVED = "approved", _("vastgesteld")
        SENT = "sent", _("verzonden")
        PUBLISHED = "published", _("gepubliceerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    S = Status
    TRANSITIONS = {
        S.REQUESTED: {S.PREPARATION, S.WITHDRAWN},
        S.INITIATED: {S.PREPARATION, S.WITHDRAWN},
        S.PREPARATION: {S.DRAFT, S.WITHDRAWN},
        S.DRAFT: {S.CONSULTATION, S.VOTING, S.APPROVED, S.WITHDRAWN},
        S.CONSULTATION: {S.DRAFT, S.VOTING, S.APPROVED, S.WITHDRAWN},
        S.VOTING: {S.DRAFT, S.APPROVED, S.WITHDRAWN},
        S.APPROVED: {S.SENT, S.PUBLISHED, S.WITHDRAWN},
        S.SENT: {S.PUBLISHED},
        S.PUBLISHED: set(),
        S.WITHDRAWN: set(),
    }
    DRAFTING = (S.PREPARATION, S.DRAFT, S.CONSULTATION, S.VOTING)
    PUBLIC = (S.PUBLISHED,)

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam in de URL"), max_length=90, unique=True)
    reference = models.CharField(_("kenmerk"), max_length=30, unique=True)
    origin = models.CharField(_("aanleiding"), max_length=20, choices=Origin.choices)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.FORMAL)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("themadossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advices",
    )
    working_group = models.ForeignKey(
        "members.WorkingGroup",
        verbose_name=_("werkgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advices",
    )
    signal = models.ForeignKey(
        Signal,
        verbose_name=_("naar aanleiding van signaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advices",
    )
    request_date = models.DateField(_("datum adviesaanvraag"), null=True, blank=True)
    deadline = models.DateField(_("uiterste datum advies"), null=True, blank=True)
    request_document = models.FileField(
        _("adviesaanvraag (document)"), upload_to="adviezen/aanvragen/", blank=True
    )
    request_document_name = models.CharField(max_length=200, blank=True)
    summary = models.TextField(_("samenvatting"), blank=True, max_length=2000)
    # The text of the approved version, nh3-sanitised (copied from the version when approved).
    final_text = models.TextField(blank=True)
    approved_version = models.ForeignKey(
        "AdviceVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    chair_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chair_approval_reason = models.TextField(blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    letter_date = models.DateField(null=True, blank=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    letter_pdf = models.FileField(upload_to="adviezen/brieven/", blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    is_public = models.BooleanField(_("zichtbaar op de website"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        permissions = [
            ("view_internal", _("Mag adviezen intern lezen")),
            ("consult_advice", _("Mag adviezen in consultatie lezen")),
            ("comment_advice", _("Mag reageren op conceptadviezen")),
            ("write_advice", _("Mag conceptversies schrijven")),
            ("manage_advice", _("Mag adviezen beheren, verzenden en publiceren")),
            ("manage_ballot", _("Mag stemmingen openen en sluiten")),
            ("approve_advice", _("Mag adviezen op eigen gezag vaststellen en ondertekenen")),
            ("cast_vote", _("Mag stemmen over adviezen")),
        ]
        indexes = [
            models.Index(fields=["is_public", "-published_at"], name="advice_public_idx"),
            # The public list, its count, the year filter and the latest advices on the home
            # page: a partial index SQLite can use too (it cannot use the one above for the
            # bare boolean; status leads so its planner prefers this one).
            models.Index(
                fields=["status", "-published_at", "-id"],
                condition=models.Q(is_public=True),
                name="advice_public_latest_idx",
            ),
            models.Index(fields=["status", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def can_transition_to(self, status: str) -> bool:
        if status not in self.TRANSITIONS.get(self.status, set()):
            return False
        if self.status == self.S.APPROVED and status == self.S.SENT:
            return self.kind == self.Kind.FORMAL
        if self.status == self.S.APPROVED and status == self.S.PUBLISHED:
            return self.kind == self.Kind.INFORMAL
        return True

    @property
    def is_formal(self) -> bool:
        return self.kind == self.Kind.FORMAL


class AdviceTransition(models.Model):
    """Audit trail of the advice workflow: who, when, from, to."""

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    def from_label(self) -> str:
        return Advice.Status(self.from_status).label if self.from_status else ""

    def to_label(self) -> str:
        return Advice.Status(self.to_status).label


class AdviceVersion(models.Model):
    """One draft text. ``text`` is HTML sanitised with nh3 by the service that saves it."""

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("tekst"))
    change_note = models.CharField(_("wat is er veranderd"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["advice", "number"]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        constraints = [
            models.UniqueConstraint(fields=["advice", "number"], name="advice_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.advice.reference} v{self.number}"


class Comment(models.Model):
    version = models.ForeignKey(AdviceVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("reactie"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def __str__(self) -> str:
        return self.text[:50]


class Ballot(models.Model):
    """A vote on one version. Eligible voters are frozen in ``BallotVoter`` when it opens."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    class Outcome(models.TextChoices):
        CARRIED = "carried", _("aangenomen")
        NOT_CARRIED = "not_carried", _("niet aangenomen")
        SUPERSEDED = "superseded", _("vervallen (vastgesteld door de voorzitter)")

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="ballots")
    version = models.ForeignKey(AdviceVersion, on_delete=models.PROTECT, related_name="ballots")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_on = models.DateField()
    deadline = models.DateTimeField(_("sluit op"), null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ballots",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agendapunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ballots",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The council's rule as it stood when the ballot opened.
    threshold_percent = models.PositiveSmallIntegerField()
    basis = models.CharField(max_length=10)
    quorum_percent = models.PositiveSmallIntegerField()
    eligible_count = models.PositiveSmallIntegerField(default=0)
    yes_count = models.PositiveSmallIntegerField(default=0)
    against_count = models.PositiveSmallIntegerField(default=0)
    abstain_count = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")
        constraints = [
            models.UniqueConstraint(
                fields=["advice"], condition=Q(status="open"), name="ballot_one_open_per_advice"
            )
        ]

    def __str__(self) -> str:
        return f"{self.advice.reference} v{self.version.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class BallotVoter(models.Model):
    """An eligible voter, frozen when the ballot opened."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="voters")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="ballot_voter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}/{self.member_id}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("voor")
        AGAINST = "against", _("tegen")
        ABSTAIN = "abstain", _("onthouding")

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advice_votes"
    )
    choice = models.CharField(max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ballot", "member"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="vote_one_per_member"),
            models.CheckConstraint(
                condition=Q(choice__in=["yes", "against", "abstain"]), name="vote_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}/{self.member_id}: {self.choice}"


class CollegeResponse(models.Model):
    """The college's reply to an advice."""

    advice = models.OneToOneField(Advice, on_delete=models.CASCADE, related_name="response")
    received_on = models.DateField(_("ontvangen op"))
    summary = models.TextField(_("samenvatting van de reactie"), max_length=5000)
    document = models.FileField(_("document"), upload_to="adviezen/reacties/", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reactie van het college")
        verbose_name_plural = _("reacties van het college")

    def __str__(self) -> str:
        return f"{self.advice_id} {self.received_on}"


class AdviceDelivery(models.Model):
    """One row per advice letter sent: the unique constraint makes sending happen once."""

    advice = models.OneToOneField(Advice, on_delete=models.CASCADE, related_name="delivery")
    to = models.CharField(max_length=254)
    cc = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.advice_id} {self.sent_at}"
