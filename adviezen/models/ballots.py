"""Ballots on a version of an advice, their frozen voters and the votes (docs/rules.md,
D16, D17)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .advices import Advice, AdviceVersion


class Ballot(models.Model):
    """A vote on one version. Eligible voters are frozen in ``BallotVoter`` when it opens."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    class Outcome(models.TextChoices):
        CARRIED = "carried", _("aangenomen")
        NOT_CARRIED = "not_carried", _("niet aangenomen")
        SUPERSEDED = "superseded", _("vervallen (vastgesteld door de voorzitter)")

    class Tally(models.TextChoices):
        """How the votes are recorded (``rules.TALLY_*``, rules.may_vote_in_app)."""

        MEMBERS = "members", _("stemmen per lid")
        COUNTS = "counts", _("handopsteking, alleen de aantallen")

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
    tally = models.CharField(
        _("stemmen vastleggen"), max_length=10, choices=Tally.choices, default=Tally.MEMBERS
    )
    # A show of hands recorded as counts: when the secretary last recorded them (the counts
    # themselves are in yes/against/abstain_count).
    counts_recorded_at = models.DateTimeField(null=True, blank=True)
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
