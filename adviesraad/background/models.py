"""Background work the secretary can see: the outbox, reminders sent, and a self-test row.

The outbox (docs/rules.md S17, S18, S20): every message for the broker is a row written in the same
transaction as the change that causes it; it is published after commit and, when the broker is
down, waits here until ``flush_outbox`` sends it. The row also records how the task ran (with a
heartbeat while it runs), so failures and stalled work are visible on ``/intern/achtergrond/``
and can be retried; ``flush_outbox`` sends work again that a dead worker or a lost queue left
behind (``rules.sweep_action``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_task_id() -> str:
    return str(uuid.uuid4())


class OutboxMessage(models.Model):
    """One task to run in the background, with its arguments (ids and short strings only)."""

    class State(models.TextChoices):
        PENDING = "pending", _("wacht op verzending")
        SENT = "sent", _("verzonden naar de wachtrij")
        RUNNING = "running", _("bezig")
        RETRYING = "retrying", _("wordt opnieuw geprobeerd")
        SUCCEEDED = "succeeded", _("klaar")
        FAILED = "failed", _("mislukt")
        STALLED = "stalled", _("vastgelopen")

    # Which states may move to which. Back to PENDING: a retry by hand (failed, stalled) or the
    # sweep sending again what a dead worker or a lost queue left behind (sent, running).
    TRANSITIONS = {
        State.PENDING: {State.SENT, State.RUNNING, State.SUCCEEDED, State.FAILED},
        State.SENT: {
            State.RUNNING,
            State.SUCCEEDED,
            State.FAILED,
            State.RETRYING,
            State.PENDING,
            State.STALLED,
        },
        State.RUNNING: {
            State.SUCCEEDED,
            State.FAILED,
            State.RETRYING,
            State.RUNNING,
            State.PENDING,
            State.STALLED,
        },
        State.RETRYING: {State.RUNNING, State.SUCCEEDED, State.FAILED},
        State.SUCCEEDED: set(),
        State.FAILED: {State.PENDING},
        State.STALLED: {State.PENDING, State.RUNNING, State.SUCCEEDED, State.FAILED},
    }

    task_name = models.CharField(_("taak"), max_length=200, db_index=True)
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    kwargs = models.JSONField(_("benoemde argumenten"), default=dict, blank=True)
    task_id = models.CharField(_("taak-id"), max_length=64, unique=True, default=new_task_id)
    state = models.CharField(
        _("status"), max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    publish_attempts = models.PositiveIntegerField(_("verzendpogingen"), default=0)
    resends = models.PositiveIntegerField(_("automatisch opnieuw verzonden"), default=0)
    run_attempts = models.PositiveIntegerField(_("uitvoerpogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    worker = models.CharField(_("uitgevoerd door"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("verzonden"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        permissions = [
            ("view_background_work", _("Mag achtergrondwerk bekijken en mislukte taken herhalen")),
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="outbox_state_created")]

    def __str__(self) -> str:
        return f"{self.task_name}({', '.join(map(str, self.args))}) [{self.state}]"

    @property
    def task_label(self) -> str:
        from .labels import task_label

        return task_label(self.task_name)

    @property
    def arg_ids(self) -> list[int]:
        """The task's numeric arguments (the ids of what it works on), for the page."""
        return [a for a in self.args if isinstance(a, int) and not isinstance(a, bool)]

    def can_transition_to(self, state: str) -> bool:
        return state in self.TRANSITIONS[self.State(self.state)]

    @property
    def is_failed(self) -> bool:
        return self.state == self.State.FAILED

    @property
    def is_stalled(self) -> bool:
        """Stalled, or running without a heartbeat for ``OUTBOX_STALE_SECONDS`` (not yet swept)."""
        from django.utils import timezone

        from .rules import is_stale

        if self.state == self.State.STALLED:
            return True
        return self.state == self.State.RUNNING and is_stale(
            started_at=self.started_at,
            heartbeat_at=self.heartbeat_at,
            now=timezone.now(),
            stale_after=settings.OUTBOX_STALE_SECONDS,
        )

    @property
    def may_retry(self) -> bool:
        """Whether the secretary may put this task back in the queue by hand."""
        from .rules import may_retry_by_hand

        return may_retry_by_hand(state=self.state, stalled=self.is_stalled)


class PeriodicTaskRun(models.Model):
    """The last run of each periodic task that beat sends (``CELERY_BEAT_SCHEDULE``).

    Written by the worker's signal handlers, so the secretary (and a test) can see that the
    schedule really runs: a task whose last success is old points at a stopped beat or worker.
    """

    task_name = models.CharField(_("taak"), max_length=200, unique=True)
    runs = models.PositiveIntegerField(_("keer gestart"), default=0)
    last_started_at = models.DateTimeField(_("laatst gestart"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("laatst gelukt"), null=True, blank=True)
    last_failed_at = models.DateTimeField(_("laatst mislukt"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["task_name"]
        verbose_name = _("geplande taak")
        verbose_name_plural = _("geplande taken")

    def __str__(self) -> str:
        return self.task_name

    @property
    def task_label(self) -> str:
        from .labels import task_label

        return task_label(self.task_name)


class ReminderSent(models.Model):
    """A reminder that went out: the unique key makes a second sweep send nothing (docs/rules.md S19)."""

    kind = models.CharField(_("soort"), max_length=60)
    object_type = models.CharField(_("objecttype"), max_length=80)
    object_id = models.CharField(_("object-id"), max_length=64)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    day = models.DateField(_("dag"))
    subject = models.CharField(_("onderwerp"), max_length=300, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    notification = models.ForeignKey(
        "notifications.Notification",
        verbose_name=_("melding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("verstuurd"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "recipient", "day"],
                name="reminder_sent_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}#{self.object_id} → {self.recipient_id} ({self.day})"


class SelfTestWrite(models.Model):
    """The effect of ``background.tasks.selftest_write``: one row per key, however often it runs.

    Used by the fault tests (a worker killed mid-task) and by an operator checking the worker.
    """

    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zelftest")
        verbose_name_plural = _("zelftests")

    def __str__(self) -> str:
        return self.key
