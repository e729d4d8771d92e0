"""Meetings, agendas, documents, updates, attendance, minutes and action items (docs/rules.md,
D9-D11). A meeting's and its minutes' statuses are state machines (``TRANSITIONS``); only
``meetings.services`` moves them, through ``adviesraad.transitions``."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from adviesraad.transitions import StatusChange, StatusMachine

from .locations import Location  # a model of this app, in its own module for length


class Meeting(StatusMachine, models.Model):
    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenaire vergadering")
        ALDERMAN = "alderman", _("Overleg met de wethouder")
        MANAGEMENT = "management", _("Overleg met het management")
        WORKING_GROUP = "working_group", _("Kwartaaloverleg werkgroep")
        WORK_VISIT = "work_visit", _("Werkbezoek")
        TRAINING = "training", _("Training")
        INFORMAL = "informal", _("Informeel overleg")
        INTERVIEW = "interview", _("Selectiegesprek")  # confidential (members.recruitment)

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        AGENDA_SENT = "agenda_sent", _("agenda verstuurd")
        HELD = "held", _("gehouden")
        MINUTES_APPROVED = "minutes_approved", _("notulen vastgesteld")
        CANCELLED = "cancelled", _("geannuleerd")

    TRANSITIONS: ClassVar[dict[str, set[str]]] = {
        Status.DRAFT: {Status.AGENDA_SENT, Status.HELD, Status.CANCELLED},
        Status.AGENDA_SENT: {Status.HELD, Status.CANCELLED},
        Status.HELD: {Status.MINUTES_APPROVED},
        Status.MINUTES_APPROVED: set(),
        Status.CANCELLED: set(),  # kept, with its status, on every page (issue 13.15)
    }
    STATUS_HISTORY = "status_changes"
    AUDIT_ACTION = "meeting.status_changed"  # the audit log's name for every step
    # The agenda can be changed until the meeting has been held.
    AGENDA_EDITABLE = {Status.DRAFT, Status.AGENDA_SENT}
    HELD = {Status.HELD, Status.MINUTES_APPROVED}  # counted as held (overview, annual report)

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    title = models.CharField(_("titel"), max_length=200)
    start = models.DateTimeField(_("begin"), db_index=True)
    end = models.DateTimeField(_("einde"))
    location = models.ForeignKey(
        Location,
        verbose_name=_("locatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    is_public = models.BooleanField(_("openbaar"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    agenda_sent_at = models.DateTimeField(_("agenda verstuurd op"), null=True, blank=True)
    description = models.TextField(_("toelichting"), blank=True)
    working_group = models.ForeignKey(
        "members.WorkingGroup",
        verbose_name=_("werkgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        permissions = [
            ("manage_meetings", _("Mag vergaderingen, agenda's en notulen beheren")),
            ("view_internal_meetings", _("Mag interne vergaderingen en stukken bekijken")),
            ("post_update", _("Mag een update voor de vergadering plaatsen")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="meeting_end_after_start"),
        ]
        indexes = [models.Index(fields=["is_public", "start"], name="meeting_public_start")]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%d-%m-%Y})"

    @property
    def agenda_editable(self) -> bool:
        return self.status in self.AGENDA_EDITABLE

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class MeetingStatusChange(StatusChange):
    """One step of a meeting's status (written by ``adviesraad.transitions.transition``)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="status_changes")

    subject_field = "meeting"


class Guest(models.Model):
    """An invited guest (external organisation) who receives the agenda pack."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("naam"), max_length=120)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    # when the notice that the meeting is cancelled went out (sent at most once)
    cancel_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("gast")
        verbose_name_plural = _("gasten")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else str(self.name)


class AgendaItem(models.Model):
    class Section(models.TextChoices):
        OPENING = "opening", _("Opening")
        UPDATES = "updates", _("Updates")
        KNOWLEDGE = "knowledge", _("Kennisoverdracht")
        ADVICES = "advices", _("Adviezen")
        SIGNALS = "signals", _("Signalen")
        OTHER = "other", _("Wat verder ter tafel komt")
        CLOSING = "closing", _("Sluiting")

    SECTION_ORDER = [s.value for s in Section]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(
        _("onderdeel"), max_length=20, choices=Section.choices, default=Section.OTHER
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("titel"), max_length=200)
    presenter = models.CharField(_("inleider"), max_length=120, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=10)
    is_public = models.BooleanField(_("openbaar"), default=True)
    description = models.TextField(_("toelichting"), blank=True)
    decision = models.TextField(_("besluit / verslag"), blank=True)
    advice = models.ForeignKey(
        "adviezen.Advice",
        verbose_name=_("advies"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    dossier = models.ForeignKey(
        "adviezen.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    signal = models.ForeignKey(
        "adviezen.Signal",
        verbose_name=_("signaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__lte=600), name="agendaitem_duration_max"
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)


def _document_path(instance, filename):  # storage name is set by the service
    return filename


class Document(models.Model):
    """A file on a meeting or one of its agenda items, public or confidential."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=_document_path, max_length=200)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    is_public = models.BooleanField(_("openbaar"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self) -> str:
        return str(self.title)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("aanwezig")
        EXCUSED = "excused", _("afgemeld")
        ABSENT = "absent", _("afwezig")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("aanwezigheid"), max_length=10, choices=Status.choices)
    note = models.CharField(_("opmerking"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "member"]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.meeting}: {self.get_status_display()}"


class Minutes(StatusMachine, models.Model):
    """General notes of a meeting; decisions are on the agenda items. Approved at a later meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        APPROVED = "approved", _("vastgesteld")

    TRANSITIONS: ClassVar[dict[str, set[str]]] = {
        Status.DRAFT: {Status.APPROVED},
        Status.APPROVED: set(),
    }  # then final; the audit log is their status history
    AUDIT_ACTION = "minutes.{to}"  # minutes.approved

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    notes = models.TextField(_("algemene aantekeningen"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approval_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("vast te stellen in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_to_approve",
    )
    approved_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notulen")
        verbose_name_plural = _("notulen")

    def __str__(self) -> str:
        return f"Notulen {self.meeting}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", null=True, blank=True
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    done = models.BooleanField(_("afgerond"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "due_date", "id"]
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")

    def __str__(self) -> str:
        return str(self.description)


class Update(models.Model):
    """A member's or working group's short bullet-point update before a plenary."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_updates"
    )
    working_group = models.ForeignKey(
        "members.WorkingGroup",
        verbose_name=_("namens werkgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("update"), help_text=_("Eén punt per regel."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self) -> str:
        return f"Update {self.author} – {self.meeting}"

    @property
    def bullets(self) -> list[str]:
        return [
            line.strip().lstrip("-*•").strip() for line in self.text.splitlines() if line.strip()
        ]


class AgendaPackSending(models.Model):
    """One sending of the agenda pack; the task works from this row (status guard)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("mislukt")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sendings")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    snapshot = models.JSONField(default=dict)
    changes = models.JSONField(default=list)
    delivered = models.JSONField(default=list)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verzending agendapakket")
        verbose_name_plural = _("verzendingen agendapakket")

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.created_at:%Y-%m-%d %H:%M} {self.status}"
