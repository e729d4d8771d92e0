"""One way to change a status: the state machines of dossiers, signals, advices, meetings,
budget years and declarations all move through :func:`transition`.

A state machine is data on its model (docs/architecture.md, "Where rules live"): a ``TRANSITIONS``
table from each status to the statuses it may move to, read by ``can_transition_to()``
(:class:`StatusMachine`). A service that moves an object:

1. locks the row with :func:`locked` inside ``transaction.atomic``;
2. calls :func:`transition`, which checks the table, writes a row in the model's status
   history (a subclass of :class:`StatusChange`, found through ``STATUS_HISTORY``) and an
   audit entry, and sets the new status;
3. changes what else the step changes and saves.

A refused step raises the app's ``DomainError`` subclass with a Dutch message, which the
view shows; nothing is written.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import audit_record
from .errors import DomainError

M = TypeVar("M", bound=models.Model)


class StatusMachine:
    """Mixin for a model with a ``status`` field and a ``TRANSITIONS`` table.

    ``STATUS_HISTORY`` names the reverse relation of its :class:`StatusChange` model (for
    example ``"transitions"``), or is empty when the audit log is the only history.
    ``AUDIT_PREFIX`` is the first part of the audit action (``advice`` → ``advice.status``).
    ``AUDIT_ACTION`` is the audit action's pattern: ``{prefix}`` is the prefix and ``{to}`` the
    new status, so a model whose log names each step keeps its names (``"dossier.{to}"`` →
    ``dossier.accepted``); the default is ``"{prefix}.status"``.
    """

    TRANSITIONS: ClassVar[dict[str, set[str]]] = {}
    STATUS_HISTORY: ClassVar[str] = ""
    AUDIT_PREFIX: ClassVar[str] = ""
    AUDIT_ACTION: ClassVar[str] = "{prefix}.status"

    status: Any

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    def status_label(self, status: str) -> str:
        field = self._meta.get_field("status")  # type: ignore[attr-defined]
        return str(dict(field.flatchoices).get(status, status))


class StatusChange(models.Model):
    """One step of a state machine: from, to, who, when, why. Subclasses add the foreign key
    to the object that moved, with ``related_name`` equal to the object's ``STATUS_HISTORY``."""

    from_status = models.CharField(gettext_lazy("van"), max_length=20, blank=True)
    to_status = models.CharField(gettext_lazy("naar"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("door"),
    )
    at = models.DateTimeField(gettext_lazy("op"), auto_now_add=True)
    note = models.CharField(gettext_lazy("toelichting"), max_length=500, blank=True)

    #: the name of the foreign key to the object that moved (set by subclasses)
    subject_field: ClassVar[str] = ""

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"

    def _subject(self) -> StatusMachine:
        return getattr(self, self.subject_field)

    def from_label(self) -> str:
        return self._subject().status_label(self.from_status) if self.from_status else ""

    def to_label(self) -> str:
        return self._subject().status_label(self.to_status)


def locked(obj: M) -> M:
    """The object's row again, locked until the transaction ends (``select_for_update``)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def transition(
    obj: StatusMachine,
    *,
    to: str,
    by: Any,
    note: str = "",
    error: type[DomainError] = DomainError,
    audit_data: dict | None = None,
) -> str:
    """Move ``obj`` to ``to`` along its ``TRANSITIONS`` table; returns the old status.

    Writes the status-history row (when the model keeps one) and the audit entry
    ``<AUDIT_PREFIX>.status`` (or the model's ``AUDIT_ACTION``) with from and to (plus
    ``audit_data``), then sets
    ``obj.status``. The caller holds the row lock, changes what else the step changes, and
    saves. A step the table does not allow raises ``error`` and writes nothing.
    """
    old = obj.status
    if not obj.can_transition_to(to):
        raise error(
            _("Dit kan niet: de status is '%(van)s' en kan niet naar '%(naar)s'.")
            % {"van": obj.status_label(old), "naar": obj.status_label(to)}
        )
    if obj.STATUS_HISTORY:
        getattr(obj, obj.STATUS_HISTORY).create(
            from_status=old or "",
            to_status=to,
            by=by if getattr(by, "pk", None) else None,
            note=(note or "")[:500],
        )
    prefix = obj.AUDIT_PREFIX or type(obj)._meta.model_name  # type: ignore[attr-defined]
    audit_record(
        actor=by,
        action=obj.AUDIT_ACTION.format(prefix=prefix, to=to),
        obj=obj,  # type: ignore[arg-type]
        data={"from": old, "to": to, **(audit_data or {})},
    )
    obj.status = to
    return old
