"""In-app notifications, how each person wants them delivered, and the daily digest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    EMAIL = "email", _("Direct per e-mail")
    DIGEST = "digest", _("In een dagelijks overzicht per e-mail")
    APP = "app", _("Alleen in de app")


class Notification(models.Model):
    """A message for one person, with a link to the object it is about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=60, db_index=True)
    title = models.CharField(_("titel"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    delivery = models.CharField(
        _("bezorging"), max_length=10, choices=Delivery.choices, default=Delivery.APP
    )
    # The e-mail is rendered when the notification is made (the context may hold model
    # instances), so the task that sends it needs only this row's id.
    email_subject = models.CharField(_("onderwerp e-mail"), max_length=300, blank=True)
    email_text = models.TextField(_("e-mail (tekst)"), blank=True)
    email_html = models.TextField(_("e-mail (html)"), blank=True)
    emailed_at = models.DateTimeField(_("gemaild"), null=True, blank=True)
    email_error = models.TextField(_("fout bij e-mailen"), blank=True)
    digested_at = models.DateTimeField(_("in overzicht verstuurd"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["delivery", "digested_at"], name="notification_digest"),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How one person wants notifications of one kind: e-mail now, daily digest or app only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("soort"), max_length=60)
    delivery = models.CharField(_("bezorging"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"


class DigestSent(models.Model):
    """One daily digest per person per day, however often the schedule fires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurd overzicht")
        verbose_name_plural = _("verstuurde overzichten")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
