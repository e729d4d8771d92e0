"""Sending notification e-mails and the daily digest."""

from celery import shared_task
from django.utils import timezone

from adviesraad.mail import mail_task_options

from . import selectors, services


@shared_task(
    name="adviesraad.notifications.tasks.send_notification_email",
    **mail_task_options(time_limit=120),
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
