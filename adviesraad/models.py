"""Cross-cutting records: the append-only audit log and the worker heartbeat."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """Who did what to which object, when, in which request (docs/rules.md, S21).

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger refuses them
    in the database too (migration 0002).
    """

    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,  # the record outlives the user row
    )
    actor_label = models.CharField(_("door (naam)"), max_length=200, blank=True)
    action = models.CharField(_("actie"), max_length=80, db_index=True)
    object_type = models.CharField(_("objecttype"), max_length=80, blank=True, db_index=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        permissions = [("view_audit_log", _("Mag het auditlog bekijken"))]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class Heartbeat(models.Model):
    """Written by the periodic ``heartbeat`` task: proves beat and a worker are alive."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
