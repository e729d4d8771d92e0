"""Making notifications, delivering them by e-mail or digest, and marking them read."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from adviesraad.errors import DomainError
from adviesraad.mail import build_email
from adviesraad.queue import enqueue

from .kinds import DEFAULT_DELIVERY, KINDS
from .models import Delivery, DigestSent, Notification, NotificationPreference

log = logging.getLogger(__name__)

GENERIC_EMAIL = "notifications/email/notification"
DIGEST_EMAIL = "notifications/email/digest"


class NotificationError(DomainError):
    pass


def _safe_url(url: str) -> str:
    """Only links inside the site: a path, never another host or ``javascript:``."""
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return ""


def delivery_for(*, user, kind: str) -> str:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return pref.delivery if pref else DEFAULT_DELIVERY


def deliveries_for(*, users, kind: str) -> dict[int, str]:
    """Each user's chosen delivery for ``kind`` by user id, in one query (for a service that
    tells many people at once, such as the agenda's sending)."""
    chosen = dict(
        NotificationPreference.objects.filter(
            user__in=[u.pk for u in users], kind=kind
        ).values_list("user_id", "delivery")
    )
    return {u.pk: chosen.get(u.pk, DEFAULT_DELIVERY) for u in users}


def notify(
    *,
    recipient,
    kind: str,
    title: str,
    url: str = "",
    email_template_prefix: str | None = None,
    context: dict[str, Any] | None = None,
) -> Notification | None:
    """Give ``recipient`` a notification and deliver it as they chose for ``kind``.

    The e-mail (Dutch, HTML and text) is rendered now, from ``email_template_prefix`` or the
    generic template, and sent after commit by a task that gets only the notification's id.
    Inactive people (and people without an address) get nothing: returns ``None``.
    """
    if not recipient.is_active or not recipient.email:
        return None
    delivery = delivery_for(user=recipient, kind=kind)
    notification = Notification(
        recipient=recipient,
        kind=kind[:60],
        title=title[:300],
        url=_safe_url(url),
        delivery=delivery,
    )
    if delivery == Delivery.EMAIL:
        from django.conf import settings

        ctx = {
            **(context or {}),
            "notification": notification,
            "recipient": recipient,
            "title": notification.title,
            "absolute_url": settings.SITE_URL.rstrip("/") + notification.url
            if notification.url
            else "",
            "site_url": settings.SITE_URL,
        }
        try:
            message = build_email(
                template_prefix=email_template_prefix or GENERIC_EMAIL,
                context=ctx,
                to=[recipient.email],
            )
        except TemplateDoesNotExist:
            message = build_email(template_prefix=GENERIC_EMAIL, context=ctx, to=[recipient.email])
        html = message.alternatives[0][0] if message.alternatives else ""
        notification.email_subject = str(message.subject)
        notification.email_text = str(message.body)
        notification.email_html = html if isinstance(html, str) else ""
    notification.save()
    if delivery == Delivery.EMAIL:
        enqueue("adviesraad.notifications.tasks.send_notification_email", notification.pk)
    return notification


def notification_email_send(*, notification_id: int) -> bool:
    """Send the stored e-mail of one notification once; returns whether it was sent now."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives

    with transaction.atomic():
        n = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if n is None or n.emailed_at is not None or not n.email_subject:
            return False
        msg = EmailMultiAlternatives(
            subject=n.email_subject,
            body=n.email_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[n.recipient.email],
        )
        if n.email_html:
            msg.attach_alternative(n.email_html, "text/html")
        msg.send()
        n.emailed_at = timezone.now()
        n.email_error = ""
        n.save(update_fields=["emailed_at", "email_error"])
    return True


def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of ``user``'s notifications read (someone else's is not found)."""
    n = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if n is None:
        raise Notification.DoesNotExist
    if n.read_at is None:
        n.read_at = timezone.now()
        Notification.objects.filter(pk=n.pk, read_at__isnull=True).update(read_at=n.read_at)
    return n


def notification_mark_all_read(*, user) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return count


def preferences_save(*, user, choices: dict[str, str]) -> None:
    """Store ``{kind: delivery}`` for ``user``; unknown deliveries are refused."""
    valid = set(Delivery.values)
    for kind, delivery in choices.items():
        if delivery not in valid:
            raise NotificationError("Kies een geldige manier van bezorgen.", field=kind)
    with transaction.atomic():
        for kind, delivery in choices.items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind[:60], defaults={"delivery": delivery}
            )


def preference_kinds(*, user) -> list[str]:
    """Known kinds plus any other kind this person has received."""
    extra = (
        Notification.objects.filter(recipient=user)
        .exclude(kind__in=KINDS.keys())
        .values_list("kind", flat=True)
        .distinct()
    )
    return [*KINDS.keys(), *sorted(set(extra))]


def digest_send(*, user, day: datetime.date) -> int:
    """Send ``user`` one e-mail with their undigested notifications; once per day.

    Returns the number of notifications in the digest (0 when there was nothing, or the digest
    for ``day`` already went out).
    """
    from django.conf import settings

    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(recipient=user, delivery=Delivery.DIGEST, digested_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not pending:
            return 0
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=day, count=len(pending))
        except IntegrityError:
            return 0
        message = build_email(
            template_prefix=DIGEST_EMAIL,
            context={
                "recipient": user,
                "notifications": pending,
                "day": day,
                "site_url": settings.SITE_URL.rstrip("/"),
            },
            to=[user.email],
        )
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            digested_at=timezone.now()
        )
        # Sending inside the transaction: if the mail server refuses, nothing is marked sent.
        message.send()
    return len(pending)
