"""Advices to the college, their versions, comments, the college's response and the sending.

The advice workflow (docs/rules.md, D15) is the ``TRANSITIONS`` table on :class:`Advice`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from adviesraad.transitions import StatusChange, StatusMachine
from members.models import WorkingGroup

from .dossiers import Dossier
from .signals import Signal

Domain = WorkingGroup.Domain


class Advice(StatusMachine, models.Model):
    """An advice to the college: requested or unsolicited, formal or an informal recommendation.

    The workflow is the ``TRANSITIONS`` table; see ``can_transition_to`` for
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
    STATUS_HISTORY = "transitions"
    AUDIT_PREFIX = "advice"
    DRAFTING = (S.PREPARATION, S.DRAFT, S.CONSULTATION, S.VOTING)
    NOT_YET_SENT = (S.REQUESTED, S.INITIATED, *DRAFTING, S.APPROVED)

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
        """The table, plus the kind-dependent end of the line: from *vastgesteld* a formal
        advice is sent (then published), an informal recommendation is published at once."""
        if not super().can_transition_to(status):
            return False
        if self.status == self.S.APPROVED and status == self.S.SENT:
            return self.kind == self.Kind.FORMAL
        if self.status == self.S.APPROVED and status == self.S.PUBLISHED:
            return self.kind == self.Kind.INFORMAL
        return True

    @property
    def is_formal(self) -> bool:
        return self.kind == self.Kind.FORMAL


class AdviceTransition(StatusChange):
    """Audit trail of the advice workflow: who, when, from, to."""

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="transitions")

    subject_field = "advice"


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
