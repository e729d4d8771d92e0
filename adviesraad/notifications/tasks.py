"""Sending notification e-mails and the daily digest."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import selectors, services


@shared_task(
    name="adviesraad.notifications.tasks.send_notification_email",
    acks_late=True,
    autoretry_for=(OSError,),  # the mail server down or refusing: try again later
    retry_backoff=settings.MAIL_RETRY_SECONDS,
    retry_backoff_max=15 * 60,
    retry_jitter=False,
    max_retries=settings.MAIL_RETRIES,
    time_limit=120,
    soft_time_limit=100,
)
def send_notification_email(notification_id: int) -> bool:
    """Send one notification's e-mail; a second run sends nothing (``emailed_at`` guard)."""
    return services.notification_email_send(notification_id=notification_id)


@shared_task(
    name="adviesraad.notifications.tasks.send_digests",
    acks_late=True,
    time_limit=15 * 60,
    soft_time_limit=14 * 60,
)
def send_digests() -> int:
    """Send every waiting daily digest (17:00); one per person per Europe/Amsterdam day."""
    today = timezone.localdate()
    sent = 0
    for user in selectors.digest_recipients():
        if services.digest_send(user=user, day=today):
            sent += 1
    return sent
